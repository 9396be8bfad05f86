package dev.weir.text.internal.wat;

import dev.weir.text.TextParseException;
import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.Token;
import dev.weir.text.internal.TokenKind;
import dev.weir.wasm.Opcode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Small helpers over {@link SExpr} lists, and the error wording of the reference interpreter for
 * a token in the wrong place: its lexer rejects a keyword it does not know as "unknown operator"
 * wherever it occurs, while a known keyword (or any other token) in the wrong place is a syntax
 * error, "unexpected token".
 */
final class Sx {
    private Sx() {}

    /** Keywords of the text and script formats besides instruction mnemonics. */
    private static final Set<String> KNOWN = new HashSet<>(List.of(
            "module", "binary", "quote", "definition", "instance", "type", "func", "param", "result",
            "local", "global", "table", "memory", "elem", "data", "declare", "offset", "item", "import",
            "export", "start", "mut", "ref", "null", "rec", "sub", "final", "struct", "array", "field",
            "i8", "i16", "i32", "i64", "f32", "f64", "v128", "funcref", "externref", "anyref", "eqref",
            "i31ref", "structref", "arrayref", "exnref", "nullref", "nullfuncref", "nullexternref",
            "nullexnref", "any", "eq", "i31", "extern", "exn", "none", "nofunc", "noextern", "noexn",
            "shared", "unshared", "pagesize", "then", "else", "end", "do", "catch", "catch_ref", "catch_all",
            "catch_all_ref", "delegate", "tag", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2",
            "register", "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion",
            "assert_exception", "assert_invalid", "assert_malformed", "assert_unlinkable",
            "assert_uninstantiable", "input", "output", "either", "thread", "wait", "script",
            "nan:canonical", "nan:arithmetic", "ref.extern", "ref.host", "ref.struct", "ref.array",
            "ref.any", "ref.exn", "ref.i31"));

    static {
        for (Opcode op : Opcode.values()) {
            KNOWN.add(op.mnemonic());
        }
    }

    static boolean isKnownKeyword(String s) {
        return KNOWN.contains(s) || s.startsWith("offset=") || s.startsWith("align=");
    }

    /** The error for {@code e} appearing where it is not allowed. */
    static TextParseException unexpected(SExpr e) {
        if (e instanceof SExpr.Atom a) {
            Token t = a.token();
            if (t.kind() == TokenKind.KEYWORD && !isKnownKeyword(t.text())) {
                return t.error("unknown operator " + t.text());
            }
            return t.error("unexpected token");
        }
        SExpr.Node n = (SExpr.Node) e;
        Token h = n.headKeyword();
        if (h != null && !isKnownKeyword(h.text())) {
            return h.error("unknown operator " + h.text());
        }
        return n.error("unexpected token");
    }

    /** The error for a required item missing at the end of {@code n}. */
    static TextParseException missing(SExpr at) {
        return at.error("unexpected token");
    }

    static Token atom(SExpr e) {
        return e instanceof SExpr.Atom a ? a.token() : null;
    }

    static boolean isKeyword(SExpr e, String kw) {
        return e instanceof SExpr.Atom a && a.isKeyword(kw);
    }

    static boolean isKind(SExpr e, TokenKind k) {
        return e instanceof SExpr.Atom a && a.kind() == k;
    }

    /** True if {@code e} is a list headed by keyword {@code kw}. */
    static boolean isNode(SExpr e, String kw) {
        return e instanceof SExpr.Node n && n.isHead(kw);
    }

    static SExpr.Node node(SExpr e) {
        return e instanceof SExpr.Node n ? n : null;
    }

    /** The head keyword text of a list, or null. */
    static String head(SExpr e) {
        if (e instanceof SExpr.Node n && !n.isAnnotation()) {
            Token t = n.headKeyword();
            return t == null ? null : t.text();
        }
        return null;
    }

    /** Index atoms: a natural number or an identifier. */
    static boolean isIndex(SExpr e) {
        return e instanceof SExpr.Atom a && (a.kind() == TokenKind.NAT || a.kind() == TokenKind.ID);
    }

    /** A string atom's bytes, or an error. */
    static byte[] string(SExpr e) {
        if (e instanceof SExpr.Atom a && a.kind() == TokenKind.STRING) {
            return a.token().bytes();
        }
        throw unexpected(e);
    }

    /** A name (string that must be UTF-8), or an error. */
    static String name(SExpr e) {
        if (e instanceof SExpr.Atom a && a.kind() == TokenKind.STRING) {
            return a.token().utf8Value();
        }
        throw unexpected(e);
    }

    /** Throws unless every child from {@code p} on has been consumed. */
    static void expectEnd(SExpr.Node n, int p) {
        if (p < n.size()) {
            throw unexpected(n.get(p));
        }
    }
}
