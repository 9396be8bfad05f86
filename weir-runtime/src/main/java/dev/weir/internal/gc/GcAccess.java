package dev.weir.internal.gc;

import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.Traps;

/**
 * Typed entry points into the GC object model for code compiled to JVM bytecode (weir-compiler),
 * which keeps values in JVM locals and on the JVM operand stack instead of the interpreter's
 * {@code long[]}/{@code Object[]} frames. The semantics, bounds checks and trap messages are those
 * of {@link GcOps} and {@link ArrayOps}; bulk operations delegate to the same cores.
 *
 * <p>Numbers travel as in VALUES.md: i32/f32 (and packed i8/i16, already sign- or zero-extended
 * by the caller as {@code get_s}/{@code get_u} demand) as {@code int}, i64/f64 as {@code long}
 * (floats as raw bits). Struct fields are addressed by slot ({@link RuntimeType#fieldSlot}),
 * computed when the function is compiled. Every method is small so HotSpot inlines it.
 */
public final class GcAccess {
    private GcAccess() {
    }

    // ------------------------------------------------------------------ structs

    /** {@code struct.new_default t} (and the start of {@code struct.new t}, which then sets each field). */
    public static Object structNew(InstanceState inst, int typeIndex) {
        return new StructObject(RuntimeType.of(inst, typeIndex));
    }

    private static StructObject struct(Object o) {
        if (o == null) {
            throw Traps.nullStruct();
        }
        return (StructObject) o;
    }

    /** A numeric field's stored bits (packed fields are stored sign-extended, see {@link StructObject}). */
    public static long structGet(Object o, int slot) {
        return struct(o).prims[slot];
    }

    public static Object structGetRef(Object o, int slot) {
        return struct(o).refs[slot];
    }

    /** Stores a numeric field; the caller has truncated packed values and sign-extended i32/f32 bits. */
    public static void structSet(Object o, long v, int slot) {
        struct(o).prims[slot] = v;
    }

    public static void structSetRef(Object o, Object v, int slot) {
        struct(o).refs[slot] = v;
    }

    // ------------------------------------------------------------------ arrays: elements

    /** {@code array.len}. */
    public static int arrayLen(Object a) {
        return ArrayOps.nonNull(a).length();
    }

    /** Index check of array.get/set: the i32 index is unsigned, so a negative int is out of bounds. */
    private static void check(int i, int length) {
        if (Integer.compareUnsigned(i, length) >= 0) {
            throw ArrayOps.outOfBounds();
        }
    }

    /** {@code array.get_s} of an i8 array (get_u masks the result). */
    public static int getI8(Object o, int i) {
        ArrayObject.I8 a = (ArrayObject.I8) ArrayOps.nonNull(o);
        check(i, a.a.length);
        return a.a[i];
    }

    public static int getI16(Object o, int i) {
        ArrayObject.I16 a = (ArrayObject.I16) ArrayOps.nonNull(o);
        check(i, a.a.length);
        return a.a[i];
    }

    /** i32 and f32 (raw bits). */
    public static int getI32(Object o, int i) {
        ArrayObject.I32 a = (ArrayObject.I32) ArrayOps.nonNull(o);
        check(i, a.a.length);
        return a.a[i];
    }

    /** i64 and f64 (raw bits). */
    public static long getI64(Object o, int i) {
        ArrayObject.I64 a = (ArrayObject.I64) ArrayOps.nonNull(o);
        check(i, a.a.length);
        return a.a[i];
    }

    public static Object getRef(Object o, int i) {
        ArrayObject.Ref a = (ArrayObject.Ref) ArrayOps.nonNull(o);
        check(i, a.a.length);
        return a.a[i];
    }

    public static void setI8(Object o, int i, int v) {
        ArrayObject.I8 a = (ArrayObject.I8) ArrayOps.nonNull(o);
        check(i, a.a.length);
        a.a[i] = (byte) v;
    }

