package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Trap;
import dev.weir.text.Wat;
import dev.weir.wasm.WasmModule;
import java.util.Arrays;

/**
 * One module instantiated on the interpreter and on the compiler; {@link #same} runs an export on
 * both and requires the same results (raw slots) or the same trap message. Creating it asserts that
 * the compiler left no function to the interpreter.
 */
final class BothEngines {
    static {
        System.setProperty("weir.compiler.debug", "true");
    }

    static final Engine INTERP = Engine.builder().compiler(false).build(); // the compiler is the default
    static final Engine COMPILER = Engine.builder().compiler(true).build();

    final Instance interp;
    final Instance compiled;

    BothEngines(String wat) {
        WasmModule bin = Wat.parse(wat);
        long fallbacks = CompilerStats.fallbacks();
        Module cm = COMPILER.compile(bin);
        assertEquals(fallbacks, CompilerStats.fallbacks(),
                "every function compiles; fallback reasons so far: " + CompilerStats.fallbackReasons());
        compiled = new Linker().instantiate(COMPILER.newStore(), cm);
        interp = new Linker().instantiate(INTERP.newStore(), INTERP.compile(bin));
    }

    private static String run(Instance i, String name, long... args) {
        try {
            return Arrays.toString(i.func(name).callSlots(args));
        } catch (Trap t) {
            return "trap: " + t.getMessage();
        }
    }

    /** Runs {@code name} on both engines; returns the common outcome ("[slots...]" or "trap: message"). */
    String same(String name, long... args) {
        String a = run(interp, name, args);
        String b = run(compiled, name, args);
        assertEquals(a, b, name + Arrays.toString(args) + ": interpreter vs compiler");
        return b;
    }
}
