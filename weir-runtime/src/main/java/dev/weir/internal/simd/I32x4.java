package dev.weir.internal.simd;

import static dev.weir.internal.simd.Swar.H32;
import static dev.weir.internal.simd.Swar.f32Hi;
import static dev.weir.internal.simd.Swar.f32Lo;
import static dev.weir.internal.simd.Swar.packI32;

import dev.weir.internal.num.Conversions;

/** {@code i32x4.*} instructions. Stack-slot convention as in {@link V128}. */
public final class I32x4 {
    private static final int W = 32;

    private I32x4() {}

    private static int lo(long x) {
        return (int) x;
    }

    private static int hi(long x) {
        return (int) (x >>> 32);
    }

    // ---- lanes ----

    public static void splat(long[] s, int i, int v) {
        long x = packI32(v, v);
        s[i] = x;
        s[i + 1] = x;
    }

    public static int extractLane(long lo, long hi, int lane) {
        return (int) ((lane < 2 ? lo : hi) >>> ((lane & 1) << 5));
    }

    public static void replaceLane(long[] s, int i, int lane, int v) {
        int k = i + (lane >>> 1);
        int sh = (lane & 1) << 5;
        s[k] = (s[k] & ~(0xFFFF_FFFFL << sh)) | ((v & 0xFFFF_FFFFL) << sh);
    }

    // ---- comparisons ----

    public static void eq(long[] s, int i) {
        s[i] = Swar.eq(s[i], s[i + 2], H32, W);
        s[i + 1] = Swar.eq(s[i + 1], s[i + 3], H32, W);
    }

    public static void ne(long[] s, int i) {
        s[i] = ~Swar.eq(s[i], s[i + 2], H32, W);
        s[i + 1] = ~Swar.eq(s[i + 1], s[i + 3], H32, W);
    }

    public static void ltS(long[] s, int i) {
        s[i] = Swar.ltS(s[i], s[i + 2], H32, W);
        s[i + 1] = Swar.ltS(s[i + 1], s[i + 3], H32, W);
    }

    public static void ltU(long[] s, int i) {
        s[i] = Swar.ltU(s[i], s[i + 2], H32, W);
        s[i + 1] = Swar.ltU(s[i + 1], s[i + 3], H32, W);
    }

    public static void gtS(long[] s, int i) {
        s[i] = Swar.ltS(s[i + 2], s[i], H32, W);
        s[i + 1] = Swar.ltS(s[i + 3], s[i + 1], H32, W);
    }

    public static void gtU(long[] s, int i) {
        s[i] = Swar.ltU(s[i + 2], s[i], H32, W);
        s[i + 1] = Swar.ltU(s[i + 3], s[i + 1], H32, W);
    }

    public static void leS(long[] s, int i) {
        s[i] = ~Swar.ltS(s[i + 2], s[i], H32, W);
        s[i + 1] = ~Swar.ltS(s[i + 3], s[i + 1], H32, W);
    }

    public static void leU(long[] s, int i) {
        s[i] = ~Swar.ltU(s[i + 2], s[i], H32, W);
        s[i + 1] = ~Swar.ltU(s[i + 3], s[i + 1], H32, W);
    }

    public static void geS(long[] s, int i) {
        s[i] = ~Swar.ltS(s[i], s[i + 2], H32, W);
        s[i + 1] = ~Swar.ltS(s[i + 1], s[i + 3], H32, W);
    }

    public static void geU(long[] s, int i) {
        s[i] = ~Swar.ltU(s[i], s[i + 2], H32, W);
        s[i + 1] = ~Swar.ltU(s[i + 1], s[i + 3], H32, W);
    }

    // ---- unary, tests ----

    public static void abs(long[] s, int i) {
        s[i] = Swar.abs(s[i], H32, W);
        s[i + 1] = Swar.abs(s[i + 1], H32, W);
    }

    public static void neg(long[] s, int i) {
        s[i] = Swar.sub(0, s[i], H32);
        s[i + 1] = Swar.sub(0, s[i + 1], H32);
    }

    public static int allTrue(long lo, long hi) {
        return lo(lo) != 0 && hi(lo) != 0 && lo(hi) != 0 && hi(hi) != 0 ? 1 : 0;
    }

    public static int bitmask(long lo, long hi) {
        return (int) (((lo >>> 31) & 1) | ((lo >>> 62) & 2) | ((hi >>> 29) & 4) | ((hi >>> 60) & 8));
    }

    // ---- extend (i16x8 -> i32x4) ----

    static long extendS(long x) {
        return packI32((short) x, (short) (x >>> 16));
    }

    static long extendU(long x) {
        return (x & 0xFFFFL) | (((x >>> 16) & 0xFFFFL) << 32);
    }

    public static void extendLowI16x8S(long[] s, int i) {
        long x = s[i];
        s[i] = extendS(x);
        s[i + 1] = extendS(x >>> 32);
    }

