package dev.weir.text.internal.wat;

import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.Token;
import dev.weir.text.internal.TokenKind;
import dev.weir.text.internal.wat.ModuleContext.TypeUse;
import dev.weir.wasm.Expression;
import dev.weir.wasm.InstructionWriter;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.ValType;
import java.util.List;

/**
 * Instruction sequences (spec 6.5): plain instructions with {@code block ... end} structure,
 * folded instructions {@code (op imm* folded*)}, {@code (block ...)}, {@code (if ... (then ...)
 * (else ...))}, {@code try_table} and legacy {@code try}, emitted in binary form with an
 * {@link InstructionWriter}. Immediates are parsed by {@link Immediates}.
 *
 * <p>Nesting is handled with an explicit frame stack rather than recursion, so deeply nested
 * folded expressions cannot overflow the JVM stack. Labels are resolved to relative depths as they
 * are parsed; inner labels may shadow outer ones (spec 6.6.1 label contexts).
 */
final class ExprParser {
    private static final int SEQ = 0;
    private static final int FOLDED_OP = 1;
    private static final int END_BLOCK = 2;
    private static final int IF = 3;
    private static final int TRY = 4;

    /** Plain (unfolded) control constructs still open. */
    private static final int C_BLOCK = 0;
    private static final int C_IF = 1;
    private static final int C_ELSE = 2;
    private static final int C_TRY = 3;
    private static final int C_CATCH = 4;
    private static final int C_CATCH_ALL = 5;

    private static final IndexSpace NO_LOCALS = new IndexSpace("local", "local");

    final ModuleContext m;
    final TypeParser tp;
    InstructionWriter w = new InstructionWriter(256);
    IndexSpace locals = NO_LOCALS;
    private final Immediates imm;

    private String[] labels = new String[16];
    int labelCount;

    private int[] ctrlKind = new int[16];
    private String[] ctrlLabel = new String[16];
    private boolean[] ctrlElsePending = new boolean[16];
    private SExpr[] ctrlAt = new SExpr[16];
    private int ctrlCount;

    private Frame[] frames = new Frame[16];
    private int depth;

    /** Block type of the last {@link #blockType} call: 0 empty, 1 value type, 2 type index. */
    private int btKind;
    private ValType btVal;
    private int btIndex;

    /** Set when an instruction uses a data index (the binary then needs a data count section). */
    boolean usesDataIndex;

    ExprParser(ModuleContext m, TypeParser tp) {
        this.m = m;
        this.tp = tp;
        this.imm = new Immediates(this);
    }

    /** A constant expression (global initializer, offset, element item): no locals. */
    Expression constExpr(List<SExpr> l, int from, int to) {
        return expression(l, from, to, NO_LOCALS);
    }

    /** A function body's instructions with the function's locals. */
    Expression expression(List<SExpr> l, int from, int to, IndexSpace localSpace) {
        w.reset();
        locals = localSpace;
        labelCount = 0;
        ctrlCount = 0;
        depth = 0;
        run(l, from, to);
        w.op(Opcode.END);
        return w.toExpression();
    }

    // ------------------------------------------------------------------ labels

    void pushLabel(String name) {
        if (labelCount == labels.length) {
            labels = java.util.Arrays.copyOf(labels, labelCount * 2);
        }
        labels[labelCount++] = name;
    }

    void popLabel() {
        labelCount--;
    }

    /** A label reference: a relative depth, or an identifier resolved to the innermost binding. */
    int label(SExpr e) {
        Token t = Sx.atom(e);
        if (t != null && t.kind() == TokenKind.ID) {
            String name = t.name();
            for (int i = labelCount - 1; i >= 0; i--) {
                if (name.equals(labels[i])) {
                    return labelCount - 1 - i;
                }
            }
            throw t.error("unknown label " + t.text());
        }
        if (t != null && t.kind() == TokenKind.NAT) {
            return dev.weir.text.internal.Literals.parseU32(t);
        }
        throw Sx.unexpected(e);
    }

    // ------------------------------------------------------------------ block types

