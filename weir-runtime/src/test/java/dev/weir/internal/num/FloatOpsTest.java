package dev.weir.internal.num;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FloatOpsTest {
    private static final int F32_CANON = 0x7fc0_0000;
    private static final long F64_CANON = 0x7ff8_0000_0000_0000L;
    private static final float F32_SNAN = Float.intBitsToFloat(0x7fa0_0000); // nan:0x200000
    private static final double F64_SNAN = Double.longBitsToDouble(0x7ff4_0000_0000_0000L);

    private static int bits(float f) {
        return Float.floatToRawIntBits(f);
    }

    private static long bits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /** An arithmetic NaN has the quiet bit set (spec 4.3.3 "NaN propagation"). */
    private static void assertArithmeticNaN(float f) {
        assertEquals(0x7fc0_0000, bits(f) & 0x7fc0_0000, Integer.toHexString(bits(f)));
    }

    @Test
    void minMaxSignedZero() {
        assertEquals(bits(-0.0f), bits(FloatOps.f32Min(0.0f, -0.0f)));
        assertEquals(bits(-0.0f), bits(FloatOps.f32Min(-0.0f, 0.0f)));
        assertEquals(bits(0.0f), bits(FloatOps.f32Max(-0.0f, 0.0f)));
        assertEquals(bits(0.0f), bits(FloatOps.f32Max(0.0f, -0.0f)));
        assertEquals(bits(-0.0), bits(FloatOps.f64Min(0.0, -0.0)));
        assertEquals(bits(0.0), bits(FloatOps.f64Max(-0.0, 0.0)));
        assertEquals(-1.0f, FloatOps.f32Min(-1.0f, Float.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, FloatOps.f64Max(1.0, Double.POSITIVE_INFINITY));
    }

    @Test
    void minMaxNaNPropagatesAsArithmeticNaN() {
        assertEquals(F32_CANON, bits(FloatOps.f32Min(Float.NaN, 1.0f)));
        assertEquals(F32_CANON, bits(FloatOps.f32Max(1.0f, Float.NaN)));
        assertArithmeticNaN(FloatOps.f32Min(F32_SNAN, 0.0f)); // never the signalling input
        assertArithmeticNaN(FloatOps.f32Max(0.0f, Float.intBitsToFloat(0xffa0_0000)));
        assertEquals(F64_CANON, bits(FloatOps.f64Min(F64_SNAN, 1.0)));
        assertEquals(F64_CANON, bits(FloatOps.f64Max(Double.NEGATIVE_INFINITY, Double.NaN)));
    }

    @Test
    void nearestRoundsHalfToEvenAndKeepsSignOfZero() {
        assertEquals(bits(-0.0f), bits(FloatOps.f32Nearest(-0.5f)));
        assertEquals(bits(0.0f), bits(FloatOps.f32Nearest(0.5f)));
        assertEquals(2.0f, FloatOps.f32Nearest(1.5f));
        assertEquals(2.0f, FloatOps.f32Nearest(2.5f));
        assertEquals(-4.0f, FloatOps.f32Nearest(-3.5f));
        assertEquals(8388609.0f, FloatOps.f32Nearest(8388609.0f)); // 2^23 + 1: already integral
        assertEquals(bits(-0.0), bits(FloatOps.f64Nearest(-0.5)));
        assertEquals(4503599627370496.0, FloatOps.f64Nearest(4503599627370495.5)); // 2^52 - 0.5 -> even
        assertEquals(bits(-0.0f), bits(FloatOps.f32Nearest(-0.0f)));
        assertArithmeticNaN(FloatOps.f32Nearest(F32_SNAN));
        assertEquals(F64_CANON, bits(FloatOps.f64Nearest(F64_SNAN)));
    }

    @Test
    void ceilFloorTrunc() {
        assertEquals(bits(-0.0f), bits(FloatOps.f32Ceil(-0.5f)));
        assertEquals(-1.0f, FloatOps.f32Floor(-0.5f));
        assertEquals(bits(-0.0f), bits(FloatOps.f32Trunc(-0.5f)));
        assertEquals(bits(0.0f), bits(FloatOps.f32Trunc(0.9f)));
        assertEquals(1.0f, FloatOps.f32Ceil(Float.MIN_VALUE));
        assertEquals(bits(-0.0f), bits(FloatOps.f32Ceil(-Float.MIN_VALUE)));
        // largest float below 2^23 with a fraction: 8388607.5
        assertEquals(8388608.0f, FloatOps.f32Ceil(8388607.5f));
        assertEquals(8388607.0f, FloatOps.f32Floor(8388607.5f));
        assertEquals(8388607.0f, FloatOps.f32Trunc(8388607.5f));
        assertEquals(-8388607.0f, FloatOps.f32Trunc(-8388607.5f));
        assertEquals(bits(-0.0), bits(FloatOps.f64Trunc(-0.9)));
        assertEquals(bits(-0.0), bits(FloatOps.f64Ceil(-0.9)));
        assertEquals(-1.0, FloatOps.f64Floor(-Double.MIN_VALUE));
        assertEquals(Float.POSITIVE_INFINITY, FloatOps.f32Floor(Float.POSITIVE_INFINITY));
        assertArithmeticNaN(FloatOps.f32Ceil(F32_SNAN));
        assertArithmeticNaN(FloatOps.f32Trunc(F32_SNAN));
        assertEquals(F64_CANON, bits(FloatOps.f64Floor(F64_SNAN)));
    }

    @Test
    void signOperationsOnBitsIncludingNaN() {
        assertEquals(0x7fa0_0000, FloatOps.f32AbsBits(0xffa0_0000)); // abs(-nan:0x200000) keeps payload
        assertEquals(0xffa0_0000, FloatOps.f32NegBits(0x7fa0_0000));
        assertEquals(0xffc0_0000, FloatOps.f32CopysignBits(0x7fc0_0000, bits(-1.0f)));
        assertEquals(bits(1.0f), FloatOps.f32CopysignBits(bits(-1.0f), bits(0.0f)));
        assertEquals(0x7ff4_0000_0000_0000L, FloatOps.f64AbsBits(0xfff4_0000_0000_0000L));
        assertEquals(bits(-0.0), FloatOps.f64NegBits(bits(0.0)));
        assertEquals(bits(-2.0), FloatOps.f64CopysignBits(bits(2.0), bits(-0.0)));
    }

    @Test
    void pseudoMinMax() {
        assertEquals(bits(0.0f), bits(FloatOps.f32PMin(0.0f, -0.0f))); // not b < a: a
        assertEquals(1.0f, FloatOps.f32PMin(1.0f, Float.NaN));
        assertEquals(bits(Float.NaN), bits(FloatOps.f32PMax(Float.NaN, 1.0f)));
        assertEquals(2.0, FloatOps.f64PMax(1.0, 2.0));
        assertEquals(1.0, FloatOps.f64PMin(1.0, 2.0));
    }
}
