package dev.weir.memcheck;

import dev.weir.memcheck.MemError.Kind;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Report} as one self-contained HTML page: inline CSS, an inline SVG picture of
 * the heap and the error list; no scripts, fonts or other external resources, so the file can be
 * mailed or attached to a CI run and opened anywhere.
 *
 * <p>The picture: x is logical time (allocation and free events, see {@link HeapTimeline}), y is
 * the address (low addresses at the bottom). Each block is a rectangle from its allocation to its
 * free: grey when freed, red when still allocated at the end (a leak). Errors other than leaks are
 * marked with an orange cross at the time and address where they happened.
 */
final class HtmlReport {
    static final String FREED_FILL = "#9e9e9e";
    static final String LEAK_FILL = "#d32f2f";
    static final String ERROR_STROKE = "#ff8f00";

    private static final int W = 1100;
    private static final int H = 460;
    private static final int LEFT = 100;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    private HtmlReport() {
    }

    static String render(Report r) {
        StringBuilder sb = new StringBuilder(8192 + r.timeline().blockCount() * 120);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>weir memcheck report</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#212121;"
                        + "background:#fafafa}\n")
                .append("h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:24px 0 8px}\n")
                .append(".summary td{padding:2px 12px 2px 0}.summary td:first-child{color:#616161}\n")
                .append(".err{background:#fff;border:1px solid #e0e0e0;border-left:5px solid " + ERROR_STROKE
                        + ";border-radius:4px;padding:8px 12px;margin:8px 0}\n")
                .append(".err.LEAK{border-left-color:" + LEAK_FILL + "}\n")
                .append(".kind{font-weight:600;font-family:ui-monospace,monospace}\n")
                .append(".stack{font-family:ui-monospace,monospace;font-size:13px;margin:4px 0 4px 18px;padding:0}\n")
                .append(".label{color:#616161;font-size:13px}\n")
                .append("svg{background:#fff;border:1px solid #e0e0e0}\n")
                .append("svg text{font-family:ui-monospace,monospace;font-size:11px;fill:#424242}\n")
                .append(".legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 14px;"
                        + "vertical-align:middle}\n")
                .append(".note{color:#8d6e63}\n")
                .append("</style>\n</head>\n<body>\n<h1>weir memcheck report</h1>\n");
        summary(sb, r);
        sb.append("<h2>Heap over time</h2>\n");
        svg(sb, r);
        errors(sb, r);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void summary(StringBuilder sb, Report r) {
        int errorCount = r.errors().size() - r.leaks().size();
        sb.append("<table class=\"summary\">\n");
        row(sb, "errors", errorCount + (r.suppressed() > 0 ? " (+" + r.suppressed() + " not recorded)" : ""));
        row(sb, "leaks", r.leaks().size() + " blocks, " + r.leakedBytes() + " bytes");
        row(sb, "heap usage", r.allocations() + " allocs, " + r.frees() + " frees, " + r.bytesAllocated()
                + " bytes allocated");
        if (r.trap() != null) {
            row(sb, "guest trapped", r.trap());
        }
        sb.append("</table>\n");
    }

    private static void row(StringBuilder sb, String k, String v) {
        sb.append("<tr><td>").append(k).append("</td><td>");
        esc(sb, v);
        sb.append("</td></tr>\n");
    }

