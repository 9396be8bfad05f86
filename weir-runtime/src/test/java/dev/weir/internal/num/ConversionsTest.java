package dev.weir.internal.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.Trap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConversionsTest {
    private static final String OVERFLOW = "integer overflow";
    private static final String INVALID = "invalid conversion to integer";
    private static final float F32_NAN_PAYLOAD = Float.intBitsToFloat(0x7fa0_0000);
    private static final float F32_NEG_NAN = Float.intBitsToFloat(0xffc0_0000);

    private static void assertTrap(String message, Executable e) {
        assertEquals(message, assertThrows(Trap.class, e).getMessage());
    }

    @Test
    void i32TruncF32Signed() {
        assertEquals(-2147483648, Conversions.i32TruncF32S(-2147483648.0f));
        assertEquals(2147483520, Conversions.i32TruncF32S(2147483520.0f));
        assertEquals(-1, Conversions.i32TruncF32S(-1.9f));
        assertEquals(0, Conversions.i32TruncF32S(-0x1p-149f));
        // 2147483647.5f rounds to 2^31 as a float literal: out of range
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF32S(2147483647.5f));
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF32S(-2147483904.0f));
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF32S(Float.POSITIVE_INFINITY));
        assertTrap(INVALID, () -> Conversions.i32TruncF32S(Float.NaN));
        assertTrap(INVALID, () -> Conversions.i32TruncF32S(F32_NAN_PAYLOAD));
        assertTrap(INVALID, () -> Conversions.i32TruncF32S(F32_NEG_NAN));
    }

    @Test
    void i32TruncUnsigned() {
        assertEquals(0, Conversions.i32TruncF32U(-0.9f)); // truncates to -0: in range
        assertEquals(-256, Conversions.i32TruncF32U(4294967040.0f)); // 0xffffff00
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF32U(4294967296.0f));
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF32U(-1.0f));
        assertTrap(INVALID, () -> Conversions.i32TruncF32U(Float.NaN));
        assertEquals(-1, Conversions.i32TruncF64U(4294967295.9));
        assertEquals(0, Conversions.i32TruncF64U(-0.9));
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF64U(4294967296.0));
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF64U(-1.0));
        assertTrap(INVALID, () -> Conversions.i32TruncF64U(Double.NaN));
    }

    @Test
    void i32TruncF64Signed() {
        assertEquals(2147483647, Conversions.i32TruncF64S(2147483647.5));
        assertEquals(-2147483648, Conversions.i32TruncF64S(-2147483648.9));
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF64S(2147483648.0));
        assertTrap(OVERFLOW, () -> Conversions.i32TruncF64S(-2147483649.0));
        assertTrap(INVALID, () -> Conversions.i32TruncF64S(-Double.NaN));
    }

    @Test
    void i64Trunc() {
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncF32S(-0x1p63f));
        assertEquals(9223371487098961920L, Conversions.i64TruncF32S(9223371487098961920.0f));
        assertTrap(OVERFLOW, () -> Conversions.i64TruncF32S(0x1p63f));
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncF64S(-0x1p63));
        assertEquals(9223372036854774784L, Conversions.i64TruncF64S(9223372036854774784.0));
        assertTrap(OVERFLOW, () -> Conversions.i64TruncF64S(0x1p63));
        assertTrap(OVERFLOW, () -> Conversions.i64TruncF64S(-9223372036854777856.0));
        assertEquals(0xffff_ff00_0000_0000L, Conversions.i64TruncF32U(18446742974197923840.0f));
        assertEquals(0xffff_ffff_ffff_f800L, Conversions.i64TruncF64U(18446744073709549568.0));
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncF64U(0x1p63));
        assertEquals(0, Conversions.i64TruncF64U(-0.9));
        assertTrap(OVERFLOW, () -> Conversions.i64TruncF64U(0x1p64));
        assertTrap(OVERFLOW, () -> Conversions.i64TruncF32U(-1.0f));
        assertTrap(INVALID, () -> Conversions.i64TruncF32U(Float.NaN));
        assertTrap(INVALID, () -> Conversions.i64TruncF64U(Double.NaN));
        assertTrap(INVALID, () -> Conversions.i64TruncF64S(Double.NaN));
        assertTrap(INVALID, () -> Conversions.i64TruncF32S(F32_NEG_NAN));
    }

    @Test
    void saturatingTruncation() {
        assertEquals(0, Conversions.i32TruncSatF32S(Float.NaN));
        assertEquals(Integer.MAX_VALUE, Conversions.i32TruncSatF32S(Float.POSITIVE_INFINITY));
        assertEquals(Integer.MIN_VALUE, Conversions.i32TruncSatF32S(-2147483904.0f));
        assertEquals(0, Conversions.i32TruncSatF32U(-1.0f));
        assertEquals(0, Conversions.i32TruncSatF32U(Float.NaN));
        assertEquals(-1, Conversions.i32TruncSatF32U(4294967296.0f));
        assertEquals(-256, Conversions.i32TruncSatF32U(4294967040.0f));
        assertEquals(-1, Conversions.i32TruncSatF64U(1e300));
        assertEquals(0, Conversions.i32TruncSatF64U(Double.NEGATIVE_INFINITY));
        assertEquals(Long.MAX_VALUE, Conversions.i64TruncSatF64S(0x1p63));
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncSatF32S(Float.NEGATIVE_INFINITY));
        assertEquals(0, Conversions.i64TruncSatF64S(Double.NaN));
        assertEquals(-1L, Conversions.i64TruncSatF64U(0x1p64));
        assertEquals(-1L, Conversions.i64TruncSatF32U(Float.POSITIVE_INFINITY));
        assertEquals(Long.MIN_VALUE, Conversions.i64TruncSatF64U(0x1p63));
        assertEquals(0xffff_ffff_ffff_f800L, Conversions.i64TruncSatF64U(18446744073709549568.0));
        assertEquals(0, Conversions.i64TruncSatF64U(-1e10));
        assertEquals(0, Conversions.i64TruncSatF32U(Float.NaN));
    }

    @Test
    void unsignedConversionsRoundOnce() {
        // conversions.wast: the classic double-rounding cases
        assertEquals(0x1.000002p+63f, Conversions.f32ConvertI64U(0x8000_0080_0000_0001L));
        assertEquals(0x1.fffffep+63f, Conversions.f32ConvertI64U(0xffff_fe80_0000_0001L));
        assertEquals(0x1p64f, Conversions.f32ConvertI64U(-1L));
        assertEquals(0x1.000002p+53f, Conversions.f32ConvertI64U(0x0020_0000_2000_0001L));
        assertEquals(16777216.0f, Conversions.f32ConvertI64U(16777217L));
        assertEquals(0x1.0000000000001p+63, Conversions.f64ConvertI64U(0x8000_0000_0000_0401L));
        assertEquals(0x1p63, Conversions.f64ConvertI64U(0x8000_0000_0000_0400L));
        assertEquals(0x1.fffffffffffffp+63, Conversions.f64ConvertI64U(0xffff_ffff_ffff_f401L));
        assertEquals(0x1p64, Conversions.f64ConvertI64U(-1L));
        assertEquals(4294967296.0f, Conversions.f32ConvertI32U(-1));
        assertEquals(0x1.000002p+31f, Conversions.f32ConvertI32U(0x8000_0081));
        assertEquals(4294967295.0, Conversions.f64ConvertI32U(-1));
        assertEquals(0x1.000002p+53f, Conversions.f32ConvertI64S(0x0020_0000_2000_0001L));
        assertEquals(-0x1.000002p+53f, Conversions.f32ConvertI64S(-0x0020_0000_2000_0001L));
    }

    @Test
    void unsignedConversionsMatchExactRounding() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n = 0; n < 5000; n++) {
            long x = r.nextLong() | Long.MIN_VALUE; // only the hard half
            if (n % 2 == 0) {
                x &= ~0xFFL << (r.nextInt(40)); // make ties more likely
                x |= Long.MIN_VALUE;
            }
            BigDecimal exact = new BigDecimal(new BigInteger(Long.toUnsignedString(x)));
            float f = exact.round(new MathContext(24, RoundingMode.HALF_EVEN)).floatValue();
            double d = exact.round(new MathContext(53, RoundingMode.HALF_EVEN)).doubleValue();
            assertEquals(f, Conversions.f32ConvertI64U(x), Long.toHexString(x));
            assertEquals(d, Conversions.f64ConvertI64U(x), Long.toHexString(x));
        }
    }

    @Test
    void demotePromote() {
        assertEquals(0x7fc0_0000, Float.floatToRawIntBits(Conversions.f32DemoteF64(Double.NaN)));
        assertEquals(0x7fc0_0000, Float.floatToRawIntBits(
                Conversions.f32DemoteF64(Double.longBitsToDouble(0x7ff4_0000_0000_0000L))));
        assertEquals(0x7ff8_0000_0000_0000L, Double.doubleToRawLongBits(Conversions.f64PromoteF32(F32_NAN_PAYLOAD)));
        assertEquals(Float.MIN_VALUE, Conversions.f32DemoteF64(0x1p-149));
        assertEquals(0.0f, Conversions.f32DemoteF64(0x1p-150)); // tie to even: 0
        assertEquals(Float.MIN_VALUE, Conversions.f32DemoteF64(0x1.0000000000001p-150));
        assertEquals(Float.POSITIVE_INFINITY, Conversions.f32DemoteF64(0x1.ffffffp+127)); // rounds up past MAX
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(Conversions.f32DemoteF64(-0.0)));
        assertEquals(0x1p-149, Conversions.f64PromoteF32(Float.MIN_VALUE));
    }
}
