package dev.weir.exchange;

import java.lang.ref.Cleaner;
import java.util.Locale;

/**
 * The ownership state behind one {@link GuestBuffer}. It is what the heap tracks and what the
 * {@link Cleaner} holds, so it must never reference the buffer object itself (otherwise the buffer
 * could not become unreachable and unclosed handles would never be reported).
 */
final class Handle implements Runnable {
    enum State { OPEN, CLOSED, GIVEN }

    static final Cleaner CLEANER = Cleaner.create();

    final GuestHeap heap;
    /** Start of the allocated block (what the allocator frees); may precede the data (length prefix). */
    final long blockAddress;
    final long blockSize;
    final int align;
    final Ownership ownership;
    final String origin;
    /** For {@link Ownership#GUEST_RELEASE}: the guest's release call; for HOST: an extra release after the free, or null. */
    final Runnable release;
    final Throwable site;

    volatile State state = State.OPEN;
    /** Set by the cleaner when the buffer was collected while still open. */
    volatile boolean unreachable;
    Cleaner.Cleanable cleanable;

    Handle(GuestHeap heap, long blockAddress, long blockSize, int align, Ownership ownership, String origin,
           Runnable release, Throwable site) {
        this.heap = heap;
        this.blockAddress = blockAddress;
        this.blockSize = blockSize;
        this.align = align;
        this.ownership = ownership;
        this.origin = origin;
        this.release = release;
        this.site = site;
    }

    /**
     * Cleaner action (also run by {@code cleanable.clean()} on close, when it is a no-op). It only
     * reports: freeing from the cleaner thread would call into the guest concurrently with the
     * thread that owns the store, which wasm does not allow.
     */
    @Override
    public void run() {
        if (state == State.OPEN && !unreachable) {
            unreachable = true;
            heap.reportUnreachable(this);
        }
    }

    LiveAllocation snapshot() {
        return new LiveAllocation(blockAddress, blockSize, ownership, origin, unreachable, site);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "block 0x%x (%d bytes, %s)", blockAddress, blockSize, origin);
    }
}
