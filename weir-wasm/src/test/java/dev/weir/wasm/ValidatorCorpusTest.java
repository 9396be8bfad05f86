package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testsupport.TestSuites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real-world modules must validate, fast. */
class ValidatorCorpusTest {

    private static void validateAll(Path dir, List<String> failures) throws Exception {
        for (Path f : TestSuites.files(dir, ".wasm")) {
            try {
                WasmValidator.validate(WasmDecoder.decode(Files.readAllBytes(f)));
            } catch (RuntimeException e) {
                failures.add(dir.relativize(f) + ": " + e);
            }
        }
    }

    @Test
    void benchCorpusValidates() throws Exception {
        List<String> failures = new ArrayList<>();
        Path dir = TestSuites.require(TestSuites.Suite.BENCH);
        validateAll(dir, failures);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    void wasiTestsuiteValidates() throws Exception {
        List<String> failures = new ArrayList<>();
        Path dir = TestSuites.require(TestSuites.Suite.WASI);
        validateAll(dir, failures);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    /**
     * Thread CPU time through reflection: the test sources compile inside module dev.weir.wasm,
     * which does not read java.management (and should not, for a test).
     */
    private static final class CpuClock {
        private final Object bean;
        private final java.lang.reflect.Method time;

        CpuClock() throws Exception {
            Class<?> f = Class.forName("java.lang.management.ManagementFactory");
            bean = f.getMethod("getThreadMXBean").invoke(null);
            time = Class.forName("java.lang.management.ThreadMXBean").getMethod("getCurrentThreadCpuTime");
        }

        long getCurrentThreadCpuTime() {
            try {
                return (Long) time.invoke(bean);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Decode + validate throughput over the sightglass modules (target: >= 50 MB/s on a warm JVM). */
    @Test
    void throughput() throws Exception {
        Path dir = TestSuites.require(TestSuites.Suite.BENCH).resolve("sightglass");
        List<byte[]> mods = new ArrayList<>();
        long total = 0;
        for (Path f : TestSuites.files(dir, ".wasm")) {
            byte[] b = Files.readAllBytes(f);
            mods.add(b);
            total += b.length;
        }
        assertTrue(total > 0);
        CpuClock cpu = new CpuClock();
        double best = 0;
        double bestDecodeOnly = 0;
        long deadline = System.nanoTime() + 6_000_000_000L; // warm up the JIT, then keep the best round
        for (int round = 0; round < 100 && (round < 5 || System.nanoTime() < deadline); round++) {
            // Thread CPU time: the figure should not depend on what else the machine is running.
            long t0 = cpu.getCurrentThreadCpuTime();
            for (byte[] b : mods) {
                WasmValidator.validate(WasmDecoder.decode(b));
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (byte[] b : mods) {
                WasmDecoder.decode(b);
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            best = Math.max(best, total / ((t1 - t0) / 1e9) / 1e6);
            bestDecodeOnly = Math.max(bestDecodeOnly, total / ((t2 - t1) / 1e9) / 1e6);
        }
        System.out.printf("decode+validate (CPU time): %.1f MB/s, decode only: %.1f MB/s over %d bytes%n", best, bestDecodeOnly, total);
        // Throughput is reported, not asserted: the JMH benchmark in weir-bench is the measure.
    }
}
