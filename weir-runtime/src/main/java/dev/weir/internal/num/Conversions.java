package dev.weir.internal.num;

import dev.weir.Trap;

/**
 * Numeric conversions of WebAssembly (core spec 4.3.4 "Conversions"): trapping and saturating
 * float-to-int truncation, correctly rounded unsigned int-to-float conversion, demote/promote.
 *
 * <p>Range checks for truncation compare the <em>untruncated</em> float against exact powers of two
 * (or one below, for the lower bounds of conversions from f64/f32 whose truncation toward zero still
 * fits): {@code x} is in range for a signed N-bit result iff {@code -2^(N-1) - 1 < x < 2^(N-1)}, and
 * for an unsigned result iff {@code -1 < x < 2^N}. All bounds used are exactly representable.
 */
public final class Conversions {
    /** Trap message of a NaN given to a trapping truncation. */
    public static final String INVALID_CONVERSION = "invalid conversion to integer";

    private static final float F32_2_31 = 0x1p31f;
    private static final float F32_2_32 = 0x1p32f;
    private static final float F32_2_63 = 0x1p63f;
    private static final float F32_2_64 = 0x1p64f;
    private static final double F64_2_31 = 0x1p31;
    private static final double F64_2_32 = 0x1p32;
    private static final double F64_2_63 = 0x1p63;
    private static final double F64_2_64 = 0x1p64;

    private Conversions() {}

    private static Trap invalid() {
        return new Trap(INVALID_CONVERSION);
    }

    // ---- trapping truncation (i32/i64.trunc_f32/f64_s/u) ----

    /** {@code i32.trunc_f32_s}. Traps on NaN ("invalid conversion to integer") and out of range ("integer overflow"). */
    public static int i32TruncF32S(float x) {
        if (x != x) {
            throw invalid();
        }
        // -2^31 is a float; the next float below it truncates to below -2^31.
        if (x >= -F32_2_31 && x < F32_2_31) {
            return (int) x;
        }
        throw IntOps.integerOverflow();
    }

    /** {@code i32.trunc_f32_u}. */
    public static int i32TruncF32U(float x) {
        if (x != x) {
            throw invalid();
        }
        if (x > -1.0f && x < F32_2_32) {
            return (int) (long) x;
        }
        throw IntOps.integerOverflow();
    }

    /** {@code i32.trunc_f64_s}: -2147483648.9 is fine, -2147483649.0 is not. */
    public static int i32TruncF64S(double x) {
        if (x != x) {
            throw invalid();
        }
        if (x > -F64_2_31 - 1.0 && x < F64_2_31) {
            return (int) x;
        }
        throw IntOps.integerOverflow();
    }

    /** {@code i32.trunc_f64_u}. */
    public static int i32TruncF64U(double x) {
        if (x != x) {
            throw invalid();
        }
        if (x > -1.0 && x < F64_2_32) {
            return (int) (long) x;
        }
        throw IntOps.integerOverflow();
    }

    /** {@code i64.trunc_f32_s}. */
    public static long i64TruncF32S(float x) {
        if (x != x) {
            throw invalid();
        }
        if (x >= -F32_2_63 && x < F32_2_63) {
            return (long) x;
        }
        throw IntOps.integerOverflow();
    }

    /** {@code i64.trunc_f32_u}. */
    public static long i64TruncF32U(float x) {
        if (x != x) {
            throw invalid();
        }
        if (x > -1.0f && x < F32_2_64) {
            return truncU64(x);
        }
        throw IntOps.integerOverflow();
    }

    /** {@code i64.trunc_f64_s}. */
    public static long i64TruncF64S(double x) {
        if (x != x) {
            throw invalid();
        }
        // -2^63 - 1 is not a double (it rounds to -2^63), so the lower bound is inclusive -2^63.
        if (x >= -F64_2_63 && x < F64_2_63) {
            return (long) x;
        }
        throw IntOps.integerOverflow();
    }

    /** {@code i64.trunc_f64_u}. */
    public static long i64TruncF64U(double x) {
        if (x != x) {
            throw invalid();
        }
        if (x > -1.0 && x < F64_2_64) {
            return truncU64(x);
        }
        throw IntOps.integerOverflow();
    }

