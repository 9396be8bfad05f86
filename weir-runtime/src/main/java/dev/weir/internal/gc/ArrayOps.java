package dev.weir.internal.gc;

import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.Traps;

/**
 * The {@code array.*} instructions (spec 4.4.x "aggregate reference instructions") on the
 * interpreter's stack layout (VALUES.md). Operand order is the spec's: e.g. {@code array.fill}
 * takes {@code [ref, d, value, n]}, with {@code value} one slot or two (v128).
 *
 * <p>All i32 operands (indices, lengths, offsets) are unsigned; bounds arithmetic is done in
 * {@code long} so that {@code d + n} cannot wrap. Every check happens before any write, so a
 * trapping bulk instruction leaves the array unchanged (spec: the checks precede the loop).
 */
final class ArrayOps {
    /** Trap message when an array exceeds {@link #maxArrayBytes} (the spec leaves this to the host). */
    static final String ALLOCATION_TOO_LARGE = "allocation too large";
    /** Trap message when the JVM cannot satisfy an allocation. */
    static final String OUT_OF_MEMORY = "out of memory";

    /** Java arrays cannot be longer than this (the usual VM header reserve). */
    private static final long MAX_JAVA_LENGTH = Integer.MAX_VALUE - 8;

    /**
     * Largest array backing store in bytes (elements × storage size, references counted as 8).
     * A guest asking for more traps instead of taking the host's heap; see {@link GcOps#setMaxArrayBytes}.
     */
    static volatile long maxArrayBytes = Long.getLong("weir.gc.maxArrayBytes", 1L << 30);

    private ArrayOps() {
    }

    static long u32(long slot) {
        return slot & 0xFFFF_FFFFL;
    }

    static ArrayObject nonNull(Object ref) {
        if (ref == null) {
            throw Traps.nullArray();
        }
        return (ArrayObject) ref;
    }

    static Trap outOfBounds() {
        return new Trap("out of bounds array access");
    }

    /** Allocates {@code len} default elements, trapping instead of exhausting the host heap. */
    static ArrayObject allocate(InstanceState inst, RuntimeType t, long len) {
        long elemBytes = t.elemKind == RuntimeType.REF ? 8 : RuntimeType.byteSize(t.elemKind);
        long backing = t.elemKind == RuntimeType.V128 ? 2 * len : len;
        if (backing > MAX_JAVA_LENGTH || len * elemBytes > maxArrayBytes) {
            throw tooLarge(len, elemBytes, maxArrayBytes);
        }
        // The store's per-memory byte limit bounds each array too: a guest must not get around
        // the embedder's memory budget by allocating GC arrays instead of growing a memory.
        if (inst.store instanceof Store) {
            long limit = ((Store) inst.store).limits().maxMemoryBytes();
            if (len * elemBytes > limit) {
                throw tooLarge(len, elemBytes, limit);
            }
        }
        try {
            return ArrayObject.allocate(t, (int) len);
        } catch (OutOfMemoryError e) {
            // Last resort: the cap above is per array, many large arrays can still fill the heap.
            throw new Trap(OUT_OF_MEMORY + ": cannot allocate an array of " + len + " elements", e);
        }
    }

    private static Trap tooLarge(long len, long elemBytes, long limit) {
        return new Trap(ALLOCATION_TOO_LARGE + ": array of " + len + " elements of " + elemBytes
                + " bytes exceeds the limit of " + limit + " bytes");
    }

    /** {@code array.new x}: {@code [value, len] -> [ref]}. */
    static int arrayNew(InstanceState inst, int x, long[] s, Object[] r, int sp) {
        RuntimeType t = RuntimeType.of(inst, x);
        int vs = t.elemSlots;
        int at = sp - 1 - vs;
        long len = u32(s[sp - 1]);
        ArrayObject a = allocate(inst, t, len);
        if (len > 0) {
            a.store(0, s, r, at);
            a.fill(1, s, r, at, (int) len - 1);
        }
        r[at] = a;
        return at + 1;
    }

    /** {@code array.new_default x}: {@code [len] -> [ref]}. */
    static int arrayNewDefault(InstanceState inst, int x, long[] s, Object[] r, int sp) {
        RuntimeType t = RuntimeType.of(inst, x);
        r[sp - 1] = allocate(inst, t, u32(s[sp - 1]));
        return sp;
    }

    /** {@code array.new_fixed x n}: {@code [value^n] -> [ref]}. */
    static int arrayNewFixed(InstanceState inst, int x, int n, long[] s, Object[] r, int sp) {
        RuntimeType t = RuntimeType.of(inst, x);
        int vs = t.elemSlots;
        long count = u32(n);
        int at = (int) (sp - count * vs);
        ArrayObject a = allocate(inst, t, count);
        for (int i = 0; i < count; i++) {
            a.store(i, s, r, at + i * vs);
        }
        r[at] = a;
        return at + 1;
    }

    /**
     * {@code array.new_data x y}: {@code [s, n] -> [ref]}. The segment must hold {@code n} elements
     * of the storage size from offset {@code s}, else "out of bounds memory access" (the spec's
     * wording for data segments).
     */
    static int arrayNewData(InstanceState inst, int x, int y, long[] s, Object[] r, int sp) {
        r[sp - 2] = newData(inst, x, y, u32(s[sp - 2]), u32(s[sp - 1]));
        return sp - 1;
    }

    /** {@code array.new_data x y} on unsigned operands (shared with compiled code through {@link GcAccess}). */
    static ArrayObject newData(InstanceState inst, int x, int y, long off, long n) {
        RuntimeType t = RuntimeType.of(inst, x);
        byte[] data = inst.dataSegment(y);
        long bytes = n * RuntimeType.byteSize(t.elemKind);
        if (off + bytes > data.length) {
            throw Traps.memoryOutOfBounds();
        }
        ArrayObject a = allocate(inst, t, n);
        a.initData(0, data, (int) off, (int) n);
        return a;
    }

