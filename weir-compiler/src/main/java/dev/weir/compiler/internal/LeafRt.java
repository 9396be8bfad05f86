package dev.weir.compiler.internal;

import dev.weir.Memory;
import dev.weir.internal.num.IntOps;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.TableInstance;
import dev.weir.internal.rt.Traps;

/**
 * Static helpers for generated code of the memory64/table64 and wide-arithmetic families (see
 * {@link LeafEmitter}). Operands typed {@code long} here are i64 addresses of 64-bit memories and
 * tables, or i32 operands the emitter has already zero-extended: every address, length and count
 * is unsigned (spec 4.4.6/4.4.7), so a negative {@code long} is simply out of bounds.
 */
public final class LeafRt {
    private LeafRt() {
    }

    // ------------------------------------------------------------------ memory64

    /**
     * The effective address {@code base + offset} of a 64-bit memory (spec 4.4.7): both unsigned;
     * a sum that overflows 64 bits traps, anything else beyond the memory traps in {@link Memory}.
     * (For 32-bit memories both terms are below 2^32 and the sum cannot wrap.)
     */
    public static long ea64(long base, long offset) {
        long ea = base + offset;
        if (Long.compareUnsigned(ea, base) < 0) {
            throw Traps.memoryOutOfBounds();
        }
        return ea;
    }

    public static long memorySize64(Memory m) {
        return m.pages();
    }

    public static long memoryGrow64(long delta, Memory m) {
        return m.grow(delta);
    }

    /** {@code memory.init}: the destination has the memory's address type, source and length are i32. */
    public static void memoryInit64(long d, int s, int n, InstanceState inst, int dataIndex, int memIndex) {
        inst.memories[memIndex].init(d, inst.data[dataIndex], s & 0xFFFF_FFFFL, n & 0xFFFF_FFFFL);
    }

    public static void memoryFill64(long d, int v, long n, Memory m) {
        m.fill(d, v, n);
    }

    /** {@code memory.copy} where either memory is 64-bit (the length has the smaller address type). */
    public static void memoryCopy64(long d, long s, long n, Memory dst, Memory src) {
        dst.copyFrom(src, s, d, n);
    }

    // ------------------------------------------------------------------ table64

    public static Object tableGet64(long i, TableInstance t) {
        if (Long.compareUnsigned(i, t.size) >= 0) {
            throw Traps.tableOutOfBounds();
        }
        return t.elements[(int) i];
    }

    public static void tableSet64(long i, Object v, TableInstance t) {
        if (Long.compareUnsigned(i, t.size) >= 0) {
            throw Traps.tableOutOfBounds();
        }
        t.elements[(int) i] = v;
    }

    public static long tableSize64(TableInstance t) {
        return t.size;
    }

    public static long tableGrow64(Object init, long n, TableInstance t) {
        return t.grow(n, init);
    }

    public static void tableFill64(long i, Object v, long n, TableInstance t) {
        if (!t.inBounds(i, n)) {
            throw Traps.tableOutOfBounds();
        }
        java.util.Arrays.fill(t.elements, (int) i, (int) (i + n), v);
    }

    /** {@code table.copy} where either table is 64-bit (the length has the smaller index type). */
    public static void tableCopy64(long d, long s, long n, TableInstance dst, TableInstance src) {
        if (!src.inBounds(s, n) || !dst.inBounds(d, n)) {
            throw Traps.tableOutOfBounds();
        }
        System.arraycopy(src.elements, (int) s, dst.elements, (int) d, (int) n);
    }

    /** {@code table.init} into a 64-bit table: the destination is i64, source and length i32. */
    public static void tableInit64(long d, int s, int n, InstanceState inst, int elemIndex, int tableIndex) {
        TableInstance t = inst.tables[tableIndex];
        Object[] seg = inst.elems[elemIndex];
        long src = s & 0xFFFF_FFFFL;
        long len = n & 0xFFFF_FFFFL;
        if (src + len > seg.length || !t.inBounds(d, len)) {
            throw Traps.tableOutOfBounds();
        }
        System.arraycopy(seg, (int) src, t.elements, (int) d, (int) len);
    }

    /** {@code call_indirect} through a 64-bit table: the index is an unsigned i64. */
    public static FunctionInstance indirect64(long index, InstanceState inst, int typeIndex, int tableIndex) {
        // indirectTarget treats a negative index (>= 2^63 unsigned) as out of range, as required.
        return inst.indirectTarget(typeIndex, tableIndex, index);
    }

    // ------------------------------------------------------------------ wide arithmetic

    public static long add128Hi(long aLo, long aHi, long bLo, long bHi) {
        return IntOps.add128Hi(aLo, aHi, bLo, bHi);
    }

    public static long sub128Hi(long aLo, long aHi, long bLo, long bHi) {
        return IntOps.sub128Hi(aLo, aHi, bLo, bHi);
    }

    public static long mulHighU(long a, long b) {
        return IntOps.unsignedMultiplyHigh(a, b);
    }
}
