package dev.weir.text.internal.wat;

import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.wat.ModuleContext.TypeUse;
import dev.weir.text.internal.Token;
import dev.weir.text.internal.TokenKind;
import dev.weir.wasm.ArrayType;
import dev.weir.wasm.CompositeType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.StructType;
import dev.weir.wasm.SubType;
import dev.weir.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Types of the text format (spec 6.4, Wasm 3.0): value, heap, reference, storage and field types,
 * defined types ({@code func}, {@code struct}, {@code array}, {@code sub final?}) and type uses.
 */
final class TypeParser {
    private final ModuleContext m;

    TypeParser(ModuleContext m) {
        this.m = m;
    }

    /** An abstract heap type keyword's code, or 0 if {@code s} is none. */
    static int abstractHeapType(String s) {
        return HeapType.byName(s);
    }

    /** The reference type abbreviation ({@code funcref}, ...) named {@code s}, or null. */
    static ValType refShorthand(String s) {
        switch (s) {
            case "funcref": return ValType.FUNCREF;
            case "externref": return ValType.EXTERNREF;
            case "anyref": return ValType.ANYREF;
            case "eqref": return ValType.EQREF;
            case "i31ref": return ValType.I31REF;
            case "structref": return ValType.STRUCTREF;
            case "arrayref": return ValType.ARRAYREF;
            case "exnref": return ValType.EXNREF;
            case "nullref": return ValType.NULLREF;
            case "nullfuncref": return ValType.NULLFUNCREF;
            case "nullexternref": return ValType.NULLEXTERNREF;
            case "nullexnref": return ValType.NULLEXNREF;
            default: return null;
        }
    }

    static ValType numOrVec(String s) {
        switch (s) {
            case "i32": return ValType.I32;
            case "i64": return ValType.I64;
            case "f32": return ValType.F32;
            case "f64": return ValType.F64;
            case "v128": return ValType.V128;
            default: return null;
        }
    }

    /** True if {@code e} starts a reference type: a shorthand keyword or {@code (ref ...)}. */
    static boolean isRefType(SExpr e) {
        if (e instanceof SExpr.Atom a) {
            return a.kind() == TokenKind.KEYWORD && refShorthand(a.token().text()) != null;
        }
        return Sx.isNode(e, "ref");
    }

    /** True if {@code e} is a value type. */
    static boolean isValType(SExpr e) {
        if (e instanceof SExpr.Atom a && a.kind() == TokenKind.KEYWORD && numOrVec(a.token().text()) != null) {
            return true;
        }
        return isRefType(e);
    }

    /** A heap type: an abstract keyword or a type index. */
    int heapType(SExpr e) {
        Token t = Sx.atom(e);
        if (t != null && t.kind() == TokenKind.KEYWORD) {
            int h = abstractHeapType(t.text());
            if (h != 0) {
                return h;
            }
            throw Sx.unexpected(e);
        }
        int index = m.types.resolve(e);
        if (index < 0) {
            // >= 2^31: cannot name a type of any module this implementation can hold.
            throw e.error("unknown type");
        }
        return index;
    }

    ValType refType(SExpr e) {
        if (e instanceof SExpr.Atom a) {
            ValType v = a.kind() == TokenKind.KEYWORD ? refShorthand(a.token().text()) : null;
            if (v == null) {
                throw Sx.unexpected(e);
            }
            return v;
        }
        SExpr.Node n = (SExpr.Node) e;
        if (!n.isHead("ref")) {
            throw Sx.unexpected(e);
        }
        int p = 1;
        boolean nullable = false;
        if (p < n.size() && Sx.isKeyword(n.get(p), "null")) {
            nullable = true;
            p++;
        }
        if (p >= n.size()) {
            throw Sx.missing(n);
        }
        int ht = heapType(n.get(p++));
        Sx.expectEnd(n, p);
        return ValType.ref(nullable, ht);
    }

    ValType valType(SExpr e) {
        if (e instanceof SExpr.Atom a && a.kind() == TokenKind.KEYWORD) {
            ValType v = numOrVec(a.token().text());
            if (v != null) {
                return v;
            }
        }
        return refType(e);
    }

    /** A storage type: a value type or packed {@code i8}/{@code i16}. */
    ValType storageType(SExpr e) {
        if (Sx.isKeyword(e, "i8")) {
            return ValType.I8;
        }
        if (Sx.isKeyword(e, "i16")) {
            return ValType.I16;
        }
        return valType(e);
    }

    FieldType fieldType(SExpr e) {
        if (Sx.isNode(e, "mut")) {
            SExpr.Node n = (SExpr.Node) e;
            if (n.size() != 2) {
                throw n.size() < 2 ? Sx.missing(n) : Sx.unexpected(n.get(2));
            }
            return new FieldType(storageType(n.get(1)), true);
        }
        return new FieldType(storageType(e), false);
    }

    /** A global type: {@code valtype} or {@code (mut valtype)}. */
    dev.weir.wasm.GlobalType globalType(SExpr e) {
        if (Sx.isNode(e, "mut")) {
            SExpr.Node n = (SExpr.Node) e;
            if (n.size() != 2) {
                throw n.size() < 2 ? Sx.missing(n) : Sx.unexpected(n.get(2));
            }
            return new dev.weir.wasm.GlobalType(valType(n.get(1)), true);
        }
        return new dev.weir.wasm.GlobalType(valType(e), false);
    }

