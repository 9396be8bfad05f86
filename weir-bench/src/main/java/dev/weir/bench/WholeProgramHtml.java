package dev.weir.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML page for a {@link WholeProgramReport}: inline SVG bar charts (geometric-mean
 * ratio to Weir's compiler per engine; run time per program and engine on a log scale) and the
 * tables. No scripts, no external resources, so it can be attached to an issue or a CI artifact.
 */
final class WholeProgramHtml {
    /** One colour per column, in column order (cycled). */
    private static final String[] COLOURS = {"#9ecae1", "#08519c", "#fdae6b", "#e6550d", "#c7e9c0", "#31a354",
        "#756bb1", "#636363", "#d62728"};
    private static final int LABEL_W = 190;
    private static final int PLOT_W = 560;

    private WholeProgramHtml() {
    }

    static String page(WholeProgramReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Weir whole-program benchmarks</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1400px}")
                .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px}")
                .append("td{text-align:right}td:first-child{text-align:left}.fail{color:#b00;font-weight:bold}")
                .append("svg text{font-size:11px;font-family:sans-serif}</style></head><body>\n")
                .append("<h1>Weir whole-program benchmarks</h1>\n<p>").append(esc(r.machine())).append("<br>")
                .append(esc(r.settings())).append("</p>\n");
        b.append("<h2>Issue-8 targets</h2><ul>");
        for (String t : r.targets()) {
            b.append("<li>").append(esc(t)).append("</li>");
        }
        b.append("</ul>\n<h2>Geometric mean of time / Weir compiler time (below 1: faster than Weir's compiler)</h2>\n");
        b.append(geomeanChart(r));
        b.append("<h2>Run time per program (ms, log scale)</h2>\n").append(legend(r)).append(programChart(r));
        for (boolean run : new boolean[] {true, false}) {
            b.append(run ? "<h2>Run time, ms (ratio to Weir compiler)</h2>" : "<h2>Compile + instantiate, ms</h2>")
                    .append("\n<table><tr><th>program</th>");
            for (Contender c : r.columns()) {
                b.append("<th>").append(esc(c.name())).append("</th>");
            }
            b.append("</tr>\n");
            for (Program p : r.programs()) {
                b.append("<tr><td>").append(esc(p.id())).append("</td>");
                for (Contender c : r.columns()) {
                    String cell = r.cell(p, c, run);
                    boolean bad = cell.equals("FAIL") || cell.equals("TIMEOUT");
                    b.append(bad ? "<td class=\"fail\">" : "<td>").append(esc(cell)).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        List<String> notes = r.notes();
        if (!notes.isEmpty()) {
            b.append("<h2>Notes</h2><ul>");
            for (String n : notes) {
                b.append("<li>").append(esc(n)).append("</li>");
            }
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    /** Two bars per engine (run, compile) of the geomean ratio, on a log axis around 1. */
    private static String geomeanChart(WholeProgramReport r) {
        Contender base = r.column(WholeProgramReport.BASELINE);
        if (base == null) {
            return "<p>(no Weir compiler column)</p>\n";
        }
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (Contender c : r.columns()) {
            double run = c == base ? 1 : r.geomean(c, base, true)[0];
            double compile = c == base ? 1 : r.geomean(c, base, false)[0];
            names.add(c.name());
            values.add(new double[] {run, compile});
        }
        double[] range = range(values, 1);
        int rowH = 30;
        int h = names.size() * rowH + 30;
        StringBuilder s = svgOpen(h);
        double x1 = x(1, range);
        for (int i = 0; i < names.size(); i++) {
            int y = 10 + i * rowH;
            s.append(text(LABEL_W - 6, y + 14, names.get(i), "end"));
            for (int k = 0; k < 2; k++) {
                double v = values.get(i)[k];
                if (!(v > 0)) {
                    continue;
                }
                double xv = x(v, range);
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"11\" fill=\"%s\"/>",
                        Math.min(x1, xv), y + 2 + k * 12, Math.max(1, Math.abs(xv - x1)), k == 0 ? "#08519c" : "#fdae6b"));
                s.append(text(Math.max(x1, xv) + 4, y + 12 + k * 12, String.format(Locale.ROOT, "%.2fx %s", v,
                        k == 0 ? "run" : "compile"), "start"));
            }
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"5\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\"/>", x1, x1,
                h - 15));
        s.append(axis(range, h - 5, "x"));
        return s.append("</svg>\n").toString();
    }

    /** One group per program, one bar per engine with a time; FAIL/TIMEOUT marked in red. */
    private static String programChart(WholeProgramReport r) {
        List<double[]> values = new ArrayList<>();
        for (Program p : r.programs()) {
            double[] v = new double[r.columns().size()];
            for (int i = 0; i < v.length; i++) {
                Measurement m = r.get(p, r.columns().get(i));
                v[i] = m.ok() ? m.runMs() : Double.NaN;
            }
            values.add(v);
        }
        double[] range = range(values, Double.NaN);
        int bar = 5;
        int rowH = r.columns().size() * bar + 8;
        int h = r.programs().size() * rowH + 30;
        StringBuilder s = svgOpen(h);
        for (int pi = 0; pi < r.programs().size(); pi++) {
            int y = 5 + pi * rowH;
            Program p = r.programs().get(pi);
            s.append(text(LABEL_W - 6, y + rowH / 2 + 3, p.id(), "end"));
            for (int i = 0; i < r.columns().size(); i++) {
                double v = values.get(pi)[i];
                int yb = y + i * bar;
                Measurement m = r.get(p, r.columns().get(i));
                if (v > 0) {
                    s.append(String.format(Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s ms</title></rect>",
                            LABEL_W, yb, Math.max(1, x(v, range) - LABEL_W), bar - 1, COLOURS[i % COLOURS.length],
                            esc(r.columns().get(i).name()), WholeProgramReport.fmt(v)));
                } else if (m.status() == Measurement.Status.FAIL) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#b00\" style=\"font-size:6px\">%s %s</text>",
                            LABEL_W + 2, yb + bar - 1, esc(r.columns().get(i).name()), m.timedOut() ? "TIMEOUT" : "FAIL"));
                }
            }
        }
        s.append(axis(range, h - 5, " ms"));
        return s.append("</svg>\n").toString();
    }

    private static String legend(WholeProgramReport r) {
        StringBuilder s = new StringBuilder("<p>");
        for (int i = 0; i < r.columns().size(); i++) {
            s.append("<span style=\"display:inline-block;width:12px;height:12px;background:")
                    .append(COLOURS[i % COLOURS.length]).append("\"></span> ").append(esc(r.columns().get(i).name()))
                    .append(" &nbsp; ");
        }
        return s.append("</p>\n").toString();
    }

    /** {log10 min, log10 max} over positive values (and {@code include} when not NaN), whole decades. */
    private static double[] range(List<double[]> values, double include) {
        double lo = Double.isNaN(include) ? Double.POSITIVE_INFINITY : include;
        double hi = Double.isNaN(include) ? Double.NEGATIVE_INFINITY : include;
        for (double[] row : values) {
            for (double v : row) {
                if (v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        double a = Math.floor(Math.log10(lo));
        double b = Math.ceil(Math.log10(hi));
        return new double[] {a, b > a ? b : a + 1};
    }

    private static double x(double v, double[] range) {
        return LABEL_W + (Math.log10(v) - range[0]) / (range[1] - range[0]) * PLOT_W;
    }

    private static String axis(double[] range, int y, String unit) {
        StringBuilder s = new StringBuilder();
        for (double d = range[0]; d <= range[1]; d++) {
            double v = Math.pow(10, d);
            double x = x(v, range);
            String label = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString(); // 0.0001, not 1.0E-4
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>", x, x,
                    y - 10));
            s.append(text(x, y, label + unit, "middle"));
        }
        return s.toString();
    }

    private static StringBuilder svgOpen(int h) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">",
                LABEL_W + PLOT_W + 120, h, LABEL_W + PLOT_W + 120, h));
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor, esc(s));
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
