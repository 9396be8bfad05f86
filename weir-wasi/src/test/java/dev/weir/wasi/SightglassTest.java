package dev.weir.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.weir.Engine;
import dev.weir.HostFunction;
import dev.weir.Module;
import dev.weir.testsupport.TestSuites;
import dev.weir.wasm.FuncType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Whole-program test of decoder, interpreter and WASI: the sightglass benchmark programs under
 * BENCH_CORPUS_DIR (default ../shared/bench-corpus) run to completion with the expected stdout and
 * stderr ({@code <name>.stdout.expected}, {@code <name>.stderr.expected}). They import
 * {@code bench.start}/{@code bench.end} (no-ops here) and read their inputs from their directory,
 * preopened read-only as ".".
 *
 * <p>Programs that take more than ~20 s on the interpreter only run with {@code -Pslow-wasi}
 * ({@code -Dweir.slow=true}); they are reported as aborted otherwise, never skipped silently.
 */
class SightglassTest {
    /** Programs over ~20 s on the interpreter: seconds measured in one run (interpreter, dev container). */
    static final Map<String, Integer> SLOW = Map.of(
            "shootout/shootout-base64", 62,
            "shootout/shootout-ctype", 88,
            "shootout/shootout-ed25519", 1040,
            "shootout/shootout-fib2", 116,
            "shootout/shootout-heapsort", 38,
            "shootout/shootout-minicsv", 34,
            "shootout/shootout-seqhash", 500,
            "shootout/shootout-sieve", 118);

    @TestFactory
    Stream<DynamicTest> sightglass() throws IOException {
        Path root = TestSuites.locate(TestSuites.Suite.BENCH).resolve("sightglass");
        if (!Files.isDirectory(root)) {
            return Stream.of(DynamicTest.dynamicTest("sightglass", () -> Assumptions.abort(
                    "bench corpus not found at " + root.toAbsolutePath() + "; set BENCH_CORPUS_DIR to run it")));
        }
        boolean slow = Boolean.getBoolean("weir.slow");
        List<Path> wasms;
        try (Stream<Path> s = Files.walk(root, 2)) {
            wasms = s.filter(p -> p.toString().endsWith(".wasm")).sorted().collect(Collectors.toList());
        }
        Engine engine = Engine.create();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wasm : wasms) {
            String name = root.relativize(wasm).toString().replace(".wasm", "");
            tests.add(DynamicTest.dynamicTest(name, wasm.toUri(), () -> {
                Integer secs = SLOW.get(name);
                if (secs != null && !slow) {
                    Assumptions.abort("slow on the interpreter (~" + secs + " s): run with -Pslow-wasi");
                }
                long t0 = System.nanoTime();
                assertTimeoutPreemptively(Duration.ofMinutes(secs != null ? 60 : 5), () -> runOne(engine, wasm));
                System.out.printf("sightglass %-28s %6.1f s%n", name, (System.nanoTime() - t0) / 1e9);
            }));
        }
        return tests.stream();
    }

    static void runOne(Engine engine, Path wasm) throws IOException {
        String stem = wasm.getFileName().toString().replace(".wasm", "");
        Path dir = wasm.getParent();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder()
                .args(stem + ".wasm")
                .stdin(InputStream.nullInputStream()).stdout(out).stderr(err)
                .preopen(dir, ".", true)
                .build();
        Module module = engine.compile(wasm);
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger ends = new AtomicInteger();
        FuncType none = new FuncType(List.of(), List.of());
        int code = WasiRunner.run(engine, module, config, l -> {
            l.define("bench", "start", none, (HostFunction) (c, s, r, b) -> starts.incrementAndGet());
            l.define("bench", "end", none, (HostFunction) (c, s, r, b) -> ends.incrementAndGet());
        });
        assertEquals(0, code, () -> "exit code; stderr: " + err.toString(StandardCharsets.UTF_8));
        Path expOut = dir.resolve(stem + ".stdout.expected");
        Path expErr = dir.resolve(stem + ".stderr.expected");
        if (Files.exists(expOut)) {
            assertEquals(Files.readString(expOut), out.toString(StandardCharsets.UTF_8), "stdout");
        }
        if (Files.exists(expErr)) {
            assertEquals(Files.readString(expErr), err.toString(StandardCharsets.UTF_8), "stderr");
        }
        assertEquals(1, starts.get(), "bench.start calls");
        assertEquals(1, ends.get(), "bench.end calls");
    }
}
