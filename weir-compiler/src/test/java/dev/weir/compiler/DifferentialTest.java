package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.Value;
import dev.weir.wasm.Export;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every export of the example modules with the same argument sequences on the interpreter
 * and on the compiler and requires identical results, traps and final memory (SHA-256).
 */
class DifferentialTest {
    static final Path EXAMPLES = Path.of("..", "examples", "wasm");
    static final Engine INTERP = Engine.builder().compiler(false).build(); // the compiler is the default
    static final Engine COMPILER = Engine.builder().compiler(true).build();
    // small values: some exports are exponential (fib) or loop n times
    private static final long[] ARGS = {0, 1, 5, 12, 3, 2, 16};

    static Stream<String> examples() {
        return Stream.of("add", "fib", "loop_sum", "calls", "memcopy", "rust-raw", "c-exchange", "component-style",
                "wasm-bindgen-style", "assemblyscript");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void sameBehaviourOnBothEngines(String name) throws Exception {
        Path file = EXAMPLES.resolve(name + ".wasm");
        Assumptions.assumeTrue(Files.exists(file), "example not found: " + file);
        byte[] bytes = Files.readAllBytes(file);
        List<String> a = run(INTERP, bytes);
        List<String> b = run(COMPILER, bytes);
        assertTrue(COMPILER.compile(bytes).isCompiled(), name + " has compiled functions");
        assertEquals(a, b, name);
    }

    private static List<String> run(Engine engine, byte[] bytes) throws Exception {
        Module m = engine.compile(bytes);
        List<String> log = new ArrayList<>();
        try (Store store = engine.newStore()) {
            Linker linker = new Linker();
            linker.define("env", "abort", new FuncType(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32),
                    List.of()), (caller, s, r, base) -> {
                        throw new Trap("abort called");
                    });
            Instance inst = linker.instantiate(store, m);
            for (Export e : m.exports()) {
                if (e.kind() != ExternKind.FUNC) {
                    continue;
                }
                Func f = inst.func(e.name());
                FuncType t = f.type();
                for (int k = 0; k < ARGS.length; k++) {
                    Value[] args = new Value[t.params().size()];
                    for (int p = 0; p < args.length; p++) {
                        long v = ARGS[(k + p) % ARGS.length];
                        ValType pt = t.params().get(p);
                        args[p] = pt.equals(ValType.I64) ? Value.i64(v) : pt.equals(ValType.F32) ? Value.f32(v)
                                : pt.equals(ValType.F64) ? Value.f64(v) : Value.i32((int) v);
                    }
                    String out;
                    try {
                        out = List.of(f.call(args)).toString();
                    } catch (Trap trap) {
                        out = "trap: " + trap.getMessage();
                    }
                    log.add(e.name() + List.of(args) + " = " + out);
                }
            }
            for (Export e : m.exports()) {
                if (e.kind() == ExternKind.MEMORY) {
                    Memory mem = inst.memory(e.name());
                    byte[] all = mem.readBytes(0, (int) mem.byteSize());
                    log.add("memory " + e.name() + " sha256 "
                            + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all)));
                }
            }
        }
        return log;
    }
}
