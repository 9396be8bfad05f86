package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.compiler.internal.ChunkClass;
import dev.weir.compiler.internal.JvmCodeCompiler;
import dev.weir.wasm.Types;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Modules at scale: 10^5 functions (parallel chunks, calls across chunk boundaries), a function too
 * large for one JVM method (interpreted, never "Method too large"), and a chunk whose constant pool
 * overflows one class (split in halves). Times are printed, never asserted.
 */
class LargeModuleTest {
    static final Engine ENGINE = Engine.builder().compiler(true).build();
    static final int N = 100_000;

    /** f_i(x) = 3x + i, except every 1000th f_i(x) = f_{i-1}(x) + 1: a call into the previous chunk. */
    static byte[] manyFunctions() {
        return WasmBytes.module(N, i -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            if (i > 0 && i % 1000 == 0) {
                b.writeBytes(new byte[] {0x20, 0, 0x10});
                WasmBytes.leb(b, i - 1);
                b.writeBytes(new byte[] {0x41, 1, 0x6a});
            } else {
                b.writeBytes(new byte[] {0x20, 0, 0x41, 3, 0x6c, 0x41});
                WasmBytes.sleb(b, i);
                b.write(0x6a);
            }
            return b.toByteArray();
        }, 0, 999, 1000, 54_321, 99_000, 99_999);
    }

    static int expected(int i, int x) {
        return i > 0 && i % 1000 == 0 ? expected(i - 1, x) + 1 : 3 * x + i;
    }

    @Test
    void hundredThousandFunctionsCompileAndRun() {
        byte[] bytes = manyFunctions();
        long compiled0 = CompilerStats.compiled();
        long fallbacks0 = CompilerStats.fallbacks();
        long heap0 = usedHeapAfterGc();
        long t0 = System.nanoTime();
        Module m = ENGINE.compile(bytes);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long heap = usedHeapAfterGc() - heap0;
        System.out.printf("[scale] %d functions, %d KiB: decode+validate+compile %d ms (%d processors), "
                + "heap retained by the module %d MiB%n", N, bytes.length / 1024, ms,
                Runtime.getRuntime().availableProcessors(), heap >> 20);
        assertTrue(m.isCompiled());
        assertEquals(N, CompilerStats.compiled() - compiled0);
        assertEquals(0, CompilerStats.fallbacks() - fallbacks0);
        Instance inst = new Linker().instantiate(ENGINE.newStore(), m);
        for (int i : new int[] {0, 999, 1000, 54_321, 99_000, 99_999}) {
            assertEquals(expected(i, 7), inst.func("f" + i).callInt(7), "f" + i);
        }
    }

    @Test
    void parallelGenerationIsDeterministic() {
        WasmModule wm = WasmDecoder.decode(WasmBytes.module(5_500, i -> new byte[] {0x20, 0, 0x41, 5, 0x6a}, 0));
        Types types = WasmValidator.validate(wm);
        String old = System.getProperty("weir.compiler.parallel");
        List<ChunkClass> parallel = JvmCodeCompiler.generate(wm, types, false);
        System.setProperty("weir.compiler.parallel", "false");
        List<ChunkClass> serial;
        try {
            serial = JvmCodeCompiler.generate(wm, types, false);
        } finally {
            if (old == null) {
                System.clearProperty("weir.compiler.parallel");
            } else {
                System.setProperty("weir.compiler.parallel", old);
            }
        }
        assertEquals(6, parallel.size());
        assertEquals(serial.size(), parallel.size());
        for (int c = 0; c < serial.size(); c++) {
            assertArrayEquals(serial.get(c).functions(), parallel.get(c).functions());
            assertArrayEquals(serial.get(c).bytes(), parallel.get(c).bytes());
        }
    }

    @Test
    void longStraightLineFunctionIsCutIntoRuns() {
        // f0: 20000 x (x = x + k): far over the JVM's 64 KiB of bytecode per method, but the stack is
        // empty after every local.set, so it is cut into runs (RegionEmitter) and compiles
        byte[] bytes = WasmBytes.module(3, i -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            if (i == 0) {
                for (int k = 0; k < 20_000; k++) {
                    b.writeBytes(new byte[] {0x20, 0, 0x41});
                    WasmBytes.sleb(b, k);
                    b.writeBytes(new byte[] {0x6a, 0x21, 0});
                }
                b.writeBytes(new byte[] {0x20, 0});
            } else {
                b.writeBytes(new byte[] {0x20, 0, 0x10, 0}); // f1, f2 call f0
            }
            return b.toByteArray();
        }, 0, 1, 2);
        long tooLarge0 = CompilerStats.fallbackReasons().getOrDefault("method too large", 0L);
        long compiled0 = CompilerStats.compiled();
        long outlined0 = CompilerStats.outlinedBlocks();
        Module m = ENGINE.compile(bytes);
        assertEquals(0, CompilerStats.fallbackReasons().getOrDefault("method too large", 0L) - tooLarge0);
        assertEquals(3, CompilerStats.compiled() - compiled0);
        assertTrue(CompilerStats.outlinedBlocks() - outlined0 >= 20, "runs: " + (CompilerStats.outlinedBlocks() - outlined0));
        Instance inst = new Linker().instantiate(ENGINE.newStore(), m);
        int want = 5 + 20_000 * 19_999 / 2;
        for (int f = 0; f < 3; f++) {
            assertEquals(want, inst.func("f" + f).callInt(5));
        }
    }

    @Test
    void functionTooLargeForAJvmMethodRunsInTheInterpreter() {
        // f0: x + 0 + 1 + ... + 19999 as one expression: the stack is never empty, nothing can be cut
        byte[] bytes = WasmBytes.module(3, i -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            if (i == 0) {
                b.writeBytes(new byte[] {0x20, 0});
                for (int k = 0; k < 20_000; k++) {
                    b.write(0x41);
                    WasmBytes.sleb(b, k);
                    b.write(0x6a);
                }
            } else {
                b.writeBytes(new byte[] {0x20, 0, 0x10, 0}); // f1, f2 call f0
            }
            return b.toByteArray();
        }, 0, 1, 2);
        long tooLarge0 = CompilerStats.fallbackReasons().getOrDefault("method too large", 0L);
        long compiled0 = CompilerStats.compiled();
        Module m = ENGINE.compile(bytes);
        assertEquals(1, CompilerStats.fallbackReasons().getOrDefault("method too large", 0L) - tooLarge0);
        assertEquals(2, CompilerStats.compiled() - compiled0);
        Instance inst = new Linker().instantiate(ENGINE.newStore(), m);
        int want = 5 + 20_000 * 19_999 / 2;
        for (int f = 0; f < 3; f++) {
            assertEquals(want, inst.func("f" + f).callInt(5));
        }
    }

    /** f_i(x) = wrap(extend(x) ^ c_i0 ^ ... ^ c_i39): 40,000 distinct long constants overflow one constant pool. */
    static byte[] manyConstants(int count) {
        return WasmBytes.module(count, i -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(new byte[] {0x20, 0, (byte) 0xac});
            for (int k = 0; k < 40; k++) {
                b.write(0x42);
                WasmBytes.sleb(b, constant(i, k));
                b.write(0x85);
            }
            b.write(0xa7);
            return b.toByteArray();
        }, 0, 499, 500, 999);
    }

    static long constant(int i, int k) {
        return (i * 40L + k) * 0x1_0000_0001L + 0x1234_5678_9L;
    }

    @Test
    void chunkOverflowingTheConstantPoolIsSplit() {
        byte[] bytes = manyConstants(1000);
        WasmModule wm = WasmDecoder.decode(bytes);
        List<ChunkClass> classes = JvmCodeCompiler.generate(wm, WasmValidator.validate(wm), false);
        assertTrue(classes.size() > 1, "one chunk of 1000 functions should have been split");
        assertEquals(1000, classes.stream().mapToInt(c -> c.functions().length).sum());
        long compiled0 = CompilerStats.compiled();
        Module m = ENGINE.compile(bytes);
        assertEquals(1000, CompilerStats.compiled() - compiled0);
        Instance inst = new Linker().instantiate(ENGINE.newStore(), m);
        for (int i : new int[] {0, 499, 500, 999}) {
            long v = 123;
            for (int k = 0; k < 40; k++) {
                v ^= constant(i, k);
            }
            assertEquals((int) v, inst.func("f" + i).callInt(123));
        }
    }

    static long usedHeapAfterGc() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
