package dev.weir.bench.micro;

import dev.weir.Engine;
import dev.weir.HostFunction;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.bench.WasmFiles;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.Import;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to get from bytes to a running instance, microseconds per op, for a small module
 * ({@code examples/wasm/fib.wasm}) and a large one (the largest sightglass {@code benchmark.wasm}
 * under {@code BENCH_CORPUS_DIR}), on the interpreter and the compiler:
 * <ul>
 *   <li>{@code compile}: {@link Engine#compile(byte[])} — decode, validate and, with the compiler,
 *       generate and define the JVM classes. The interpreter pre-decodes bodies lazily, on first
 *       call, so its figure excludes that;</li>
 *   <li>{@code compileAndPredecode}: the same plus {@link Module#predecodeAll()}, the interpreter's
 *       "ready to run everything" cost;</li>
 *   <li>{@code instantiate}: a new {@link Store} and {@link Linker#instantiate} of the compiled
 *       module (memories, tables, globals, data and element segments). Function imports (WASI and
 *       sightglass's {@code bench.start/end}) are satisfied by stubs that trap if called; nothing
 *       is called.</li>
 * </ul>
 * Without a corpus, {@code module=large} fails in setup with a message naming {@code BENCH_CORPUS_DIR};
 * JMH reports it and goes on with the other parameters.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InstantiationBenchmark {
    public static final String SMALL = "small";
    public static final String LARGE = "large";

    @State(Scope.Thread)
    public static class Modules {
        @Param({SMALL, LARGE})
        public String module;

        @Param({MicroModules.INTERPRETER, MicroModules.COMPILER})
        public String engine;

        Engine weir;
        byte[] bytes;
        Module compiled;
        Linker linker;

        @Setup
        public void setUp() {
            weir = MicroModules.engine(engine);
            if (module.equals(SMALL)) {
                bytes = WasmFiles.example("fib.wasm");
            } else if (module.equals(LARGE)) {
                Path p = largestSightglass().orElseThrow(() -> new IllegalStateException(
                        "skipped: no sightglass/*/benchmark.wasm under " + WasmFiles.corpusDir().toAbsolutePath()
                                + " (set BENCH_CORPUS_DIR)"));
                bytes = WasmFiles.read(p);
            } else {
                throw new IllegalArgumentException("unknown module \"" + module + "\" (small or large)");
            }
            compiled = weir.compile(bytes);
            if (engine.equals(MicroModules.COMPILER) && !compiled.isCompiled()) {
                throw new IllegalStateException("engine=compiler but no function of the " + module + " module compiled");
            }
            linker = stubLinker(compiled);
            new InstantiationBenchmark().instantiate(this).store().close();
        }
    }

    /** The largest {@code sightglass/<program>/benchmark.wasm} in the corpus, if any. */
    public static Optional<Path> largestSightglass() {
        Path sightglass = WasmFiles.corpusDir().resolve("sightglass");
        if (!Files.isDirectory(sightglass)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(sightglass)) {
            // Largest first; ties broken by path so the choice is stable between runs.
            return dirs.map(d -> d.resolve("benchmark.wasm"))
                    .filter(Files::isRegularFile)
                    .max(Comparator.comparingLong(InstantiationBenchmark::size)
                            .thenComparing(Comparator.comparing(Path::toString).reversed()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sightglass, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p, e);
        }
    }

    /** A linker defining every function import of {@code m} as a stub that traps when called. */
    static Linker stubLinker(Module m) {
        Linker linker = new Linker();
        for (Import imp : m.imports()) {
            if (!(imp.type() instanceof ExternType.Func)) {
                throw new IllegalStateException("cannot stub import " + imp.module() + "." + imp.name()
                        + " of kind " + imp.kind() + ": only function imports are supported");
            }
            String what = imp.module() + "." + imp.name();
            HostFunction stub = (caller, s, r, b) -> {
                throw new UnsupportedOperationException("benchmark stub " + what + " called");
            };
            linker.define(imp.module(), imp.name(), m.funcType((ExternType.Func) imp.type()), stub);
        }
        return linker;
    }

    @Benchmark
    public Module compile(Modules s) {
        return s.weir.compile(s.bytes);
    }

    @Benchmark
    public Module compileAndPredecode(Modules s) {
        Module m = s.weir.compile(s.bytes);
        m.predecodeAll();
        return m;
    }

    @Benchmark
    public Instance instantiate(Modules s) {
        return s.linker.instantiate(s.weir.newStore(), s.compiled);
    }
}
