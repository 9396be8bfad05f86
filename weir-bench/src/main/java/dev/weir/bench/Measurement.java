package dev.weir.bench;

import java.util.Arrays;

/**
 * What one engine did with one program: medians of the compile+instantiate time and of the run
 * time over the measured iterations, or why there is no time (FAIL: wrong output, trap, exit code,
 * timeout, error; SKIP: engine unavailable or no native source).
 */
public final class Measurement {
    /** The outcome of one (program, engine) cell. */
    public enum Status { OK, FAIL, SKIP }

    private final Status status;
    private final double compileMs;
    private final double runMs;
    private final int iterations;
    private final String message;
    /** The guest's stdout of a checked run (null when unknown), the reference for programs without one. */
    private String stdout;

    private Measurement(Status status, double compileMs, double runMs, int iterations, String message) {
        this.status = status;
        this.compileMs = compileMs;
        this.runMs = runMs;
        this.iterations = iterations;
        this.message = message;
    }

    /** Medians of the given nanosecond samples; compile may be empty (no such phase, e.g. native). */
    static Measurement ok(long[] compileNanos, long[] runNanos) {
        double c = compileNanos.length == 0 ? Double.NaN : median(compileNanos) / 1e6;
        return new Measurement(Status.OK, c, median(runNanos) / 1e6, runNanos.length, null);
    }

    static Measurement fail(String why) {
        return new Measurement(Status.FAIL, Double.NaN, Double.NaN, 0, oneLine(why));
    }

    static Measurement skip(String why) {
        return new Measurement(Status.SKIP, Double.NaN, Double.NaN, 0, oneLine(why));
    }

    public Status status() {
        return status;
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** Median compile + instantiate milliseconds (NaN when not OK or not applicable). */
    public double compileMs() {
        return compileMs;
    }

    /** Median run-window milliseconds (NaN when not OK). */
    public double runMs() {
        return runMs;
    }

    public int iterations() {
        return iterations;
    }

    /** Why the cell has no time (null when OK). */
    public String message() {
        return message;
    }

    /** Records the stdout one run printed (after it was checked). */
    Measurement withStdout(String out) {
        this.stdout = out;
        return this;
    }

    /** What the guest printed (null when not recorded). */
    public String stdout() {
        return stdout;
    }

    /** True for a FAIL caused by the time limit. */
    public boolean timedOut() {
        return status == Status.FAIL && message != null && message.contains("timeout after");
    }

    static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    private static String oneLine(String s) {
        String t = s == null ? "unknown" : s.replaceAll("\\s+", " ").trim();
        return t.length() > 300 ? t.substring(0, 297) + "..." : t;
    }

    @Override
    public String toString() {
        return status == Status.OK ? String.format(java.util.Locale.ROOT, "compile %.2f ms, run %.2f ms", compileMs, runMs)
                : status + ": " + message;
    }
}