    /**
     * The defined type of a {@code (type $id? deftype)} node whose index is {@code index};
     * records struct field names.
     */
    SubType typeDef(SExpr.Node n, int index) {
        int p = 1;
        if (p < n.size() && Sx.isKind(n.get(p), TokenKind.ID)) {
            p++;
        }
        if (p >= n.size()) {
            throw Sx.missing(n);
        }
        SExpr d = n.get(p++);
        Sx.expectEnd(n, p);
        if (Sx.isNode(d, "sub")) {
            SExpr.Node s = (SExpr.Node) d;
            int q = 1;
            boolean fin = false;
            if (q < s.size() && Sx.isKeyword(s.get(q), "final")) {
                fin = true;
                q++;
            }
            List<Integer> supers = new ArrayList<>();
            while (q < s.size() && Sx.isIndex(s.get(q))) {
                supers.add(m.types.resolve(s.get(q++)));
            }
            if (q >= s.size()) {
                throw Sx.missing(s);
            }
            CompositeType c = composite(s.get(q++), index);
            Sx.expectEnd(s, q);
            return new SubType(fin, supers, c);
        }
        return SubType.of(composite(d, index));
    }

    private CompositeType composite(SExpr e, int index) {
        String h = Sx.head(e);
        if (h == null) {
            throw Sx.unexpected(e);
        }
        SExpr.Node n = (SExpr.Node) e;
        switch (h) {
            case "func": {
                TypeUse u = new TypeUse();
                int p = signature(n.children(), 1, n.size(), u, true);
                Sx.expectEnd(n, p);
                return new FuncType(u.params, u.results);
            }
            case "struct": {
                List<FieldType> fields = new ArrayList<>();
                IndexSpace names = null;
                for (int p = 1; p < n.size(); p++) {
                    SExpr f = n.get(p);
                    if (!Sx.isNode(f, "field")) {
                        throw Sx.unexpected(f);
                    }
                    SExpr.Node fn = (SExpr.Node) f;
                    if (fn.size() > 1 && Sx.isKind(fn.get(1), TokenKind.ID)) {
                        if (names == null) {
                            names = new IndexSpace("field", "field");
                            m.fieldNames.put(index, names);
                        }
                        names.bind(Sx.atom(fn.get(1)), fields.size());
                        if (fn.size() != 3) {
                            throw fn.size() < 3 ? Sx.missing(fn) : Sx.unexpected(fn.get(3));
                        }
                        fields.add(fieldType(fn.get(2)));
                    } else {
                        for (int q = 1; q < fn.size(); q++) {
                            fields.add(fieldType(fn.get(q)));
                        }
                    }
                }
                return new StructType(fields);
            }
            case "array": {
                if (n.size() != 2) {
                    throw n.size() < 2 ? Sx.missing(n) : Sx.unexpected(n.get(2));
                }
                return new ArrayType(fieldType(n.get(1)));
            }
            default:
                throw Sx.unexpected(e);
        }
    }

    /**
     * Parses {@code (param ...)* (result ...)*} from {@code l[p..end)} into {@code u}; returns the
     * index of the first item after them. {@code (param $x t)} binds a name only if
     * {@code allowNames}; otherwise a name is a syntax error.
     */
    int signature(List<SExpr> l, int p, int end, TypeUse u, boolean allowNames) {
        while (p < end && Sx.isNode(l.get(p), "param")) {
            SExpr.Node pn = (SExpr.Node) l.get(p++);
            if (pn.size() > 1 && Sx.isKind(pn.get(1), TokenKind.ID)) {
                if (!allowNames) {
                    throw Sx.unexpected(pn.get(1));
                }
                if (pn.size() != 3) {
                    throw pn.size() < 3 ? Sx.missing(pn) : Sx.unexpected(pn.get(3));
                }
                u.params.add(valType(pn.get(2)));
                u.paramIds.add(Sx.atom(pn.get(1)));
            } else {
                for (int q = 1; q < pn.size(); q++) {
                    u.params.add(valType(pn.get(q)));
                    u.paramIds.add(null);
                }
            }
        }
        while (p < end && Sx.isNode(l.get(p), "result")) {
            SExpr.Node rn = (SExpr.Node) l.get(p++);
            for (int q = 1; q < rn.size(); q++) {
                u.results.add(valType(rn.get(q)));
            }
        }
        if (p < end && (Sx.isNode(l.get(p), "param") || Sx.isNode(l.get(p), "type"))) {
            throw Sx.unexpected(l.get(p)); // out of order: the grammar fixes type, params, results
        }
        return p;
    }

    /** Parses a type use {@code (type x)? (param ...)* (result ...)*} starting at {@code l[p]}. */
    TypeUse typeUse(List<SExpr> l, int p, int end, boolean allowNames) {
        TypeUse u = new TypeUse();
        if (p < end && Sx.isNode(l.get(p), "type")) {
            SExpr.Node tn = (SExpr.Node) l.get(p++);
            if (tn.size() != 2) {
                throw tn.size() < 2 ? Sx.missing(tn) : Sx.unexpected(tn.get(2));
            }
            u.typeRef = tn.get(1);
            u.typeIndex = m.types.resolve(tn.get(1));
        }
        u.end = signature(l, p, end, u, allowNames);
        return u;
    }
}