    public static void extendHighI16x8S(long[] s, int i) {
        long x = s[i + 1];
        s[i] = extendS(x);
        s[i + 1] = extendS(x >>> 32);
    }

    public static void extendLowI16x8U(long[] s, int i) {
        long x = s[i];
        s[i] = extendU(x);
        s[i + 1] = extendU(x >>> 32);
    }

    public static void extendHighI16x8U(long[] s, int i) {
        long x = s[i + 1];
        s[i] = extendU(x);
        s[i + 1] = extendU(x >>> 32);
    }

    // ---- extadd_pairwise, extmul, dot (i16x8 -> i32x4) ----

    private static long extaddPairwiseS(long x) {
        return packI32((short) x + (short) (x >>> 16), (short) (x >>> 32) + (short) (x >>> 48));
    }

    private static long extaddPairwiseU(long x) {
        return packI32((int) (x & 0xFFFF) + (int) ((x >>> 16) & 0xFFFF),
                (int) ((x >>> 32) & 0xFFFF) + (int) (x >>> 48));
    }

    public static void extaddPairwiseI16x8S(long[] s, int i) {
        s[i] = extaddPairwiseS(s[i]);
        s[i + 1] = extaddPairwiseS(s[i + 1]);
    }

    public static void extaddPairwiseI16x8U(long[] s, int i) {
        s[i] = extaddPairwiseU(s[i]);
        s[i + 1] = extaddPairwiseU(s[i + 1]);
    }

    private static void extmulS(long[] s, int i, long a, long b) {
        s[i] = packI32((short) a * (short) b, (short) (a >>> 16) * (short) (b >>> 16));
        s[i + 1] = packI32((short) (a >>> 32) * (short) (b >>> 32), (short) (a >>> 48) * (short) (b >>> 48));
    }

    private static void extmulU(long[] s, int i, long a, long b) {
        // u16 * u16 fits in 32 bits unsigned; int multiplication wraps to exactly those bits.
        s[i] = packI32((int) (a & 0xFFFF) * (int) (b & 0xFFFF),
                (int) ((a >>> 16) & 0xFFFF) * (int) ((b >>> 16) & 0xFFFF));
        s[i + 1] = packI32((int) ((a >>> 32) & 0xFFFF) * (int) ((b >>> 32) & 0xFFFF),
                (int) (a >>> 48) * (int) (b >>> 48));
    }

    public static void extmulLowI16x8S(long[] s, int i) {
        extmulS(s, i, s[i], s[i + 2]);
    }

    public static void extmulHighI16x8S(long[] s, int i) {
        extmulS(s, i, s[i + 1], s[i + 3]);
    }

    public static void extmulLowI16x8U(long[] s, int i) {
        extmulU(s, i, s[i], s[i + 2]);
    }

    public static void extmulHighI16x8U(long[] s, int i) {
        extmulU(s, i, s[i + 1], s[i + 3]);
    }

    private static long dotHalf(long a, long b) {
        // Wrapping add: only (-32768 * -32768) * 2 = 2^31 overflows, and the spec wraps it (ivdot uses iadd).
        return packI32((short) a * (short) b + (short) (a >>> 16) * (short) (b >>> 16),
                (short) (a >>> 32) * (short) (b >>> 32) + (short) (a >>> 48) * (short) (b >>> 48));
    }

    /** {@code i32x4.dot_i16x8_s}. */
    public static void dotI16x8S(long[] s, int i) {
        s[i] = dotHalf(s[i], s[i + 2]);
        s[i + 1] = dotHalf(s[i + 1], s[i + 3]);
    }

    private static long dotAddHalf(long a, long b, long c) {
        long d = I16x8.relaxedDotHalf(a, b);
        return packI32((short) d + (short) (d >>> 16) + (int) c,
                (short) (d >>> 32) + (short) (d >>> 48) + (int) (c >>> 32));
    }

    /**
     * {@code i32x4.relaxed_dot_i8x16_i7x16_add_s} (ternary: a, b at {@code s[i..i+3]}, c at
     * {@code s[i+4..i+5]}). Deterministic profile: the i16 relaxed dot (signed b, saturating), then
     * signed pairwise extension to i32, then a wrapping add of c.
     */
    public static void relaxedDotI8x16I7x16AddS(long[] s, int i) {
        s[i] = dotAddHalf(s[i], s[i + 2], s[i + 4]);
        s[i + 1] = dotAddHalf(s[i + 1], s[i + 3], s[i + 5]);
    }

    // ---- shifts (count modulo 32) ----

    public static void shl(long[] s, int i, int count) {
        int c = count & 31;
        s[i] = packI32(lo(s[i]) << c, hi(s[i]) << c);
        s[i + 1] = packI32(lo(s[i + 1]) << c, hi(s[i + 1]) << c);
    }