    public static void setI16(Object o, int i, int v) {
        ArrayObject.I16 a = (ArrayObject.I16) ArrayOps.nonNull(o);
        check(i, a.a.length);
        a.a[i] = (short) v;
    }

    public static void setI32(Object o, int i, int v) {
        ArrayObject.I32 a = (ArrayObject.I32) ArrayOps.nonNull(o);
        check(i, a.a.length);
        a.a[i] = v;
    }

    public static void setI64(Object o, int i, long v) {
        ArrayObject.I64 a = (ArrayObject.I64) ArrayOps.nonNull(o);
        check(i, a.a.length);
        a.a[i] = v;
    }

    public static void setRef(Object o, int i, Object v) {
        ArrayObject.Ref a = (ArrayObject.Ref) ArrayOps.nonNull(o);
        check(i, a.a.length);
        a.a[i] = v;
    }

    /** v128 elements: low and high halves are read separately (compiled code keeps them in two longs). */
    public static long getV128Lo(Object o, int i) {
        ArrayObject.V128 a = (ArrayObject.V128) ArrayOps.nonNull(o);
        check(i, a.length());
        return a.a[2 * i];
    }

    public static long getV128Hi(Object o, int i) {
        ArrayObject.V128 a = (ArrayObject.V128) ArrayOps.nonNull(o);
        check(i, a.length());
        return a.a[2 * i + 1];
    }

    public static void setV128(Object o, int i, long lo, long hi) {
        ArrayObject.V128 a = (ArrayObject.V128) ArrayOps.nonNull(o);
        check(i, a.length());
        a.a[2 * i] = lo;
        a.a[2 * i + 1] = hi;
    }

    // ------------------------------------------------------------------ arrays: allocation and bulk

    /** {@code array.new_default t}: {@code len} is the unsigned i32 operand. */
    public static Object arrayNewDefault(int len, InstanceState inst, int typeIndex) {
        return ArrayOps.allocate(inst, RuntimeType.of(inst, typeIndex), ArrayOps.u32(len));
    }

    /**
     * {@code array.new t}: every element set to the value, given as {@code bits} (numbers, i32/f32
     * sign-extended) or {@code ref} (reference arrays).
     */
    public static Object arrayNew(long bits, Object ref, int len, InstanceState inst, int typeIndex) {
        ArrayObject a = ArrayOps.allocate(inst, RuntimeType.of(inst, typeIndex), ArrayOps.u32(len));
        fillUnchecked(a, 0, bits, ref, a.length());
        return a;
    }

    /** {@code array.new t} of a v128 array. */
    public static Object arrayNewV128(long lo, long hi, int len, InstanceState inst, int typeIndex) {
        ArrayObject.V128 a = (ArrayObject.V128) ArrayOps.allocate(inst, RuntimeType.of(inst, typeIndex), ArrayOps.u32(len));
        fillV128(a, 0, lo, hi, a.length());
        return a;
    }

    /** {@code array.fill} of a v128 array. */
    public static void arrayFillV128(Object o, int d, long lo, long hi, int n) {
        ArrayObject.V128 a = (ArrayObject.V128) ArrayOps.nonNull(o);
        long dd = ArrayOps.u32(d);
        long nn = ArrayOps.u32(n);
        if (dd + nn > a.length()) {
            throw ArrayOps.outOfBounds();
        }
        fillV128(a, (int) dd, lo, hi, (int) nn);
    }

    private static void fillV128(ArrayObject.V128 a, int d, long lo, long hi, int n) {
        long[] x = a.a;
        for (int i = 2 * d, end = 2 * (d + n); i < end; i += 2) {
            x[i] = lo;
            x[i + 1] = hi;
        }
    }

    /** {@code array.new_data t y}. */
    public static Object arrayNewData(int off, int n, InstanceState inst, int typeIndex, int data) {
        return ArrayOps.newData(inst, typeIndex, data, ArrayOps.u32(off), ArrayOps.u32(n));
    }

