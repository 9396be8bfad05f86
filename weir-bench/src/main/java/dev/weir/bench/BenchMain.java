package dev.weir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs JMH with the usual command-line options ({@code -f 1 -wi 3 -i 5 [regexp]}, see
 * {@code -h}) and then prints what the JMH table does not: decode+validate throughput in MB/s
 * per module, and the Chicory/Weir ratio per workload with the geometric mean.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions opts = new CommandLineOptions(args);
        if (opts.shouldHelp() || opts.shouldList() || opts.shouldListWithParams() || opts.shouldListProfilers()
                || opts.shouldListResultFormats()) {
            // Listing and help are JMH's own business.
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Collection<RunResult> results = new Runner(opts).run();
        System.out.println();
        System.out.print(summary(results));
    }

    /** The MB/s and ratio summary of a JMH run. */
    static String summary(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder();
        List<Path> largest = null;
        Map<String, double[]> interp = new TreeMap<>(); // workload -> {weir ms, chicory ms}
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            if (method.endsWith("DecodeValidateBenchmark.decodeValidate")) {
                if (largest == null) {
                    largest = WasmFiles.largestCorpusModules(3);
                    out.append("decode+validate (Weir), MB = 10^6 bytes\n");
                    out.append(String.format(Locale.ROOT, "  %-40s %10s %12s %10s%n", "module", "bytes", "modules/s", "MB/s"));
                }
                Path p = largest.get(Integer.parseInt(r.getParams().getParam("rank")) - 1);
                long size = sizeOf(p);
                out.append(String.format(Locale.ROOT, "  %-40s %10d %12.1f %10.1f%n", WasmFiles.label(p), size, score,
                        score * size / 1e6));
            } else if (method.endsWith("InterpreterVsChicoryBenchmark.weir")
                    || method.endsWith("InterpreterVsChicoryBenchmark.chicory")) {
                double[] pair = interp.computeIfAbsent(r.getParams().getParam("workload"), k -> new double[2]);
                pair[method.endsWith(".weir") ? 0 : 1] = score;
            }
        }
        if (!interp.isEmpty()) {
            out.append("interpreters, ms per run (JMH average), ratio = Chicory / Weir\n");
            out.append(ResultTable.header());
            ResultTable table = new ResultTable();
            for (Map.Entry<String, double[]> e : interp.entrySet()) {
                table.add(e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
            out.append(table.rowsAndGeomean());
        }
        return out.toString();
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
