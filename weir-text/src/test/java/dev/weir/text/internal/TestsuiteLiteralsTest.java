package dev.weir.text.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Literal parsing checked against the spec testsuite: every {@code (invoke "f")} whose function
 * body is a single constant (possibly under {@code return} or a reinterpret) is compared with the
 * expected constant of the {@code assert_return}; every malformed constant must be rejected.
 */
class TestsuiteLiteralsTest {

    /** Width in bits and raw value of a {@code (T.const X)} node, or null if not a scalar const. */
    record Const(int width, long bits, String text) {}

    static Const eval(SExpr e) {
        if (!(e instanceof SExpr.Node n) || n.size() != 2 || n.headKeyword() == null
                || !(n.get(1) instanceof SExpr.Atom a) || !a.token().isNumber()) {
            return null;
        }
        Token t = a.token();
        switch (n.headKeyword().text()) {
            case "i32.const":
                return new Const(32, Literals.parseI32(t) & 0xFFFFFFFFL, t.text());
            case "i64.const":
                return new Const(64, Literals.parseI64(t), t.text());
            case "f32.const":
                return new Const(32, Literals.parseF32Bits(t) & 0xFFFFFFFFL, t.text());
            case "f64.const":
                return new Const(64, Literals.parseF64Bits(t), t.text());
            default:
                return null;
        }
    }

    /** The constant a function body returns directly, unwrapping return / reinterpret. */
    static Const body(SExpr.Node func) {
        SExpr last = func.get(func.size() - 1);
        while (last instanceof SExpr.Node n && n.size() == 2 && (n.isHead("return")
                || n.isHead("i32.reinterpret_f32") || n.isHead("i64.reinterpret_f64"))) {
            last = n.get(1);
        }
        return eval(last);
    }

    static int check(String file) throws IOException {
        Map<String, Const> exports = new HashMap<>();
        int checked = 0;
        List<SExpr> script = SExprReader.readFile(Testsuite.file(file));
        for (SExpr top : script) {
            SExpr.Node n = (SExpr.Node) top;
            if (n.isHead("module")) {
                exports.clear();
                for (SExpr c : n.children()) {
                    if (c instanceof SExpr.Node f && f.isHead("func") && f.size() > 1
                            && f.get(1) instanceof SExpr.Node ex && ex.isHead("export")) {
                        String name = ((SExpr.Atom) ex.get(1)).token().utf8Value();
                        Const k = body(f);
                        if (k != null) {
                            exports.put(name, k);
                        }
                    }
                }
            } else if (n.isHead("assert_return") && n.size() == 3 && n.get(1) instanceof SExpr.Node inv
                    && inv.isHead("invoke") && inv.size() == 2) {
                Const actual = exports.get(((SExpr.Atom) inv.get(1)).token().utf8Value());
                Const expected = eval(n.get(2));
                if (actual != null && expected != null) {
                    assertEquals(expected.width(), actual.width(), () -> n.toString());
                    assertEquals(expected.bits(), actual.bits(),
                        () -> file + ":" + n.line() + ": " + actual.text() + " should be " + expected.text());
                    checked++;
                }
            } else if (n.isHead("assert_malformed") && n.get(1) instanceof SExpr.Node m && m.isHead("module")) {
                String msg = ((SExpr.Atom) n.get(2)).token().utf8Value();
                if (msg.equals("constant out of range")) {
                    StringBuilder text = new StringBuilder();
                    for (SExpr c : m.children()) {
                        if (c instanceof SExpr.Atom a && a.kind() == TokenKind.STRING) {
                            text.append(a.token().utf8Value());
                        }
                    }
                    dev.weir.text.TextParseException e = assertThrows(dev.weir.text.TextParseException.class,
                        () -> findConsts(SExprReader.read(text.toString())), text::toString);
                    assertEquals("constant out of range", e.reason(), text.toString());
                    checked++;
                }
            }
        }
        return checked;
    }

    private static void findConsts(List<SExpr> exprs) {
        for (SExpr e : exprs) {
            if (e instanceof SExpr.Node n) {
                eval(n);
                findConsts(n.children());
            }
        }
    }

    @Test
    void floatLiterals() throws IOException {
        assertTrue(check("float_literals.wast") > 90);
    }

    @Test
    void constWast() throws IOException {
        assertTrue(check("const.wast") > 300);
    }

    @Test
    void intLiterals() throws IOException {
        assertTrue(check("int_literals.wast") > 25);
    }
}
