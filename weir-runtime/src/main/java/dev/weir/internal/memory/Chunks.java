package dev.weir.internal.memory;

import java.util.Arrays;

/**
 * Bulk operations over a linear memory stored as a table of {@code byte[]} chunks.
 *
 * <p>Chunk {@code i} holds addresses {@code [i << shift, i * 2^shift + chunk.length)}; every chunk
 * except possibly the last is exactly {@code 2^shift} bytes. A flat (single-array) memory is the
 * special case of a one-entry table with {@code shift = }{@link #FLAT_SHIFT}, so one code path
 * serves both layouts. All callers have already bounds-checked the whole range against the
 * memory's current size, so these methods only split ranges at chunk boundaries: each piece is
 * handed to {@link System#arraycopy} or {@link Arrays#fill}, never a per-byte loop.
 */
public final class Chunks {
    /** Shift used for a flat memory: every valid address (below 2^31) is in chunk 0. */
    public static final int FLAT_SHIFT = 62;

    private Chunks() {}

    /** Copies {@code len} bytes at {@code addr} into {@code dst[off..off+len)}. */
    public static void read(byte[][] t, int shift, long addr, byte[] dst, int off, int len) {
        long mask = (1L << shift) - 1;
        while (len > 0) {
            byte[] c = t[(int) (addr >>> shift)];
            int o = (int) (addr & mask);
            int n = Math.min(len, c.length - o);
            System.arraycopy(c, o, dst, off, n);
            addr += n;
            off += n;
            len -= n;
        }
    }

    /** Copies {@code src[off..off+len)} to memory at {@code addr}. */
    public static void write(byte[][] t, int shift, long addr, byte[] src, int off, int len) {
        long mask = (1L << shift) - 1;
        while (len > 0) {
            byte[] c = t[(int) (addr >>> shift)];
            int o = (int) (addr & mask);
            int n = Math.min(len, c.length - o);
            System.arraycopy(src, off, c, o, n);
            addr += n;
            off += n;
            len -= n;
        }
    }

    /** Sets {@code len} bytes at {@code addr} to {@code value}. */
    public static void fill(byte[][] t, int shift, long addr, byte value, long len) {
        long mask = (1L << shift) - 1;
        while (len > 0) {
            byte[] c = t[(int) (addr >>> shift)];
            int o = (int) (addr & mask);
            int n = (int) Math.min(len, c.length - o);
            Arrays.fill(c, o, o + n, value);
            addr += n;
            len -= n;
        }
    }

    /**
     * Copies {@code len} bytes from {@code (st, sshift, src)} to {@code (dt, dshift, dst)} with
     * memmove semantics when both are the same memory: if {@code dst > src} the copy runs from the
     * end backwards so that no source byte is overwritten before it is read. Piecewise forward
     * copying is safe for {@code dst <= src} because every piece writes only below the first
     * unread source byte.
     */
    public static void copy(byte[][] dt, int dshift, long dst, byte[][] st, int sshift, long src,
                            long len, boolean backwards) {
        long dmask = (1L << dshift) - 1;
        long smask = (1L << sshift) - 1;
        if (!backwards) {
            while (len > 0) {
                byte[] dc = dt[(int) (dst >>> dshift)];
                byte[] sc = st[(int) (src >>> sshift)];
                int doff = (int) (dst & dmask);
                int soff = (int) (src & smask);
                int n = (int) Math.min(len, Math.min(dc.length - doff, sc.length - soff));
                System.arraycopy(sc, soff, dc, doff, n);
                dst += n;
                src += n;
                len -= n;
            }
        } else {
            long dend = dst + len; // exclusive ends; no overflow: both ranges were bounds-checked
            long send = src + len;
            while (len > 0) {
                long dl = dend - 1;
                long sl = send - 1;
                byte[] dc = dt[(int) (dl >>> dshift)];
                byte[] sc = st[(int) (sl >>> sshift)];
                int dEndOff = (int) (dl & dmask) + 1;
                int sEndOff = (int) (sl & smask) + 1;
                int n = (int) Math.min(len, Math.min(dEndOff, sEndOff));
                System.arraycopy(sc, sEndOff - n, dc, dEndOff - n, n);
                dend -= n;
                send -= n;
                len -= n;
            }
        }
    }

    /**
     * Returns the offset from {@code addr} of the first byte equal to {@code b} within the next
     * {@code len} bytes, or -1.
     */
    public static long indexOf(byte[][] t, int shift, long addr, long len, byte b) {
        long mask = (1L << shift) - 1;
        long done = 0;
        while (done < len) {
            byte[] c = t[(int) (addr >>> shift)];
            int o = (int) (addr & mask);
            int n = (int) Math.min(len - done, c.length - o);
            for (int i = 0; i < n; i++) {
                if (c[o + i] == b) {
                    return done + i;
                }
            }
            addr += n;
            done += n;
        }
        return -1;
    }

    /** Rounds {@code n} up to a multiple of 8 (allocation granule: keeps 8-byte atomics inside one chunk). */
    public static long roundUp8(long n) {
        return (n + 7) & ~7L;
    }
}
