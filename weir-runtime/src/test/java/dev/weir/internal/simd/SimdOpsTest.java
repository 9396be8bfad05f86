package dev.weir.internal.simd;

import static dev.weir.internal.simd.Vec.assertVec;
import static dev.weir.internal.simd.Vec.exec;
import static dev.weir.internal.simd.Vec.f32;
import static dev.weir.internal.simd.Vec.f32bits;
import static dev.weir.internal.simd.Vec.f64;
import static dev.weir.internal.simd.Vec.i16;
import static dev.weir.internal.simd.Vec.i32;
import static dev.weir.internal.simd.Vec.i64;
import static dev.weir.internal.simd.Vec.i8;
import static dev.weir.internal.simd.Vec.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Hand-picked cases per instruction family, mostly edge cases taken from the official
 * {@code simd_*.wast} and relaxed-SIMD files (saturation, NaN, -0, overflow, rounding). These run
 * without the testsuite; {@link SpecVectorTest} runs the full files when they are available.
 */
class SimdOpsTest {
    private static final float NAN = Float.NaN;
    private static final int CANON32 = 0x7fc0_0000;

    @Test
    void bitwise() {
        long[] a = i32(0, 0, -1, -1);
        long[] b = i32(0, -1, 0, -1);
        assertVec(i32(0, 0, 0, -1), exec(0x4E, a, b)); // and
        assertVec(i32(0, 0, -1, 0), exec(0x4F, a, b)); // andnot = a & ~b
        assertVec(i32(0, -1, -1, -1), exec(0x50, a, b)); // or
        assertVec(i32(0, -1, -1, 0), exec(0x51, a, b)); // xor
        assertVec(i32(-1, -1, 0, 0), exec(0x4D, a)); // not
        // bitselect(a, b, c): a where c
        assertVec(i32(0xABCD_0000, 0, 0, 0),
                exec(0x52, i32(0xABCD_EF01, 0, 0, 0), i32(0, 0, 0, 0), i32(0xFFFF_0000, 0, 0, 0)));
        assertEquals(0, exec(0x53, i32(0, 0, 0, 0))[0]); // any_true
        assertEquals(1, exec(0x53, i64(0, Long.MIN_VALUE))[0]);
    }

