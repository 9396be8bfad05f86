package dev.weir.bench;

import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A quick, quotable comparison without JMH: each {@link Workload} on Weir's interpreter and on
 * Chicory's, a fixed number of warm-up and measured runs, then a table of median milliseconds per
 * run, the ratio Chicory / Weir and the geometric mean of the ratios (warm-up also lasts at least
 * {@code --warmup-ms} per workload, default 2000); plus decode+validate MB/s
 * on the largest corpus modules. The two runtimes alternate run by run so that load from other
 * processes hits both alike; medians resist the odd descheduled run.
 *
 * <pre>
 * java -cp weir-benchmarks.jar dev.weir.bench.SideBySide [--warmup N] [--warmup-ms MS] [--iterations N]
 *      [--only id,id,...] [--no-decode]
 * </pre>
 * Exits with status 1 when the runtimes disagree on a result or a workload fails. Whole programs on
 * every engine (compilers, wasmtime, Node, native) are {@link WholeProgram}'s job.
 */
public final class SideBySide {
    private int warmup = 15;
    /** Warm-up continues past {@link #warmup} runs until this much time went by (both runtimes together). */
    private int warmupMs = 2000;
    private int iterations = 15;
    private List<Workload> workloads = List.of(Workload.values());
    private boolean decode = true;
    /** Keeps results alive so the JIT cannot drop the calls. */
    private long sink;

    private SideBySide() {
    }

    public static void main(String[] args) {
        SideBySide s = new SideBySide();
        try {
            s.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SideBySide: " + e.getMessage());
            System.err.println("usage: SideBySide [--warmup N] [--warmup-ms MS] [--iterations N] [--only id,...]"
                    + " [--no-decode]");
            System.exit(2);
        }
        boolean ok = s.run();
        if (!ok) {
            System.exit(1);
        }
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--warmup":
                    warmup = Options.integer(a, Options.value(args, ++i, a), 0);
                    break;
                case "--warmup-ms":
                    warmupMs = Options.integer(a, Options.value(args, ++i, a), 0);
                    break;
                case "--iterations":
                    iterations = Options.integer(a, Options.value(args, ++i, a), 1);
                    break;
                case "--only":
                    List<Workload> only = new ArrayList<>();
                    for (String id : Options.value(args, ++i, a).split(",")) {
                        only.add(Workload.byId(id.trim()));
                    }
                    workloads = only;
                    break;
                case "--no-decode":
                    decode = false;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a);
            }
        }
    }

    private boolean run() {
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "Weir interpreter vs Chicory 1.6.0 interpreter: >= %d warm-up runs (and >= %d ms)"
                + " + %d measured runs each, alternating;%nmedian ms per run, ratio = Chicory / Weir (> 1: Weir faster)%n",
                warmup, warmupMs, iterations);
        System.out.print(ResultTable.header());
        ResultTable table = new ResultTable();
        boolean ok = true;
        for (Workload w : workloads) {
            double[] ms;
            try {
                ms = measure(w);
            } catch (RuntimeException e) {
                ok = false;
                System.out.printf(Locale.ROOT, "  %-16s FAILED: %s%n", w.id(), e);
                table.add(w.id(), Double.NaN, Double.NaN);
                continue;
            }
            table.add(w.id(), ms[0], ms[1]);
            System.out.printf(Locale.ROOT, "  %-16s %10.2f %12.2f %8.2fx%n", w.id(), ms[0], ms[1], ms[1] / ms[0]);
        }
        System.out.printf(Locale.ROOT, "  %-16s %10s %12s %8.2fx%n", "geomean", "", "", table.geomean());
        if (decode) {
            try {
                decodeSection();
            } catch (RuntimeException e) {
                ok = false;
                System.out.println("decode+validate FAILED: " + e);
            }
        }
        System.out.printf(Locale.ROOT, "(total %.1f s)%n", (System.nanoTime() - start) / 1e9);
        return ok;
    }

    /** {weir median ms, chicory median ms}, after checking both compute the same result. */
    private double[] measure(Workload w) {
        LongSupplier weir = w.bindWeir(w.benchScale());
        LongSupplier chicory = w.bindChicory(w.benchScale());
        Workload.checkSame(w, weir, chicory);
        // A fixed count alone under-warms the short workloads: the JIT (slow on a loaded machine) has
        // not compiled the interpreters' bulk-memory paths after 15 runs of 1 ms. Hence the time floor.
        long warmEnd = System.nanoTime() + warmupMs * 1_000_000L;
        for (int i = 0; i < warmup || System.nanoTime() < warmEnd; i++) {
            sink += weir.getAsLong();
            sink += chicory.getAsLong();
        }
        long[] tw = new long[iterations];
        long[] tc = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            sink += weir.getAsLong();
            long t1 = System.nanoTime();
            sink += chicory.getAsLong();
            long t2 = System.nanoTime();
            tw[i] = t1 - t0;
            tc[i] = t2 - t1;
        }
        return new double[] {median(tw) / 1e6, median(tc) / 1e6};
    }

    private void decodeSection() {
        System.out.println("decode+validate (Weir WasmDecoder + WasmValidator), median of " + Math.max(iterations, 30)
                + " runs after " + Math.max(warmup, 30) + " warm-up runs, MB = 10^6 bytes");
        System.out.printf(Locale.ROOT, "  %-40s %10s %10s %10s%n", "module", "bytes", "ms", "MB/s");
        long totalBytes = 0;
        double totalMs = 0;
        for (Path p : WasmFiles.largestCorpusModules(3)) {
            byte[] bytes = WasmFiles.read(p);
            for (int i = 0; i < Math.max(warmup, 30); i++) {
                sink += WasmValidator.validate(WasmDecoder.decode(bytes)).hashCode();
            }
            long[] t = new long[Math.max(iterations, 30)];
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                sink += WasmValidator.validate(WasmDecoder.decode(bytes)).hashCode();
                t[i] = System.nanoTime() - t0;
            }
            double ms = median(t) / 1e6;
            totalBytes += bytes.length;
            totalMs += ms;
            System.out.printf(Locale.ROOT, "  %-40s %10d %10.3f %10.1f%n", WasmFiles.label(p), bytes.length, ms,
                    bytes.length / 1e3 / ms);
        }
        System.out.printf(Locale.ROOT, "  %-40s %10d %10.3f %10.1f%n", "all three", totalBytes, totalMs,
                totalBytes / 1e3 / totalMs);
        if (sink == 42) {
            System.out.println(); // practically never; makes sink observable
        }
    }

    private static double median(long[] nanos) {
        return Measurement.median(nanos);
    }
}
