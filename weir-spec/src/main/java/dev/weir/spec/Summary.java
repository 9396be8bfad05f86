package dev.weir.spec;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Totals of a run: per engine and per file, with printable and Markdown forms. */
public final class Summary {
    private static final int PASSED = 0;
    private static final int FAILED = 1;
    private static final int SKIPPED = 2;
    private static final int WRONG_MESSAGE = 3;

    private final List<FileResult> files;
    private final Set<SpecEngine> engines;
    private final Map<SpecEngine, int[]> totals = new EnumMap<>(SpecEngine.class);
    private int scriptErrors;

    public Summary(List<FileResult> files, Set<SpecEngine> engines) {
        this.files = List.copyOf(files);
        this.engines = Set.copyOf(engines);
        for (SpecEngine e : engines) {
            totals.put(e, new int[4]);
        }
        for (FileResult f : files) {
            if (f.scriptError() != null) {
                scriptErrors++;
            }
            f.counts().forEach((e, c) -> {
                int[] t = totals.computeIfAbsent(e, k -> new int[4]);
                for (int i = 0; i < 4; i++) {
                    t[i] += c[i];
                }
            });
        }
    }

    public List<FileResult> files() {
        return files;
    }

    /** [passed, failed, skipped, wrong message] of an engine. */
    public int[] counts(SpecEngine e) {
        return totals.getOrDefault(e, new int[4]).clone();
    }

    public int passed() {
        return sum(PASSED);
    }

    /** Failed assertions plus scripts that could not be read. */
    public int failed() {
        return sum(FAILED) + scriptErrors;
    }

    public int skipped() {
        return sum(SKIPPED);
    }

    public int scriptErrors() {
        return scriptErrors;
    }

    private int sum(int k) {
        int s = 0;
        for (int[] t : totals.values()) {
            s += t[k];
        }
        return s;
    }

    /** One line per file with its counts, then up to {@code maxFailures} failures with line numbers. */
    public void printFile(FileResult r, PrintStream out, int maxFailures) {
        if (r.scriptError() != null) {
            out.println(r.name() + ": ERROR " + r.scriptError());
            return;
        }
        StringBuilder sb = new StringBuilder(r.name()).append(':');
        r.counts().forEach((e, c) -> sb.append(String.format(Locale.ROOT, "  %s %d passed, %d failed, %d skipped",
                e.id(), c[PASSED], c[FAILED], c[SKIPPED])));
        out.println(sb);
        int shown = 0;
        for (Outcome o : r.outcomes()) {
            if (o.status() == Outcome.Status.FAILED) {
                if (shown++ == maxFailures) {
                    out.println("  ...");
                    break;
                }
                out.println("  " + r.name() + ":" + o.line() + ": " + o.engine().id() + ": " + o.command() + ": "
                        + o.detail());
            }
        }
    }

    /** The totals table (and, if asked, one row per file and engine). */
    public void printTable(PrintStream out, boolean perFile) {
        String fmt = "%-12s %9s %9s %9s %14s%n";
        out.printf(Locale.ROOT, fmt, "engine", "passed", "failed", "skipped", "wrong message");
        for (SpecEngine e : SpecEngine.values()) {
            int[] c = totals.get(e);
            if (c != null && engines.contains(e)) {
                out.printf(Locale.ROOT, fmt, e.id(), c[PASSED], c[FAILED], c[SKIPPED], c[WRONG_MESSAGE]);
            }
        }
        out.printf(Locale.ROOT, fmt, "total", passed(), sum(FAILED), skipped(), sum(WRONG_MESSAGE));
        if (scriptErrors > 0) {
            out.println(scriptErrors + " script(s) could not be read");
        }
        if (perFile) {
            for (FileResult f : files) {
                printFile(f, out, 0);
            }
        }
    }

    /**
     * Markdown sections listing skips grouped by reason (the text before any " [" detail) and every
     * pass with a wrong message, with file:line.
     */
    public String markdownDetails() {
        Map<String, int[]> reasons = new java.util.TreeMap<>();
        StringBuilder wrong = new StringBuilder();
        for (FileResult f : files) {
            for (Outcome o : f.outcomes()) {
                if (o.status() == Outcome.Status.SKIPPED) {
                    String r = o.detail();
                    int cut = r.indexOf(" [");
                    reasons.computeIfAbsent((cut < 0 ? r : r.substring(0, cut)) + " (" + o.engine().id() + ")",
                            k -> new int[1])[0]++;
                }
                if (o.wrongMessage()) {
                    wrong.append("- ").append(f.name()).append(':').append(o.line()).append(' ').append(o.engine().id())
                            .append(": ").append(o.command()).append(": ").append(o.detail()).append('\n');
                }
            }
        }
        StringBuilder sb = new StringBuilder("\n## Skipped, by reason\n\n| outcomes | reason (engine) |\n|---:|---|\n");
        reasons.forEach((r, n) -> sb.append("| ").append(n[0]).append(" | ").append(r.replace("|", "\\|")).append(" |\n"));
        sb.append("\n## Passed with a different error message\n\n");
        sb.append(wrong.length() == 0 ? "none\n" : wrong.toString());
        return sb.toString();
    }

    /** A Markdown report: totals per engine, then a row per file with per-engine counts. */
    public String markdown(String title) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append("| engine | passed | failed | skipped | wrong message |\n|---|---:|---:|---:|---:|\n");
        for (SpecEngine e : SpecEngine.values()) {
            int[] c = totals.get(e);
            if (c != null && engines.contains(e)) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n", e.id(), c[PASSED], c[FAILED],
                        c[SKIPPED], c[WRONG_MESSAGE]));
            }
        }
        sb.append(String.format(Locale.ROOT, "| **total** | %d | %d | %d | %d |%n%n", passed(), sum(FAILED), skipped(),
                sum(WRONG_MESSAGE)));
        sb.append(files.size()).append(" files");
        if (scriptErrors > 0) {
            sb.append(", ").append(scriptErrors).append(" could not be read");
        }
        sb.append(". Counts are passed / failed / skipped.\n\n| file |");
        StringBuilder rule = new StringBuilder("|---|");
        for (SpecEngine e : SpecEngine.values()) {
            if (engines.contains(e)) {
                sb.append(' ').append(e.id()).append(" |");
                rule.append("---|");
            }
        }
        sb.append(" ms |\n").append(rule).append("---:|\n");
        for (FileResult f : files) {
            sb.append("| ").append(f.name()).append(" |");
            Map<SpecEngine, int[]> c = f.counts();
            for (SpecEngine e : SpecEngine.values()) {
                if (engines.contains(e)) {
                    int[] k = c.getOrDefault(e, new int[4]);
                    sb.append(f.scriptError() != null ? " error" : String.format(Locale.ROOT, " %d / %d / %d",
                            k[PASSED], k[FAILED], k[SKIPPED])).append(" |");
                }
            }
            sb.append(' ').append(f.millis()).append(" |\n");
        }
        return sb.toString();
    }
}
