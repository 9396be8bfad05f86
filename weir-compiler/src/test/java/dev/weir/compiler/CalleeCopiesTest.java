package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Trap;
import dev.weir.compiler.internal.ChunkClass;
import dev.weir.compiler.internal.JvmCodeCompiler;
import dev.weir.text.Wat;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A function big enough for a class of its own (JvmCodeCompiler.ALONE_BYTES) calling small
 * functions of another chunk: its class carries private copies of them (CalleeCopies), which must
 * behave exactly like the originals, traps included, and must not replace them as entry points.
 */
class CalleeCopiesTest {
    private static final String WAT;

    static {
        StringBuilder big = new StringBuilder();
        for (int k = 0; k < 2500; k++) { // ~20 KB of Wasm: over ALONE_BYTES (16 KiB)
            big.append("(local.set $a (call $mix (local.get $a) (i32.const ").append(k).append(")))\n");
        }
        WAT = "(module\n"
                + "(func $mix (param $x i32) (param $k i32) (result i32)\n"
                + "  (if (i32.eq (local.get $k) (i32.const 2400)) (then (drop (call $check (local.get $x)))))\n"
                + "  (i32.add (i32.mul (local.get $x) (i32.const 31)) (local.get $k)))\n"
                + "(func $check (param $x i32) (result i32)\n"
                + "  (if (i32.eq (i32.and (local.get $x) (i32.const 7)) (i32.const 0)) (then (unreachable)))\n"
                + "  (local.get $x))\n"
                + "(func (export \"mix\") (param i32 i32) (result i32) (call $mix (local.get 0) (local.get 1)))\n"
                + "(func (export \"big\") (param $a i32) (result i32)\n" + big + "(local.get $a)))";
    }

    @Test
    void bigFunctionsClassCarriesCopiesOfItsSmallCallees() {
        WasmModule m = Wat.parse(WAT);
        List<ChunkClass> classes = JvmCodeCompiler.generate(m, WasmValidator.validate(m), false);
        ChunkClass bigClass = null;
        for (ChunkClass c : classes) {
            if (Arrays.stream(c.functions()).anyMatch(f -> f == 3)) {
                bigClass = c;
            }
        }
        assertTrue(bigClass != null, "function 3 was compiled");
        assertEquals(List.of(3), Arrays.stream(bigClass.functions()).boxed().toList(), "alone in its class");
        List<String> methods = methods(bigClass.bytes());
        assertTrue(methods.containsAll(List.of("f0", "f1", "f3")), "copies of $mix and $check: " + methods);
        assertFalse(methods.contains("b0"), "a copy has no bridge: the original stays the entry point");
        for (ChunkClass c : classes) { // the originals are still compiled and registered in their own class
            if (c != bigClass) {
                assertTrue(Arrays.stream(c.functions()).anyMatch(f -> f == 0), "original $mix");
            }
        }
    }

    @Test
    void copiesBehaveLikeTheOriginals() {
        BothEngines both = new BothEngines(WAT);
        both.same("mix", 5, 7);
        both.same("big", 1);
        both.same("big", 12345);
    }

    @Test
    void trapInACopyHasTheInterpretersStack() {
        BothEngines both = new BothEngines(WAT);
        int traps = 0;
        for (int n = 0; n < 64; n++) { // $check traps for one start in eight or so
            if (both.same("big", n).startsWith("trap")) {
                int start = n;
                Trap a = assertThrows(Trap.class, () -> both.interp.func("big").callInt(start));
                Trap b = assertThrows(Trap.class, () -> both.compiled.func("big").callInt(start));
                // the same frames at the same instructions (the trapping one, then the calls)
                assertEquals(a.wasmStackTrace().toString(), b.wasmStackTrace().toString());
                traps++;
            }
        }
        assertTrue(traps > 0 && traps < 64, traps + " of 64 starts trap");
    }

    private static List<String> methods(byte[] bytes) {
        List<String> names = new ArrayList<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                names.add(name);
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return names;
    }
}
