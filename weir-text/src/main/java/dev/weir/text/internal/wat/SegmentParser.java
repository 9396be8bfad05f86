package dev.weir.text.internal.wat;

import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.TokenKind;
import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.Expression;
import dev.weir.wasm.InstructionWriter;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.ValType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Element and data segments (spec 6.6.8-6.6.9, 6.6.12-6.6.13) with all their abbreviations:
 * {@code (offset ...)} or a single folded instruction, {@code (table x)}/{@code (memory x)} or a
 * bare index, {@code declare}, {@code func idx*}, {@code reftype (item ...)*} and bare item
 * instructions, the MVP form {@code (elem offset idx*)}.
 */
final class SegmentParser {
    private final ModuleContext m;
    private final TypeParser tp;
    private final ExprParser ep;

    SegmentParser(ModuleContext m, TypeParser tp, ExprParser ep) {
        this.m = m;
        this.tp = tp;
        this.ep = ep;
    }

    /** The zero offset of the table/memory abbreviations' segments. */
    static Expression zeroOffset(boolean a64) {
        return new Expression(a64 ? new byte[] {0x42, 0x00, 0x0B} : new byte[] {0x41, 0x00, 0x0B}, 0);
    }


    static byte[] strings(SExpr.Node n, int p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (; p < n.size(); p++) {
            out.writeBytes(Sx.string(n.get(p)));
        }
        return out.toByteArray();
    }

    /** An offset: {@code (offset instr*)} or a single folded instruction. */
    private Expression offset(SExpr e) {
        SExpr.Node o = Sx.node(e);
        if (o.isHead("offset")) {
            return ep.constExpr(o.children(), 1, o.size());
        }
        return ep.constExpr(List.of(e), 0, 1);
    }

    ElementSegment elem(SExpr.Node n) {
        int p = n.size() > 1 && Sx.isKind(n.get(1), TokenKind.ID) ? 2 : 1;
        SegmentMode mode = SegmentMode.PASSIVE;
        int table = 0;
        Expression offset = null;
        boolean tableGiven = false;
        if (p < n.size() && Sx.isKeyword(n.get(p), "declare")) {
            mode = SegmentMode.DECLARATIVE;
            p++;
        } else {
            if (p < n.size() && Sx.isNode(n.get(p), "table")) {
                SExpr.Node t = (SExpr.Node) n.get(p++);
                if (t.size() != 2) {
                    throw t.size() < 2 ? Sx.missing(t) : Sx.unexpected(t.get(2));
                }
                table = m.tables.resolve(t.get(1));
                tableGiven = true;
            } else if (p + 1 < n.size() && Sx.isIndex(n.get(p)) && n.get(p + 1) instanceof SExpr.Node) {
                table = m.tables.resolve(n.get(p++)); // legacy: (elem 0 (offset ...) ...)
                tableGiven = true;
            }
            if (p < n.size() && n.get(p) instanceof SExpr.Node o && !o.isHead("ref") && !o.isHead("item")) {
                offset = offset(o);
                mode = SegmentMode.ACTIVE;
                p++;
            } else if (tableGiven) {
                throw p < n.size() ? Sx.unexpected(n.get(p)) : Sx.missing(n);
            }
        }
        return elemItems(n, p, mode, table, offset, null, mode == SegmentMode.ACTIVE);
    }

