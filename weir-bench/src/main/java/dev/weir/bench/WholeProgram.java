package dev.weir.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The whole-program side-by-side suite (issues 8 and 10): every sightglass program of the bench
 * corpus and the project's own programs on Weir's interpreter and compiler, Chicory's and Endive's
 * interpreter and compiler, wasmtime (JNI), Node and native gcc builds. Each cell is checked
 * (stdout against the expected text; a wrong answer is FAIL, never a time), then timed: median
 * compile+instantiate and median run (bench.start..bench.end for sightglass). Prints the tables
 * with ratios to Weir's compiler and geometric means, and optionally writes Markdown and a
 * self-contained HTML page with an SVG chart.
 *
 * <pre>
 * java -cp weir-benchmarks.jar dev.weir.bench.WholeProgram [--quick] [--warmup N] [--iterations N]
 *      [--only REGEX] [--engines id,...] [--timeout SECONDS] [--html FILE] [--markdown FILE] [--fork]
 * </pre>
 * Engine ids: {@value #ENGINE_IDS}. {@code --quick} = the CI subset, 0 warm-up, 1 iteration, all
 * engines but Endive's interpreter unless {@code --engines} is given. {@code --fork} measures each cell
 * of the in-JVM engines in a JVM of its own ({@link ForkedContender}).
 * Exits 1 when a Weir engine fails a program (other engines' failures are only reported).
 */
public final class WholeProgram {
    static final String ENGINE_IDS =
            "weir-interp, weir-compiler, chicory-interp, chicory-compiler, endive-interp, endive-compiler, wasmtime, node, native";

    int warmup = 3;
    int iterations = 5;
    String only;
    boolean quick;
    List<String> engines = List.of(ENGINE_IDS.split(", "));
    private boolean enginesGiven;
    long timeoutSeconds = 120;
    Path html;
    Path markdown;
    /** Measure each cell of an engine that runs in this JVM in a fresh JVM instead (ForkedContender). */
    boolean fork;

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--cell")) {
            ForkedContender.cell(args);
            System.exit(0); // engines may leave non-daemon threads behind
        }
        WholeProgram w = new WholeProgram();
        try {
            w.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("WholeProgram: " + e.getMessage());
            System.err.println("usage: WholeProgram [--quick] [--warmup N] [--iterations N] [--only REGEX]"
                    + " [--engines id,...] [--timeout SECONDS] [--html FILE] [--markdown FILE] [--fork]");
            System.err.println("engines: " + ENGINE_IDS);
            System.exit(2);
        }
        WholeProgramReport report = w.run(System.out);
        if (!report.weirOk()) {
            System.exit(1);
        }
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick":
                    quick = true;
                    warmup = 0;
                    iterations = 1;
                    if (!enginesGiven) { // Endive's interpreter adds minutes and nothing Chicory's does not show
                        engines = new ArrayList<>(engines);
                        engines.remove("endive-interp");
                    }
                    break;
                case "--warmup":
                    warmup = Options.integer(a, Options.value(args, ++i, a), 0);
                    break;
                case "--iterations":
                    iterations = Options.integer(a, Options.value(args, ++i, a), 1);
                    break;
                case "--only":
                    only = Options.value(args, ++i, a);
                    break;
                case "--engines":
                    enginesGiven = true;
                    engines = new ArrayList<>();
                    for (String id : Options.value(args, ++i, a).split(",")) {
                        if (!contenders().containsKey(id.trim())) {
                            throw new IllegalArgumentException("unknown engine " + id.trim());
                        }
                        engines.add(id.trim());
                    }
                    break;
                case "--timeout":
                    timeoutSeconds = Options.integer(a, Options.value(args, ++i, a), 1);
                    break;
                case "--html":
                    html = Path.of(Options.value(args, ++i, a));
                    break;
                case "--markdown":
                    markdown = Path.of(Options.value(args, ++i, a));
                    break;
                case "--fork":
                    fork = true;
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + a);
            }
        }
    }

    /** Engine id to a factory; the map's order is the table's column order. */
    static Map<String, Supplier<Contender>> contenders() {
        Map<String, Supplier<Contender>> m = new LinkedHashMap<>();
        m.put("weir-interp", () -> new WeirContender(false));
        m.put("weir-compiler", () -> new WeirContender(true));
        m.put("chicory-interp", () -> new ChicoryContender(false));
        m.put("chicory-compiler", () -> new ChicoryContender(true));
        m.put("endive-interp", () -> new EndiveContender(false));
        m.put("endive-compiler", () -> new EndiveContender(true));
        m.put("wasmtime", WasmtimeContender::new);
        m.put("node", NodeContender::new);
        m.put("native", NativeContender::new);
        return m;
    }

    /** Runs the suite, printing progress and the tables to {@code out}; writes the files asked for. */
    WholeProgramReport run(PrintStream out) throws IOException {
        long t0 = System.nanoTime();
        List<Program> programs = ProgramSuite.all();
        if (quick && only == null) {
            programs = ProgramSuite.quick(programs);
        }
        if (only != null) { // --only wins over --quick's program list (quick keeps 0 warm-up, 1 run)
            programs = ProgramSuite.matching(programs, only);
        }
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("no program selected (corpus: " + WasmFiles.corpusDir() + ")");
        }
        String machine = MachineInfo.describe();
        out.println("whole-program suite: " + programs.size() + " programs, " + warmup + " warm-up + " + iterations
                + " measured runs per cell, timeout " + timeoutSeconds + " s per run");
        out.println(machine);
        List<Contender> columns = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String id : engines) {
            Contender c;
            try {
                c = contenders().get(id).get();
            } catch (LinkageError | RuntimeException e) { // e.g. a missing optional jar
                skipped.add(id + ": " + e);
                continue;
            }
            String why = c.unavailableReason();
            if (why != null) {
                skipped.add(c.name() + ": " + why);
            } else {
                columns.add(fork && c instanceof JvmContender ? new ForkedContender(id, c) : c);
            }
        }
        for (String s : skipped) {
            out.println("skipping " + s);
        }
        Contender.Settings settings = new Contender.Settings(warmup, iterations, timeoutSeconds * 1000);
        WholeProgramReport report = new WholeProgramReport(programs, columns, skipped);
        for (Program p : programs) {
            String reference = p.expectedStdout();
            for (Contender c : columns) {
                long c0 = System.nanoTime();
                Measurement m = c.measure(p, settings, reference);
                if (reference == null && m.ok() && m.stdout() != null) {
                    reference = m.stdout(); // no expected file (richards): later engines must agree with the first
                    report.noteReference(p, c);
                }
                report.put(p, c, m);
                out.printf(Locale.ROOT, "  %-24s %-18s %s  [%.1f s]%n", p.id(), c.name(), m,
                        (System.nanoTime() - c0) / 1e9);
                out.flush();
            }
        }
        report.setFooter(machine, String.format(Locale.ROOT, "%d warm-up + %d measured runs per cell (fewer past"
                + " %d s per cell), medians; timeout %d s per run; total %.0f s", warmup, iterations,
                JvmContender.CELL_BUDGET_NANOS / 1_000_000_000L, timeoutSeconds, (System.nanoTime() - t0) / 1e9));
        out.println();
        out.print(report.text());
        if (markdown != null) {
            write(markdown, report.markdown());
            out.println("wrote " + markdown);
        }
        if (html != null) {
            write(html, WholeProgramHtml.page(report));
            out.println("wrote " + html);
        }
        return report;
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
