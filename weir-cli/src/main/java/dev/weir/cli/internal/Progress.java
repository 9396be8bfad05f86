package dev.weir.cli.internal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Progress of long steps ("decoding", "compiling 12034 functions", ...) on stderr.
 *
 * <p>Live mode redraws one status line ({@code \r}-overwritten, with the elapsed time) while a step
 * runs, and erases it afterwards, so it only makes sense on a terminal: {@code weir} turns it on
 * when {@link System#console()} is present (Java 17 cannot ask whether stderr alone is a TTY) or
 * with {@code --progress}. Nothing is drawn for steps shorter than {@link #DELAY_MILLIS}, so quick
 * commands stay quiet. Verbose mode prints one line per step with its duration. Both are off by
 * default for pipes and tests, where stderr must carry only errors.
 */
public final class Progress {
    /** Steps shorter than this draw nothing. */
    static final long DELAY_MILLIS = 300;
    /** How often the status line is redrawn. */
    static final long TICK_MILLIS = 200;

    private static final Progress OFF = new Progress(null, false, false);

    private final PrintWriter err;
    private final boolean live;
    private final boolean verbose;

    public Progress(PrintWriter err, boolean live, boolean verbose) {
        this.err = err;
        this.live = live && err != null;
        this.verbose = verbose && err != null;
    }

    public static Progress off() {
        return OFF;
    }

    public boolean live() {
        return live;
    }

    /**
     * Runs {@code step}, showing {@code label} while it runs (live) and its duration afterwards
     * (verbose). {@code detail}, if not null, is asked after the step for a suffix of the verbose
     * line (e.g. how many functions were compiled).
     */
    public <T> T phase(String label, Supplier<T> step, Supplier<String> detail) {
        if (!live && !verbose) {
            return step.get();
        }
        long t0 = System.nanoTime();
        Ticker ticker = live ? new Ticker(label, t0) : null;
        boolean ok = false;
        try {
            T result = step.get();
            ok = true;
            return result;
        } finally {
            if (ticker != null) {
                ticker.stop();
            }
            if (verbose && ok) {
                String d = detail == null ? null : detail.get();
                err.println("weir: " + label + ": " + formatMillis((System.nanoTime() - t0) / 1_000_000)
                        + (d == null || d.isEmpty() ? "" : " (" + d + ")"));
                err.flush();
            }
        }
    }

    public <T> T phase(String label, Supplier<T> step) {
        return phase(label, step, null);
    }

    /** {@code 850 ms}, {@code 2.3 s}. */
    static String formatMillis(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** The live status line: a daemon thread redrawing it until {@link #stop}. */
    private final class Ticker implements Runnable {
        private final String label;
        private final long t0;
        private final Thread thread;
        /** Guarded by this: set by stop(), after which nothing is drawn. */
        private boolean stopped;
        private int drawnWidth;

        Ticker(String label, long t0) {
            this.label = label;
            this.t0 = t0;
            this.thread = new Thread(this, "weir-progress");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                Thread.sleep(DELAY_MILLIS);
                while (draw()) {
                    Thread.sleep(TICK_MILLIS);
                }
            } catch (InterruptedException e) {
                // stop() was called
            }
        }

        private synchronized boolean draw() {
            if (stopped) {
                return false;
            }
            String line = "weir: " + label + "... " + formatMillis((System.nanoTime() - t0) / 1_000_000);
            // Pad over the previous line's tail in case this one is shorter.
            StringBuilder sb = new StringBuilder("\r").append(line);
            for (int i = line.length(); i < drawnWidth; i++) {
                sb.append(' ');
            }
            drawnWidth = Math.max(drawnWidth, line.length());
            err.print(sb);
            err.flush();
            return true;
        }

        void stop() {
            synchronized (this) {
                stopped = true;
                if (drawnWidth > 0) {
                    err.print("\r" + " ".repeat(drawnWidth) + "\r");
                    err.flush();
                }
            }
            thread.interrupt();
        }
    }
}
