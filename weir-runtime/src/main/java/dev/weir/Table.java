package dev.weir;

import dev.weir.internal.rt.TableInstance;
import dev.weir.wasm.Limits;
import dev.weir.wasm.TableType;
import dev.weir.wasm.Types;
import java.util.List;

/**
 * A table of references (spec 4.2 "table instances"): exported by an instance or created by the
 * host with {@link #create} to be imported. Elements are {@link Value}s of the table's element type.
 */
public final class Table {
    private static final Types NO_TYPES = Types.of(List.of());

    private final TableInstance t;

    private Table(TableInstance t) {
        this.t = t;
    }

    static Table view(TableInstance t) {
        Object v = t.publicView;
        if (v == null) {
            synchronized (t) {
                v = t.publicView;
                if (v == null) {
                    v = new Table(t);
                    t.publicView = v;
                }
            }
        }
        return (Table) v;
    }

    /** A host table of the given type (abstract element types only), filled with {@code init}. */
    public static Table create(TableType type, Value init) {
        long min = type.limits().min();
        if (Long.compareUnsigned(min, Integer.MAX_VALUE - 8) > 0) {
            throw new IllegalArgumentException("table too large: " + Long.toUnsignedString(min));
        }
        Object ref = init == null ? null : Value.toInternal(init.ref());
        return view(new TableInstance(type, NO_TYPES, (int) min, ref, Integer.MAX_VALUE - 8));
    }

    TableInstance instance() {
        return t;
    }

    /** The table's type, with the current size as minimum (as import matching sees it). */
    public TableType type() {
        Limits l = t.type.limits();
        return new TableType(t.type.elementType(),
                new Limits(t.size, l.hasMax(), l.max(), l.shared(), l.address64(), l.pageSizeLog2()));
    }

    public long size() {
        return t.size;
    }

    public Value get(long index) {
        check(index);
        return Value.ref(t.type.elementType(), Value.toPublic(t.elements[(int) index]));
    }

    public void set(long index, Value v) {
        check(index);
        t.elements[(int) index] = Value.toInternal(v.ref());
    }

    /** Grows by {@code delta} elements set to {@code init}; returns the old size or -1. */
    public long grow(long delta, Value init) {
        return t.grow(delta, init == null ? null : Value.toInternal(init.ref()));
    }

    private void check(long index) {
        if (index < 0 || index >= t.size) {
            throw new IndexOutOfBoundsException("table index " + index + " out of bounds for size " + t.size);
        }
    }
}