    @Test
    void splatAndLanes() {
        assertVec(i8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1), exec(0x0F, scalar(0x1FF)));
        assertVec(i16(-32768, -32768, -32768, -32768, -32768, -32768, -32768, -32768), exec(0x10, scalar(0x18000)));
        assertVec(f32(-0.0f, -0.0f, -0.0f, -0.0f), exec(0x13, scalar(0x8000_0000)));
        assertVec(i64(7, 7), exec(0x12, scalar(7)));
        long[] v = i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x80);
        assertEquals(-128, I8x16.extractLaneS(v[0], v[1], 15));
        assertEquals(128, I8x16.extractLaneU(v[0], v[1], 15));
        assertEquals(0xFFFF, I16x8.extractLaneU(i16(0, 0, 0, 0, 0, -1, 0, 0)[0], i16(0, 0, 0, 0, 0, -1, 0, 0)[1], 5));
        long[] f = f32(1.5f, -0.0f, NAN, 3.0f);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(F32x4.extractLane(f[0], f[1], 1)));
        assertEquals(3.0, F64x2.extractLane(f64(1.0, 3.0)[0], f64(1.0, 3.0)[1], 1));
        long[] s = i8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        I8x16.replaceLane(s, 0, 9, 0x1FF);
        assertVec(i8(0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0), s);
        s = f64(1.0, 2.0);
        F64x2.replaceLane(s, 0, 0, -0.0);
        assertVec(f64(-0.0, 2.0), s);
    }

    @Test
    void shuffleAndSwizzle() {
        long[] s = Vec.stack(i8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                i8(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31));
        long[] idx = i8(31, 0, 30, 2, 29, 4, 28, 6, 27, 8, 26, 10, 25, 12, 24, 14);
        I8x16.shuffle(s, 0, idx[0], idx[1]);
        assertVec(i8(31, 0, 30, 2, 29, 4, 28, 6, 27, 8, 26, 10, 25, 12, 24, 14), new long[] {s[0], s[1]});
        // swizzle: out-of-range (>= 16, including "negative") indices give 0
        long[] a = i8(0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73);
        long[] b = i8(-1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16);
        long[] expected = i8(0, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0);
        assertVec(expected, exec(0x0E, a, b));
        // relaxed_swizzle: deterministic profile = swizzle (i8x16_relaxed_swizzle.wast accepts 0 here)
        assertVec(expected, exec(0x100, a, b));
    }

    @Test
    void narrowExtend() {
        // simd_conversions.wast: narrow saturates
        assertVec(i8(127, -128, 0, 1, -1, 127, -128, 80, 0, 0, 0, 0, 0, 0, 0, 0),
                exec(0x65, i16(128, -129, 0, 1, -1, 32767, -32768, 80), i16(0, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i8(0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 1, -1, -1, 0, 0x80),
                exec(0x66, i16(0, 0, 0, 0, 0, 0, 0, 0), i16(256, -1, 0, 1, 255, 32767, -32768, 128)));
        assertVec(i16(32767, -32768, 0, 0, 0, 0, -1, 0),
                exec(0x85, i32(40000, -40000, 0, 0), i32(0, 0, -1, 0)));
        assertVec(i16(-1, 0, 0, 0, 0, 0, 0, 0), exec(0x86, i32(70000, -5, 0, 0), i32(0, 0, 0, 0)));
        long[] bytes = i8(-128, 127, -1, 0, 1, 2, 3, 4, -5, 6, 7, 8, 9, 10, 11, -12);
        assertVec(i16(-128, 127, -1, 0, 1, 2, 3, 4), exec(0x87, bytes));
        assertVec(i16(0xFB, 6, 7, 8, 9, 10, 11, 0xF4), exec(0x8A, bytes));
        assertVec(i32(-1, 5, -1, 0), exec(0xA7, i16(-1, 5, -1, 0, 9, 9, 9, 9)));
        assertVec(i32(9, 0xFFFF, 9, 9), exec(0xAA, i16(0, 0, 0, 0, 9, -1, 9, 9)));
        assertVec(i64(-1, 0xFFFF_FFFFL), new long[] {exec(0xC8, i32(0, 0, -1, 0))[0], exec(0xCA, i32(0, 0, 0, -1))[1]});
        long[] s = new long[2];
        V128.load8x8S(s, 0, 0x80FF_0000_0000_017FL);
        assertVec(i16(127, 1, 0, 0, 0, 0, -1, -128), s);
        V128.load16x4U(s, 0, 0xFFFF_0000_0000_8000L);
        assertVec(i32(0x8000, 0, 0, 0xFFFF), s);
        V128.load32x2S(s, 0, 0x8000_0000_0000_0001L);
        assertVec(i64(1, Integer.MIN_VALUE), s);
    }

    @Test
    void pairwiseExtmulDotQ15() {
        assertVec(i16(-256, 254, 0, 0, 0, 0, 0, 0), exec(0x7C, i8(-128, -128, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i16(510, 0, 0, 0, 0, 0, 0, 0), exec(0x7D, i8(-1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i32(-65536, -2, 0, 0), exec(0x7E, i16(-32768, -32768, -1, -1, 0, 0, 0, 0)));
        assertVec(i32(131070, 0, 0, 0), exec(0x7F, i16(-1, -1, 0, 0, 0, 0, 0, 0)));
        // extmul: -128 * -128 = 16384 fits i16; 255 * 255 = 65025 as u16
        long[] a = i8(-128, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertVec(i16(16384, 1, 0, 0, 0, 0, 0, 0), exec(0x9C, a, a));
        assertVec(i16(16384, 65025, 0, 0, 0, 0, 0, 0), exec(0x9E, a, a)); // unsigned: 128*128, 255*255
        assertVec(i32(0x4000_0000, 0, 0, 0), exec(0xBD, i16(0, 0, 0, 0, -32768, 0, 0, 0), i16(0, 0, 0, 0, -32768, 0, 0, 0)));
        assertVec(i64(0x3FFF_FFFF_0000_0001L, 0), exec(0xDC, i32(Integer.MIN_VALUE + 1, 0, 0, 0), i32(Integer.MIN_VALUE + 1, 0, 0, 0)));
        assertVec(i64(0xFFFF_FFFE_0000_0001L, 0), exec(0xDE, i32(-1, 0, 0, 0), i32(-1, 0, 0, 0)));
        // dot: (-32768 * -32768) * 2 = 2^31 wraps to MIN
        assertVec(i32(Integer.MIN_VALUE, 0, 0, 0),
                exec(0xBA, i16(-32768, -32768, 0, 0, 0, 0, 0, 0), i16(-32768, -32768, 0, 0, 0, 0, 0, 0)));
        // q15mulr_sat_s: MIN * MIN saturates, rounding adds 0x4000
        assertVec(i16(32767, 1, 1, -1, 0, 0, 0, 0), // 1 * 16384 = 0.5 in Q15 rounds up
                exec(0x82, i16(-32768, 16384, 1, -16384, 0, 0, 0, 0), i16(-32768, 2, 16384, 2, 0, 0, 0, 0)));
    }

    @Test
    void integerArithmeticEdges() {
        // simd_i8x16_sat_arith.wast
        assertVec(i8(127, -128, 127, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                exec(0x6F, i8(127, -128, 100, -100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                        i8(1, -1, 100, -100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i8(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                exec(0x70, i8(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i16(0, -32768, 32767, 0, 0, 0, 0, 0),
                exec(0x93 - 0x01, i16(5, -32768, 32767, 0, 0, 0, 0, 0), i16(5, 1, -1, 0, 0, 0, 0, 0)));
        assertVec(i16(0, 0, 0, 0, 0, 0, 0, 0), exec(0x93, i16(1, 0, 0, 0, 0, 0, 0, 0), i16(2, 0, 0, 0, 0, 0, 0, 0)));
        // wrapping add/neg/abs of MIN
        assertVec(i32(Integer.MIN_VALUE, 0, 0, 0), exec(0xAE, i32(Integer.MAX_VALUE, 0, 0, 0), i32(1, 0, 0, 0)));
        assertVec(i8(-128, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), exec(0x60, i8(-128, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i64(Long.MIN_VALUE, 1), exec(0xC1, i64(Long.MIN_VALUE, -1)));
        assertVec(i8(8, 0, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), exec(0x62, i8(-1, 0, 1, 0x55, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        // avgr_u rounds up: (255 + 0 + 1) / 2 = 128
        assertVec(i8(128, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                exec(0x7B, i8(255, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i16(-1, 0, 0, 0, 0, 0, 0, 0), exec(0x99, i16(-1, 0, 0, 0, 0, 0, 0, 0), i16(1, 0, 0, 0, 0, 0, 0, 0))); // max_u
        assertVec(i32(-1, 0, 0, 0), exec(0xB6, i32(-1, 0, 0, 0), i32(1, 0, 0, 0))); // min_s
    }

    @Test
    void shiftsTakeCountModuloLaneWidth() {
        // simd_bit_shift.wast
        assertVec(i8(-64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                exec(0x6C, i8(-128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), scalar(9))); // 9 mod 8 = 1
        assertVec(i16(0x4000, 0, 0, 0, 0, 0, 0, 0), exec(0x8D, i16(-32768, 0, 0, 0, 0, 0, 0, 0), scalar(17)));
        assertVec(i32(2, 0, 0, 0), exec(0xAB, i32(1, 0, 0, 0), scalar(33)));
        assertVec(i64(-1, 0), exec(0xCC, i64(Long.MIN_VALUE, 2), scalar(-1))); // count -1 & 63 = 63
        assertVec(i8(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                exec(0x6D, i8(-128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), scalar(7)));
    }

    @Test
    void comparisonsAndTests() {
        assertVec(i8(-1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), // lt_u: 0 < 255, 255 < 0, 5 < 5, 1 < 2
                exec(0x26, i8(0, -1, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i8(-1, 0, 5, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i64(-1, 0), exec(0xD8, i64(Long.MIN_VALUE, 0), i64(Long.MAX_VALUE, 0)));
        // f32 comparisons: NaN is unordered, -0 == +0
        long[] a = f32(NAN, -0.0f, 1.0f, Float.NEGATIVE_INFINITY);
        long[] b = f32(NAN, 0.0f, NAN, 0.0f);
        assertVec(i32(0, -1, 0, 0), exec(0x41, a, b));
        assertVec(i32(-1, 0, -1, -1), exec(0x42, a, b));
        assertVec(i32(0, 0, 0, -1), exec(0x43, a, b));
        assertVec(i32(0, -1, 0, -1), exec(0x45, a, b));
        assertVec(i64(0, -1), exec(0x4C, f64(Double.NaN, 0.0), f64(1.0, -0.0)));
        assertEquals(0, exec(0x63, i8(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0))[0]);
        assertEquals(1, exec(0x83, i16(1, 1, 1, 1, 1, 1, 1, 0x100))[0]);
        assertEquals(0xA5A5, exec(0x64, i8(-1, 0, -1, 0, 0, -1, 0, -1, -1, 0, -1, 0, 0, -1, 0, -1))[0]);
        assertEquals(0b1001, exec(0xA4, i32(-1, 0, 7, Integer.MIN_VALUE))[0]);
        assertEquals(0b10, exec(0xC4, i64(1, -1))[0]);
    }

    @Test
    void floatArithmeticNaNAndZeros() {
        long[] min = exec(0xE8, f32(0.0f, -0.0f, NAN, 1.0f), f32(-0.0f, 0.0f, 1.0f, Float.intBitsToFloat(0x7fa0_0000)));
        assertVec(f32bits(0x8000_0000, 0x8000_0000, CANON32, CANON32), min);
        assertVec(f32bits(0, 0, CANON32, CANON32),
                exec(0xE9, f32(0.0f, -0.0f, NAN, 1.0f), f32(-0.0f, 0.0f, 1.0f, NAN)));
        // pmin/pmax: b < a ? b : a, the NaN lane of a passes through bit-exactly
        assertVec(f32bits(0, 0x8000_0000, 0xffa0_0000, 0x3f80_0000),
                exec(0xEA, f32(0.0f, -0.0f, Float.intBitsToFloat(0xffa0_0000), 1.0f), f32(-0.0f, 0.0f, 1.0f, NAN)));
        assertVec(f64(2.0, Double.NaN), exec(0xF7, f64(1.0, Double.NaN), f64(2.0, 3.0)));
        assertVec(f64(-0.0, Double.NaN), exec(0xF4, f64(0.0, Double.NaN), f64(-0.0, 1.0)));
        assertVec(f32(-0.0f, -0.0f, 2.0f, -4.0f), exec(0x6A, f32(-0.5f, -0.0f, 2.5f, -3.5f))); // nearest
        assertVec(f32(-0.0f, -1.0f, 1.0f, 16777216.0f), exec(0x67, f32(-0.5f, -1.0f, 0x1p-149f, 16777216.0f))); // ceil
        assertVec(f32(-1.0f, -1.0f, 0.0f, 1.0f), exec(0x68, f32(-0.5f, -1.0f, 0x1p-149f, 1.5f))); // floor
        assertVec(f32(-0.0f, -1.0f, 0.0f, 1.0f), exec(0x69, f32(-0.5f, -1.9f, 0x1p-149f, 1.5f))); // trunc
        assertVec(f64(-0.0, 2.0), exec(0x94, f64(-0.5, 2.5)));
        assertVec(f64(-0.0, -2.0), exec(0x7A, f64(-0.9, -2.1)));
        assertVec(f32bits(0x7fa0_0000, 0, 0x3f80_0000, 0x3f80_0000), // abs clears the sign, also of a NaN
                exec(0xE0, f32bits(0xffa0_0000, 0x8000_0000, 0xbf80_0000, 0x3f80_0000)));
        assertVec(i64(0xfff8_0000_0000_0000L, 0x8000_0000_0000_0000L), exec(0xED, i64(0x7ff8_0000_0000_0000L, 0)));
        assertVec(f32(3.0f, Float.POSITIVE_INFINITY, 0.5f, 1.0f), exec(0xE7, f32(6.0f, 1.0f, 1.0f, 1.0f), f32(2.0f, 0.0f, 2.0f, 1.0f)));
        assertVec(f64(2.0, -0.0), exec(0xEF, f64(4.0, -0.0))); // sqrt(-0) = -0
    }

    @Test
    void conversions() {
        // simd_conversions.wast / simd_i32x4_trunc_sat_*.wast
        assertVec(f32(4294967296.0f, 2147483648.0f, 0x1.000002p+31f, 0.0f),
                exec(0xFB, i32(-1, Integer.MIN_VALUE, 0x8000_0081, 0)));
        assertVec(f32(-2147483648.0f, 16777216.0f, 16777220.0f, -1.0f), exec(0xFA, i32(Integer.MIN_VALUE, 16777217, 16777219, -1)));
        assertVec(i32(0, Integer.MAX_VALUE, Integer.MIN_VALUE, -1),
                exec(0xF8, f32(NAN, 2147483648.0f, Float.NEGATIVE_INFINITY, -1.9f)));
        assertVec(i32(0, -1, 0, -256), exec(0xF9, f32(NAN, 4294967296.0f, -1.0f, 4294967040.0f)));
        assertVec(i32(Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 0), exec(0xFC, f64(1e10, -1e10)));
        assertVec(i32(-1, 0, 0, 0), exec(0xFD, f64(4294967295.9, Double.NaN)));
        assertVec(f64(1.0, 4294967295.0), exec(0xFF, i32(1, -1, 9, 9)));
        assertVec(f64(-1.0, Integer.MIN_VALUE), exec(0xFE, i32(-1, Integer.MIN_VALUE, 9, 9)));
        // demote: rounding, overflow to inf, NaN canonical, upper lanes zero
        assertVec(f32bits(0x3f80_0000, 0x7f80_0000, 0, 0), exec(0x5E, f64(1.0 + 0x1p-30, 0x1.ffffffp+127)));
        assertVec(f32bits(CANON32, 0x8000_0000, 0, 0), exec(0x5E, f64(Double.NaN, -0x1p-1000)));
        assertVec(f64(Float.MIN_VALUE, Double.NaN), exec(0x5F, f32(Float.MIN_VALUE, NAN, 7.0f, 8.0f)));
    }

    @Test
    void relaxedDeterministicProfile() {
        // relaxed_madd_nmadd.wast: unfused -> FLT_MAX * 2 - FLT_MAX = inf (either accepts inf)
        long[] m = f32(Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE);
        long[] two = f32(2.0f, 2.0f, 2.0f, 2.0f);
        long[] negM = f32(-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE);
        float inf = Float.POSITIVE_INFINITY;
        assertVec(f32(inf, inf, inf, inf), exec(0x105, m, two, negM));
        // x*y+z with two roundings: 0 (either accepts 0 or the fused 0x1p-37)
        long[] x = f32(0x1.000004p+0f, 0x1.000004p+0f, 0x1.000004p+0f, 0x1.000004p+0f);
        long[] y = f32(0x1.0002p+0f, 0x1.0002p+0f, 0x1.0002p+0f, 0x1.0002p+0f);
        long[] z = f32(-0x1.000204p+0f, -0x1.000204p+0f, -0x1.000204p+0f, -0x1.000204p+0f);
        assertVec(f32(0f, 0f, 0f, 0f), exec(0x105, x, y, z));
        long[] negX = f32(-0x1.000004p+0f, -0x1.000004p+0f, -0x1.000004p+0f, -0x1.000004p+0f);
        assertVec(f32(0f, 0f, 0f, 0f), exec(0x106, negX, y, z)); // nmadd = -(a*b)+c
        assertVec(f64(0.0, 0.0), exec(0x107, f64(0x1.00000004p+0, 0x1.00000004p+0), f64(0x1.000002p+0, 0x1.000002p+0),
                f64(-0x1.00000204p+0, -0x1.00000204p+0)));
        assertVec(f64(7.0, -5.0), exec(0x108, f64(2.0, 3.0), f64(-3.0, 2.0), f64(1.0, 1.0)));
        // relaxed_laneselect = bitselect (relaxed_laneselect.wast accepts the bitwise result)
        assertVec(i16(0x1278, 0, 0, 0, 0, 0, 0, 0), exec(0x10A, i16(0x1234, 0, 0, 0, 0, 0, 0, 0),
                i16(0x5678, 0, 0, 0, 0, 0, 0, 0), i16(0xFF00, 0, 0, 0, 0, 0, 0, 0)));
        assertVec(i64(0x1234_5678_0000_0000L, 0), exec(0x10C, i64(0x1234_5678_0000_0000L, 0), i64(0, 0), i64(0xFFFF_FFFF_0000_0000L, 0)));
        // relaxed_min/max = min/max: NaN -> canonical NaN, -0 < +0
        assertVec(f32bits(CANON32, CANON32, 0x8000_0000, 0x8000_0000),
                exec(0x10D, f32(-NAN, NAN, 0.0f, -0.0f), f32(0.0f, 0.0f, -0.0f, 0.0f)));
        assertVec(f64(0.0, Double.NaN), exec(0x110, f64(-0.0, 0.0), f64(0.0, Double.NaN)));
        // relaxed_q15mulr_s = q15mulr_sat_s: MIN * MIN saturates to MAX
        assertVec(i16(32767, 32767, 0, 0, 0, 0, 0, 0),
                exec(0x111, i16(-32768, -32768, 0, 0, 0, 0, 0, 0), i16(-32768, -32768, 0, 0, 0, 0, 0, 0)));
        // relaxed_trunc = trunc_sat: NaN -> 0, out of range saturates
        assertVec(i32(0, Integer.MAX_VALUE, Integer.MIN_VALUE, 1), exec(0x101, f32(NAN, 1e10f, -1e10f, 1.5f)));
        assertVec(i32(0, -1, 0, 0), exec(0x102, f32(NAN, 1e10f, -1e10f, 0.5f)));
        assertVec(i32(0, Integer.MIN_VALUE, 0, 0), exec(0x103, f64(Double.NaN, -1e300)));
        assertVec(i32(-1, 0, 0, 0), exec(0x104, f64(1e300, -1.0)));
        // relaxed_dot: signed x signed, i16 saturation (relaxed_dot_product.wast accepts 32512 / 65025)
        long[] a = i8(-128, -128, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        long[] b = i8(-127, -127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertVec(i16(32512, 32258, 0, 0, 0, 0, 0, 0), exec(0x112, a, b));
        long[] mins = i8(-128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertVec(i16(32767, 0, 0, 0, 0, 0, 0, 0), exec(0x112, mins, mins)); // 32768 saturates
        assertVec(i32(65025, 2, 3, 4), exec(0x113, i8(-128, -128, -128, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                i8(-127, -127, -127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), i32(1, 2, 3, 4)));
        assertVec(i32(-65023, 64518, 3, 4), exec(0x113, i8(-128, -128, -128, -128, 127, 127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0),
                i8(127, 127, 127, 127, 127, 127, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0), i32(1, 2, 3, 4)));
    }
}
