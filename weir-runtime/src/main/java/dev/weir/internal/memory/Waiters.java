package dev.weir.internal.memory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Wait queues for {@code memory.atomic.wait32/wait64} and {@code memory.atomic.notify} on one shared
 * memory (threads proposal, "Wait/notify operators").
 *
 * <p>One monitor guards all queues of the memory. The value comparison of a wait happens while
 * holding it, so a notifier that stores a new value and then notifies cannot slip between a
 * waiter's comparison and its enqueueing (no lost wake-up). Waiters at one address are woken in
 * FIFO order, as the proposal requires. Allocation here is fine: waiting is never a hot path.
 */
public final class Waiters {
    /** Compares the current value at the wait address with the expected one (called under the lock). */
    @FunctionalInterface
    public interface ValueCheck {
        boolean matches();
    }

    private static final class Waiter {
        boolean notified;
    }

    private final Map<Long, ArrayDeque<Waiter>> queues = new HashMap<>();

    /**
     * Blocks the calling thread until notified or until {@code timeoutNanos} elapse
     * (negative = forever).
     *
     * @return 0 "ok" (woken by notify), 1 "not-equal" (value did not match), 2 "timed-out"
     */
    public synchronized int await(long address, ValueCheck check, long timeoutNanos) {
        if (!check.matches()) {
            return 1;
        }
        if (timeoutNanos == 0) {
            return 2;
        }
        Waiter w = new Waiter();
        queues.computeIfAbsent(address, k -> new ArrayDeque<>()).addLast(w);
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        try {
            while (!w.notified) {
                if (timeoutNanos < 0) {
                    wait();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            // Keep the interrupt visible to the embedder; the guest sees a time-out.
            Thread.currentThread().interrupt();
        }
        if (w.notified) {
            return 0;
        }
        ArrayDeque<Waiter> q = queues.get(address);
        if (q != null) {
            q.remove(w);
            if (q.isEmpty()) {
                queues.remove(address);
            }
        }
        return 2;
    }

    /**
     * Wakes up to {@code count} waiters (unsigned) at {@code address}, oldest first.
     *
     * @return the number of waiters woken
     */
    public synchronized int notify(long address, long count) {
        ArrayDeque<Waiter> q = queues.get(address);
        if (q == null || count == 0) {
            return 0;
        }
        int woken = 0;
        for (Iterator<Waiter> it = q.iterator(); it.hasNext() && Long.compareUnsigned(woken, count) < 0; ) {
            Waiter w = it.next();
            it.remove();
            w.notified = true;
            woken++;
        }
        if (q.isEmpty()) {
            queues.remove(address);
        }
        if (woken > 0) {
            notifyAll();
        }
        return woken;
    }

    /** Number of threads currently waiting at {@code address} (for tests and diagnostics). */
    public synchronized int waiting(long address) {
        ArrayDeque<Waiter> q = queues.get(address);
        return q == null ? 0 : q.size();
    }
}
