package dev.weir.internal.simd;

import static dev.weir.internal.simd.Swar.f32Hi;
import static dev.weir.internal.simd.Swar.f32Lo;
import static dev.weir.internal.simd.Swar.mask32;
import static dev.weir.internal.simd.Swar.packF32;

import dev.weir.internal.num.Conversions;
import dev.weir.internal.num.FloatOps;

/**
 * {@code f32x4.*} instructions. Each half holds two f32 lanes (lane 0 in the low 32 bits). Lane
 * arithmetic uses Java float operators, which are IEEE binary32 round-to-nearest; NaN results are
 * arithmetic NaNs as the spec allows. Stack-slot convention as in {@link V128}.
 */
public final class F32x4 {
    private static final long SIGNS = 0x8000_0000_8000_0000L;

    private F32x4() {}

    // ---- lanes ----

    /** {@code f32x4.splat} of a float value; an interpreter holding raw bits can use {@link I32x4#splat}. */
    public static void splat(long[] s, int i, float v) {
        I32x4.splat(s, i, Float.floatToRawIntBits(v));
    }

    /** {@code f32x4.extract_lane}; the raw bits are {@link I32x4#extractLane}. */
    public static float extractLane(long lo, long hi, int lane) {
        return Float.intBitsToFloat(I32x4.extractLane(lo, hi, lane));
    }

    public static void replaceLane(long[] s, int i, int lane, float v) {
        I32x4.replaceLane(s, i, lane, Float.floatToRawIntBits(v));
    }

    // ---- sign ops on bits (apply to NaNs too) ----

    public static void abs(long[] s, int i) {
        s[i] &= ~SIGNS;
        s[i + 1] &= ~SIGNS;
    }

    public static void neg(long[] s, int i) {
        s[i] ^= SIGNS;
        s[i + 1] ^= SIGNS;
    }

    // ---- unary ----

    public static void sqrt(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packF32(FloatOps.f32Sqrt(f32Lo(a)), FloatOps.f32Sqrt(f32Hi(a)));
        s[i + 1] = packF32(FloatOps.f32Sqrt(f32Lo(b)), FloatOps.f32Sqrt(f32Hi(b)));
    }

    public static void ceil(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packF32(FloatOps.f32Ceil(f32Lo(a)), FloatOps.f32Ceil(f32Hi(a)));
        s[i + 1] = packF32(FloatOps.f32Ceil(f32Lo(b)), FloatOps.f32Ceil(f32Hi(b)));
    }

    public static void floor(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packF32(FloatOps.f32Floor(f32Lo(a)), FloatOps.f32Floor(f32Hi(a)));
        s[i + 1] = packF32(FloatOps.f32Floor(f32Lo(b)), FloatOps.f32Floor(f32Hi(b)));
    }

    public static void trunc(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packF32(FloatOps.f32Trunc(f32Lo(a)), FloatOps.f32Trunc(f32Hi(a)));
        s[i + 1] = packF32(FloatOps.f32Trunc(f32Lo(b)), FloatOps.f32Trunc(f32Hi(b)));
    }

    public static void nearest(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packF32(FloatOps.f32Nearest(f32Lo(a)), FloatOps.f32Nearest(f32Hi(a)));
        s[i + 1] = packF32(FloatOps.f32Nearest(f32Lo(b)), FloatOps.f32Nearest(f32Hi(b)));
    }

    // ---- binary arithmetic ----

    public static void add(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = packF32(f32Lo(a) + f32Lo(b), f32Hi(a) + f32Hi(b));
        s[i + 1] = packF32(f32Lo(c) + f32Lo(d), f32Hi(c) + f32Hi(d));
    }

    public static void sub(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = packF32(f32Lo(a) - f32Lo(b), f32Hi(a) - f32Hi(b));
        s[i + 1] = packF32(f32Lo(c) - f32Lo(d), f32Hi(c) - f32Hi(d));
    }

    public static void mul(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = packF32(f32Lo(a) * f32Lo(b), f32Hi(a) * f32Hi(b));
        s[i + 1] = packF32(f32Lo(c) * f32Lo(d), f32Hi(c) * f32Hi(d));
    }

    public static void div(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = packF32(f32Lo(a) / f32Lo(b), f32Hi(a) / f32Hi(b));
        s[i + 1] = packF32(f32Lo(c) / f32Lo(d), f32Hi(c) / f32Hi(d));
    }

    /** {@code f32x4.min}: spec fmin per lane (NaN propagates, -0 < +0). */
    public static void min(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = packF32(FloatOps.f32Min(f32Lo(a), f32Lo(b)), FloatOps.f32Min(f32Hi(a), f32Hi(b)));
        s[i + 1] = packF32(FloatOps.f32Min(f32Lo(c), f32Lo(d)), FloatOps.f32Min(f32Hi(c), f32Hi(d)));
    }

    public static void max(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = packF32(FloatOps.f32Max(f32Lo(a), f32Lo(b)), FloatOps.f32Max(f32Hi(a), f32Hi(b)));
        s[i + 1] = packF32(FloatOps.f32Max(f32Lo(c), f32Lo(d)), FloatOps.f32Max(f32Hi(c), f32Hi(d)));
    }

