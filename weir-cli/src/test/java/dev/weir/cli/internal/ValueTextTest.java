package dev.weir.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Value;
import dev.weir.wasm.ValType;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    private static String round(String text, ValType t) {
        return ValueText.format(ValueText.parse(text, t));
    }

    @Test
    void integersAcceptSignedAndUnsignedRanges() {
        assertEquals("-1", round("0xffffffff", ValType.I32));
        assertEquals("-1", round("4294967295", ValType.I32));
        assertEquals("-2147483648", round("-2147483648", ValType.I32));
        assertEquals("-2147483648", round("-0x80000000", ValType.I32));
        assertEquals("1000000", round("1_000_000", ValType.I32));
        assertEquals("-1", round("18446744073709551615", ValType.I64));
        assertEquals("-9223372036854775808", round("-9223372036854775808", ValType.I64));
        for (String bad : new String[] {"4294967296", "-2147483649", "", "-", "0x", "1.0", "--1", "+-1", "0x-1", " 1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ValueText.parse(bad, ValType.I32), bad);
            assertTrue(e.getMessage().contains("i32"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse("18446744073709551616", ValType.I64));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse("-9223372036854775809", ValType.I64));
    }

    @Test
    void floatsKeepExactBits() {
        assertEquals("0.1", round("0.1", ValType.F32));
        assertEquals("0.1", round("0.1", ValType.F64));
        assertEquals("12.0", round("0x1.8p3", ValType.F64));
        assertEquals("1.0", round("0x1", ValType.F32));
        assertEquals("-0.0", round("-0", ValType.F64));
        assertEquals("inf", round("inf", ValType.F32));
        assertEquals("-inf", round("-inf", ValType.F64));
        assertEquals("nan", round("nan", ValType.F32));
        assertEquals("-nan", round("-nan", ValType.F64));
        assertEquals("nan:0x1", round("nan:0x1", ValType.F32));
        assertEquals("-inf", round("-Infinity", ValType.F32));
        assertEquals(0x7fc00001, ValueText.parse("nan:0x400001", ValType.F32).f32Bits());
        assertEquals(0x7ff0000000000001L, ValueText.parse("nan:0x1", ValType.F64).f64Bits());
        for (String bad : new String[] {"1f", "2d", "x", "nan:0x0", "nan:0x800000", "1 "}) {
            assertThrows(IllegalArgumentException.class, () -> ValueText.parse(bad, ValType.F32), bad);
        }
    }

    @Test
    void v128IsThirtyTwoHexDigitsMostSignificantFirst() {
        Value v = ValueText.parse("0x0102030405060708090a0b0c0d0e0f10", ValType.V128);
        assertEquals(0x0102030405060708L, v.v128Hi());
        assertEquals(0x090a0b0c0d0e0f10L, v.v128Lo());
        assertEquals("0x0102030405060708090a0b0c0d0e0f10", ValueText.format(v));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse("0x01", ValType.V128));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse("0xg102030405060708090a0b0c0d0e0f10", ValType.V128));
    }

    @Test
    void referencesAreNullOnly() {
        assertEquals("null", round("null", ValType.FUNCREF));
        assertEquals("null", round("null", ValType.EXTERNREF));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse("1", ValType.EXTERNREF));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse("null", ValType.REF_FUNC));
    }

    @Test
    void quantities() {
        assertEquals(65536, Quantities.bytes("65536"));
        assertEquals(65536, Quantities.bytes("64k"));
        assertEquals(64L << 20, Quantities.bytes("64m"));
        assertEquals(64L << 20, Quantities.bytes("64MiB"));
        assertEquals(1L << 30, Quantities.bytes("1g"));
        assertEquals(3L << 29, Quantities.bytes("1.5G"));
        for (String bad : new String[] {"", "-1", "1.5", "k", "1x", "99999999999999999999t"}) {
            assertThrows(IllegalArgumentException.class, () -> Quantities.bytes(bad), bad);
        }
        assertEquals(200, Quantities.millis("200ms"));
        assertEquals(5000, Quantities.millis("5s"));
        assertEquals(5000, Quantities.millis("5"));
        assertEquals(1500, Quantities.millis("1.5s"));
        assertEquals(120_000, Quantities.millis("2m"));
        assertEquals(1, Quantities.millis("0.1ms"));
        for (String bad : new String[] {"", "0s", "-1s", "soon", "5x"}) {
            assertThrows(IllegalArgumentException.class, () -> Quantities.millis(bad), bad);
        }
    }
}