    /** Truncation of an in-range {@code -1 < x < 2^64} to an unsigned 64-bit value. */
    private static long truncU64(double x) {
        if (x < F64_2_63) {
            return (long) x;
        }
        // x in [2^63, 2^64): subtracting 2^63 is exact (same exponent range), then set the top bit.
        return (long) (x - F64_2_63) | Long.MIN_VALUE;
    }

    // ---- saturating truncation (trunc_sat, spec truncsat): NaN -> 0, clamp to the range ----
    // Java's (int)/(long) casts of float and double are exactly truncsat_s (JLS 5.1.3).

    /** {@code i32.trunc_sat_f32_s}. */
    public static int i32TruncSatF32S(float x) {
        return (int) x;
    }

    /** {@code i32.trunc_sat_f32_u}. */
    public static int i32TruncSatF32U(float x) {
        return i32TruncSatF64U(x);
    }

    /** {@code i32.trunc_sat_f64_s}. */
    public static int i32TruncSatF64S(double x) {
        return (int) x;
    }

    /** {@code i32.trunc_sat_f64_u}: NaN and negatives give 0, at or above 2^32 gives 0xFFFFFFFF. */
    public static int i32TruncSatF64U(double x) {
        if (x >= F64_2_32) {
            return -1;
        }
        // (long) of NaN is 0 and of (-1, 0) is 0; only x <= -1 needs clamping.
        return x > 0 ? (int) (long) x : 0;
    }

    /** {@code i64.trunc_sat_f32_s}. */
    public static long i64TruncSatF32S(float x) {
        return (long) x;
    }

    /** {@code i64.trunc_sat_f32_u}. */
    public static long i64TruncSatF32U(float x) {
        return i64TruncSatF64U(x);
    }

    /** {@code i64.trunc_sat_f64_s}. */
    public static long i64TruncSatF64S(double x) {
        return (long) x;
    }

    /** {@code i64.trunc_sat_f64_u}. */
    public static long i64TruncSatF64U(double x) {
        if (x >= F64_2_64) {
            return -1L;
        }
        if (x > 0) {
            return truncU64(x);
        }
        return 0; // NaN, negative, zero
    }

    // ---- int -> float ----
    // Java's long -> float and long -> double conversions round to nearest once (JLS 5.1.2), so
    // signed conversions are plain casts. The unsigned 64-bit ones must not convert through a
    // signed or a double intermediate (two roundings): for inputs with the top bit set, halve the
    // value keeping the shifted-out bit as a "sticky" bit, convert (one rounding; the sticky bit
    // keeps ties from being misjudged), then double the result (exact).

    /** {@code f32.convert_i32_u}: via long, exact, then one rounding. */
    public static float f32ConvertI32U(int x) {
        return (float) (x & 0xFFFF_FFFFL);
    }

    /** {@code f64.convert_i32_u}: exact. */
    public static double f64ConvertI32U(int x) {
        return (double) (x & 0xFFFF_FFFFL);
    }

    /** {@code f32.convert_i64_u}, correctly rounded (e.g. 0x8000008000000001 -> 0x1.000002p+63). */
    public static float f32ConvertI64U(long x) {
        if (x >= 0) {
            return (float) x;
        }
        float half = (float) ((x >>> 1) | (x & 1));
        return half * 2.0f;
    }

    /** {@code f64.convert_i64_u}, correctly rounded. */
    public static double f64ConvertI64U(long x) {
        if (x >= 0) {
            return (double) x;
        }
        double half = (double) ((x >>> 1) | (x & 1));
        return half * 2.0;
    }

    /** {@code f32.convert_i64_s}: Java's cast rounds once (never through double). */
    public static float f32ConvertI64S(long x) {
        return (float) x;
    }

    // ---- demote / promote ----

    /**
     * {@code f32.demote_f64}: round to nearest; NaN becomes the canonical f32 NaN (the spec allows a
     * canonical NaN for any NaN input, and requires it for a canonical input).
     */
    public static float f32DemoteF64(double x) {
        return x != x ? Float.NaN : (float) x;
    }

    /** {@code f64.promote_f32}: exact; NaN becomes the canonical f64 NaN. */
    public static double f64PromoteF32(float x) {
        return x != x ? Double.NaN : (double) x;
    }
}
