package dev.weir.text.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.text.TextParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class V128LiteralsTest {

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** Parses "(v128.const SHAPE lanes...)" text through the lexer and the token API. */
    static byte[] parse(String text) {
        Lexer lx = new Lexer(text);
        Token shape = lx.next();
        List<Token> lanes = new ArrayList<>();
        for (Token t = lx.next(); t.kind() != TokenKind.EOF; t = lx.next()) {
            lanes.add(t);
        }
        return V128Literals.parse(shape, lanes);
    }

    @Test
    void shapes() {
        assertArrayEquals(hex("00ff7f80" + "01020304" + "05060708" + "090a0b0c"),
            parse("i8x16 0 255 127 -128 1 2 3 4 5 6 7 8 9 10 11 12"));
        assertArrayEquals(hex("0100" + "ffff" + "0080" + "3412" + "0000000000000000"),
            parse("i16x8 1 -1 0x8000 0x1234 0 0 0 -0"));
        assertArrayEquals(hex("78563412" + "ffffffff" + "00000080" + "01000000"),
            parse("i32x4 0x12345678 4294967295 -0x80000000 +1"));
        assertArrayEquals(hex("0100000000000000" + "ffffffffffffffff"), parse("i64x2 1 -1"));
        assertArrayEquals(hex("0000803f" + "000080bf" + "0000c07f" + "0000807f"), parse("f32x4 1 -1.0 nan inf"));
        assertArrayEquals(hex("000000000000f03f" + "0100000000000000"), parse("f64x2 0x1p0 0x0.0000000000001p-1022"));
    }

    @Test
    void errors() {
        TextParseException e = assertThrows(TextParseException.class, () -> parse("i32x4 0x10000000000000000 1"));
        assertEquals("wrong number of lane literals", e.reason());
        assertEquals("wrong number of lane literals",
            assertThrows(TextParseException.class, () -> parse("i8x16")).reason());
        assertEquals("wrong number of lane literals",
            assertThrows(TextParseException.class, () -> parse("f64x2 1 2 3")).reason());
        e = assertThrows(TextParseException.class, () -> parse("i16x8 0 0 0 65536 0 0 0 0"));
        assertEquals("constant out of range", e.reason());
        assertEquals(13, e.column());
        assertEquals("constant out of range",
            assertThrows(TextParseException.class, () -> parse("f32x4 0 0 0 0x1p128")).reason());
        assertEquals("constant out of range",
            assertThrows(TextParseException.class, () -> parse("f64x2 nan:0x0 0")).reason());
        assertEquals("unknown operator 0x",
            assertThrows(TextParseException.class, () -> parse("i64x2 0x 0x")).reason());
        assertEquals("unexpected token",
            assertThrows(TextParseException.class, () -> parse("i32x4 1.5 0 0 0")).reason());
        assertEquals("unexpected token", assertThrows(TextParseException.class, () -> parse("0 0 0 0 0")).reason());
        assertEquals("unexpected token", assertThrows(TextParseException.class, () -> parse("i32x3 0 0 0")).reason());
    }

    @Test
    void stringApi() {
        assertEquals(16, V128Literals.laneCount("i8x16"));
        assertEquals(2, V128Literals.laneCount("f64x2"));
        assertEquals(-1, V128Literals.laneCount("v128"));
        assertArrayEquals(new byte[16], V128Literals.parse("i32x4", Collections.nCopies(4, "0")));
        assertEquals("wrong number of lane literals", assertThrows(NumberFormatException.class,
            () -> V128Literals.parse("i32x4", List.of("0"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> V128Literals.parse("x", List.of()));
    }
}
