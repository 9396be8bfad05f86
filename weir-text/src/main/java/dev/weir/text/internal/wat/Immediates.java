package dev.weir.text.internal.wat;

import dev.weir.text.TextParseException;
import dev.weir.text.internal.Literals;
import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.Token;
import dev.weir.text.internal.TokenKind;
import dev.weir.text.internal.V128Literals;
import dev.weir.text.internal.wat.ModuleContext.TypeUse;
import dev.weir.wasm.InstructionWriter;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and emits the immediates of one non-structured instruction, driven by
 * {@link Opcode#immediate()} so every instruction family goes through one path. Works on a slice
 * {@code l[p..end)} of an S-expression list: the rest of a plain instruction sequence (optional
 * immediates are taken greedily, as nothing that starts an instruction can be mistaken for one)
 * or the immediates of a folded instruction.
 */
final class Immediates {
    private final ExprParser x;
    private final ModuleContext m;

    Immediates(ExprParser x) {
        this.x = x;
        this.m = x.m;
    }

    private static SExpr need(List<SExpr> l, int p, int end, SExpr at) {
        if (p >= end) {
            throw Sx.missing(at);
        }
        return l.get(p);
    }

    private static Token token(SExpr e) {
        Token t = Sx.atom(e);
        if (t == null) {
            throw Sx.unexpected(e);
        }
        return t;
    }

    /** A literal token: known keywords in its place are "unexpected token" (e.g. nan:canonical). */
    private static Token number(SExpr e) {
        Token t = token(e);
        if (t.kind() == TokenKind.KEYWORD && Sx.isKnownKeyword(t.text())) {
            throw t.error("unexpected token");
        }
        return t;
    }

    private void u32(int v) {
        x.w.u32(Integer.toUnsignedLong(v));
    }

    private void heapType(int ht) {
        x.w.s33(ht >= 0 || dev.weir.wasm.HeapType.isAbstract(ht) ? ht : Integer.toUnsignedLong(ht));
    }

    /** Emits {@code op} and its immediates from {@code l[p..end)}; returns the next index. */
    int emit(Opcode op, List<SExpr> l, int p, int end, SExpr at) {
        InstructionWriter w = x.w;
        switch (op.immediate()) {
            case NONE:
                if (op == Opcode.SELECT && p < end && Sx.isNode(l.get(p), "result")) {
                    List<ValType> types = new ArrayList<>();
                    while (p < end && Sx.isNode(l.get(p), "result")) {
                        SExpr.Node r = (SExpr.Node) l.get(p++);
                        for (int i = 1; i < r.size(); i++) {
                            types.add(x.tp.valType(r.get(i)));
                        }
                    }
                    w.op(Opcode.SELECT_T);
                    u32(types.size());
                    for (ValType t : types) {
                        w.valType(t);
                    }
                    return p;
                }
                w.op(op);
                return p;
            case LABEL: {
                int d = x.label(need(l, p, end, at));
                w.op(op);
                u32(d);
                return p + 1;
            }
            case BR_TABLE: {
                int start = p;
                while (p < end && Sx.isIndex(l.get(p))) {
                    p++;
                }
                if (p == start) {
                    throw p < end ? Sx.unexpected(l.get(p)) : Sx.missing(at);
                }
                int[] depths = new int[p - start];
                for (int i = 0; i < depths.length; i++) {
                    depths[i] = x.label(l.get(start + i));
                }
                w.op(op);
                u32(depths.length - 1);
                for (int d : depths) {
                    u32(d);
                }
                return p;
            }
            case FUNC:
                return simpleIndex(op, m.funcs, l, p, end, at);
            case TYPE:
                return simpleIndex(op, m.types, l, p, end, at);
            case LOCAL:
                return simpleIndex(op, x.locals, l, p, end, at);
            case GLOBAL:
                return simpleIndex(op, m.globals, l, p, end, at);
            case TAG:
                return simpleIndex(op, m.tags, l, p, end, at);
            case ELEM:
                return simpleIndex(op, m.elems, l, p, end, at);
            case DATA:
                x.usesDataIndex = true;
                return simpleIndex(op, m.datas, l, p, end, at);
            case TABLE:
            case MEMORY: {
                IndexSpace space = op.immediate() == dev.weir.wasm.ImmediateKind.TABLE ? m.tables : m.memories;
                int i = 0;
                if (p < end && Sx.isIndex(l.get(p))) {
                    i = space.resolve(l.get(p++));
                }
                w.op(op);
                u32(i);
                return p;
            }
            case CALL_INDIRECT: {
                int table = 0;
                if (p < end && Sx.isIndex(l.get(p))) {
                    table = m.tables.resolve(l.get(p++));
                }
                TypeUse u = x.tp.typeUse(l, p, end, false);
                int type = m.resolve(u);
                w.op(op);
                u32(type);
                u32(table);
                return u.end;
            }
            case MEMARG:
            case MEMARG_LANE:
                return memarg(op, l, p, end, at);
            case I32:
                w.op(op).s32(Literals.parseI32(number(need(l, p, end, at))));
                return p + 1;
            case I64:
                w.op(op).s64(Literals.parseI64(number(need(l, p, end, at))));
                return p + 1;
            case F32:
                w.op(op).f32(Literals.parseF32Bits(number(need(l, p, end, at))));
                return p + 1;
            case F64:
                w.op(op).f64(Literals.parseF64Bits(number(need(l, p, end, at))));
                return p + 1;
            case V128: {
                Token shape = token(need(l, p, end, at));
                if (shape.kind() == TokenKind.KEYWORD && V128Literals.laneCount(shape.text()) < 0) {
                    throw Sx.unexpected(l.get(p));
                }
                p++;
                List<Token> lanes = new ArrayList<>(16);
                // Lanes: numbers, plus unknown keywords so they are reported as "unknown operator".
                while (p < end && l.get(p) instanceof SExpr.Atom a && (a.token().isNumber()
                        || a.kind() == TokenKind.KEYWORD && !Sx.isKnownKeyword(a.token().text()))) {
                    lanes.add(a.token());
                    p++;
                }
                byte[] b = V128Literals.parse(shape, lanes);
                w.op(op).bytes(b);
                return p;
            }
            case LANE: {
                int lane = Literals.parseU8(token(need(l, p, end, at)));
                w.op(op).byteValue(lane);
                return p + 1;
            }
            case SHUFFLE: {
                int start = p;
                while (p < end && l.get(p) instanceof SExpr.Atom a && a.token().isNumber()) {
                    p++;
                }
                if (p - start != 16) {
                    throw (at instanceof SExpr.Node n ? n.get(0) : at).error("invalid lane length");
                }
                w.op(op);
                for (int i = start; i < p; i++) {
                    Token t = Sx.atom(l.get(i));
                    int v;
                    try {
                        v = Literals.parseU8(t);
                    } catch (TextParseException e) {
                        // The reference interpreter reads shuffle lanes as numbers, then range-checks.
                        throw t.error("i8 constant out of range", e);
                    }
                    w.byteValue(v);
                }
                return p;
            }
            case HEAP_TYPE: {
                SExpr e = need(l, p, end, at);
                if (op == Opcode.REF_NULL) {
                    int ht = x.tp.heapType(e);
                    w.op(op);
                    heapType(ht);
                } else {
                    ValType t = x.tp.refType(e);
                    Opcode o = op;
                    if (t.nullable()) {
                        o = op == Opcode.REF_TEST ? Opcode.REF_TEST_NULL : Opcode.REF_CAST_NULL;
                    }
                    w.op(o);
                    heapType(t.heapType());
                }
                return p + 1;
            }
            case MEMORY_INIT:
            case TABLE_INIT: {
                boolean mem = op.immediate() == dev.weir.wasm.ImmediateKind.MEMORY_INIT;
                IndexSpace owner = mem ? m.memories : m.tables;
                IndexSpace seg = mem ? m.datas : m.elems;
                x.usesDataIndex |= mem;
                int o = 0;
                if (p + 1 < end && Sx.isIndex(l.get(p)) && Sx.isIndex(l.get(p + 1))) {
                    o = owner.resolve(l.get(p++));
                }
                int s = seg.resolve(need(l, p, end, at));
                w.op(op);
                u32(s);
                u32(o);
                return p + 1;
            }
            case MEMORY_COPY:
            case TABLE_COPY: {
                IndexSpace space = op.immediate() == dev.weir.wasm.ImmediateKind.MEMORY_COPY ? m.memories : m.tables;
                int a = 0;
                int b = 0;
                if (p < end && Sx.isIndex(l.get(p))) {
                    a = space.resolve(l.get(p++));
                    b = space.resolve(need(l, p++, end, at));
                }
                w.op(op);
                u32(a);
                u32(b);
                return p;
            }
            case TYPE_FIELD: {
                SExpr te = need(l, p, end, at);
                int type = m.types.resolve(te);
                SExpr fe = need(l, p + 1, end, at);
                int field;
                Token ft = Sx.atom(fe);
                if (ft != null && ft.kind() == TokenKind.ID) {
                    IndexSpace names = m.fieldNames.get(type);
                    int f = names == null ? -1 : names.find(ft.name());
                    if (f < 0) {
                        throw ft.error("unknown field " + ft.text());
                    }
                    field = f;
                } else {
                    field = Literals.parseU32(token(fe));
                }
                w.op(op);
                u32(type);
                u32(field);
                return p + 2;
            }
            case TYPE_TYPE:
                return twoIndices(op, m.types, m.types, l, p, end, at);
            case TYPE_DATA:
                x.usesDataIndex = true;
                return twoIndices(op, m.types, m.datas, l, p, end, at);
            case TYPE_ELEM:
                return twoIndices(op, m.types, m.elems, l, p, end, at);
            case TYPE_SIZE: {
                int type = m.types.resolve(need(l, p, end, at));
                int n = Literals.parseU32(token(need(l, p + 1, end, at)));
                w.op(op);
                u32(type);
                u32(n);
                return p + 2;
            }
            case BR_ON_CAST: {
                int d = x.label(need(l, p, end, at));
                ValType t1 = x.tp.refType(need(l, p + 1, end, at));
                ValType t2 = x.tp.refType(need(l, p + 2, end, at));
                w.op(op);
                w.byteValue((t1.nullable() ? 1 : 0) | (t2.nullable() ? 2 : 0));
                u32(d);
                heapType(t1.heapType());
                heapType(t2.heapType());
                return p + 3;
            }
            case ZERO_BYTE:
                w.op(op).byteValue(0);
                return p;
            default:
                // BLOCK_TYPE, TRY_TABLE, SELECT_TYPES are handled by the structured parser.
                throw Sx.unexpected(at);
        }
    }

    private int simpleIndex(Opcode op, IndexSpace space, List<SExpr> l, int p, int end, SExpr at) {
        int i = space.resolve(need(l, p, end, at));
        x.w.op(op);
        u32(i);
        return p + 1;
    }

    private int twoIndices(Opcode op, IndexSpace s1, IndexSpace s2, List<SExpr> l, int p, int end, SExpr at) {
        int a = s1.resolve(need(l, p, end, at));
        int b = s2.resolve(need(l, p + 1, end, at));
        x.w.op(op);
        u32(a);
        u32(b);
        return p + 2;
    }

    /**
     * {@code memidx? offset=N? align=N?} (spec 6.5.7, multi-memory), then a lane index for
     * {@code v128.loadN_lane}/{@code storeN_lane}. For those, a lone number is the lane; a number
     * followed by another number or a memarg keyword is the memory index.
     */
    private int memarg(Opcode op, List<SExpr> l, int p, int end, SExpr at) {
        boolean lane = op.immediate() == dev.weir.wasm.ImmediateKind.MEMARG_LANE;
        int mem = 0;
        if (p < end && Sx.isIndex(l.get(p))) {
            boolean isMem = true;
            if (lane && Sx.isKind(l.get(p), TokenKind.NAT)) {
                SExpr next = p + 1 < end ? l.get(p + 1) : null;
                isMem = next != null && (Sx.isKind(next, TokenKind.NAT) || isMemargKeyword(next));
            }
            if (isMem) {
                mem = m.memories.resolve(l.get(p++));
            }
        }
        long offset = 0;
        int align = op.naturalAlignment();
        if (p < end && Sx.atom(l.get(p)) != null && Sx.atom(l.get(p)).keywordStartsWith("offset=")) {
            Token t = Sx.atom(l.get(p++));
            offset = number(t, t.text().substring(7), true);
        }
        if (p < end && Sx.atom(l.get(p)) != null && Sx.atom(l.get(p)).keywordStartsWith("align=")) {
            Token t = Sx.atom(l.get(p++));
            long a = number(t, t.text().substring(6), true);
            if (a == 0 || (a & (a - 1)) != 0) {
                throw t.error("alignment must be a power of two");
            }
            align = Long.numberOfTrailingZeros(a);
        }
        x.w.op(op);
        x.w.memarg(align, offset, mem);
        if (lane) {
            x.w.byteValue(Literals.parseU8(token(need(l, p, end, at))));
            p++;
        }
        return p;
    }

    private static boolean isMemargKeyword(SExpr e) {
        Token t = Sx.atom(e);
        return t != null && (t.keywordStartsWith("offset=") || t.keywordStartsWith("align="));
    }

    private static long number(Token t, String digits, boolean u64) {
        try {
            return u64 ? Literals.parseU64(digits) : Integer.toUnsignedLong(Literals.parseU32(digits));
        } catch (NumberFormatException e) {
            // The reference lexer only forms offset=/align= keywords with a natural number: any
            // other suffix makes an unknown keyword. Overflow keeps its "constant out of range".
            String msg = e.getMessage();
            if (msg == null || !msg.contains("out of range")) {
                msg = "unknown operator " + t.text();
            }
            throw new TextParseException(t.line(), t.column(), msg, e);
        }
    }
}
