package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How much slower a guest runs under memcheck than plainly (both on the interpreter): prints the
 * slowdown factor; never asserts a time. The test measures one quick sightglass program
 * ({@code -Dmemcheck.overhead=NAME} picks another); {@code main} measures the given programs (all
 * quick ones by default) with one warm-up round each, for docs/memcheck.md:
 * <pre>
 * java -cp ... dev.weir.memcheck.OverheadReport [name...]
 * </pre>
 */
public class OverheadReport {
    /** One program's figures. */
    record Figure(String name, double plainSeconds, double memcheckSeconds, long allocations) {
        double factor() {
            return memcheckSeconds / plainSeconds;
        }

        @Override
        public String toString() {
            return String.format("%-16s plain %6.2f s   memcheck %6.2f s   slowdown x%.1f   (%d allocs)", name,
                    plainSeconds, memcheckSeconds, factor(), allocations);
        }
    }

    static Figure measure(Path wasm) throws IOException {
        String name = wasm.getParent().getFileName().toString();
        long t0 = System.nanoTime();
        Sightglass.Output plain = Sightglass.plain(wasm);
        long t1 = System.nanoTime();
        Instrumented im = MemCheck.instrument(Files.readAllBytes(wasm));
        AtomicReference<Sightglass.Output> out = new AtomicReference<>();
        Report r = Sightglass.checked(im, wasm, out::set);
        long t2 = System.nanoTime();
        assertEquals(plain.stdout(), out.get().stdout(), name + ": same output with and without memcheck");
        return new Figure(name, (t1 - t0) / 1e9, (t2 - t1) / 1e9, r.allocations());
    }

    @Test
    void printsTheSlowdownFactor() throws IOException {
        Path root = Sightglass.root();
        Assumptions.assumeTrue(root != null, "bench corpus not found; set BENCH_CORPUS_DIR");
        String name = System.getProperty("memcheck.overhead", "richards");
        Path wasm = root.resolve(name).resolve("benchmark.wasm");
        Assumptions.assumeTrue(Files.isRegularFile(wasm), wasm + " not found");
        Figure f = measure(wasm);
        System.out.println("memcheck overhead: " + f);
        assertTrue(f.factor() > 0);
    }

    public static void main(String[] args) throws IOException {
        Path root = Sightglass.root();
        if (root == null) {
            System.err.println("bench corpus not found; set BENCH_CORPUS_DIR");
            System.exit(2);
        }
        List<Path> programs = new ArrayList<>();
        if (args.length == 0) {
            for (Path p : Sightglass.benchmarks(root)) {
                if (!SightglassMemCheckTest.SLOW.containsKey(p.getParent().getFileName().toString())) {
                    programs.add(p);
                }
            }
        } else {
            for (String a : args) {
                programs.add(root.resolve(a).resolve("benchmark.wasm"));
            }
        }
        for (Path p : programs) {
            measure(p); // warm-up: JIT-compile the interpreter and the checker
            System.out.println(measure(p));
        }
    }
}
