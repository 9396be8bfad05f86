package dev.weir.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of a whole-program run and their text and Markdown tables: run time and
 * compile+instantiate time per (program, engine), each with its ratio to Weir's compiler
 * (engine time / Weir compiler time, so above 1 means the Weir compiler is faster), geometric means
 * over the programs both engines ran correctly, and the issue-8 targets.
 */
public final class WholeProgramReport {
    /** The column the ratios are taken against. */
    static final String BASELINE = "Weir compiler";
    /**
     * Run times below this (in either engine) are left out of run-time geomeans: noop, or loops clang
     * folded at build time (nestedloop), time a few microseconds of clock noise, not the engine.
     */
    static final double MIN_RUN_MS = 1.0;

    static final String GEOMEAN_NOTE = "geomean ratio (n) = geometric mean of engine time / Weir compiler time over"
            + " the n programs both ran correctly (run times: only where both are over 1 ms)";

    private final List<Program> programs;
    private final List<Contender> columns;
    private final List<String> skipped;
    private final Map<Program, Map<Contender, Measurement>> cells = new LinkedHashMap<>();
    private final Map<Program, String> referenceFrom = new HashMap<>();
    private String machine = "";
    private String settings = "";

    WholeProgramReport(List<Program> programs, List<Contender> columns, List<String> skipped) {
        this.programs = List.copyOf(programs);
        this.columns = List.copyOf(columns);
        this.skipped = List.copyOf(skipped);
    }

    void put(Program p, Contender c, Measurement m) {
        cells.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(c, m);
    }

    /** The program had no expected stdout; {@code c}'s output became the reference for the others. */
    void noteReference(Program p, Contender c) {
        referenceFrom.put(p, c.name());
    }

    void setFooter(String machine, String settings) {
        this.machine = machine;
        this.settings = settings;
    }

    public List<Program> programs() {
        return programs;
    }

    public List<Contender> columns() {
        return columns;
    }

    public List<String> skipped() {
        return skipped;
    }

    String machine() {
        return machine;
    }

    String settings() {
        return settings;
    }

    /** The measurement of a cell (a SKIP when the cell was never run). */
    public Measurement get(Program p, Contender c) {
        Measurement m = cells.getOrDefault(p, Map.of()).get(c);
        return m != null ? m : Measurement.skip("not run");
    }