    private static void svg(StringBuilder sb, Report r) {
        HeapTimeline t = r.timeline();
        int n = t.blockCount();
        long minA = Long.MAX_VALUE;
        long maxA = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            minA = Math.min(minA, t.address(i));
            maxA = Math.max(maxA, t.address(i) + Math.max(1, t.size(i)));
        }
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">\n");
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        sb.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw)
                .append("\" height=\"").append(ph).append("\" fill=\"#f5f5f5\"/>\n");
        if (n == 0) {
            sb.append("<text x=\"").append(LEFT + 20).append("\" y=\"").append(TOP + ph / 2)
                    .append("\">no heap blocks were allocated</text>\n</svg>\n");
            return;
        }
        long end = Math.max(1, t.endTime());
        long range = Math.max(1, maxA - minA);
        double sx = (double) pw / end;
        double sy = (double) ph / range;
        for (int i = 0; i < n; i++) {
            long a = t.address(i);
            long ft = t.freeTime(i);
            boolean leak = ft < 0;
            double x0 = LEFT + t.allocTime(i) * sx;
            double x1 = LEFT + (leak ? end : ft) * sx;
            double h = Math.max(1.5, Math.max(1, t.size(i)) * sy);
            double y = TOP + ph - (a - minA) * sy - h;
            sb.append("<rect class=\"blk ").append(leak ? "leak" : "freed").append("\" x=\"").append(f(x0))
                    .append("\" y=\"").append(f(Math.max(TOP, y))).append("\" width=\"").append(f(Math.max(1.5, x1 - x0)))
                    .append("\" height=\"").append(f(h)).append("\" fill=\"").append(leak ? LEAK_FILL : FREED_FILL)
                    .append(leak ? "\"" : "\" fill-opacity=\"0.7\"").append("><title>")
                    .append(Report.hex(a)).append(", ").append(t.size(i)).append(" bytes, ")
                    .append(leak ? "leaked" : "freed").append("</title></rect>\n");
        }
        // Error markers: a cross at (time, address), clamped to the plot for addresses outside the heap.
        List<MemError> errs = r.errors();
        int k = 0;
        for (MemError e : errs) {
            if (e.kind() == Kind.LEAK) {
                continue;
            }
            long time = t.errorTime(k++);
            if (time < 0) {
                continue;
            }
            double x = LEFT + Math.min(time, end) * sx;
            double y = TOP + ph - (e.address() - minA) * sy;
            y = Math.max(TOP, Math.min(TOP + ph, y));
            sb.append("<g class=\"errmark\" stroke=\"").append(ERROR_STROKE).append("\" stroke-width=\"2.5\"><title>");
            esc(sb, e.kind() + " at " + Report.hex(e.address()) + " in " + e.function());
            sb.append("</title><path d=\"M").append(f(x - 6)).append(' ').append(f(y - 6)).append(" l12 12 M")
                    .append(f(x - 6)).append(' ').append(f(y + 6)).append(" l12 -12\"/></g>\n");
        }
        // Axes: address labels left, time below.
        sb.append("<text x=\"4\" y=\"").append(TOP + 10).append("\">").append(Report.hex(maxA)).append("</text>\n");
        sb.append("<text x=\"4\" y=\"").append(TOP + ph).append("\">").append(Report.hex(minA)).append("</text>\n");
        sb.append("<text x=\"4\" y=\"").append(TOP + ph / 2).append("\">address</text>\n");
        sb.append("<text x=\"").append(LEFT).append("\" y=\"").append(H - 22).append("\">0</text>\n");
        sb.append("<text x=\"").append(LEFT + pw / 2 - 120).append("\" y=\"").append(H - 8)
                .append("\">time (allocation/free events)</text>\n");
        sb.append("<text x=\"").append(LEFT + pw - 40).append("\" y=\"").append(H - 22).append("\">").append(end)
                .append("</text>\n</svg>\n");
        sb.append("<div class=\"legend label\"><span style=\"background:").append(FREED_FILL)
                .append("\"></span>freed block<span style=\"background:").append(LEAK_FILL)
                .append("\"></span>leaked (allocated at exit)<span style=\"background:").append(ERROR_STROKE)
                .append("\"></span>error site</div>\n");
        if (t.dropped() > 0) {
            sb.append("<p class=\"note\">").append(t.dropped()).append(" blocks allocated after the first ")
                    .append(HeapTimeline.CAP).append(" are not drawn.</p>\n");
        }
    }

    private static void errors(StringBuilder sb, Report r) {
        sb.append("<h2>Errors (").append(r.errors().size()).append(")</h2>\n");
        if (r.errors().isEmpty()) {
            sb.append("<p>No memory errors and no leaks.</p>\n");
            return;
        }
        for (MemError e : r.errors()) {
            sb.append("<div class=\"err ").append(e.kind()).append("\"><span class=\"kind\">").append(e.kind())
                    .append("</span> at <code>").append(Report.hex(e.address())).append("</code>, size ")
                    .append(e.size());
            if (e.kind() != Kind.LEAK && e.kind() != Kind.DOUBLE_FREE && e.kind() != Kind.INVALID_FREE
                    && e.kind() != Kind.STACK_OVERFLOW) {
                sb.append(e.write() ? " (write)" : " (read)");
            }
            if (e.count() > 1) {
                sb.append(", ").append(e.count()).append(" occurrences");
            }
            if (e.detail() != null) {
                sb.append("<div class=\"label\">");
                esc(sb, e.detail());
                sb.append("</div>");
            }
            stack(sb, e.kind() == Kind.LEAK ? "allocated at" : "at", e.stack());
            MemError.BlockInfo b = e.block();
            if (b != null && e.kind() != Kind.LEAK) {
                sb.append("<div class=\"label\">block ").append(Report.hex(b.address())).append(", ").append(b.size())
                        .append(" bytes</div>");
                if (b.freedAt() != null) {
                    stack(sb, "freed at", b.freedAt());
                }
                stack(sb, "allocated at", b.allocatedAt());
            }
            sb.append("</div>\n");
        }
    }

    private static void stack(StringBuilder sb, String label, List<String> frames) {
        sb.append("<div class=\"label\">").append(label).append("</div><ol class=\"stack\">");
        for (String fr : frames) {
            sb.append("<li>");
            esc(sb, fr);
            sb.append("</li>");
        }
        sb.append("</ol>");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void esc(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '&': sb.append("&amp;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(c);
            }
        }
    }
}