    /** {@code array.new_elem x y}: {@code [s, n] -> [ref]}; out of the segment is "out of bounds table access". */
    static int arrayNewElem(InstanceState inst, int x, int y, long[] s, Object[] r, int sp) {
        r[sp - 2] = newElem(inst, x, y, u32(s[sp - 2]), u32(s[sp - 1]));
        return sp - 1;
    }

    /** {@code array.new_elem x y} on unsigned operands. */
    static ArrayObject newElem(InstanceState inst, int x, int y, long off, long n) {
        RuntimeType t = RuntimeType.of(inst, x);
        Object[] elems = inst.elemSegment(y);
        if (off + n > elems.length) {
            throw Traps.tableOutOfBounds();
        }
        ArrayObject.Ref a = (ArrayObject.Ref) allocate(inst, t, n);
        a.initElem(0, elems, (int) off, (int) n);
        return a;
    }

    /** {@code array.get(_s|_u) x}: {@code [ref, i] -> [value]}. */
    static int arrayGet(long[] s, Object[] r, int sp, boolean signed) {
        ArrayObject a = nonNull(r[sp - 2]);
        long i = u32(s[sp - 1]);
        if (i >= a.length()) {
            throw outOfBounds();
        }
        a.load((int) i, s, r, sp - 2, signed);
        return sp - 2 + a.rtt.elemSlots;
    }

    /** {@code array.set x}: {@code [ref, i, value] -> []}. */
    static int arraySet(InstanceState inst, int x, long[] s, Object[] r, int sp) {
        int vs = RuntimeType.of(inst, x).elemSlots;
        int at = sp - 2 - vs;
        ArrayObject a = nonNull(r[at]);
        long i = u32(s[at + 1]);
        if (i >= a.length()) {
            throw outOfBounds();
        }
        a.store((int) i, s, r, at + 2);
        return at;
    }

    /** {@code array.len}: {@code [ref] -> [i32]}. */
    static int arrayLen(long[] s, Object[] r, int sp) {
        s[sp - 1] = nonNull(r[sp - 1]).length();
        return sp;
    }

    /** {@code array.fill x}: {@code [ref, d, value, n] -> []}. */
    static int arrayFill(InstanceState inst, int x, long[] s, Object[] r, int sp) {
        int vs = RuntimeType.of(inst, x).elemSlots;
        int at = sp - 3 - vs;
        ArrayObject a = nonNull(r[at]);
        long d = u32(s[at + 1]);
        long n = u32(s[sp - 1]);
        if (d + n > a.length()) {
            throw outOfBounds();
        }
        a.fill((int) d, s, r, at + 2, (int) n);
        return at;
    }

    /** {@code array.copy x y}: {@code [dst, d, src, s, n] -> []}; overlapping ranges act like memmove. */
    static int arrayCopy(long[] s, Object[] r, int sp) {
        int at = sp - 5;
        copy(r[at], u32(s[at + 1]), r[at + 2], u32(s[at + 3]), u32(s[at + 4]));
        return at;
    }

    /** {@code array.copy} on unsigned operands. */
    static void copy(Object dstRef, long d, Object srcRef, long si, long n) {
        ArrayObject dst = nonNull(dstRef);
        ArrayObject src = nonNull(srcRef);
        if (d + n > dst.length() || si + n > src.length()) {
            throw outOfBounds();
        }
        if (n > 0) {
            dst.copyFrom((int) d, src, (int) si, (int) n);
        }
    }

    /**
     * {@code array.init_data x y}: {@code [ref, d, s, n] -> []}. The array range is checked first
     * ("out of bounds array access"), then the segment range ("out of bounds memory access"), as
     * in the reference interpreter.
     */
    static int arrayInitData(InstanceState inst, int x, int y, long[] s, Object[] r, int sp) {
        int at = sp - 4;
        initData(inst, y, r[at], u32(s[at + 1]), u32(s[at + 2]), u32(s[at + 3]));
        return at;
    }

    /** {@code array.init_data _ y} on unsigned operands. */
    static void initData(InstanceState inst, int y, Object ref, long d, long off, long n) {
        ArrayObject a = nonNull(ref);
        if (d + n > a.length()) {
            throw outOfBounds();
        }
        byte[] data = inst.dataSegment(y);
        if (off + n * RuntimeType.byteSize(a.rtt.elemKind) > data.length) {
            throw Traps.memoryOutOfBounds();
        }
        if (n > 0) {
            a.initData((int) d, data, (int) off, (int) n);
        }
    }

    /** {@code array.init_elem x y}: {@code [ref, d, s, n] -> []}; segment overrun is "out of bounds table access". */
    static int arrayInitElem(InstanceState inst, int x, int y, long[] s, Object[] r, int sp) {
        int at = sp - 4;
        initElem(inst, y, r[at], u32(s[at + 1]), u32(s[at + 2]), u32(s[at + 3]));
        return at;
    }

    /** {@code array.init_elem _ y} on unsigned operands. */
    static void initElem(InstanceState inst, int y, Object ref, long d, long off, long n) {
        ArrayObject a = nonNull(ref);
        if (d + n > a.length()) {
            throw outOfBounds();
        }
        Object[] elems = inst.elemSegment(y);
        if (off + n > elems.length) {
            throw Traps.tableOutOfBounds();
        }
        if (n > 0) {
            ((ArrayObject.Ref) a).initElem((int) d, elems, (int) off, (int) n);
        }
    }
}
