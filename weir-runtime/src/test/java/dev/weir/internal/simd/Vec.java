package dev.weir.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

/** Test helpers: build v128 values from lanes and run ops through the dispatcher. */
final class Vec {
    private Vec() {}

    static long[] i8(int... l) {
        long[] v = new long[2];
        for (int k = 0; k < 16; k++) {
            v[k >> 3] |= (l[k] & 0xFFL) << ((k & 7) * 8);
        }
        return v;
    }

    static long[] i16(int... l) {
        long[] v = new long[2];
        for (int k = 0; k < 8; k++) {
            v[k >> 2] |= (l[k] & 0xFFFFL) << ((k & 3) * 16);
        }
        return v;
    }

    static long[] i32(int... l) {
        long[] v = new long[2];
        for (int k = 0; k < 4; k++) {
            v[k >> 1] |= (l[k] & 0xFFFF_FFFFL) << ((k & 1) * 32);
        }
        return v;
    }

    static long[] i64(long lo, long hi) {
        return new long[] {lo, hi};
    }

    static long[] f32(float... l) {
        int[] bits = new int[4];
        for (int k = 0; k < 4; k++) {
            bits[k] = Float.floatToRawIntBits(l[k]);
        }
        return i32(bits);
    }

    static long[] f32bits(int... l) {
        return i32(l);
    }

    static long[] f64(double lo, double hi) {
        return new long[] {Double.doubleToRawLongBits(lo), Double.doubleToRawLongBits(hi)};
    }

    static long[] stack(long[]... parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] s = new long[n + 2]; // spare room, as a real stack would have
        int k = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, s, k, p.length);
            k += p.length;
        }
        return Arrays.copyOf(s, n);
    }

    /** Runs {@code op} through {@link V128#execute} on the given operands; returns the resulting stack content. */
    static long[] exec(int op, long[]... operands) {
        long[] in = stack(operands);
        long[] s = Arrays.copyOf(in, in.length + 2);
        int sp = V128.execute(op, s, in.length);
        assertEquals(in.length + V128.stackDelta(op), sp, "stack delta of 0x" + Integer.toHexString(op));
        return Arrays.copyOf(s, sp);
    }

    static long[] scalar(long v) {
        return new long[] {v};
    }

    static String hex(long[] v) {
        StringBuilder b = new StringBuilder("[");
        for (long x : v) {
            b.append(String.format(" %016x", x));
        }
        return b.append(" ]").toString();
    }

    static void assertVec(long[] expected, long[] actual) {
        assertEquals(hex(expected), hex(actual));
    }
}