    /**
     * The element list at {@code n[p]}: {@code func idx*}, {@code reftype item*} or (legacy active
     * segments and table abbreviations, where {@code type} is given) bare {@code idx*} or items.
     * Like the reference encoder, a {@code (ref func)} list of plain {@code ref.func} items uses
     * the compact function-index form.
     */
    ElementSegment elemItems(SExpr.Node n, int p, SegmentMode mode, int table, Expression offset,
                                     ValType type, boolean bareIndicesAllowed) {
        boolean indices;
        if (p < n.size() && Sx.isKeyword(n.get(p), "func")) {
            p++;
            indices = true;
            type = ValType.REF_FUNC;
        } else if (type == null && p < n.size() && TypeParser.isRefType(n.get(p))) {
            type = tp.refType(n.get(p++));
            indices = false;
        } else if (bareIndicesAllowed) {
            indices = p >= n.size() || !(n.get(p) instanceof SExpr.Node);
            if (indices && (type == null || type.equals(ValType.FUNCREF))) {
                // Bare function indices mean `func x*`, whose type is (ref func) (spec 6.6.13).
                type = ValType.REF_FUNC;
            } else if (type == null) {
                type = ValType.FUNCREF;
            }
        } else {
            throw p < n.size() ? Sx.unexpected(n.get(p)) : Sx.missing(n);
        }
        if (indices) {
            int[] funcs = new int[n.size() - p];
            for (int i = 0; i < funcs.length; i++) {
                funcs[i] = m.funcs.resolve(n.get(p + i));
            }
            if (!type.equals(ValType.REF_FUNC)) {
                // The binary index form implies (ref func); other types need ref.func expressions.
                List<Expression> items = new ArrayList<>(funcs.length);
                for (int f : funcs) {
                    InstructionWriter w = new InstructionWriter(8);
                    w.op(Opcode.REF_FUNC).u32(Integer.toUnsignedLong(f)).op(Opcode.END);
                    items.add(w.toExpression());
                }
                return new ElementSegment(mode, table, offset, type, null, items);
            }
            return new ElementSegment(mode, table, offset, type, funcs, null);
        }
        List<Expression> items = new ArrayList<>();
        boolean allRefFunc = type.equals(ValType.REF_FUNC);
        int[] funcs = new int[n.size() - p];
        for (int i = p; i < n.size(); i++) {
            SExpr.Node it = Sx.node(n.get(i));
            if (it == null) {
                throw Sx.unexpected(n.get(i));
            }
            if (it.isHead("item")) {
                items.add(ep.constExpr(it.children(), 1, it.size()));
            } else {
                items.add(ep.constExpr(n.children(), i, i + 1));
            }
            if (allRefFunc) {
                int f = refFuncIndex(items.get(items.size() - 1).bytes());
                if (f == -1) {
                    allRefFunc = false;
                } else {
                    funcs[i - p] = f;
                }
            }
        }
        if (allRefFunc) {
            return new ElementSegment(mode, table, offset, type, funcs, null);
        }
        return new ElementSegment(mode, table, offset, type, null, items);
    }

    /** The function index if {@code b} is exactly {@code ref.func x; end}, else -1. */
    private static int refFuncIndex(byte[] b) {
        if (b.length < 3 || (b[0] & 0xFF) != 0xD2 || b[b.length - 1] != 0x0B) {
            return -1;
        }
        long v = 0;
        int shift = 0;
        int i = 1;
        while (i < b.length - 1) {
            int x = b[i++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            shift += 7;
            if ((x & 0x80) == 0) {
                break;
            }
        }
        return i == b.length - 1 && v <= 0xFFFFFFFFL ? (int) v : -1;
    }

    DataSegment data(SExpr.Node n) {
        int p = n.size() > 1 && Sx.isKind(n.get(1), TokenKind.ID) ? 2 : 1;
        int mem = 0;
        boolean memGiven = false;
        if (p < n.size() && Sx.isNode(n.get(p), "memory")) {
            SExpr.Node t = (SExpr.Node) n.get(p++);
            if (t.size() != 2) {
                throw t.size() < 2 ? Sx.missing(t) : Sx.unexpected(t.get(2));
            }
            mem = m.memories.resolve(t.get(1));
            memGiven = true;
        } else if (p < n.size() && Sx.isIndex(n.get(p))) {
            mem = m.memories.resolve(n.get(p++)); // legacy: (data 0 (offset ...) ...)
            memGiven = true;
        }
        if (p < n.size() && n.get(p) instanceof SExpr.Node o) {
            Expression offset = offset(o);
            return new DataSegment(SegmentMode.ACTIVE, mem, offset, strings(n, p + 1));
        }
        if (memGiven) {
            throw p < n.size() ? Sx.unexpected(n.get(p)) : Sx.missing(n);
        }
        return new DataSegment(SegmentMode.PASSIVE, 0, null, strings(n, p));
    }
}
