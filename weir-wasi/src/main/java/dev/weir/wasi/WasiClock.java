package dev.weir.wasi;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Time as a WASI guest sees it: {@code clock_time_get}, {@code clock_res_get} and the clock
 * subscriptions of {@code poll_oneoff} all go through this interface, so tests can inject a
 * deterministic clock ({@link #fixed}). All values are nanoseconds.
 */
public interface WasiClock {
    /** Wall-clock time since 1970-01-01T00:00:00Z. */
    long realtimeNanos();

    /** A monotonic clock with an arbitrary origin. */
    long monotonicNanos();

    /** CPU time consumed by the process. */
    default long processCpuNanos() {
        return monotonicNanos();
    }

    /** CPU time consumed by the calling thread. */
    default long threadCpuNanos() {
        return processCpuNanos();
    }

    /** Resolution of a clock (0 realtime, 1 monotonic, 2 process, 3 thread). */
    default long resolutionNanos(int clockId) {
        return 1_000L;
    }

    /** Waits, as {@code poll_oneoff} does for clock subscriptions. */
    default void sleepNanos(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** The host's clocks. */
    static WasiClock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * A clock that stands still except when the guest sleeps: sleeping advances both clocks by the
     * requested time without waiting. Every run with the same inputs sees the same times.
     */
    static WasiClock fixed(long realtimeNanos, long monotonicNanos) {
        return new FixedClock(realtimeNanos, monotonicNanos);
    }

    /** The host's clocks. */
    final class SystemClock implements WasiClock {
        static final SystemClock INSTANCE = new SystemClock();
        private final long startNanos = System.nanoTime();

        private SystemClock() {
        }

        @Override
        public long realtimeNanos() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public long monotonicNanos() {
            return System.nanoTime() - startNanos;
        }

        @Override
        public long processCpuNanos() {
            // java.base only reports this coarsely (clock ticks on Linux); good enough for clock().
            return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos)
                    .orElseGet(this::monotonicNanos);
        }

        @Override
        public long resolutionNanos(int clockId) {
            return clockId == 2 || clockId == 3 ? 10_000_000L : 1_000L;
        }
    }

    /** See {@link WasiClock#fixed}. */
    final class FixedClock implements WasiClock {
        private long realtime;
        private long monotonic;

        FixedClock(long realtime, long monotonic) {
            this.realtime = realtime;
            this.monotonic = monotonic;
        }

        @Override
        public synchronized long realtimeNanos() {
            return realtime;
        }

        @Override
        public synchronized long monotonicNanos() {
            return monotonic;
        }

        @Override
        public long resolutionNanos(int clockId) {
            return 1L;
        }

        @Override
        public synchronized void sleepNanos(long nanos) {
            if (nanos > 0) {
                realtime += nanos;
                monotonic += nanos;
            }
        }
    }
}