    /** The column named {@code name}, or null. */
    public Contender column(String name) {
        for (Contender c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** True when no Weir engine failed a program (unavailable engines do not count). */
    public boolean weirOk() {
        for (Contender c : columns) {
            if (c.name().startsWith("Weir")) {
                for (Program p : programs) {
                    if (get(p, c).status() == Measurement.Status.FAIL) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Geometric mean over the programs both ran correctly of {@code a}'s time / {@code b}'s time
     * ({run or compile}; run times both above {@link #MIN_RUN_MS}); {mean, count}; mean NaN when there is
     * no such program.
     */
    double[] geomean(Contender a, Contender b, boolean run) {
        double logSum = 0;
        int n = 0;
        for (Program p : programs) {
            Measurement ma = get(p, a);
            Measurement mb = get(p, b);
            double ta = run ? ma.runMs() : ma.compileMs();
            double tb = run ? mb.runMs() : mb.compileMs();
            double min = run ? MIN_RUN_MS : 0;
            if (ma.ok() && mb.ok() && ta > min && tb > min) {
                logSum += Math.log(ta / tb);
                n++;
            }
        }
        return new double[] {n == 0 ? Double.NaN : Math.exp(logSum / n), n};
    }

    /** The issue-8 targets, one line each, with the measured value and whether it is met. */
    List<String> targets() {
        List<String> out = new ArrayList<>();
        Contender weir = column(BASELINE);
        Contender chicory = column("Chicory compiler");
        Contender wasmtime = column("wasmtime");
        if (weir == null) {
            out.add("targets: no Weir compiler column");
            return out;
        }
        if (chicory != null) {
            double[] g = geomean(chicory, weir, true);
            out.add(target("run time: Chicory compiler / Weir compiler", g, ">= 1.50x", g[0] >= 1.5));
            double[] c = geomean(chicory, weir, false);
            out.add(target("compile+instantiate: Chicory compiler / Weir compiler", c, ">= 1.00x", c[0] >= 1.0));
        }
        if (wasmtime != null) {
            double[] g = geomean(weir, wasmtime, true);
            out.add(target("run time: Weir compiler / wasmtime", g, "<= 2.00x", g[0] <= 2.0));
        }
        return out;
    }

    private static String target(String what, double[] g, String goal, boolean met) {
        if (Double.isNaN(g[0])) {
            return what + ": no program both ran (target " + goal + ")";
        }
        return String.format(Locale.ROOT, "%s = %.2fx geomean over %d programs (target %s): %s", what, g[0], (int) g[1],
                goal, met ? "MET" : "NOT MET");
    }

    /** Plain-text report: both tables, failures, notes, targets. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (boolean run : new boolean[] {true, false}) {
            b.append(run ? "run time, ms (median; sightglass: bench.start..bench.end)" : "compile + instantiate, ms (median)")
                    .append(", (ratio = engine / " + BASELINE + ", > 1: Weir compiler faster)\n");
            b.append(String.format(Locale.ROOT, "%-22s", "program"));
            for (Contender c : columns) {
                b.append(String.format(Locale.ROOT, " %17s", c.name()));
            }
            b.append('\n');
            for (Program p : programs) {
                b.append(String.format(Locale.ROOT, "%-22s", p.id()));
                for (Contender c : columns) {
                    b.append(String.format(Locale.ROOT, " %17s", cell(p, c, run)));
                }
                b.append('\n');
            }
            b.append(String.format(Locale.ROOT, "%-22s", "geomean ratio (n)"));
            for (Contender c : columns) {
                b.append(String.format(Locale.ROOT, " %17s", geomeanCell(c, run)));
            }
            b.append("\n\n");
        }
        for (String line : notes()) {
            b.append(line).append('\n');
        }
        for (String t : targets()) {
            b.append("target ").append(t).append('\n');
        }
        b.append(GEOMEAN_NOTE).append('\n').append(settings).append('\n');
        return b.toString();
    }

    /** The same content as Markdown tables (for docs/performance.md). */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("Machine: ").append(machine).append("  \n").append(settings).append("\n\n");
        for (boolean run : new boolean[] {true, false}) {
            b.append(run ? "**Run time**, ms (median; sightglass programs: bench.start..bench.end), ratio to "
                    : "**Compile + instantiate**, ms (median), ratio to ").append(BASELINE)
                    .append(" in parentheses (> 1: Weir compiler faster)\n\n");
            b.append("| program |");
            for (Contender c : columns) {
                b.append(' ').append(c.name()).append(" |");
            }
            b.append("\n|---|");
            b.append("---:|".repeat(columns.size()));
            b.append('\n');
            for (Program p : programs) {
                b.append("| ").append(p.id()).append(" |");
                for (Contender c : columns) {
                    b.append(' ').append(cell(p, c, run)).append(" |");
                }
                b.append('\n');
            }
            b.append("| **geomean ratio (n)** |");
            for (Contender c : columns) {
                b.append(' ').append(geomeanCell(c, run)).append(" |");
            }
            b.append("\n\n");
        }
        b.append(GEOMEAN_NOTE).append("\n\nIssue-8 targets:\n\n");
        for (String t : targets()) {
            b.append("- ").append(t).append('\n');
        }
        List<String> notes = notes();
        if (!notes.isEmpty()) {
            b.append("\nNotes:\n\n");
            for (String n : notes) {
                b.append("- ").append(n.replace("|", "\\|")).append('\n');
            }
        }
        return b.toString();
    }

    /** Failures with their reasons, skipped engines, programs checked against another engine. */
    List<String> notes() {
        List<String> out = new ArrayList<>();
        for (String s : skipped) {
            out.add("engine not run: " + s);
        }
        for (Program p : programs) {
            if (referenceFrom.containsKey(p)) {
                out.add(p.id() + ": no expected stdout in the corpus; checked against " + referenceFrom.get(p)
                        + "'s output");
            }
            for (Contender c : columns) {
                Measurement m = get(p, c);
                if (m.status() == Measurement.Status.FAIL) {
                    out.add(p.id() + " on " + c.name() + ": " + m.message());
                }
            }
        }
        return out;
    }

    /** A table cell: "12.34 (1.56x)", "FAIL", "TIMEOUT", "-" (skipped or not applicable). */
    String cell(Program p, Contender c, boolean run) {
        Measurement m = get(p, c);
        if (m.timedOut()) {
            return "TIMEOUT";
        }
        if (m.status() == Measurement.Status.FAIL) {
            return "FAIL";
        }
        double t = run ? m.runMs() : m.compileMs();
        if (!m.ok() || !(t >= 0)) {
            return "-";
        }
        Contender base = column(BASELINE);
        Measurement mb = base == null ? null : get(p, base);
        double tb = mb == null ? Double.NaN : run ? mb.runMs() : mb.compileMs();
        String time = fmt(t);
        if (c == base || mb == null || !mb.ok() || !(tb > 0) || !(t > 0)) {
            return time;
        }
        return String.format(Locale.ROOT, "%s (%.2fx)", time, t / tb);
    }

    private String geomeanCell(Contender c, boolean run) {
        Contender base = column(BASELINE);
        if (base == null || c == base) {
            return "1.00x";
        }
        double[] g = geomean(c, base, run);
        return Double.isNaN(g[0]) ? "-" : String.format(Locale.ROOT, "%.2fx (%d)", g[0], (int) g[1]);
    }

    static String fmt(double ms) {
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        return String.format(Locale.ROOT, "%.3f", ms);
    }
}
