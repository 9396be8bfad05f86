package dev.weir.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.ArrayType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.Limits;
import dev.weir.wasm.StructType;
import dev.weir.wasm.SubType;
import dev.weir.wasm.ValType;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatTextTest {
    @Test
    void humanBytes() {
        assertEquals("0 B", WatText.humanBytes(BigInteger.ZERO));
        assertEquals("1023 B", WatText.humanBytes(BigInteger.valueOf(1023)));
        assertEquals("64 KiB", WatText.humanBytes(BigInteger.valueOf(65536)));
        assertEquals("1.5 MiB", WatText.humanBytes(BigInteger.valueOf(3 << 19)));
        assertEquals("4 GiB", WatText.humanBytes(BigInteger.ONE.shiftLeft(32)));
        // memory64's largest: 2^64 - 1 pages of 64 KiB.
        assertEquals("1023.9 ZiB", WatText.humanBytes(WatText.bytes(-1L, Limits.of(0))));
    }

    @Test
    void bytesAreUnsignedAndHonourPageSize() {
        assertEquals(new BigInteger("18446744073709551615").shiftLeft(16), WatText.bytes(-1L, Limits.of(0)));
        Limits onePage = new Limits(3, false, 0, false, false, 0);
        assertEquals(BigInteger.valueOf(3), WatText.bytes(3, onePage));
        assertEquals(1, WatText.pageSize(onePage));
    }

    @Test
    void typesInTextFormat() {
        assertEquals("(func (param i32) (result i64))",
                WatText.subType(SubType.of(new FuncType(List.of(ValType.I32), List.of(ValType.I64)))));
        assertEquals("(struct (field i32) (field (mut i64)))", WatText.subType(SubType.of(
                new StructType(List.of(new FieldType(ValType.I32, false), new FieldType(ValType.I64, true))))));
        assertEquals("(sub 0 (array (mut i8)))",
                WatText.subType(new SubType(false, List.of(0), new ArrayType(new FieldType(ValType.I8, true)))));
        assertEquals("(sub final 1 2 (struct))",
                WatText.subType(new SubType(true, List.of(1, 2), new StructType(List.of()))));
    }

    @Test
    void namesAndStrings() {
        assertEquals("$add", WatText.id("add"));
        assertEquals("$\"a b\"", WatText.id("a b"));
        assertEquals("$\"\"", WatText.id(""));
        assertEquals(null, WatText.id(null));
        assertEquals("\"x\\0a\\\"\\\\\"", WatText.quoted("x\n\"\\"));
        assertEquals("memory", WatText.nameOrQuoted("memory"));
        assertEquals("\"\"", WatText.nameOrQuoted(""));
        assertEquals("\"a b\"", WatText.nameOrQuoted("a b"));
        assertEquals("0x1f", WatText.hex(31));
    }

    @Test
    void columnsAlign() {
        Columns c = new Columns("rll");
        c.row("1", "ab", "x").row("10", "a", null).row("2", null, "last");
        StringBuilder sb = new StringBuilder();
        c.appendTo(sb, "  ");
        assertEquals("   1  ab  x\n  10  a\n   2      last\n", sb.toString());
        assertFalse(c.isEmpty());
        Columns empty = new Columns("ll").row(null, "b");
        StringBuilder sb2 = new StringBuilder();
        empty.appendTo(sb2, "");
        assertEquals("b\n", sb2.toString());
    }

    @Test
    void textDetection() {
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0};
        assertFalse(ModuleLoader.isText("m.wat", wasm), "binary magic wins over the name");
        assertTrue(ModuleLoader.isText("m.wat", "garbage".getBytes()));
        assertTrue(ModuleLoader.isText("m.txt", "  (module)".getBytes()));
        assertTrue(ModuleLoader.isText("m", ";; comment".getBytes()));
        assertFalse(ModuleLoader.isText("m.wasm", "(module)".getBytes()), ".wasm is always binary");
        assertFalse(ModuleLoader.isText("m", "hello".getBytes()));
        assertFalse(ModuleLoader.isText("m", new byte[0]));
    }
}
