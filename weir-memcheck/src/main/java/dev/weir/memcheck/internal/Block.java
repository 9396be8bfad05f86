package dev.weir.memcheck.internal;

import java.util.List;

/**
 * One heap block as the guest's allocator handed it out: {@code [start, start + size)}, with
 * per-byte "initialized" bits ({@code null} = all initialized) and where it was allocated/freed.
 */
final class Block {
    final long start;
    final long size;
    final long end;
    final List<String> allocStack;
    final long serial;
    List<String> freeStack;
    private long[] initBits;

    Block(long start, long size, boolean initialized, List<String> allocStack, long serial) {
        this.start = start;
        this.size = size;
        this.end = start + size;
        this.allocStack = allocStack;
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
        for (long i = a; i < b; i++) {
            initBits[(int) (i >>> 6)] |= 1L << i;
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
}
