package dev.weir.internal.num;

/**
 * Floating-point operations of WebAssembly (core spec 4.3.3 "Floating-Point Operations") that Java
 * does not provide with Wasm semantics.
 *
 * <p>NaN results: the spec allows any <em>arithmetic</em> NaN when an input NaN is not canonical and
 * requires a <em>canonical</em> NaN when all input NaNs are canonical. These methods return the
 * positive canonical NaN ({@link Float#NaN}/{@link Double#NaN}, bits {@code 0x7fc00000} /
 * {@code 0x7ff8000000000000}) whenever the result is a NaN, which satisfies both rules and does
 * not depend on how the JVM treats signalling NaNs inside library intrinsics. (Java's own
 * {@link Math#min(float, float)} returns an input NaN unchanged, which may be a signalling NaN,
 * and the pure-Java fallbacks of {@link Math#ceil} etc. do too.)
 *
 * <p>Sign operations ({@code abs}, {@code neg}, {@code copysign}) work on raw bits: the spec
 * defines them as pure bit operations that also apply to NaNs, whereas {@code Math.abs(-NaN)} keeps
 * the sign bit.
 */
public final class FloatOps {
    private static final int F32_SIGN = 0x8000_0000;
    private static final long F64_SIGN = 0x8000_0000_0000_0000L;

    private FloatOps() {}

    // ---- min / max (spec fmin/fmax): NaN if either is NaN; -0 is smaller than +0 ----

    /** {@code f32.min}. */
    public static float f32Min(float a, float b) {
        if (a != a || b != b) {
            return Float.NaN;
        }
        if (a == b) {
            // Equal values are identical except for ±0; OR of the bits picks -0.
            return Float.intBitsToFloat(Float.floatToRawIntBits(a) | Float.floatToRawIntBits(b));
        }
        return a < b ? a : b;
    }

    /** {@code f32.max}. */
    public static float f32Max(float a, float b) {
        if (a != a || b != b) {
            return Float.NaN;
        }
        if (a == b) {
            // AND of the bits picks +0 out of {+0, -0}.
            return Float.intBitsToFloat(Float.floatToRawIntBits(a) & Float.floatToRawIntBits(b));
        }
        return a > b ? a : b;
    }

    /** {@code f64.min}. */
    public static double f64Min(double a, double b) {
        if (a != a || b != b) {
            return Double.NaN;
        }
        if (a == b) {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(a) | Double.doubleToRawLongBits(b));
        }
        return a < b ? a : b;
    }

    /** {@code f64.max}. */
    public static double f64Max(double a, double b) {
        if (a != a || b != b) {
            return Double.NaN;
        }
        if (a == b) {
            return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & Double.doubleToRawLongBits(b));
        }
        return a > b ? a : b;
    }

    /** {@code f32x4.pmin}/pseudo-minimum (spec fpmin): {@code b < a ? b : a}, no NaN or zero special cases. */
    public static float f32PMin(float a, float b) {
        return b < a ? b : a;
    }

    /** Pseudo-maximum (spec fpmax): {@code a < b ? b : a}. */
    public static float f32PMax(float a, float b) {
        return a < b ? b : a;
    }

    /** Pseudo-minimum for f64. */
    public static double f64PMin(double a, double b) {
        return b < a ? b : a;
    }

    /** Pseudo-maximum for f64. */
    public static double f64PMax(double a, double b) {
        return a < b ? b : a;
    }

    // ---- rounding ----
    // f32 rounding goes through double on purpose: float -> double is exact, the double result of
    // ceil/floor/rint is an integer that is exactly representable in float again (a float with a
    // fractional part is below 2^23 in magnitude; one at or above 2^23 is already an integer), so
    // there is no double rounding. Math.ceil/floor/rint keep the sign of zero (ceil(-0.5) = -0.0).

    /** {@code f32.ceil}. */
    public static float f32Ceil(float a) {
        return a != a ? Float.NaN : (float) Math.ceil(a);
    }

    /** {@code f32.floor}. */
    public static float f32Floor(float a) {
        return a != a ? Float.NaN : (float) Math.floor(a);
    }

    /** {@code f32.trunc}: rounds toward zero, keeping the sign of a zero result (trunc(-0.5) = -0.0). */
    public static float f32Trunc(float a) {
        if (a != a) {
            return Float.NaN;
        }
        return (float) (a < 0 ? Math.ceil(a) : Math.floor(a));
    }

    /** {@code f32.nearest}: round half to even, sign of zero kept (nearest(-0.5) = -0.0). */
    public static float f32Nearest(float a) {
        return a != a ? Float.NaN : (float) Math.rint(a);
    }

    /** {@code f64.ceil}. */
    public static double f64Ceil(double a) {
        return a != a ? Double.NaN : Math.ceil(a);
    }

    /** {@code f64.floor}. */
    public static double f64Floor(double a) {
        return a != a ? Double.NaN : Math.floor(a);
    }

    /** {@code f64.trunc}. */
    public static double f64Trunc(double a) {
        if (a != a) {
            return Double.NaN;
        }
        return a < 0 ? Math.ceil(a) : Math.floor(a);
    }

    /** {@code f64.nearest}: round half to even, sign of zero kept. */
    public static double f64Nearest(double a) {
        return a != a ? Double.NaN : Math.rint(a);
    }

    /** {@code f32.sqrt}: the double square root rounded to float is correctly rounded (53 >= 2*24+2). */
    public static float f32Sqrt(float a) {
        return (float) Math.sqrt(a);
    }

    // ---- sign operations on raw bits ----

    /** {@code f32.abs} on raw bits: clears the sign bit, also of a NaN. */
    public static int f32AbsBits(int bits) {
        return bits & ~F32_SIGN;
    }

    /** {@code f32.neg} on raw bits: flips the sign bit, also of a NaN. */
    public static int f32NegBits(int bits) {
        return bits ^ F32_SIGN;
    }

    /** {@code f32.copysign} on raw bits: magnitude of {@code a}, sign of {@code b}; NaN payloads preserved. */
    public static int f32CopysignBits(int a, int b) {
        return (a & ~F32_SIGN) | (b & F32_SIGN);
    }

    /** {@code f64.abs} on raw bits. */
    public static long f64AbsBits(long bits) {
        return bits & ~F64_SIGN;
    }

    /** {@code f64.neg} on raw bits. */
    public static long f64NegBits(long bits) {
        return bits ^ F64_SIGN;
    }

    /** {@code f64.copysign} on raw bits. */
    public static long f64CopysignBits(long a, long b) {
        return (a & ~F64_SIGN) | (b & F64_SIGN);
    }
}
