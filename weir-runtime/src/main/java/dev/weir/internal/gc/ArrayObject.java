package dev.weir.internal.gc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An array instance with storage typed by its element type, so that bulk instructions
 * ({@code array.fill}, {@code array.copy}, {@code array.init_data}) are {@code Arrays.fill},
 * {@code System.arraycopy} and bulk buffer reads: {@code byte[]} for i8, {@code short[]} for i16,
 * {@code int[]} for i32/f32 (raw bits), {@code long[]} for i64/f64 (raw bits), {@code long[]} pairs
 * (low, high) for v128 and {@code Object[]} for references.
 *
 * <p>Indices passed here are already bounds-checked by {@link ArrayOps}; the methods trust them.
 */
public abstract class ArrayObject extends GcObject {
    ArrayObject(RuntimeType rtt) {
        super(rtt);
    }

    /** The number of elements ({@code array.len}). */
    public abstract int length();

    /** Reads element {@code i} onto the stack at {@code at}; packed elements sign- or zero-extended. */
    abstract void load(int i, long[] s, Object[] r, int at, boolean signed);

    /** Writes element {@code i} from the stack at {@code at} (packed values truncated). */
    abstract void store(int i, long[] s, Object[] r, int at);

    /** Sets elements {@code [d, d + n)} to the value on the stack at {@code at}. */
    abstract void fill(int d, long[] s, Object[] r, int at, int n);

    /**
     * Copies {@code n} elements from {@code src[si ..]} to {@code this[d ..]}; overlapping ranges of
     * one array behave like memmove (System.arraycopy guarantees it). Validation makes the source
     * element type a subtype of the destination's, so both have the same storage class.
     */
    abstract void copyFrom(int d, ArrayObject src, int si, int n);

    /** Decodes {@code n} little-endian elements from {@code data[off ..]} into {@code this[d ..]}. */
    abstract void initData(int d, byte[] data, int off, int n);

    /** Allocates an array of {@code len} default elements (length already checked against the limits). */
    static ArrayObject allocate(RuntimeType t, int len) {
        switch (t.elemKind) {
            case RuntimeType.I8: return new I8(t, new byte[len]);
            case RuntimeType.I16: return new I16(t, new short[len]);
            case RuntimeType.I32: case RuntimeType.F32: return new I32(t, new int[len]);
            case RuntimeType.I64: case RuntimeType.F64: return new I64(t, new long[len]);
            case RuntimeType.V128: return new V128(t, new long[2 * len]);
            default: return new Ref(t, new Object[len]);
        }
    }