    public static void shrS(long[] s, int i, int count) {
        int c = count & 31;
        s[i] = packI32(lo(s[i]) >> c, hi(s[i]) >> c);
        s[i + 1] = packI32(lo(s[i + 1]) >> c, hi(s[i + 1]) >> c);
    }

    public static void shrU(long[] s, int i, int count) {
        int c = count & 31;
        s[i] = packI32(lo(s[i]) >>> c, hi(s[i]) >>> c);
        s[i + 1] = packI32(lo(s[i + 1]) >>> c, hi(s[i + 1]) >>> c);
    }

    // ---- binary arithmetic ----

    public static void add(long[] s, int i) {
        s[i] = Swar.add(s[i], s[i + 2], H32);
        s[i + 1] = Swar.add(s[i + 1], s[i + 3], H32);
    }

    public static void sub(long[] s, int i) {
        s[i] = Swar.sub(s[i], s[i + 2], H32);
        s[i + 1] = Swar.sub(s[i + 1], s[i + 3], H32);
    }

    private static long mulHalf(long a, long b) {
        return packI32(lo(a) * lo(b), hi(a) * hi(b));
    }

    public static void mul(long[] s, int i) {
        s[i] = mulHalf(s[i], s[i + 2]);
        s[i + 1] = mulHalf(s[i + 1], s[i + 3]);
    }

    public static void minS(long[] s, int i) {
        s[i] = Swar.minS(s[i], s[i + 2], H32, W);
        s[i + 1] = Swar.minS(s[i + 1], s[i + 3], H32, W);
    }

    public static void minU(long[] s, int i) {
        s[i] = Swar.minU(s[i], s[i + 2], H32, W);
        s[i + 1] = Swar.minU(s[i + 1], s[i + 3], H32, W);
    }

    public static void maxS(long[] s, int i) {
        s[i] = Swar.maxS(s[i], s[i + 2], H32, W);
        s[i + 1] = Swar.maxS(s[i + 1], s[i + 3], H32, W);
    }

    public static void maxU(long[] s, int i) {
        s[i] = Swar.maxU(s[i], s[i + 2], H32, W);
        s[i + 1] = Swar.maxU(s[i + 1], s[i + 3], H32, W);
    }

    // ---- conversions from floats ----

    public static void truncSatF32x4S(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packI32((int) f32Lo(a), (int) f32Hi(a));
        s[i + 1] = packI32((int) f32Lo(b), (int) f32Hi(b));
    }

    public static void truncSatF32x4U(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packI32(Conversions.i32TruncSatF32U(f32Lo(a)), Conversions.i32TruncSatF32U(f32Hi(a)));
        s[i + 1] = packI32(Conversions.i32TruncSatF32U(f32Lo(b)), Conversions.i32TruncSatF32U(f32Hi(b)));
    }

    /** {@code i32x4.trunc_sat_f64x2_s_zero}: the two results in lanes 0-1, lanes 2-3 zero. */
    public static void truncSatF64x2SZero(long[] s, int i) {
        s[i] = packI32((int) Double.longBitsToDouble(s[i]), (int) Double.longBitsToDouble(s[i + 1]));
        s[i + 1] = 0;
    }

    public static void truncSatF64x2UZero(long[] s, int i) {
        s[i] = packI32(Conversions.i32TruncSatF64U(Double.longBitsToDouble(s[i])),
                Conversions.i32TruncSatF64U(Double.longBitsToDouble(s[i + 1])));
        s[i + 1] = 0;
    }

    /** {@code i32x4.relaxed_trunc_f32x4_s}. Deterministic profile: {@link #truncSatF32x4S}. */
    public static void relaxedTruncF32x4S(long[] s, int i) {
        truncSatF32x4S(s, i);
    }

    /** {@code i32x4.relaxed_trunc_f32x4_u}. Deterministic profile: {@link #truncSatF32x4U}. */
    public static void relaxedTruncF32x4U(long[] s, int i) {
        truncSatF32x4U(s, i);
    }

    /** {@code i32x4.relaxed_trunc_f64x2_s_zero}. Deterministic profile: {@link #truncSatF64x2SZero}. */
    public static void relaxedTruncF64x2SZero(long[] s, int i) {
        truncSatF64x2SZero(s, i);
    }

    /** {@code i32x4.relaxed_trunc_f64x2_u_zero}. Deterministic profile: {@link #truncSatF64x2UZero}. */
    public static void relaxedTruncF64x2UZero(long[] s, int i) {
        truncSatF64x2UZero(s, i);
    }

    /** {@code i32x4.relaxed_laneselect}. Deterministic profile: {@code v128.bitselect}. */
    public static void relaxedLaneselect(long[] s, int i) {
        V128.bitselect(s, i);
    }
}
