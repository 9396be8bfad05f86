package dev.weir.internal.memory;

import java.util.Arrays;

/**
 * Capacity policy of linear memories: pure functions that allocate the storage for a new size and
 * never modify the old one, so a failed allocation ({@link OutOfMemoryError}) leaves the memory
 * untouched. The caller publishes the result.
 *
 * <p>Capacity grows geometrically (x1.5, capped by the memory's maximum) so that growing page by
 * page copies O(log n) times, not n times. Every length is a multiple of 8 so that naturally aligned
 * atomics never cross a chunk.
 */
public final class Growth {
    private Growth() {}

    /** New flat capacity for {@code newSize}: at least x1.5 the old one, at most {@code maxBytes} and {@code flatLimit}. */
    public static long flatCapacity(long oldCapacity, long newSize, long maxBytes, long flatLimit) {
        long cap = Math.max(newSize, oldCapacity + (oldCapacity >> 1));
        cap = Math.min(Chunks.roundUp8(Math.min(cap, maxBytes)), flatLimit);
        return Math.max(cap, Chunks.roundUp8(newSize));
    }

    /**
     * Chunk table for an unshared memory of {@code newSize} bytes: all chunks full
     * ({@code 2^shift} bytes) except the last, which grows geometrically. Chunks that are already
     * big enough are reused; when converting from a flat array its first {@code oldSize} bytes are
     * copied in.
     *
     * @param fromFlat the flat array being converted, or null when {@code old} is a chunk table
     */
    public static byte[][] segmented(byte[] fromFlat, byte[][] old, long oldSize, long newSize, int shift,
                                     long maxBytes) {
        long cs = 1L << shift;
        int need = tableLength(newSize, shift);
        byte[][] t = new byte[need][];
        for (int i = 0; i < need; i++) {
            long start = (long) i << shift;
            long want = Math.min(cs, newSize - start);
            byte[] prev = fromFlat == null && i < old.length ? old[i] : null;
            if (prev != null && prev.length >= want) {
                t[i] = prev;
                continue;
            }
            long len = cs;
            if (i == need - 1) {
                long prevLen = prev == null ? 0 : prev.length;
                len = Math.max(want, prevLen + (prevLen >> 1));
                len = Math.min(Chunks.roundUp8(Math.min(len, maxBytes - start)), cs);
                len = Math.max(len, Chunks.roundUp8(want));
            }
            byte[] c = prev != null ? Arrays.copyOf(prev, (int) len) : new byte[(int) len];
            if (fromFlat != null && start < oldSize) {
                System.arraycopy(fromFlat, (int) start, c, 0, (int) Math.min(len, oldSize - start));
            }
            t[i] = c;
        }
        return t;
    }

    /**
     * Chunk table for a shared memory of {@code newSize} bytes: the old chunks (never moved) plus
     * new full chunks; returns {@code old} itself if it already suffices.
     */
    public static byte[][] shared(byte[][] old, long newSize, int shift) {
        int need = tableLength(newSize, shift);
        if (need <= old.length) {
            return old;
        }
        byte[][] t = Arrays.copyOf(old, need);
        for (int i = old.length; i < need; i++) {
            t[i] = new byte[1 << shift];
        }
        return t;
    }

    /** Total bytes backed by a chunk table. */
    public static long capacity(byte[][] t) {
        long cap = 0;
        for (byte[] c : t) {
            cap += c.length;
        }
        return cap;
    }

    private static int tableLength(long size, int shift) {
        long n = (size + (1L << shift) - 1) >>> shift;
        if (n > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("chunk table too large");
        }
        return (int) n;
    }
}