    static ByteBuffer le(byte[] data, int off, int bytes) {
        return ByteBuffer.wrap(data, off, bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---- element-typed accessors for embedders and tests (no bounds checks beyond Java's) ----

    /** Element {@code i}'s bits: sign-extended for i8/i16/i32/f32, raw for i64/f64, low half of v128. */
    public abstract long getBits(int i);

    /** Element {@code i} of a reference array. */
    public Object getRef(int i) {
        throw new IllegalArgumentException("not a reference array: " + this);
    }

    @Override
    public String toString() {
        return "array " + rtt.typeIndex + " [" + length() + "]";
    }

    /** {@code (array i8)}. */
    static final class I8 extends ArrayObject {
        final byte[] a;

        I8(RuntimeType t, byte[] a) {
            super(t);
            this.a = a;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        void load(int i, long[] s, Object[] r, int at, boolean signed) {
            s[at] = signed ? a[i] : a[i] & 0xFF;
        }

        @Override
        void store(int i, long[] s, Object[] r, int at) {
            a[i] = (byte) s[at];
        }

        @Override
        void fill(int d, long[] s, Object[] r, int at, int n) {
            java.util.Arrays.fill(a, d, d + n, (byte) s[at]);
        }

        @Override
        void copyFrom(int d, ArrayObject src, int si, int n) {
            System.arraycopy(((I8) src).a, si, a, d, n);
        }

        @Override
        void initData(int d, byte[] data, int off, int n) {
            System.arraycopy(data, off, a, d, n);
        }

        @Override
        public long getBits(int i) {
            return a[i];
        }
    }

    /** {@code (array i16)}. */
    static final class I16 extends ArrayObject {
        final short[] a;

        I16(RuntimeType t, short[] a) {
            super(t);
            this.a = a;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        void load(int i, long[] s, Object[] r, int at, boolean signed) {
            s[at] = signed ? a[i] : a[i] & 0xFFFF;
        }

        @Override
        void store(int i, long[] s, Object[] r, int at) {
            a[i] = (short) s[at];
        }

        @Override
        void fill(int d, long[] s, Object[] r, int at, int n) {
            java.util.Arrays.fill(a, d, d + n, (short) s[at]);
        }

        @Override
        void copyFrom(int d, ArrayObject src, int si, int n) {
            System.arraycopy(((I16) src).a, si, a, d, n);
        }

        @Override
        void initData(int d, byte[] data, int off, int n) {
            le(data, off, 2 * n).asShortBuffer().get(a, d, n);
        }

        @Override
        public long getBits(int i) {
            return a[i];
        }
    }

    /** {@code (array i32)} and {@code (array f32)} (raw float bits). */
    static final class I32 extends ArrayObject {
        final int[] a;

        I32(RuntimeType t, int[] a) {
            super(t);
            this.a = a;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        void load(int i, long[] s, Object[] r, int at, boolean signed) {
            s[at] = a[i];
        }

        @Override
        void store(int i, long[] s, Object[] r, int at) {
            a[i] = (int) s[at];
        }

        @Override
        void fill(int d, long[] s, Object[] r, int at, int n) {
            java.util.Arrays.fill(a, d, d + n, (int) s[at]);
        }

        @Override
        void copyFrom(int d, ArrayObject src, int si, int n) {
            System.arraycopy(((I32) src).a, si, a, d, n);
        }

        @Override
        void initData(int d, byte[] data, int off, int n) {
            le(data, off, 4 * n).asIntBuffer().get(a, d, n);
        }

        @Override
        public long getBits(int i) {
            return a[i];
        }
    }

    /** {@code (array i64)} and {@code (array f64)} (raw double bits). */
    static final class I64 extends ArrayObject {
        final long[] a;

        I64(RuntimeType t, long[] a) {
            super(t);
            this.a = a;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        void load(int i, long[] s, Object[] r, int at, boolean signed) {
            s[at] = a[i];
        }

        @Override
        void store(int i, long[] s, Object[] r, int at) {
            a[i] = s[at];
        }

        @Override
        void fill(int d, long[] s, Object[] r, int at, int n) {
            java.util.Arrays.fill(a, d, d + n, s[at]);
        }

        @Override
        void copyFrom(int d, ArrayObject src, int si, int n) {
            System.arraycopy(((I64) src).a, si, a, d, n);
        }

        @Override
        void initData(int d, byte[] data, int off, int n) {
            le(data, off, 8 * n).asLongBuffer().get(a, d, n);
        }

        @Override
        public long getBits(int i) {
            return a[i];
        }
    }

    /** {@code (array v128)}: element i is {@code a[2i]} (low 64 bits) and {@code a[2i + 1]} (high). */
    static final class V128 extends ArrayObject {
        final long[] a;

        V128(RuntimeType t, long[] a) {
            super(t);
            this.a = a;
        }

        @Override
        public int length() {
            return a.length >>> 1;
        }

        @Override
        void load(int i, long[] s, Object[] r, int at, boolean signed) {
            s[at] = a[2 * i];
            s[at + 1] = a[2 * i + 1];
        }

        @Override
        void store(int i, long[] s, Object[] r, int at) {
            a[2 * i] = s[at];
            a[2 * i + 1] = s[at + 1];
        }

        @Override
        void fill(int d, long[] s, Object[] r, int at, int n) {
            long lo = s[at];
            long hi = s[at + 1];
            for (int i = 2 * d, end = 2 * (d + n); i < end; i += 2) {
                a[i] = lo;
                a[i + 1] = hi;
            }
        }

        @Override
        void copyFrom(int d, ArrayObject src, int si, int n) {
            System.arraycopy(((V128) src).a, 2 * si, a, 2 * d, 2 * n);
        }

        @Override
        void initData(int d, byte[] data, int off, int n) {
            // A v128 in memory is 16 little-endian bytes: the low 8 first (VALUES.md lane order).
            le(data, off, 16 * n).asLongBuffer().get(a, 2 * d, 2 * n);
        }

        @Override
        public long getBits(int i) {
            return a[2 * i];
        }

        /** The high 64 bits of element {@code i}. */
        public long getHighBits(int i) {
            return a[2 * i + 1];
        }
    }

    /** Arrays of any reference type. */
    static final class Ref extends ArrayObject {
        final Object[] a;

        Ref(RuntimeType t, Object[] a) {
            super(t);
            this.a = a;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        void load(int i, long[] s, Object[] r, int at, boolean signed) {
            r[at] = a[i];
        }

        @Override
        void store(int i, long[] s, Object[] r, int at) {
            a[i] = r[at];
        }

        @Override
        void fill(int d, long[] s, Object[] r, int at, int n) {
            java.util.Arrays.fill(a, d, d + n, r[at]);
        }

        @Override
        void copyFrom(int d, ArrayObject src, int si, int n) {
            System.arraycopy(((Ref) src).a, si, a, d, n);
        }

        @Override
        void initData(int d, byte[] data, int off, int n) {
            throw new IllegalStateException("array.init_data on a reference array (rejected by validation)");
        }

        /** Copies {@code n} evaluated element-segment references ({@code array.init_elem}, {@code array.new_elem}). */
        void initElem(int d, Object[] elems, int off, int n) {
            System.arraycopy(elems, off, a, d, n);
        }

        @Override
        public long getBits(int i) {
            throw new IllegalArgumentException("reference array has no numeric elements");
        }

        @Override
        public Object getRef(int i) {
            return a[i];
        }
    }
}
