package dev.weir.text.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.text.TextParseException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LiteralsTest {

    static String err(Runnable r) {
        return assertThrows(NumberFormatException.class, r::run).getMessage();
    }

    @ParameterizedTest
    @CsvSource({
        "0,0", "42,42", "+42,42", "-1,-1", "0xffffffff,-1", "4294967295,-1", "0x7fffffff,2147483647",
        "-0x80000000,-2147483648", "0x80000000,-2147483648", "-2147483648,-2147483648", "-0x0,0",
        "010,10", "1_000_000,1000000", "0xa_0f_00_99,168755353", "0x0bAdD00D,195940365", "+0x7fffffff,2147483647"
    })
    void i32(String text, int expected) {
        assertEquals(expected, Literals.parseI32(text));
    }

    @ParameterizedTest
    @CsvSource({
        "4294967296", "0x100000000", "-2147483649", "-0x80000001", "+0x80000000", "+4294967295",
        "99999999999999999999999", "0x1_0000_0000_0000_0000"
    })
    void i32OutOfRange(String text) {
        assertEquals("constant out of range", err(() -> Literals.parseI32(text)));
    }

    @Test
    void i32Malformed() {
        for (String s : new String[] {"", "0x", "1x", "_1", "1_", "1__0", "0x_1", "+_1", "- 1", "a", "0xg", "nan:1"}) {
            assertEquals("unknown operator", err(() -> Literals.parseI32(s)), s);
        }
        assertEquals("unexpected token", err(() -> Literals.parseI32("1.0")));
        assertEquals("unexpected token", err(() -> Literals.parseI32("inf")));
    }

    @Test
    void i64() {
        assertEquals(-1L, Literals.parseI64("0xffffffffffffffff"));
        assertEquals(-1L, Literals.parseI64("18446744073709551615"));
        assertEquals(Long.MIN_VALUE, Literals.parseI64("-9223372036854775808"));
        assertEquals(Long.MIN_VALUE, Literals.parseI64("-0x8000000000000000"));
        assertEquals(Long.MIN_VALUE, Literals.parseI64("0x8000000000000000"));
        assertEquals(Long.MAX_VALUE, Literals.parseI64("+9223372036854775807"));
        assertEquals(913028331277281902L, Literals.parseI64("0x0CABBA6E0ba66a6e"));
        for (String s : new String[] {"18446744073709551616", "18446744073709551620", "0x10000000000000000",
            "-9223372036854775809", "-0x8000000000000001", "+9223372036854775808", "184467440737095516150"}) {
            assertEquals("constant out of range", err(() -> Literals.parseI64(s)), s);
        }
    }

    @Test
    void unsigned() {
        assertEquals(-1, Literals.parseU32("4294967295"));
        assertEquals(8, Literals.parseU32("0x8"));
        assertEquals(-1L, Literals.parseU64("0xffff_ffff_ffff_ffff"));
        assertEquals(255, Literals.parseU8("255"));
        assertEquals("i32 constant out of range", err(() -> Literals.parseU32("0x1_0000_0000")));
        assertEquals("i64 constant out of range", err(() -> Literals.parseU64("0x1_0000_0000_0000_0000")));
        assertEquals("i8 constant out of range", err(() -> Literals.parseU8("256")));
        assertEquals("unexpected token", err(() -> Literals.parseU32("+1")));
        assertEquals("unexpected token", err(() -> Literals.parseU32("-1")));
        assertEquals("unexpected token", err(() -> Literals.parseU32("1.0")));
        assertEquals("unknown operator", err(() -> Literals.parseU32("1x")));
    }

    @Test
    void lanes() {
        assertEquals((byte) -1, Literals.parseI8("255"));
        assertEquals((byte) -128, Literals.parseI8("-128"));
        assertEquals((byte) -128, Literals.parseI8("0x80"));
        assertEquals((short) -1, Literals.parseI16("0xffff"));
        assertEquals((short) -32768, Literals.parseI16("-32768"));
        for (String s : new String[] {"256", "-129", "-0x81", "0x100", "+128"}) {
            assertEquals("constant out of range", err(() -> Literals.parseI8(s)), s);
        }
        assertEquals("constant out of range", err(() -> Literals.parseI16("65536")));
        assertEquals("constant out of range", err(() -> Literals.parseI16("-32769")));
    }

    @ParameterizedTest
    @CsvSource({
        "nan,7fc00000", "+nan,7fc00000", "-nan,ffc00000", "nan:0x200000,7fa00000", "-nan:0x7fffff,ffffffff",
        "nan:0x1,7f800001", "inf,7f800000", "-inf,ff800000",
        "0,00000000", "-0,80000000", "-0.0,80000000", "0x0p0,00000000", "1,3f800000", "0x1p0,3f800000",
        "0x1p-149,00000001", "0x1p-126,00800000", "0x1.fffffep+127,7f7fffff", "0x1.fffffcp-127,007fffff",
        "0x1.p10,44800000", "0x12345,4791a280", "0x1_0000_0000_0000_0000_0000,67800000",
        "1.4013e-45,00000001", "1.1754944e-38,00800000", "3.4028234e+38,7f7fffff", "1.e10,501502f9",
        "1.000000119,3f800001", "6.28318548202514648,40c90fdb",
        // hex rounding: ties to even, carries, subnormals
        "0x1.000001p0,3f800000", "0x1.000003p0,3f800002", "0x1.0000010000000000001p0,3f800001",
        "0x1.fffffefffffffffp127,7f7fffff", "0x1p-150,00000000", "0x1.0000000000001p-150,00000001",
        "0x1.8p-149,00000002", "0x1p-127,00400000", "0x0.00000100000000000p-126,00000000",
        "0x1.fffffep-127,00800000", "0x0.000000000000000000000000000000001p+100,2f800000",
        "0x1p-99999999999999999999,00000000", "0x0p99999999999999999999,00000000",
        "0x8000000.0000000000000000000000001p-27,3f800000",
        // decimal rounding straight to f32 (via double would double-round)
        "1.00000005960464477539062499,3f800000", "1.000000059604644775390625,3f800000",
        "1.00000005960464477539062501,3f800001", "340282356779733661637539395458142568447,7f7fffff",
        "1e-46,00000000", "7.006492321624085354618e-46,00000000", "7.006492321624085354619e-46,00000001",
        "0e99999999999999999999,00000000", "1e-99999999999999999999,00000000", "-0.0e-0,80000000",
        "0.00000000000000000000000000000000000000000000000000000000000000000000001e71,3f800000"
    })
    void f32(String text, String hexBits) {
        assertEquals(Integer.toHexString((int) Long.parseLong(hexBits, 16)),
            Integer.toHexString(Literals.parseF32Bits(text)), text);
    }

    @Test
    void f32OutOfRange() {
        for (String s : new String[] {"0x1p128", "-0x1p128", "0x1.ffffffp127", "1e39", "-1e39",
            "340282356779733661637539395458142568448", "0x1p99999999999999999999", "1e99999999999999999999", "nan:0x0", "nan:0x80_0000",
            "nan:0x1000000000000000000"}) {
            assertEquals("constant out of range", err(() -> Literals.parseF32Bits(s)), s);
        }
        for (String s : new String[] {".0", "0x", "0x.", "0x0p", "1e", "nan:1", "1_", "infinity", "0x1p+_1"}) {
            assertEquals("unknown operator", err(() -> Literals.parseF32Bits(s)), s);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "nan,7ff8000000000000", "-nan:0xfffffffffffff,ffffffffffffffff", "nan:0x1,7ff0000000000001",
        "-inf,fff0000000000000", "0x0.0000000000001p-1022,0000000000000001", "0x1p-1022,0010000000000000",
        "0x0.fffffffffffffp-1022,000fffffffffffff", "0x1.fffffffffffffp+1023,7fefffffffffffff",
        "0x1.921fb54442d18p+2,401921fb54442d18", "4.94066e-324,0000000000000001",
        "2.2250738585072012e-308,0010000000000000", "2.2250738585072011e-308,000fffffffffffff",
        "1.7976931348623157e+308,7fefffffffffffff", "0x1.00000000000008p0,3ff0000000000000",
        "0x1.00000000000018p0,3ff0000000000002", "0x1.000000000000080000001p0,3ff0000000000001",
        "0x1.fffffffffffff7ffffffp1023,7fefffffffffffff", "-0x8000_0000_0000_0000,c3e0000000000000"
    })
    void f64(String text, String hexBits) {
        assertEquals(hexBits, String.format("%016x", Literals.parseF64Bits(text)), text);
    }

    @Test
    void f64OutOfRange() {
        for (String s : new String[] {"0x1p1024", "0x1.fffffffffffff8p1023", "1e309", "-1e309",
            "nan:0x0", "nan:0x10_0000_0000_0000"}) {
            assertEquals("constant out of range", err(() -> Literals.parseF64Bits(s)), s);
        }
    }

    @Test
    void tokenOverloadsReportPositions() {
        Lexer lx = new Lexer("  1.5 0x1_0000_0000 nan:1 \"s\" 0x");
        Token f = lx.next();
        assertEquals(Float.floatToRawIntBits(1.5f), Literals.parseF32Bits(f));
        TextParseException e = assertThrows(TextParseException.class, () -> Literals.parseI32(f));
        assertEquals("unexpected token", e.reason());
        assertEquals(3, e.column());
        Token big = lx.next();
        assertEquals("i32 constant out of range",
            assertThrows(TextParseException.class, () -> Literals.parseU32(big)).reason());
        assertEquals(0x1_0000_0000L, Literals.parseU64(big));
        Token kw = lx.next();
        assertEquals("unknown operator nan:1",
            assertThrows(TextParseException.class, () -> Literals.parseF64Bits(kw)).reason());
        Token str = lx.next();
        assertEquals("unexpected token", assertThrows(TextParseException.class, () -> Literals.parseI64(str)).reason());
        Token res = lx.next();
        assertEquals("unknown operator 0x", assertThrows(TextParseException.class, () -> Literals.parseU8(res)).reason());
    }

    // ------------------------------------------------------------ randomized cross-check

    /** Independent reference: nearest float to an exact decimal value, ties to even, via BigDecimal. */
    static long referenceBits(BigDecimal v, boolean f32) {
        if (v.signum() == 0) {
            return 0;
        }
        BigDecimal max = f32 ? new BigDecimal(Float.MAX_VALUE) : new BigDecimal(Double.MAX_VALUE);
        BigDecimal halfUlpAboveMax = max.add(new BigDecimal(f32 ? Math.ulp(Float.MAX_VALUE) : Math.ulp(Double.MAX_VALUE))
            .divide(BigDecimal.valueOf(2)));
        if (v.compareTo(halfUlpAboveMax) >= 0) {
            return -1; // overflow
        }
        double approx = v.doubleValue();
        long best = 0;
        BigDecimal bestDiff = null;
        if (f32) {
            float c = (float) approx;
            if (Float.isInfinite(c)) {
                c = Float.MAX_VALUE;
            }
            for (float cand : new float[] {Math.nextDown(c), c, Math.nextUp(c)}) {
                if (cand < 0 || Float.isInfinite(cand)) {
                    continue;
                }
                BigDecimal d = new BigDecimal(cand).subtract(v).abs();
                int bits = Float.floatToRawIntBits(cand);
                if (bestDiff == null || d.compareTo(bestDiff) < 0 || (d.compareTo(bestDiff) == 0 && (bits & 1) == 0)) {
                    bestDiff = d;
                    best = bits & 0xFFFFFFFFL;
                }
            }
        } else {
            double c = Double.isInfinite(approx) ? Double.MAX_VALUE : approx;
            for (double cand : new double[] {Math.nextDown(c), c, Math.nextUp(c)}) {
                if (cand < 0 || Double.isInfinite(cand)) {
                    continue;
                }
                BigDecimal d = new BigDecimal(cand).subtract(v).abs();
                long bits = Double.doubleToRawLongBits(cand);
                if (bestDiff == null || d.compareTo(bestDiff) < 0 || (d.compareTo(bestDiff) == 0 && (bits & 1) == 0)) {
                    bestDiff = d;
                    best = bits;
                }
            }
        }
        return best;
    }

    static long parse(String s, boolean f32) {
        try {
            return f32 ? Literals.parseF32Bits(s) & 0xFFFFFFFFL : Literals.parseF64Bits(s);
        } catch (NumberFormatException e) {
            assertEquals("constant out of range", e.getMessage());
            return -1;
        }
    }

    @Test
    void randomDecimalAndHexAgreeWithReference() {
        Random rnd = new Random(12345);
        for (int i = 0; i < 2000; i++) {
            boolean f32 = (i & 1) == 0;
            BigDecimal v;
            String text;
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                // midpoint between two adjacent floats, nudged by -1/0/+1 in a far digit
                long bits = f32 ? rnd.nextInt(0x7f7fffff) : rnd.nextLong() & 0x7fefffffffffffffL;
                BigDecimal lo = f32 ? new BigDecimal(Float.intBitsToFloat((int) bits))
                    : new BigDecimal(Double.longBitsToDouble(bits));
                BigDecimal hi = f32 ? new BigDecimal(Math.nextUp(Float.intBitsToFloat((int) bits)))
                    : new BigDecimal(Math.nextUp(Double.longBitsToDouble(bits)));
                v = lo.add(hi).divide(BigDecimal.valueOf(2));
                int nudge = rnd.nextInt(3) - 1;
                v = v.add(BigDecimal.valueOf(nudge).scaleByPowerOfTen(-(v.scale() + 5)));
                text = rnd.nextBoolean() ? v.toPlainString() : v.toString();
                if (text.length() > 2000) {
                    continue;
                }
            } else if (kind == 1) {
                // random decimal
                BigInteger digits = new BigInteger(1 + rnd.nextInt(90), rnd);
                int exp = f32 ? rnd.nextInt(100) - 70 : rnd.nextInt(700) - 360;
                v = new BigDecimal(digits).scaleByPowerOfTen(exp);
                text = digits + "e" + exp;
            } else {
                // random hex mantissa with many digits and a binary exponent
                BigInteger m = new BigInteger(1 + rnd.nextInt(120), rnd);
                int fracDigits = rnd.nextInt(30);
                int exp = f32 ? rnd.nextInt(320) - 180 : rnd.nextInt(2300) - 1150;
                String hex = m.toString(16);
                while (hex.length() <= fracDigits) {
                    hex = "0" + hex;
                }
                text = "0x" + hex.substring(0, hex.length() - fracDigits) + "." + hex.substring(hex.length() - fracDigits)
                    + "p" + exp;
                long e2 = (long) exp - 4L * fracDigits;
                v = new BigDecimal(m);
                v = e2 >= 0 ? v.multiply(new BigDecimal(BigInteger.TWO.pow((int) e2)))
                    : v.divide(new BigDecimal(BigInteger.TWO.pow((int) -e2)));
            }
            long expected = referenceBits(v, f32);
            final String t = text;
            assertEquals(expected, parse(text, f32), () -> (f32 ? "f32 " : "f64 ") + t);
        }
    }
}
