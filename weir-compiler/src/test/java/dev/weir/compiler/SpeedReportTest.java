package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Prints interpreter vs compiler times for fib(30) and the loop_sum kernels (after warm-up) and
 * checks the results. A rough report, not a benchmark: weir-bench has the JMH runs.
 */
class SpeedReportTest {
    @Test
    void fibAndLoopSum() throws Exception {
        Path fib = DifferentialTest.EXAMPLES.resolve("fib.wasm");
        Path loop = DifferentialTest.EXAMPLES.resolve("loop_sum.wasm");
        Assumptions.assumeTrue(Files.exists(fib) && Files.exists(loop), "examples not found");
        double[] f = new double[2];
        double[] l = new double[2];
        Engine[] engines = {DifferentialTest.INTERP, DifferentialTest.COMPILER};
        for (int e = 0; e < 2; e++) {
            Engine engine = engines[e];
            Instance fi = instantiate(engine, fib);
            Instance li = instantiate(engine, loop);
            li.func("fill_iota").callInt(0, 65536);
            for (int w = 0; w < 5; w++) { // warm-up
                assertEquals(832040, fi.func("fib").callInt(30));
                assertEquals(8355840, li.func("sum_u8").callInt(0, 65536));
            }
            f[e] = time(() -> assertEquals(832040, fi.func("fib").callInt(30)));
            l[e] = time(() -> {
                for (int k = 0; k < 20; k++) {
                    assertEquals(8355840, li.func("sum_u8").callInt(0, 65536));
                }
            });
        }
        System.out.printf("fib(30): interpreter %.1f ms, compiler %.1f ms (%.1fx)%n", f[0], f[1], f[0] / f[1]);
        System.out.printf("loop_sum sum_u8(64 KiB) x20: interpreter %.2f ms, compiler %.2f ms (%.1fx)%n", l[0], l[1],
                l[0] / l[1]);
    }

    private static Instance instantiate(Engine engine, Path file) {
        Module m = engine.compile(file);
        return new Linker().instantiate(engine.newStore(), m);
    }

    /** Best of 5 runs, in milliseconds. */
    private static double time(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1e6;
    }
}
