package dev.weir.text.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.text.TextParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {

    static List<Token> lex(String s) {
        return lex(new Lexer(s));
    }

    static List<Token> lex(Lexer lx) {
        List<Token> out = new ArrayList<>();
        for (;;) {
            Token t = lx.next();
            if (t.kind() == TokenKind.EOF) {
                return out;
            }
            out.add(t);
        }
    }

    static String kinds(String s) {
        StringBuilder sb = new StringBuilder();
        for (Token t : lex(s)) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(t.kind());
        }
        return sb.toString();
    }

    static TextParseException fail(String s) {
        return assertThrows(TextParseException.class, () -> lex(s));
    }

    static Token single(String s) {
        List<Token> ts = lex(s);
        assertEquals(1, ts.size(), () -> "tokens of " + s + ": " + ts);
        return ts.get(0);
    }

    @Test
    void basicTokens() {
        List<Token> ts = lex("(module $m (func (export \"f\") (i32.add (i32.const 42) (i32.const -1))))");
        assertEquals(TokenKind.LPAREN, ts.get(0).kind());
        assertTrue(ts.get(1).isKeyword("module"));
        assertEquals(TokenKind.ID, ts.get(2).kind());
        assertEquals("m", ts.get(2).name());
        assertEquals(TokenKind.STRING, ts.get(7).kind());
        assertEquals("f", ts.get(7).utf8Value());
        assertTrue(ts.get(10).isKeyword("i32.add"));
        assertEquals(TokenKind.NAT, ts.get(13).kind());
        assertEquals(TokenKind.INT, ts.get(17).kind());
        assertEquals(TokenKind.RPAREN, ts.get(ts.size() - 1).kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|NAT", "123|NAT", "1_000|NAT", "0x1F|NAT", "0xa_b|NAT", "010|NAT",
        "+1|INT", "-0x80000000|INT", "-0|INT",
        "1.5|FLOAT", "1.|FLOAT", "1.e5|FLOAT", "1e5|FLOAT", "1E-5|FLOAT", "-1.5e+10|FLOAT",
        "0x1p3|FLOAT", "0x1.p3|FLOAT", "0x1.8|FLOAT", "0x1.|FLOAT", "-0x1.fffffep127|FLOAT", "0x1P-1|FLOAT",
        "inf|FLOAT", "+inf|FLOAT", "-inf|FLOAT", "nan|FLOAT", "-nan|FLOAT", "nan:0x7f|FLOAT", "+nan:0x1_0|FLOAT",
        "1_0.0_1e1_0|FLOAT",
        "nan:1|KEYWORD", "nan:0x|KEYWORD", "infinity|KEYWORD", "i32.add|KEYWORD", "offset=8|KEYWORD",
        "align=4|KEYWORD", "i32.const0|KEYWORD", "module|KEYWORD", "a:b|KEYWORD", "i8x16|KEYWORD",
        "0x|RESERVED", "1x|RESERVED", "0xg|RESERVED", ".0|RESERVED", "0e|RESERVED", "0e+|RESERVED",
        "0x.|RESERVED", "0x0p|RESERVED", "0x0pA|RESERVED", "_1|RESERVED", "1_|RESERVED", "1__0|RESERVED",
        "0_x1|RESERVED", "0x_1|RESERVED", "1._0|RESERVED", "1.0_e1|RESERVED", "1e_1|RESERVED",
        "0$x|RESERVED", "0drop|RESERVED", "Abc|RESERVED", "@x|RESERVED", "+|RESERVED", "-|RESERVED",
        "a,b|RESERVED", "[|RESERVED", "{x}|RESERVED", ",|RESERVED", "$a,b|RESERVED",
        "\"a\"\"b\"|RESERVED", "x\"a\"|RESERVED", "\"a\"x|RESERVED", "$\"a\"x|RESERVED", "$a\"b\"|RESERVED",
        "$x|ID", "$0|ID", "$!?@#a$%^&*b-+_.:9'`/\\<=>~|ID", "$\"a b\"|ID",
        "\"\"|STRING", "\"abc\"|STRING"
    })
    void classification(String text, TokenKind kind) {
        Token t = single(text);
        assertEquals(kind, t.kind(), text);
        assertEquals(text, t.text());
    }

    @Test
    void semicolonHandling() {
        assertEquals("LPAREN KEYWORD RPAREN", kinds("(module;;comment\n)"));
        assertEquals("KEYWORD RESERVED KEYWORD", kinds("a;b"));
        assertEquals("RESERVED", kinds(";"));
    }

    @Test
    void parensDelimitTokens() {
        assertEquals("LPAREN KEYWORD LPAREN KEYWORD RPAREN RPAREN", kinds("(func(nop))"));
        assertEquals("KEYWORD NAT LPAREN KEYWORD RPAREN", kinds("br 0(nop)"));
        assertEquals("RPAREN STRING RPAREN", kinds(")\"a\")"));
        assertEquals("LPAREN RESERVED RPAREN", kinds("(data\"a\")")); // one token: spec 6.2.2 note
        assertEquals("ID LPAREN", kinds("$f("));
    }

    @Test
    void positionsAcrossLineEndings() {
        List<Token> ts = lex("a\n  b\r\n\tc\rd (;x\ny;) e");
        int[][] expect = {{1, 1, 0}, {2, 3, 4}, {3, 2, 8}, {4, 1, 10}, {5, 5, 20}};
        for (int i = 0; i < expect.length; i++) {
            assertEquals(expect[i][0], ts.get(i).line(), "line " + i);
            assertEquals(expect[i][1], ts.get(i).column(), "col " + i);
            assertEquals(expect[i][2], ts.get(i).offset(), "offset " + i);
        }
    }

    @Test
    void positionsCountCharsNotBytes() {
        String s = "\"h\u00e9\u20ac\uD83D\uDE00\" x ;; \u00e9\n (;\u20ac;) y";
        List<Token> ts = lex(s);
        Token x = ts.get(1);
        assertEquals(s.indexOf('x'), x.offset());
        assertEquals(s.indexOf('x') + 1, x.column());
        Token y = ts.get(2);
        assertEquals(s.indexOf('y'), y.offset());
        assertEquals(2, y.line());
        assertEquals(s.indexOf('y') - s.indexOf('\n'), y.column());
        assertEquals(s.getBytes(StandardCharsets.UTF_8).length - 1, y.byteStart());
    }

    @Test
    void comments() {
        assertEquals("", kinds(";; only a comment"));
        assertEquals("", kinds("(;;)"));
        assertEquals("", kinds("(;;;;;;;;;;;;;;)"));
        assertEquals("", kinds("(;(((((((((( ;)"));
        assertEquals("", kinds("(;)))))))))));)"));
        assertEquals("", kinds("(;a(;b(;c;)b;)a;)"));
        assertEquals("", kinds("(;comment;;comment\n;)"));
        assertEquals("", kinds("(;\u0000\u0001\u007f;)"));
        assertEquals("", kinds(";; \u0001 controls are fine in comments"));
        assertEquals("KEYWORD", kinds("(;x;)module(;y;)"));
        assertEquals("LPAREN RPAREN", kinds("(;c;)((;c;))"));
    }

    @Test
    void unclosedComment() {
        TextParseException e = fail("x\n  (; a (; b ;) c");
        assertEquals("unclosed comment", e.reason());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertEquals("2:3: unclosed comment", e.getMessage());
        assertEquals("unclosed comment", fail("(;").reason());
        assertEquals("unclosed comment", fail("(; ;").reason());
    }

    @Test
    void strings() {
        Token t = single("\"a\\t\\n\\r\\\"\\'\\\\\\41\\u{42}\\u{e9}\\u{1F600}\\u{1_0}\"");
        assertArrayEquals(new byte[] {'a', 9, 10, 13, '"', '\'', '\\', 'A', 'B', (byte) 0xC3, (byte) 0xA9,
            (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, 0x10}, t.bytes());
        assertTrue(t.isValidUtf8());
        assertEquals("\u00e9", single("\"\u00e9\"").utf8Value());
        assertEquals(0, single("\"\"").byteLength());
    }

    @Test
    void stringWithInvalidUtf8Bytes() {
        Token t = single("\"\\ff\\00\\80\"");
        assertArrayEquals(new byte[] {(byte) 0xFF, 0, (byte) 0x80}, t.bytes());
        assertFalse(t.isValidUtf8());
        assertEquals("malformed UTF-8 encoding", assertThrows(TextParseException.class, t::utf8Value).reason());
        assertFalse(single("\"\\ed\\a0\\80\"").isValidUtf8()); // surrogate
        assertFalse(single("\"\\c0\\80\"").isValidUtf8()); // overlong
        assertTrue(single("\"\\ef\\98\\9a\"").isValidUtf8());
    }

    @Test
    void stringErrors() {
        assertEquals("unclosed string literal", fail("\"abc").reason());
        assertEquals("unclosed string literal", fail("\"abc\ndef\"").reason());
        assertEquals("unclosed string literal", fail("\"abc\\").reason());
        assertEquals("illegal control character in string literal", fail("\"a\tb\"").reason());
        assertEquals("illegal control character in string literal", fail("\"a\u007fb\"").reason());
        assertEquals("illegal escape", fail("\"\\q\"").reason());
        assertEquals("illegal escape", fail("\"\\4\"").reason());
        assertEquals("illegal escape", fail("\"\\4g\"").reason());
        assertEquals("illegal escape", fail("\"\\u41\"").reason());
        assertEquals("illegal escape", fail("\"\\u{}\"").reason());
        assertEquals("illegal escape", fail("\"\\u{d800}\"").reason());
        assertEquals("illegal escape", fail("\"\\u{110000}\"").reason());
        assertEquals("illegal escape", fail("\"\\u{_1}\"").reason());
        assertEquals("illegal escape", fail("\"\\u{1__0}\"").reason());
        assertEquals("illegal escape", fail("\"\\u{ffffffffffff}\"").reason());
        TextParseException e = fail("  \"ab\\x\"");
        assertEquals(1, e.line());
        assertEquals(6, e.column());
    }

    @Test
    void rawInvalidUtf8() {
        for (byte[] bad : new byte[][] {
            {'"', (byte) 0x80, '"'}, {'"', (byte) 0xC3, '"'}, {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
            {';', ';', (byte) 0xFF}, {'(', ';', (byte) 0xC0, (byte) 0x80, ';', ')'}, {(byte) 0xFE}}) {
            TextParseException e = assertThrows(TextParseException.class, () -> lex(new Lexer(bad)));
            assertEquals("malformed UTF-8 encoding", e.reason());
        }
    }

    @Test
    void misplacedCharacters() {
        assertEquals("misplaced control character", fail("(module \u0001)").reason());
        assertEquals("misplaced control character", fail("\u000b").reason());
        assertEquals("misplaced unicode character", fail("(module \u00e9)").reason());
        TextParseException e = fail("ok\n  \u0000");
        assertEquals(2, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void identifiers() {
        assertEquals("abc", single("$\"abc\"").name());
        assertEquals(single("$abc").name(), single("$\"abc\"").name());
        assertEquals(" random \t \n stuff ", single("$\" random \\t \\n stuff \"").name());
        assertEquals("\uf61a\uf4a9", single("$\"\\ef\\98\\9a\\ef\\92\\a9\"").name());
        assertEquals("empty identifier", fail("$").reason());
        assertEquals("empty identifier", fail("(func $)").reason());
        assertEquals("empty identifier", fail("$\"\"").reason());
        assertEquals("empty identifier", fail("$ \"a\"").reason());
        assertEquals("empty identifier", fail("$\"a\nb\"").reason());
        assertEquals("empty identifier", fail("$\"a\tb\"").reason());
        assertEquals("empty identifier", fail("(func $(@a))").reason());
        assertEquals("empty identifier", fail("$,").reason());
        assertEquals("malformed UTF-8 encoding", fail("$\"\\ef\"").reason());
    }

    @Test
    void annotationsSkippedByDefault() {
        assertEquals("LPAREN KEYWORD RPAREN", kinds("((@a) module (@a x y))"));
        assertEquals("", kinds("(@a , ; ] [ }} }x{ ({) ,{{};}] ;)"));
        assertEquals("", kinds("(@a (bla) () (5-g) (\"aa\" a) ($x) (bla bla) (x (y)) \")\" \"(\" x\")\"y)"));
        assertEquals("", kinds("(@a @ @x (@x) (@x y) (@) (@ x) (@(@(@(@)))))"));
        assertEquals("", kinds("(@a (;bla;) (; ) ;)\n ;; bla)\n ;; bla (@x\n )"));
        assertEquals("", kinds("(@\" @ asd\\2a 045 \\\" fdaf \\t \\u{45}\")"));
        assertEquals("", kinds("(@a \t\n\r )"));
        assertEquals("KEYWORD", kinds("(@a x-y$yz\"aa\"-2) func"));
    }

    @Test
    void annotationErrors() {
        assertEquals("empty annotation id", fail("(@)").reason());
        assertEquals("empty annotation id", fail("(@ )").reason());
        assertEquals("empty annotation id", fail("(@ x)").reason());
        assertEquals("empty annotation id", fail("(@(@a)x)").reason());
        assertEquals("empty annotation id", fail("(@\"\")").reason());
        assertEquals("empty annotation id", fail("(@ \"a\")").reason());
        assertEquals("empty annotation id", fail("(@\"\n\")").reason());
        assertEquals("malformed UTF-8 encoding", fail("(@\"\\ef\")").reason());
        assertEquals("empty annotation id", fail("(@a (@\"\"))").reason());
        TextParseException e = fail("\n  (@x (y (z))");
        assertEquals("unclosed annotation", e.reason());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertEquals("unclosed annotation", fail("(@x ").reason());
        assertEquals("unclosed annotation", fail("(@x (@y )").reason());
        assertEquals("unclosed string literal", fail("(@x \"").reason());
        assertEquals("unclosed string literal", fail("(@x \")").reason());
        assertEquals("illegal character", fail("(@a \u0001)").reason());
        assertEquals("illegal character", fail("(@a \u007f)").reason());
        assertEquals("illegal character", fail("(@a Hei\u00dfe)").reason());
        assertEquals("malformed UTF-8 encoding",
            assertThrows(TextParseException.class, () -> lex(new Lexer(new byte[] {'(', '@', 'a', ' ', (byte) 0x80, ')'})))
                .reason());
    }

    @Test
    void annotationsKept() {
        Lexer lx = new Lexer("(module (@name \"m\" (x $y)) (@\"a b\"))", true);
        List<Token> ts = lex(lx);
        StringBuilder sb = new StringBuilder();
        for (Token t : ts) {
            sb.append(t.kind()).append(' ');
        }
        assertEquals("LPAREN KEYWORD ANNOTATION STRING LPAREN KEYWORD ID RPAREN RPAREN ANNOTATION RPAREN RPAREN ",
            sb.toString());
        assertEquals("name", ts.get(2).name());
        assertEquals("a b", ts.get(9).name());
        List<Token> kept = lex(new Lexer("(@a , 0x)", true));
        assertEquals(TokenKind.RESERVED, kept.get(1).kind());
        assertEquals(TokenKind.RESERVED, kept.get(2).kind());
    }

    @Test
    void peekAndEofRepeat() {
        Lexer lx = new Lexer("a");
        assertTrue(lx.peek().isKeyword("a"));
        assertTrue(lx.next().isKeyword("a"));
        assertEquals(TokenKind.EOF, lx.next().kind());
        assertEquals(TokenKind.EOF, lx.peek().kind());
        assertEquals(TokenKind.EOF, lx.next().kind());
    }

    @Test
    void tokenHelpers() {
        Token t = single("i32.load8_u");
        assertTrue(t.keywordStartsWith("i32.load"));
        assertFalse(t.keywordStartsWith("i64"));
        assertTrue(t.textEquals("i32.load8_u"));
        assertFalse(t.textEquals("i32.load8"));
        TextParseException e = t.error("boom");
        assertEquals("1:1: boom", e.getMessage());
    }

    @Test
    void longInputsDoNotOverflowTheStack() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            sb.append("(;");
        }
        for (int i = 0; i < 100_000; i++) {
            sb.append(";)");
        }
        sb.append("(@a");
        for (int i = 0; i < 100_000; i++) {
            sb.append('(');
        }
        for (int i = 0; i < 100_000; i++) {
            sb.append(')');
        }
        sb.append(") x");
        assertEquals("KEYWORD", kinds(sb.toString()));
    }
}
