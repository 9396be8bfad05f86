package dev.weir.bench;

/**
 * One engine of the whole-program comparison (a column of the table): Weir's interpreter or
 * compiler, Chicory's, Endive's, wasmtime, Node or a native build.
 */
public interface Contender {
    /** Column name, e.g. "Weir compiler". */
    String name();

    /** Why this engine cannot run here (missing tool, native library), or null when it can. */
    String unavailableReason();

    /**
     * Runs {@code program} {@code settings.warmup()} times unmeasured and then
     * {@code settings.iterations()} times measured, checks its stdout against the expected text
     * (or {@code reference} when the program has none; null: not checked) and returns the medians.
     * Never throws for a failing guest: a trap, a wrong output or a timeout is a FAIL.
     */
    Measurement measure(Program program, Settings settings, String reference);

    /** Run counts and the per-run time limit. */
    final class Settings {
        final int warmup;
        final int iterations;
        final long timeoutMillis;

        public Settings(int warmup, int iterations, long timeoutMillis) {
            this.warmup = warmup;
            this.iterations = iterations;
            this.timeoutMillis = timeoutMillis;
        }

        public int warmup() {
            return warmup;
        }

        public int iterations() {
            return iterations;
        }

        public long timeoutMillis() {
            return timeoutMillis;
        }
    }
}
