package dev.weir.memcheck.internal;

/**
 * One heap block as the guest's allocator handed it out: {@code [start, start + size)}, with
 * per-byte "initialized" bits ({@code null} = all initialized) and where it was allocated/freed.
 */
final class Block {
    final long start;
    final long size;
    final long end;
    /** Where it was allocated, kept compact (formatted only for reports, see ShadowHeap#where). */
    final Where alloc;
    final long serial;
    Where free;
    /** A garbage-collected object (AssemblyScript): never a leak unless pinned, reclaimed silently. */
    boolean gc;
    /** Pin count of a GC object (AssemblyScript __pin/__unpin). */
    int pins;
    private long[] initBits;

    Block(long start, long size, boolean initialized, Where alloc, long serial) {
        this.start = start;
        this.size = size;
        this.end = start + size;
        this.alloc = alloc;
        this.serial = serial;
        if (!initialized && size > 0) {
            // Sizes are u32 values, so at most 2^26 longs: bounded by the guest's own memory limit.
            initBits = new long[(int) ((size + 63) >>> 6)];
        }
    }

    boolean contains(long addr) {
        return addr >= start && addr < end;
    }

    void markInitialized(long from, long len) {
        if (initBits == null) {
            return;
        }
        long a = Math.max(from, start) - start;
        long b = Math.min(from + len, end) - start;
        // bit by bit up to a word boundary, then whole words (host writes can be megabytes)
        for (; a < b && (a & 63) != 0; a++) {
            initBits[(int) (a >>> 6)] |= 1L << a;
        }
        for (; b - a >= 64; a += 64) {
            initBits[(int) (a >>> 6)] = -1L;
        }
        for (; a < b; a++) {
            initBits[(int) (a >>> 6)] |= 1L << a;
        }
    }

    /** Whether every byte of the range (clipped to the block) is uninitialized. */
    boolean allUninitialized(long from, long len) {
        if (initBits == null) {
            return false;
        }
        long a = Math.max(from, start) - start;
        long b = Math.min(from + len, end) - start;
        for (long i = a; i < b; i++) {
            if ((initBits[(int) (i >>> 6)] & (1L << i)) != 0) {
                return false;
            }
        }
        return a < b;
    }

    boolean initialized(long addr) {
        if (initBits == null) {
            return true;
        }
        long i = addr - start;
        return (initBits[(int) (i >>> 6)] & (1L << i)) != 0;
    }

    /**
     * An allocator event's place: the allocator, the call site (-1: called by the host), the
     * calling context of the guest's shadow stack, and the host call in progress.
     */
    record Where(AllocFn kind, int site, int context, String hostCall) {
    }
}
