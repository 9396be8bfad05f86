package dev.weir.text.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.text.TextParseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SExprReaderTest {

    @Test
    void readsNestedLists() {
        List<SExpr> top = SExprReader.read("(module $m (func (result i32) (i32.const 1))) (assert_return (invoke \"f\"))");
        assertEquals(2, top.size());
        SExpr.Node m = (SExpr.Node) top.get(0);
        assertTrue(m.isHead("module"));
        assertEquals("module", m.headKeyword().text());
        assertEquals(3, m.size());
        assertEquals(TokenKind.ID, ((SExpr.Atom) m.get(1)).kind());
        SExpr.Node func = (SExpr.Node) m.get(2);
        assertEquals(1, func.line());
        assertEquals(12, func.column());
        assertEquals(11, func.offset());
        assertEquals("(func (result i32) (i32.const 1))", func.toString());
        assertEquals("(module $m (func (result i32) (i32.const 1)))".length(), m.endOffset());
        assertTrue(((SExpr.Node) top.get(1)).isHead("assert_return"));
        assertThrows(UnsupportedOperationException.class, () -> m.children().add(m));
    }

    @Test
    void emptyInputAndEmptyLists() {
        assertTrue(SExprReader.read("  ;; nothing\n (; at all ;)").isEmpty());
        SExpr.Node n = (SExpr.Node) SExprReader.read("()").get(0);
        assertTrue(n.isEmpty());
        assertNull(n.headKeyword());
        assertFalse(n.isHead("module"));
    }

    @Test
    void unbalancedParens() {
        TextParseException e = assertThrows(TextParseException.class, () -> SExprReader.read("(module)\n  )"));
        assertEquals("unexpected token", e.reason());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        e = assertThrows(TextParseException.class, () -> SExprReader.read("(module\n (func (nop)"));
        assertEquals("unexpected end of input", e.reason());
        assertEquals(2, e.line());
        assertEquals(2, e.column());
    }

    @Test
    void reservedTokensAreUnknownOperators() {
        TextParseException e = assertThrows(TextParseException.class, () -> SExprReader.read("(func (i32.const 0x))"));
        assertEquals("unknown operator 0x", e.reason());
        assertEquals(18, e.column());
        e = assertThrows(TextParseException.class, () -> SExprReader.read("((@a)@b)"));
        assertTrue(e.reason().startsWith("unknown operator"));
    }

    @Test
    void annotationsSkippedOrKept() {
        String src = "((@a) module (@name \"m\" , (x)) $m)";
        SExpr.Node skipped = (SExpr.Node) SExprReader.read(src).get(0);
        assertEquals("(module $m)", skipped.toString());
        SExpr.Node kept = (SExpr.Node) SExprReader.read(src.getBytes(StandardCharsets.UTF_8), true).get(0);
        assertEquals(4, kept.size());
        SExpr.Node a = (SExpr.Node) kept.get(0);
        assertTrue(a.isAnnotation());
        assertEquals("a", a.annotation());
        assertFalse(kept.isHead("module")); // the head is the annotation, as written
        SExpr.Node name = (SExpr.Node) kept.get(2);
        assertEquals("name", name.annotation());
        assertEquals(3, name.size()); // "m" , (x)  -- reserved ',' is fine inside annotations
        assertEquals(TokenKind.RESERVED, ((SExpr.Atom) name.get(1)).kind());
        assertEquals("(@name \"m\" , (x))", name.toString());
    }

    @Test
    void deepNestingIsIterative() {
        int depth = 200_000;
        StringBuilder sb = new StringBuilder(depth * 2);
        sb.append("(".repeat(depth)).append(")".repeat(depth));
        SExpr e = SExprReader.read(sb.toString()).get(0);
        int d = 0;
        while (e instanceof SExpr.Node n && !n.isEmpty()) {
            e = n.get(0);
            d++;
        }
        assertEquals(depth - 1, d);
        TextParseException ex = assertThrows(TextParseException.class, () -> SExprReader.read("(".repeat(depth)));
        assertEquals("unexpected end of input", ex.reason());
    }
}