    /** Parses {@code (type x)? (param t*)* (result t*)*} of a block; returns the next index. */
    int blockType(List<SExpr> l, int p, int end) {
        TypeUse u = tp.typeUse(l, p, end, false);
        if (u.typeRef != null) {
            btKind = 2;
            btIndex = m.resolve(u);
        } else if (u.params.isEmpty() && u.results.size() <= 1) {
            btKind = u.results.isEmpty() ? 0 : 1;
            btVal = u.results.isEmpty() ? null : u.results.get(0);
        } else {
            btKind = 2;
            btIndex = m.inlineType(u.params, u.results);
        }
        return u.end;
    }

    private void emitBlockType(int kind, ValType val, int index) {
        if (kind == 2) {
            w.s33(Integer.toUnsignedLong(index));
        } else {
            w.blockType(kind == 0 ? null : val);
        }
    }

    // ------------------------------------------------------------------ frames

    private static final class Frame {
        int kind;
        List<SExpr> list;
        int pos;
        int end;
        boolean foldedOnly;
        int ctrlBase;
        SExpr.Node node;
        Opcode op;
        int immEnd;
        String label;
        int btKind;
        ValType btVal;
        int btIndex;
        int stage;
        int thenIdx;
        int elseIdx;
    }

    private Frame push(int kind) {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, depth * 2);
        }
        Frame f = frames[depth];
        if (f == null) {
            f = new Frame();
            frames[depth] = f;
        }
        depth++;
        f.kind = kind;
        f.node = null;
        f.list = null;
        return f;
    }

    private void pushSeq(List<SExpr> l, int from, int to, boolean foldedOnly) {
        Frame f = push(SEQ);
        f.list = l;
        f.pos = from;
        f.end = to;
        f.foldedOnly = foldedOnly;
        f.ctrlBase = ctrlCount;
    }

    private void run(List<SExpr> l, int from, int to) {
        pushSeq(l, from, to, false);
        while (depth > 0) {
            Frame f = frames[depth - 1];
            switch (f.kind) {
                case SEQ:
                    if (f.pos >= f.end) {
                        if (ctrlCount > f.ctrlBase) {
                            throw ctrlAt[ctrlCount - 1].error("unexpected token");
                        }
                        depth--;
                        break;
                    }
                    SExpr e = f.list.get(f.pos);
                    if (ctrlCount > f.ctrlBase && ctrlElsePending[ctrlCount - 1] && !Sx.isKeyword(e, "end")) {
                        // Deferred so that an empty else clause is not emitted, as wat2wasm and the
                        // reference interpreter's encoder do.
                        w.op(Opcode.ELSE);
                        ctrlElsePending[ctrlCount - 1] = false;
                    }
                    if (e instanceof SExpr.Node n) {
                        f.pos++;
                        folded(n);
                    } else {
                        if (f.foldedOnly) {
                            throw Sx.unexpected(e);
                        }
                        plain(f);
                    }
                    break;
                case FOLDED_OP: {
                    depth--;
                    SExpr.Node n = f.node;
                    int p = imm.emit(f.op, n.children(), 1, f.immEnd, n);
                    if (p != f.immEnd) {
                        throw Sx.unexpected(n.get(p));
                    }
                    break;
                }
                case END_BLOCK:
                    depth--;
                    w.op(Opcode.END);
                    popLabel();
                    break;
                case IF:
                    resumeIf(f);
                    break;
                case TRY:
                    resumeTry(f);
                    break;
                default:
                    throw new AssertionError(f.kind);
            }
        }
    }

    // ------------------------------------------------------------------ folded instructions

    private static boolean isImmediateNode(SExpr c) {
        String h = Sx.head(c);
        return "type".equals(h) || "param".equals(h) || "result".equals(h) || "ref".equals(h);
    }

    private void folded(SExpr.Node n) {
        Token h = n.headKeyword();
        if (h == null) {
            throw Sx.unexpected(n.isEmpty() ? n : n.get(0));
        }
        List<SExpr> c = n.children();
        int size = c.size();
        switch (h.text()) {
            case "block":
            case "loop": {
                int p = 1;
                String label = null;
                if (p < size && Sx.isKind(c.get(p), TokenKind.ID)) {
                    label = Sx.atom(c.get(p++)).name();
                }
                p = blockType(c, p, size);
                w.op(h.text().equals("block") ? Opcode.BLOCK : Opcode.LOOP);
                emitBlockType(btKind, btVal, btIndex);
                pushLabel(label);
                push(END_BLOCK);
                pushSeq(c, p, size, false);
                return;
            }
            case "if": {
                int p = 1;
                String label = null;
                if (p < size && Sx.isKind(c.get(p), TokenKind.ID)) {
                    label = Sx.atom(c.get(p++)).name();
                }
                p = blockType(c, p, size);
                int thenIdx = p;
                while (thenIdx < size && !Sx.isNode(c.get(thenIdx), "then")) {
                    if (!(c.get(thenIdx) instanceof SExpr.Node)) {
                        throw Sx.unexpected(c.get(thenIdx));
                    }
                    thenIdx++;
                }
                if (thenIdx >= size) {
                    throw Sx.missing(n);
                }
                int elseIdx = -1;
                if (thenIdx + 1 < size) {
                    if (!Sx.isNode(c.get(thenIdx + 1), "else")) {
                        throw Sx.unexpected(c.get(thenIdx + 1));
                    }
                    elseIdx = thenIdx + 1;
                    if (elseIdx + 1 < size) {
                        throw Sx.unexpected(c.get(elseIdx + 1));
                    }
                }
                Frame f = push(IF);
                f.node = n;
                f.label = label;
                f.btKind = btKind;
                f.btVal = btVal;
                f.btIndex = btIndex;
                f.stage = 0;
                f.thenIdx = thenIdx;
                f.elseIdx = elseIdx;
                pushSeq(c, p, thenIdx, true);
                return;
            }
            case "try_table": {
                int p = 1;
                String label = null;
                if (p < size && Sx.isKind(c.get(p), TokenKind.ID)) {
                    label = Sx.atom(c.get(p++)).name();
                }
                p = blockType(c, p, size);
                p = tryTableHead(c, p, size);
                pushLabel(label);
                push(END_BLOCK);
                pushSeq(c, p, size, false);
                return;
            }
            case "try": {
                int p = 1;
                String label = null;
                if (p < size && Sx.isKind(c.get(p), TokenKind.ID)) {
                    label = Sx.atom(c.get(p++)).name();
                }
                p = blockType(c, p, size);
                w.op(Opcode.TRY);
                emitBlockType(btKind, btVal, btIndex);
                pushLabel(label);
                if (p >= size || !Sx.isNode(c.get(p), "do")) {
                    throw p >= size ? Sx.missing(n) : Sx.unexpected(c.get(p));
                }
                SExpr.Node doNode = (SExpr.Node) c.get(p);
                Frame f = push(TRY);
                f.node = n;
                f.pos = p + 1; // next clause
                f.stage = 0;
                pushSeq(doNode.children(), 1, doNode.size(), false);
                return;
            }
            default: {
                Opcode op = Opcode.byMnemonic(h.text());
                if (op == null || isStructural(op)) {
                    throw Sx.unexpected(h.kind() == TokenKind.KEYWORD ? c.get(0) : n);
                }
                int immEnd = 1;
                while (immEnd < size && (c.get(immEnd) instanceof SExpr.Atom || isImmediateNode(c.get(immEnd)))) {
                    immEnd++;
                }
                Frame f = push(FOLDED_OP);
                f.node = n;
                f.op = op;
                f.immEnd = immEnd;
                pushSeq(c, immEnd, size, true);
            }
        }
    }

    private static boolean isStructural(Opcode op) {
        switch (op) {
            case BLOCK: case LOOP: case IF: case ELSE: case END: case TRY: case TRY_TABLE:
            case CATCH: case CATCH_ALL: case DELEGATE:
                return true;
            default:
                return false;
        }
    }

    private void resumeIf(Frame f) {
        List<SExpr> c = f.node.children();
        switch (f.stage) {
            case 0: {
                w.op(Opcode.IF);
                emitBlockType(f.btKind, f.btVal, f.btIndex);
                pushLabel(f.label);
                f.stage = 1;
                SExpr.Node then = (SExpr.Node) c.get(f.thenIdx);
                pushSeq(then.children(), 1, then.size(), false);
                return;
            }
            case 1:
                f.stage = 2;
                if (f.elseIdx > 0) {
                    SExpr.Node els = (SExpr.Node) c.get(f.elseIdx);
                    if (els.size() > 1) {
                        w.op(Opcode.ELSE);
                        pushSeq(els.children(), 1, els.size(), false);
                        return;
                    }
                }
                return;
            default:
                depth--;
                w.op(Opcode.END);
                popLabel();
        }
    }

    /** Legacy exception handling: the clauses after {@code (do ...)}. */
    private void resumeTry(Frame f) {
        List<SExpr> c = f.node.children();
        if (f.pos >= c.size()) {
            depth--;
            w.op(Opcode.END);
            popLabel();
            return;
        }
        SExpr clause = c.get(f.pos++);
        String h = Sx.head(clause);
        SExpr.Node cn = Sx.node(clause);
        if ("catch".equals(h) && f.stage != 1) {
            if (cn.size() < 2) {
                throw Sx.missing(cn);
            }
            int tag = m.tags.resolve(cn.get(1));
            f.stage = 2;
            w.op(Opcode.CATCH);
            u32(tag);
            pushSeq(cn.children(), 2, cn.size(), false);
        } else if ("catch_all".equals(h) && f.stage != 1) {
            f.stage = 1;
            w.op(Opcode.CATCH_ALL);
            pushSeq(cn.children(), 1, cn.size(), false);
        } else if ("delegate".equals(h) && f.stage == 0 && f.pos == c.size()) {
            if (cn.size() != 2) {
                throw cn.size() < 2 ? Sx.missing(cn) : Sx.unexpected(cn.get(2));
            }
            depth--;
            popLabel();
            int d = label(cn.get(1));
            w.op(Opcode.DELEGATE);
            u32(d);
        } else {
            throw Sx.unexpected(clause);
        }
    }

    /** Emits {@code try_table} with the block type just parsed and the catch clauses at {@code p}. */
    private int tryTableHead(List<SExpr> l, int p, int end) {
        int q = p;
        while (q < end) {
            String h = Sx.head(l.get(q));
            if (!"catch".equals(h) && !"catch_ref".equals(h) && !"catch_all".equals(h) && !"catch_all_ref".equals(h)) {
                break;
            }
            q++;
        }
        w.op(Opcode.TRY_TABLE);
        emitBlockType(btKind, btVal, btIndex);
        u32(q - p);
        for (int i = p; i < q; i++) {
            SExpr.Node cn = (SExpr.Node) l.get(i);
            String h = Sx.head(cn);
            boolean hasTag = h.equals("catch") || h.equals("catch_ref");
            int want = hasTag ? 3 : 2;
            if (cn.size() != want) {
                throw cn.size() < want ? Sx.missing(cn) : Sx.unexpected(cn.get(want));
            }
            switch (h) {
                case "catch": w.byteValue(0); break;
                case "catch_ref": w.byteValue(1); break;
                case "catch_all": w.byteValue(2); break;
                default: w.byteValue(3);
            }
            if (hasTag) {
                u32(m.tags.resolve(cn.get(1)));
            }
            u32(label(cn.get(want - 1)));
        }
        return q;
    }

    // ------------------------------------------------------------------ plain instructions

    private void pushCtrl(int kind, String label, SExpr at) {
        if (ctrlCount == ctrlKind.length) {
            int n = ctrlCount * 2;
            ctrlKind = java.util.Arrays.copyOf(ctrlKind, n);
            ctrlLabel = java.util.Arrays.copyOf(ctrlLabel, n);
            ctrlElsePending = java.util.Arrays.copyOf(ctrlElsePending, n);
            ctrlAt = java.util.Arrays.copyOf(ctrlAt, n);
        }
        ctrlKind[ctrlCount] = kind;
        ctrlLabel[ctrlCount] = label;
        ctrlElsePending[ctrlCount] = false;
        ctrlAt[ctrlCount] = at;
        ctrlCount++;
    }

    /** Consumes an optional {@code $label} after {@code else}/{@code end}; it must match the block's. */
    private int checkEndLabel(List<SExpr> l, int p, int end) {
        if (p < end && Sx.isKind(l.get(p), TokenKind.ID)) {
            Token id = Sx.atom(l.get(p));
            String label = ctrlLabel[ctrlCount - 1];
            if (label == null || !label.equals(id.name())) {
                throw id.error("mismatching label");
            }
            return p + 1;
        }
        return p;
    }

    private void plain(Frame f) {
        List<SExpr> l = f.list;
        SExpr e = l.get(f.pos);
        Token t = Sx.atom(e);
        if (t.kind() != TokenKind.KEYWORD) {
            throw Sx.unexpected(e);
        }
        int p = f.pos + 1;
        int end = f.end;
        boolean open = ctrlCount > f.ctrlBase;
        int top = ctrlCount - 1;
        String s = t.text();
        switch (s) {
            case "block":
            case "loop":
            case "if":
            case "try":
            case "try_table": {
                String label = null;
                if (p < end && Sx.isKind(l.get(p), TokenKind.ID)) {
                    label = Sx.atom(l.get(p++)).name();
                }
                p = blockType(l, p, end);
                int kind = C_BLOCK;
                if (s.equals("try_table")) {
                    p = tryTableHead(l, p, end);
                } else {
                    Opcode op = s.equals("block") ? Opcode.BLOCK : s.equals("loop") ? Opcode.LOOP
                            : s.equals("if") ? Opcode.IF : Opcode.TRY;
                    kind = op == Opcode.IF ? C_IF : op == Opcode.TRY ? C_TRY : C_BLOCK;
                    w.op(op);
                    emitBlockType(btKind, btVal, btIndex);
                }
                pushLabel(label);
                pushCtrl(kind, label, e);
                f.pos = p;
                return;
            }
            case "else":
                if (!open || ctrlKind[top] != C_IF) {
                    throw Sx.unexpected(e);
                }
                f.pos = checkEndLabel(l, p, end);
                ctrlKind[top] = C_ELSE;
                ctrlElsePending[top] = true;
                return;
            case "end":
                if (!open) {
                    throw Sx.unexpected(e);
                }
                f.pos = checkEndLabel(l, p, end);
                ctrlCount--;
                popLabel();
                w.op(Opcode.END);
                return;
            case "catch":
                if (!open || (ctrlKind[top] != C_TRY && ctrlKind[top] != C_CATCH)) {
                    throw Sx.unexpected(e);
                }
                if (p >= end) {
                    throw Sx.missing(e);
                }
                ctrlKind[top] = C_CATCH;
                w.op(Opcode.CATCH);
                u32(m.tags.resolve(l.get(p++)));
                f.pos = p;
                return;
            case "catch_all":
                if (!open || (ctrlKind[top] != C_TRY && ctrlKind[top] != C_CATCH)) {
                    throw Sx.unexpected(e);
                }
                ctrlKind[top] = C_CATCH_ALL;
                w.op(Opcode.CATCH_ALL);
                f.pos = p;
                return;
            case "delegate": {
                if (!open || ctrlKind[top] != C_TRY) {
                    throw Sx.unexpected(e);
                }
                if (p >= end) {
                    throw Sx.missing(e);
                }
                ctrlCount--;
                popLabel();
                int d = label(l.get(p++));
                w.op(Opcode.DELEGATE);
                u32(d);
                f.pos = p;
                return;
            }
            default: {
                Opcode op = Opcode.byMnemonic(s);
                if (op == null || isStructural(op)) {
                    throw Sx.unexpected(e);
                }
                f.pos = imm.emit(op, l, p, end, e);
            }
        }
    }

    void u32(int v) {
        w.u32(Integer.toUnsignedLong(v));
    }
}