    /**
     * Pseudo-min picks one of the two lanes by bits ({@code b < a ? b : a}), so NaN payloads pass
     * through unchanged as the spec requires; the lane is chosen by selecting raw bits.
     */
    private static long pminHalf(long a, long b) {
        return (f32Lo(b) < f32Lo(a) ? b : a) & 0xFFFF_FFFFL | (f32Hi(b) < f32Hi(a) ? b : a) & 0xFFFF_FFFF_0000_0000L;
    }

    private static long pmaxHalf(long a, long b) {
        return (f32Lo(a) < f32Lo(b) ? b : a) & 0xFFFF_FFFFL | (f32Hi(a) < f32Hi(b) ? b : a) & 0xFFFF_FFFF_0000_0000L;
    }

    public static void pmin(long[] s, int i) {
        s[i] = pminHalf(s[i], s[i + 2]);
        s[i + 1] = pminHalf(s[i + 1], s[i + 3]);
    }

    public static void pmax(long[] s, int i) {
        s[i] = pmaxHalf(s[i], s[i + 2]);
        s[i + 1] = pmaxHalf(s[i + 1], s[i + 3]);
    }

    // ---- comparisons (all-ones lanes where true; NaN compares false except ne) ----

    public static void eq(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = mask32(f32Lo(a) == f32Lo(b), f32Hi(a) == f32Hi(b));
        s[i + 1] = mask32(f32Lo(c) == f32Lo(d), f32Hi(c) == f32Hi(d));
    }

    public static void ne(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = mask32(f32Lo(a) != f32Lo(b), f32Hi(a) != f32Hi(b));
        s[i + 1] = mask32(f32Lo(c) != f32Lo(d), f32Hi(c) != f32Hi(d));
    }

    public static void lt(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = mask32(f32Lo(a) < f32Lo(b), f32Hi(a) < f32Hi(b));
        s[i + 1] = mask32(f32Lo(c) < f32Lo(d), f32Hi(c) < f32Hi(d));
    }

    public static void gt(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = mask32(f32Lo(a) > f32Lo(b), f32Hi(a) > f32Hi(b));
        s[i + 1] = mask32(f32Lo(c) > f32Lo(d), f32Hi(c) > f32Hi(d));
    }

    public static void le(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = mask32(f32Lo(a) <= f32Lo(b), f32Hi(a) <= f32Hi(b));
        s[i + 1] = mask32(f32Lo(c) <= f32Lo(d), f32Hi(c) <= f32Hi(d));
    }

    public static void ge(long[] s, int i) {
        long a = s[i];
        long b = s[i + 2];
        long c = s[i + 1];
        long d = s[i + 3];
        s[i] = mask32(f32Lo(a) >= f32Lo(b), f32Hi(a) >= f32Hi(b));
        s[i + 1] = mask32(f32Lo(c) >= f32Lo(d), f32Hi(c) >= f32Hi(d));
    }

    // ---- conversions ----

    public static void convertI32x4S(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packF32((float) (int) a, (float) (int) (a >>> 32));
        s[i + 1] = packF32((float) (int) b, (float) (int) (b >>> 32));
    }

    public static void convertI32x4U(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = packF32(Conversions.f32ConvertI32U((int) a), Conversions.f32ConvertI32U((int) (a >>> 32)));
        s[i + 1] = packF32(Conversions.f32ConvertI32U((int) b), Conversions.f32ConvertI32U((int) (b >>> 32)));
    }

    /** {@code f32x4.demote_f64x2_zero}: the two demoted lanes in lanes 0-1, lanes 2-3 zero. */
    public static void demoteF64x2Zero(long[] s, int i) {
        s[i] = packF32(Conversions.f32DemoteF64(Double.longBitsToDouble(s[i])),
                Conversions.f32DemoteF64(Double.longBitsToDouble(s[i + 1])));
        s[i + 1] = 0;
    }

    // ---- relaxed ----

    private static long maddHalf(long a, long b, long c) {
        // Unfused on purpose: Java never contracts a*b+c into an FMA, so this rounds twice.
        return packF32(f32Lo(a) * f32Lo(b) + f32Lo(c), f32Hi(a) * f32Hi(b) + f32Hi(c));
    }

    /**
     * {@code f32x4.relaxed_madd} (ternary a*b+c). Deterministic profile: unfused multiply then add,
     * each rounded (spec: "In the deterministic profile, the unfused behaviour is used").
     */
    public static void relaxedMadd(long[] s, int i) {
        s[i] = maddHalf(s[i], s[i + 2], s[i + 4]);
        s[i + 1] = maddHalf(s[i + 1], s[i + 3], s[i + 5]);
    }

    /** {@code f32x4.relaxed_nmadd}: {@code -(a*b)+c}, unfused (deterministic profile). */
    public static void relaxedNmadd(long[] s, int i) {
        s[i] = maddHalf(s[i] ^ SIGNS, s[i + 2], s[i + 4]);
        s[i + 1] = maddHalf(s[i + 1] ^ SIGNS, s[i + 3], s[i + 5]);
    }

    /** {@code f32x4.relaxed_min}. Deterministic profile: {@link #min}. */
    public static void relaxedMin(long[] s, int i) {
        min(s, i);
    }

    /** {@code f32x4.relaxed_max}. Deterministic profile: {@link #max}. */
    public static void relaxedMax(long[] s, int i) {
        max(s, i);
    }
}
