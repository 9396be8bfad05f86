package dev.weir.internal.simd;

/** {@code i64x2.*} instructions: each half is one lane. Stack-slot convention as in {@link V128}. */
public final class I64x2 {
    private I64x2() {}

    private static long bool(boolean b) {
        return b ? -1L : 0L;
    }

    // ---- lanes ----

    public static void splat(long[] s, int i, long v) {
        s[i] = v;
        s[i + 1] = v;
    }

    public static long extractLane(long lo, long hi, int lane) {
        return lane == 0 ? lo : hi;
    }

    public static void replaceLane(long[] s, int i, int lane, long v) {
        s[i + (lane & 1)] = v;
    }

    // ---- comparisons (signed only, as in the spec) ----

    public static void eq(long[] s, int i) {
        s[i] = bool(s[i] == s[i + 2]);
        s[i + 1] = bool(s[i + 1] == s[i + 3]);
    }

    public static void ne(long[] s, int i) {
        s[i] = bool(s[i] != s[i + 2]);
        s[i + 1] = bool(s[i + 1] != s[i + 3]);
    }

    public static void ltS(long[] s, int i) {
        s[i] = bool(s[i] < s[i + 2]);
        s[i + 1] = bool(s[i + 1] < s[i + 3]);
    }

    public static void gtS(long[] s, int i) {
        s[i] = bool(s[i] > s[i + 2]);
        s[i + 1] = bool(s[i + 1] > s[i + 3]);
    }

    public static void leS(long[] s, int i) {
        s[i] = bool(s[i] <= s[i + 2]);
        s[i + 1] = bool(s[i + 1] <= s[i + 3]);
    }

    public static void geS(long[] s, int i) {
        s[i] = bool(s[i] >= s[i + 2]);
        s[i + 1] = bool(s[i + 1] >= s[i + 3]);
    }

    // ---- unary, tests ----

    public static void abs(long[] s, int i) {
        s[i] = Math.abs(s[i]);
        s[i + 1] = Math.abs(s[i + 1]);
    }

    public static void neg(long[] s, int i) {
        s[i] = -s[i];
        s[i + 1] = -s[i + 1];
    }

    public static int allTrue(long lo, long hi) {
        return lo != 0 && hi != 0 ? 1 : 0;
    }

    public static int bitmask(long lo, long hi) {
        return (int) ((lo >>> 63) | ((hi >>> 63) << 1));
    }

    // ---- extend, extmul (i32x4 -> i64x2) ----

    public static void extendLowI32x4S(long[] s, int i) {
        long x = s[i];
        s[i] = (int) x;
        s[i + 1] = (int) (x >>> 32);
    }

    public static void extendHighI32x4S(long[] s, int i) {
        long x = s[i + 1];
        s[i] = (int) x;
        s[i + 1] = (int) (x >>> 32);
    }

    public static void extendLowI32x4U(long[] s, int i) {
        long x = s[i];
        s[i] = x & 0xFFFF_FFFFL;
        s[i + 1] = x >>> 32;
    }

    public static void extendHighI32x4U(long[] s, int i) {
        long x = s[i + 1];
        s[i] = x & 0xFFFF_FFFFL;
        s[i + 1] = x >>> 32;
    }

    private static void extmulS(long[] s, int i, long a, long b) {
        s[i] = (long) (int) a * (int) b;
        s[i + 1] = (a >> 32) * (b >> 32);
    }

    private static void extmulU(long[] s, int i, long a, long b) {
        // u32 * u32 < 2^64: the wrapped signed long product has exactly the right bits.
        s[i] = (a & 0xFFFF_FFFFL) * (b & 0xFFFF_FFFFL);
        s[i + 1] = (a >>> 32) * (b >>> 32);
    }

    public static void extmulLowI32x4S(long[] s, int i) {
        extmulS(s, i, s[i], s[i + 2]);
    }

    public static void extmulHighI32x4S(long[] s, int i) {
        extmulS(s, i, s[i + 1], s[i + 3]);
    }

    public static void extmulLowI32x4U(long[] s, int i) {
        extmulU(s, i, s[i], s[i + 2]);
    }

    public static void extmulHighI32x4U(long[] s, int i) {
        extmulU(s, i, s[i + 1], s[i + 3]);
    }

    // ---- shifts (count modulo 64; Java already masks long shift counts) ----

    public static void shl(long[] s, int i, int count) {
        s[i] <<= count;
        s[i + 1] <<= count;
    }

    public static void shrS(long[] s, int i, int count) {
        s[i] >>= count;
        s[i + 1] >>= count;
    }

    public static void shrU(long[] s, int i, int count) {
        s[i] >>>= count;
        s[i + 1] >>>= count;
    }

    // ---- binary arithmetic ----

    public static void add(long[] s, int i) {
        s[i] += s[i + 2];
        s[i + 1] += s[i + 3];
    }

    public static void sub(long[] s, int i) {
        s[i] -= s[i + 2];
        s[i + 1] -= s[i + 3];
    }

    public static void mul(long[] s, int i) {
        s[i] *= s[i + 2];
        s[i + 1] *= s[i + 3];
    }

    /** {@code i64x2.relaxed_laneselect}. Deterministic profile: {@code v128.bitselect}. */
    public static void relaxedLaneselect(long[] s, int i) {
        V128.bitselect(s, i);
    }
}
