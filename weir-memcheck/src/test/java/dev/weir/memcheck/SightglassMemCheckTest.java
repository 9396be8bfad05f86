package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * No false positives on real programs: each sightglass benchmark ({@code sightglass/*}{@code
 * /benchmark.wasm}, C and Rust, with their default inputs) runs under memcheck with its expected
 * output and a report without a single error.
 *
 * <p>Leaks at exit: a block still allocated when the program exits is only an error when nothing
 * points to it any more ("definitely lost"); blocks the program still reaches from its static
 * data or live stack ("still reachable", e.g. a C program's global tables it never frees) are
 * listed but are not errors, as in Valgrind. So the test asserts zero errors including
 * definitely-lost leaks, and prints the still-reachable bytes.
 *
 * <p>Programs slower than ~30 s under memcheck on the interpreter only run with
 * {@code -Pslow-memcheck} ({@code -Dweir.slow=true}); they are reported as aborted otherwise.
 */
class SightglassMemCheckTest {
    /** Seconds measured under memcheck (interpreter, dev container). */
    static final Map<String, Integer> SLOW = Map.of("bz2", 33, "blake3-scalar", 20);

    @TestFactory
    Stream<DynamicTest> noErrorsOnSightglass() {
        Path root = Sightglass.root();
        if (root == null) {
            return Stream.of(DynamicTest.dynamicTest("sightglass", () -> Assumptions.abort(
                    "bench corpus not found; set BENCH_CORPUS_DIR to run the sightglass memcheck tests")));
        }
        boolean slow = Boolean.getBoolean("weir.slow");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wasm : Sightglass.benchmarks(root)) {
            String name = wasm.getParent().getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name, wasm.toUri(), () -> {
                Integer secs = SLOW.get(name);
                if (secs != null && !slow) {
                    Assumptions.abort("slow under memcheck (~" + secs + " s): run with -Dweir.slow=true");
                }
                long t0 = System.nanoTime();
                Report r = assertTimeoutPreemptively(Duration.ofMinutes(secs != null ? 60 : 5), () -> check(wasm));
                System.out.printf("memcheck sightglass %-16s %6.1f s  %d allocs, %d frees, still reachable %d bytes"
                        + " in %d blocks%n", name, (System.nanoTime() - t0) / 1e9, r.allocations(), r.frees(),
                        r.stillReachableBytes(), r.stillReachable().size());
            }));
        }
        return tests.stream();
    }

    private static Report check(Path wasm) throws Exception {
        Instrumented im = MemCheck.instrument(java.nio.file.Files.readAllBytes(wasm));
        AtomicReference<Sightglass.Output> out = new AtomicReference<>();
        Report r = Sightglass.checked(im, wasm, out::set);
        assertNull(r.trap(), () -> r.trap() + "\n" + out.get().stderr());
        String expOut = Sightglass.expected(wasm, "stdout");
        if (expOut != null) {
            assertEquals(expOut, out.get().stdout(), "stdout");
        }
        String expErr = Sightglass.expected(wasm, "stderr");
        if (expErr != null) {
            assertEquals(expErr, out.get().stderr(), "stderr");
        }
        assertTrue(r.errors().isEmpty(), r::toText);
        return r;
    }
}
