package dev.weir.bench;

import java.util.Locale;

/** Formats workload rows (Weir ms, Chicory ms, ratio) and the geometric mean of the ratios. */
final class ResultTable {
    private final StringBuilder rows = new StringBuilder();
    private double logSum;
    private int count;

    static String header() {
        return String.format(Locale.ROOT, "  %-16s %10s %12s %9s%n", "workload", "Weir ms", "Chicory ms", "ratio");
    }

    /** Adds a row; a missing time (0 or NaN) is shown as n/a and left out of the mean. */
    void add(String workload, double weirMs, double chicoryMs) {
        if (weirMs > 0 && chicoryMs > 0) {
            double ratio = chicoryMs / weirMs;
            logSum += Math.log(ratio);
            count++;
            rows.append(String.format(Locale.ROOT, "  %-16s %10.2f %12.2f %8.2fx%n", workload, weirMs, chicoryMs, ratio));
        } else {
            rows.append(String.format(Locale.ROOT, "  %-16s %10s %12s %9s%n", workload, fmt(weirMs), fmt(chicoryMs), "n/a"));
        }
    }

    /** Geometric mean of the ratios added so far (NaN when none). */
    double geomean() {
        return count == 0 ? Double.NaN : Math.exp(logSum / count);
    }

    String rowsAndGeomean() {
        return rows + String.format(Locale.ROOT, "  %-16s %10s %12s %8.2fx%n", "geomean", "", "", geomean());
    }

    private static String fmt(double ms) {
        return ms > 0 ? String.format(Locale.ROOT, "%.2f", ms) : "n/a";
    }
}