    /** {@code array.new_elem t y}. */
    public static Object arrayNewElem(int off, int n, InstanceState inst, int typeIndex, int elem) {
        return ArrayOps.newElem(inst, typeIndex, elem, ArrayOps.u32(off), ArrayOps.u32(n));
    }

    /** {@code array.fill}: {@code [ref d value n]}, the value as in {@link #arrayNew}. */
    public static void arrayFill(Object o, int d, long bits, Object ref, int n) {
        ArrayObject a = ArrayOps.nonNull(o);
        long dd = ArrayOps.u32(d);
        long nn = ArrayOps.u32(n);
        if (dd + nn > a.length()) {
            throw ArrayOps.outOfBounds();
        }
        fillUnchecked(a, (int) dd, bits, ref, (int) nn);
    }

    private static void fillUnchecked(ArrayObject a, int d, long bits, Object ref, int n) {
        if (n == 0) {
            return;
        }
        if (a instanceof ArrayObject.I8) {
            java.util.Arrays.fill(((ArrayObject.I8) a).a, d, d + n, (byte) bits);
        } else if (a instanceof ArrayObject.I16) {
            java.util.Arrays.fill(((ArrayObject.I16) a).a, d, d + n, (short) bits);
        } else if (a instanceof ArrayObject.I32) {
            java.util.Arrays.fill(((ArrayObject.I32) a).a, d, d + n, (int) bits);
        } else if (a instanceof ArrayObject.I64) {
            java.util.Arrays.fill(((ArrayObject.I64) a).a, d, d + n, bits);
        } else if (a instanceof ArrayObject.Ref) {
            java.util.Arrays.fill(((ArrayObject.Ref) a).a, d, d + n, ref);
        } else {
            throw new IllegalStateException("weir internal error: v128 array filled as bits (use arrayFillV128)");
        }
    }

    /** {@code array.copy}: {@code [dst d src s n]}. */
    public static void arrayCopy(Object dst, int d, Object src, int s, int n) {
        ArrayOps.copy(dst, ArrayOps.u32(d), src, ArrayOps.u32(s), ArrayOps.u32(n));
    }

    /** {@code array.init_data _ y}: {@code [ref d s n]}. */
    public static void arrayInitData(Object o, int d, int s, int n, InstanceState inst, int data) {
        ArrayOps.initData(inst, data, o, ArrayOps.u32(d), ArrayOps.u32(s), ArrayOps.u32(n));
    }

    /** {@code array.init_elem _ y}: {@code [ref d s n]}. */
    public static void arrayInitElem(Object o, int d, int s, int n, InstanceState inst, int elem) {
        ArrayOps.initElem(inst, elem, o, ArrayOps.u32(d), ArrayOps.u32(s), ArrayOps.u32(n));
    }

    // ------------------------------------------------------------------ i31, casts, ref.eq

    /** {@code ref.i31}. */
    public static Object refI31(int v) {
        return I31.of(v);
    }

    private static I31 i31(Object o) {
        if (o == null) {
            throw Traps.nullI31();
        }
        return (I31) o;
    }

    public static int i31GetS(Object o) {
        return i31(o).signed();
    }

    public static int i31GetU(Object o) {
        return i31(o).unsigned();
    }

    /** {@code ref.test}: 1 or 0. {@code nullable} is 1 for {@code (ref null ht)}. */
    public static int test(Object ref, InstanceState inst, int nullable, int heapType) {
        return GcOps.test(inst, ref, nullable != 0, heapType) ? 1 : 0;
    }

    /** {@code ref.cast}: the reference itself, or the trap "cast failure". */
    public static Object cast(Object ref, InstanceState inst, int nullable, int heapType) {
        if (!GcOps.test(inst, ref, nullable != 0, heapType)) {
            throw Traps.castFailure();
        }
        return ref;
    }

    /** {@code ref.eq}: 1 or 0. */
    public static int refEq(Object a, Object b) {
        return GcOps.refEq(a, b) ? 1 : 0;
    }
}
