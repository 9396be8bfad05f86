package dev.weir.internal.simd;

import static dev.weir.internal.simd.Swar.f32Hi;
import static dev.weir.internal.simd.Swar.f32Lo;

import dev.weir.internal.num.Conversions;
import dev.weir.internal.num.FloatOps;

/** {@code f64x2.*} instructions: each half is one f64 lane (raw bits). Stack-slot convention as in {@link V128}. */
public final class F64x2 {
    private static final long SIGN = 0x8000_0000_0000_0000L;

    private F64x2() {}

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long b(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long bool(boolean v) {
        return v ? -1L : 0L;
    }

    // ---- lanes ----

    /** {@code f64x2.splat}; an interpreter holding raw bits can use {@link I64x2#splat}. */
    public static void splat(long[] s, int i, double v) {
        long x = b(v);
        s[i] = x;
        s[i + 1] = x;
    }

    public static double extractLane(long lo, long hi, int lane) {
        return d(lane == 0 ? lo : hi);
    }

    public static void replaceLane(long[] s, int i, int lane, double v) {
        s[i + (lane & 1)] = b(v);
    }

    // ---- sign ops on bits ----

    public static void abs(long[] s, int i) {
        s[i] &= ~SIGN;
        s[i + 1] &= ~SIGN;
    }

    public static void neg(long[] s, int i) {
        s[i] ^= SIGN;
        s[i + 1] ^= SIGN;
    }

    // ---- unary ----

    public static void sqrt(long[] s, int i) {
        s[i] = b(Math.sqrt(d(s[i])));
        s[i + 1] = b(Math.sqrt(d(s[i + 1])));
    }

    public static void ceil(long[] s, int i) {
        s[i] = b(FloatOps.f64Ceil(d(s[i])));
        s[i + 1] = b(FloatOps.f64Ceil(d(s[i + 1])));
    }

    public static void floor(long[] s, int i) {
        s[i] = b(FloatOps.f64Floor(d(s[i])));
        s[i + 1] = b(FloatOps.f64Floor(d(s[i + 1])));
    }

    public static void trunc(long[] s, int i) {
        s[i] = b(FloatOps.f64Trunc(d(s[i])));
        s[i + 1] = b(FloatOps.f64Trunc(d(s[i + 1])));
    }

    public static void nearest(long[] s, int i) {
        s[i] = b(FloatOps.f64Nearest(d(s[i])));
        s[i + 1] = b(FloatOps.f64Nearest(d(s[i + 1])));
    }

    // ---- binary arithmetic ----

    public static void add(long[] s, int i) {
        s[i] = b(d(s[i]) + d(s[i + 2]));
        s[i + 1] = b(d(s[i + 1]) + d(s[i + 3]));
    }

    public static void sub(long[] s, int i) {
        s[i] = b(d(s[i]) - d(s[i + 2]));
        s[i + 1] = b(d(s[i + 1]) - d(s[i + 3]));
    }

    public static void mul(long[] s, int i) {
        s[i] = b(d(s[i]) * d(s[i + 2]));
        s[i + 1] = b(d(s[i + 1]) * d(s[i + 3]));
    }

    public static void div(long[] s, int i) {
        s[i] = b(d(s[i]) / d(s[i + 2]));
        s[i + 1] = b(d(s[i + 1]) / d(s[i + 3]));
    }

    public static void min(long[] s, int i) {
        s[i] = b(FloatOps.f64Min(d(s[i]), d(s[i + 2])));
        s[i + 1] = b(FloatOps.f64Min(d(s[i + 1]), d(s[i + 3])));
    }

    public static void max(long[] s, int i) {
        s[i] = b(FloatOps.f64Max(d(s[i]), d(s[i + 2])));
        s[i + 1] = b(FloatOps.f64Max(d(s[i + 1]), d(s[i + 3])));
    }

    /** Pseudo-min/max select raw lane bits, so a NaN operand passes through unchanged. */
    public static void pmin(long[] s, int i) {
        s[i] = d(s[i + 2]) < d(s[i]) ? s[i + 2] : s[i];
        s[i + 1] = d(s[i + 3]) < d(s[i + 1]) ? s[i + 3] : s[i + 1];
    }

    public static void pmax(long[] s, int i) {
        s[i] = d(s[i]) < d(s[i + 2]) ? s[i + 2] : s[i];
        s[i + 1] = d(s[i + 1]) < d(s[i + 3]) ? s[i + 3] : s[i + 1];
    }

    // ---- comparisons ----

    public static void eq(long[] s, int i) {
        s[i] = bool(d(s[i]) == d(s[i + 2]));
        s[i + 1] = bool(d(s[i + 1]) == d(s[i + 3]));
    }

    public static void ne(long[] s, int i) {
        s[i] = bool(d(s[i]) != d(s[i + 2]));
        s[i + 1] = bool(d(s[i + 1]) != d(s[i + 3]));
    }

    public static void lt(long[] s, int i) {
        s[i] = bool(d(s[i]) < d(s[i + 2]));
        s[i + 1] = bool(d(s[i + 1]) < d(s[i + 3]));
    }

    public static void gt(long[] s, int i) {
        s[i] = bool(d(s[i]) > d(s[i + 2]));
        s[i + 1] = bool(d(s[i + 1]) > d(s[i + 3]));
    }

    public static void le(long[] s, int i) {
        s[i] = bool(d(s[i]) <= d(s[i + 2]));
        s[i + 1] = bool(d(s[i + 1]) <= d(s[i + 3]));
    }

    public static void ge(long[] s, int i) {
        s[i] = bool(d(s[i]) >= d(s[i + 2]));
        s[i + 1] = bool(d(s[i + 1]) >= d(s[i + 3]));
    }

    // ---- conversions ----

    /** {@code f64x2.convert_low_i32x4_s}: lanes 0-1 of the i32x4, exactly. */
    public static void convertLowI32x4S(long[] s, int i) {
        long x = s[i];
        s[i] = b((int) x);
        s[i + 1] = b((int) (x >>> 32));
    }

    public static void convertLowI32x4U(long[] s, int i) {
        long x = s[i];
        s[i] = b(x & 0xFFFF_FFFFL);
        s[i + 1] = b(x >>> 32);
    }

    /** {@code f64x2.promote_low_f32x4}: lanes 0-1 of the f32x4, exactly; NaN becomes canonical. */
    public static void promoteLowF32x4(long[] s, int i) {
        long x = s[i];
        s[i] = b(Conversions.f64PromoteF32(f32Lo(x)));
        s[i + 1] = b(Conversions.f64PromoteF32(f32Hi(x)));
    }

    // ---- relaxed ----

    /** {@code f64x2.relaxed_madd}. Deterministic profile: unfused {@code a*b+c} (two roundings). */
    public static void relaxedMadd(long[] s, int i) {
        s[i] = b(d(s[i]) * d(s[i + 2]) + d(s[i + 4]));
        s[i + 1] = b(d(s[i + 1]) * d(s[i + 3]) + d(s[i + 5]));
    }

    /** {@code f64x2.relaxed_nmadd}: {@code -(a*b)+c}, unfused. */
    public static void relaxedNmadd(long[] s, int i) {
        s[i] = b(-d(s[i]) * d(s[i + 2]) + d(s[i + 4]));
        s[i + 1] = b(-d(s[i + 1]) * d(s[i + 3]) + d(s[i + 5]));
    }

    /** {@code f64x2.relaxed_min}. Deterministic profile: {@link #min}. */
    public static void relaxedMin(long[] s, int i) {
        min(s, i);
    }

    /** {@code f64x2.relaxed_max}. Deterministic profile: {@link #max}. */
    public static void relaxedMax(long[] s, int i) {
        max(s, i);
    }
}
