package dev.weir.bench;

/**
 * The sightglass run window: {@code bench.start} and {@code bench.end} host functions call
 * {@link #start()} and {@link #end()}; the run time is the time between them. A program that calls
 * neither is timed over the whole guest call instead ({@link #elapsedOr(long)}).
 */
public final class RunWindow {
    private long start;
    private long end;
    private int starts;
    private int ends;

    public void start() {
        starts++;
        start = System.nanoTime();
    }

    public void end() {
        end = System.nanoTime();
        ends++;
    }

    /**
     * Nanoseconds between the (last) start and end; {@code whole} when the guest called neither.
     *
     * @throws IllegalStateException when the guest called only one of them, or end before start
     */
    public long elapsedOr(long whole) {
        if (starts == 0 && ends == 0) {
            return whole;
        }
        if (starts != 1 || ends != 1 || end < start) {
            throw new IllegalStateException("bench.start called " + starts + " times and bench.end " + ends
                    + " times (sightglass programs call each exactly once, start first)");
        }
        return end - start;
    }
}
