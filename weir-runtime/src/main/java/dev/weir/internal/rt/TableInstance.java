package dev.weir.internal.rt;

import dev.weir.wasm.TableType;
import dev.weir.wasm.Types;
import java.util.Arrays;

/**
 * A table's storage (spec 4.2 "table instances"): references as Java objects, null = null ref.
 * Sizes are Wasm-unsigned but capped far below 2^31 by {@link #growLimit}, so an {@code int}
 * size suffices.
 */
public final class TableInstance {
    public final TableType type;
    /** Types of the module that defined the table (for matching concrete element types on import). */
    public final Types types;
    public Object[] elements;
    public int size;
    /** Maximum size allowed by the table type (and {@link Integer#MAX_VALUE} - 8 in any case). */
    public final long max;
    /** Store-wide cap on elements per table (spec allows growth to fail, 4.4.6 table.grow). */
    private final long growLimit;
    /** The public view ({@code dev.weir.Table}), created on demand. */
    public volatile Object publicView;

    public TableInstance(TableType type, Types types, int initialSize, Object init, long growLimit) {
        this.type = type;
        this.types = types;
        this.max = type.limits().hasMax() && Long.compareUnsigned(type.limits().max(), Integer.MAX_VALUE - 8) < 0
                ? type.limits().max() : Integer.MAX_VALUE - 8;
        this.growLimit = growLimit;
        this.elements = new Object[Math.max(initialSize, 4)];
        this.size = initialSize;
        if (init != null) {
            Arrays.fill(elements, 0, initialSize, init);
        }
    }

    /** {@code table.grow}: the old size, or -1 if the table cannot grow by {@code delta}. */
    public long grow(long delta, Object init) {
        long old = size;
        if (delta < 0 || delta > max - old || delta > growLimit - old) {
            return -1;
        }
        int newSize = (int) (old + delta);
        if (newSize > elements.length) {
            int cap = (int) Math.min(Math.max(newSize, (long) elements.length * 2), max);
            elements = Arrays.copyOf(elements, Math.max(cap, newSize));
        }
        if (init != null) {
            Arrays.fill(elements, (int) old, newSize, init);
        }
        size = newSize;
        return old;
    }

    /** Bounds check for the range {@code [start, start+len)} with unsigned, overflow-safe arithmetic. */
    public boolean inBounds(long start, long len) {
        return Long.compareUnsigned(start, size) <= 0 && Long.compareUnsigned(len, size - start) <= 0;
    }
}
