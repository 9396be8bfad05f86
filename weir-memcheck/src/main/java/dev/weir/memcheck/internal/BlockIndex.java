package dev.weir.memcheck.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Disjoint blocks sorted by start address in parallel arrays: lookups are a binary search with no
 * allocation (they run on every checked memory access); inserts and removals shift the arrays.
 */
final class BlockIndex {
    private long[] starts = new long[16];
    private Block[] blocks = new Block[16];
    private int n;

    int size() {
        return n;
    }

    Block get(int i) {
        return blocks[i];
    }

    /** Index of the last block starting at or below {@code addr}, or -1. */
    int floor(long addr) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= addr) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** The block containing {@code addr}, or null. */
    Block containing(long addr) {
        int i = floor(addr);
        return i >= 0 && blocks[i].contains(addr) ? blocks[i] : null;
    }

    /** The block starting exactly at {@code addr}, or null. */
    Block startingAt(long addr) {
        int i = floor(addr);
        return i >= 0 && starts[i] == addr ? blocks[i] : null;
    }

    /** Adds a block; one with the same start is replaced. */
    void add(Block b) {
        int i = floor(b.start);
        if (i >= 0 && starts[i] == b.start) {
            blocks[i] = b;
            return;
        }
        i++;
        if (n == starts.length) {
            starts = Arrays.copyOf(starts, n * 2);
            blocks = Arrays.copyOf(blocks, n * 2);
        }
        System.arraycopy(starts, i, starts, i + 1, n - i);
        System.arraycopy(blocks, i, blocks, i + 1, n - i);
        starts[i] = b.start;
        blocks[i] = b;
        n++;
    }

    void remove(Block b) {
        int i = floor(b.start);
        if (i >= 0 && blocks[i] == b) {
            removeAt(i);
        }
    }

    void removeAt(int i) {
        System.arraycopy(starts, i + 1, starts, i, n - i - 1);
        System.arraycopy(blocks, i + 1, blocks, i, n - i - 1);
        n--;
        blocks[n] = null;
    }

    /** Removes every block overlapping {@code [from, to)} (a zero-length range counts as one byte). */
    void removeOverlapping(long from, long to) {
        long end = Math.max(to, from + 1);
        int i = floor(from);
        if (i >= 0 && Math.max(blocks[i].end, blocks[i].start + 1) <= from) {
            i++;
        }
        i = Math.max(i, 0);
        while (i < n && starts[i] < end) {
            removeAt(i);
        }
    }

    /** Drops the oldest blocks (by serial) until at most {@code max} remain. */
    void trimTo(int max) {
        if (n <= max) {
            return;
        }
        long[] serials = new long[n];
        for (int i = 0; i < n; i++) {
            serials[i] = blocks[i].serial;
        }
        Arrays.sort(serials);
        long cut = serials[n - max];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (blocks[i].serial >= cut) {
                starts[j] = starts[i];
                blocks[j++] = blocks[i];
            }
        }
        Arrays.fill(blocks, j, n, null);
        n = j;
    }

    List<Block> all() {
        return new ArrayList<>(Arrays.asList(blocks).subList(0, n));
    }
}
