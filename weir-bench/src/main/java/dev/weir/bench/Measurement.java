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

    private static final String CELL = "WEIR-CELL";

    /** This measurement as one line for a parent process ({@link ForkedContender}); {@link #parse} reads it. */
    String serialize() {
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return String.join("\t", CELL, status.name(), Double.toString(compileMs), Double.toString(runMs),
                Integer.toString(iterations), b64.encodeToString(bytes(message)), b64.encodeToString(bytes(stdout)),
                stdout == null ? "-" : "+");
    }

    /** The measurement in a line written by {@link #serialize}, or null if {@code line} is not one. */
    static Measurement parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 8 || !f[0].equals(CELL)) {
            return null;
        }
        java.util.Base64.Decoder b64 = java.util.Base64.getDecoder();
        String message = new String(b64.decode(f[5]), java.nio.charset.StandardCharsets.UTF_8);
        Measurement m = new Measurement(Status.valueOf(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                Integer.parseInt(f[4]), message.isEmpty() ? null : message);
        if (f[7].equals("+")) {
            m.stdout = new String(b64.decode(f[6]), java.nio.charset.StandardCharsets.UTF_8);
        }
        return m;
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
