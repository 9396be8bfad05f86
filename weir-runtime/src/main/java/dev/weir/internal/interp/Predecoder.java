package dev.weir.internal.interp;

import dev.weir.internal.interp.Code.Clause;
import dev.weir.internal.interp.Code.TryGroup;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.Local;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Translates one validated function body into the interpreter's {@link Code}: branch targets
 * resolved to pcs, the stack height and result count of every branch precomputed (so {@code br}
 * is one copy and a jump), local indices turned into slot offsets, and every instruction
 * specialised by the kind of value it moves (number, v128 pair, reference).
 *
 * <p>To know slot counts it tracks the kind of each operand-stack slot, which validation
 * guarantees to be consistent; code after an unconditional transfer of control is unreachable
 * and skipped entirely.
 */
final class Predecoder {
    static final byte NUM = 0;
    static final byte REF = 1;
    static final byte V128 = 2;

    private static final int K_FUNC = 0;
    private static final int K_BLOCK = 1;
    private static final int K_LOOP = 2;
    private static final int K_IF = 3;
    private static final int K_ELSE = 4;
    private static final int K_TRY_TABLE = 5;
    private static final int K_TRY = 6;
    private static final int K_CATCH = 7;

    /** A control frame (spec 3.4 "control stack"). */
    private static final class Ctl {
        int kind;
        int startHeight;
        byte[] params;
        byte[] results;
        int loopPc;
        int[] fixups = new int[4];
        int nfix;
        List<Clause> clauseFixups;
        int elseFixup = -1;
        boolean unreachable;
        int group = -1;
        int hidden = -1;

        int arity() {
            return kind == K_LOOP ? params.length : results.length;
        }

        byte[] labelKinds() {
            return kind == K_LOOP ? params : results;
        }
    }

    private final WasmModule module;
    private final Types types;
    private final boolean fuel;
    private final int funcIndex;
    private final FuncType type;
    private final FunctionBody body;

    private int[] out = new int[256];
    private int n;
    private int[] src = new int[128];
    private int nsrc;
    private byte[] kinds = new byte[64];
    private int height;
    private int maxHeight;
    private final ArrayList<Ctl> ctl = new ArrayList<>();
    private int[] localSlot;
    private byte[] localKind;
    private int localSlots;
    private final List<TryGroup> groups = new ArrayList<>();
    private int hiddenCount;
    private int fuelPos = -1;

    Predecoder(WasmModule module, Types types, int funcIndex, boolean fuel) {
        this(module, types, funcIndex, module.functionType(funcIndex),
                module.code().get(funcIndex - module.importedFunctionCount()), fuel);
    }

    /** For any body, e.g. a constant expression as a function without parameters ({@code funcIndex} -1). */
    Predecoder(WasmModule module, Types types, int funcIndex, FuncType type, FunctionBody body, boolean fuel) {
        this.module = module;
        this.types = types;
        this.funcIndex = funcIndex;
        this.fuel = fuel;
        this.type = type;
        this.body = body;
    }

    static byte kindOf(ValType t) {
        switch (t.kind()) {
            case V128: return V128;
            case REF: return REF;
            default: return NUM;
        }
    }

    /** Slot kinds of a list of types (a v128 contributes two V128 slots). */
    static byte[] slotKinds(List<ValType> ts) {
        int k = 0;
        for (ValType t : ts) {
            k += t.slots();
        }
        byte[] b = new byte[k];
        int i = 0;
        for (ValType t : ts) {
            byte kd = kindOf(t);
            b[i++] = kd;
            if (kd == V128) {
                b[i++] = V128;
            }
        }
        return b;
    }

    Code run() {
        layoutLocals();
        byte[] bytes = body.code().bytes();
        if (containsByte(bytes, 0x06)) {
            hiddenCount = countLegacyTries();
        }
        height = localSlots + hiddenCount;
        maxHeight = height;
        Ctl f = new Ctl();
        f.kind = K_FUNC;
        f.startHeight = height;
        f.params = new byte[0];
        f.results = slotKinds(type.results());
        ctl.add(f);
        newFuelBlock();

        InstructionReader r = body.code().reader();
        int skipDepth = -1; // >= 0 while skipping unreachable code: nesting depth inside the skipped part
        while (r.hasNext() && !ctl.isEmpty()) {
            Opcode op = r.next();
            int code = op.code();
            if (skipDepth >= 0) {
                if (code == 0x02 || code == 0x03 || code == 0x04 || code == 0x06 || code == 0x1F) {
                    skipDepth++;
                    continue;
                }
                if (code == 0x0B || code == 0x18) { // end, delegate
                    if (skipDepth > 0) {
                        skipDepth--;
                        continue;
                    }
                } else if (code == 0x05 || code == 0x07 || code == 0x19) { // else, catch, catch_all
                    if (skipDepth > 0) {
                        continue;
                    }
                } else {
                    continue;
                }
                skipDepth = -1; // the frame's else/end/catch: process it
            }
            sourceMap(r.offset());
            if (fuel && fuelPos >= 0) {
                out[fuelPos]++;
            }
            if (instruction(r, code)) {
                top().unreachable = true;
                skipDepth = 0;
            }
        }
        for (TryGroup g : groups) {
            if (g.end == Integer.MAX_VALUE) {
                g.end = n;
            }
        }
        int[] code = Arrays.copyOf(out, n);
        Fuser.fuse(code);
        return new Code(funcIndex, code, slotCount(type.params()), localSlots, localSlots + hiddenCount,
                maxHeight, slotCount(type.results()), Arrays.copyOf(src, nsrc), groups.toArray(new TryGroup[0]));
    }

    private static int slotCount(List<ValType> ts) {
        int k = 0;
        for (ValType t : ts) {
            k += t.slots();
        }
        return k;
    }

    private static boolean containsByte(byte[] b, int v) {
        for (byte x : b) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private int countLegacyTries() {
        InstructionReader r = body.code().reader();
        int k = 0;
        while (r.hasNext()) {
            if (r.next().code() == 0x06) {
                k++;
            }
        }
        return k;
    }

    private void layoutLocals() {
        long count = type.params().size() + body.localCount();
        if (count > 1_000_000) {
            throw new IllegalStateException("too many locals: " + count);
        }
        localSlot = new int[(int) count];
        localKind = new byte[(int) count];
        int i = 0;
        int slot = 0;
        for (ValType t : type.params()) {
            localSlot[i] = slot;
            localKind[i++] = kindOf(t);
            slot += t.slots();
        }
        for (Local l : body.locals()) {
            for (int j = 0; j < l.count(); j++) {
                localSlot[i] = slot;
                localKind[i++] = kindOf(l.type());
                slot += l.type().slots();
            }
        }
        localSlots = slot;
    }

    // ------------------------------------------------------------------ emission helpers

    private void emit(int v) {
        if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = v;
    }

    private void emit(int a, int b) {
        emit(a);
        emit(b);
    }

    private void emitLong(long v) {
        emit((int) v);
        emit((int) (v >>> 32));
    }

    private void sourceMap(int offset) {
        if (nsrc + 2 > src.length) {
            src = Arrays.copyOf(src, src.length * 2);
        }
        src[nsrc++] = n;
        src[nsrc++] = offset;
    }

    /** Starts a basic block for fuel accounting: a FUEL op whose count the following instructions bump. */
    private void newFuelBlock() {
        if (fuel) {
            emit(Op.FUEL);
            fuelPos = n;
            emit(0);
        }
    }

    private Ctl top() {
        return ctl.get(ctl.size() - 1);
    }

    private Ctl label(int depth) {
        return ctl.get(ctl.size() - 1 - depth);
    }

    // ------------------------------------------------------------------ the type-kind stack

    private void push(byte k) {
        if (height + 2 > kinds.length) {
            kinds = Arrays.copyOf(kinds, Math.max(kinds.length * 2, height + 2));
        }
        kinds[height++] = k;
        if (k == V128) {
            kinds[height++] = V128;
        }
        if (height > maxHeight) {
            maxHeight = height;
        }
    }

    private void push(byte[] ks) {
        for (int i = 0; i < ks.length; i++) {
            push(ks[i]);
            if (ks[i] == V128) {
                i++;
            }
        }
    }

    /** Pops one value and returns its kind. */
    private byte pop() {
        byte k = kinds[--height];
        if (k == V128) {
            height--;
        }
        return k;
    }

    private void popSlots(int slots) {
        height -= slots;
    }

    private byte peek() {
        return kinds[height - 1];
    }

    // ------------------------------------------------------------------ blocks and branches

    private void blockType(InstructionReader r, Ctl c) {
        int idx = r.blockTypeIndex();
        if (idx >= 0) {
            FuncType ft = types.funcType(idx);
            c.params = slotKinds(ft.params());
            c.results = slotKinds(ft.results());
        } else {
            ValType res = r.blockResult();
            c.params = new byte[0];
            c.results = res == null ? new byte[0] : slotKinds(List.of(res));
        }
    }

    private Ctl open(InstructionReader r, int kind) {
        Ctl c = new Ctl();
        c.kind = kind;
        blockType(r, c);
        c.startHeight = height - c.params.length;
        ctl.add(c);
        return c;
    }

    /** Emits a label reference: a loop's start, or a fix-up patched at the block's end. */
    private void emitTarget(Ctl c) {
        if (c.kind == K_LOOP) {
            emit(c.loopPc);
        } else {
            if (c.nfix == c.fixups.length) {
                c.fixups = Arrays.copyOf(c.fixups, c.nfix * 2);
            }
            c.fixups[c.nfix++] = n;
            emit(-1);
        }
    }

    /**
     * Emits a branch to {@code depth} taken with {@code h} slots on the stack: {@code jmpOp target}
     * when the values are already in place, else {@code brOp target height count}.
     */
    private void branch(int depth, int h, int brOp, int jmpOp) {
        Ctl c = label(depth);
        int arity = c.arity();
        if (jmpOp >= 0 && h - arity == c.startHeight) {
            emit(jmpOp);
            emitTarget(c);
        } else {
            emit(brOp);
            emitTarget(c);
            emit(c.startHeight, arity);
        }
    }

    private void patchFixups(Ctl c, int pc) {
        for (int i = 0; i < c.nfix; i++) {
            out[c.fixups[i]] = pc;
        }
        if (c.clauseFixups != null) {
            for (Clause cl : c.clauseFixups) {
                cl.target = pc;
            }
        }
    }

    private void resetStack(int h, byte[] ks) {
        height = h;
        push(ks);
    }

    /** Innermost try group enclosing the current position (a try in its catch phase does not count). */
    private int enclosingGroup(int fromIndex) {
        for (int i = fromIndex; i >= 0; i--) {
            Ctl c = ctl.get(i);
            if ((c.kind == K_TRY || c.kind == K_TRY_TABLE) && c.group >= 0) {
                return c.group;
            }
        }
        return -1;
    }

    private static void addClause(TryGroup g, Clause c) {
        g.clauses = Arrays.copyOf(g.clauses, g.clauses.length + 1);
        g.clauses[g.clauses.length - 1] = c;
    }

    private void end() {
        Ctl c = ctl.remove(ctl.size() - 1);
        if (c.kind == K_TRY_TABLE || c.kind == K_TRY) {
            TryGroup g = groups.get(c.group);
            if (g.end == Integer.MAX_VALUE) {
                g.end = n;
            }
        }
        if (c.kind == K_FUNC) {
            patchFixups(c, n);
            emit(Op.RETURN, c.results.length);
            return;
        }
        if (c.elseFixup >= 0) {
            out[c.elseFixup] = n; // if without else
        }
        patchFixups(c, n);
        resetStack(c.startHeight, c.results);
        newFuelBlock();
    }

    // ------------------------------------------------------------------ instructions

    /** Translates one instruction; returns true if control never falls through it. */
    private boolean instruction(InstructionReader r, int code) {
        int prefix = code >>> 16;
        if (prefix != 0) {
            switch (prefix) {
                case 0xFC: return PrefixedOps.misc(this, r, code & 0xFFFF);
                case 0xFD: return PrefixedOps.simd(this, r, code & 0xFFFF);
                case 0xFE: return PrefixedOps.atomic(this, r, code & 0xFFFF);
                case 0xFB: return PrefixedOps.gc(this, r, code & 0xFFFF);
                default: throw new IllegalStateException("unknown prefix 0x" + Integer.toHexString(prefix));
            }
        }
        if (code >= 0x45 && code <= 0xC4) {
            numeric(code);
            return false;
        }
        if (code >= 0x28 && code <= 0x3E) {
            memoryAccess(r, code);
            return false;
        }
        switch (code) {
            case 0x00: emit(Op.UNREACHABLE); return true;
            case 0x01: return false; // nop
            case 0x02: open(r, K_BLOCK); return false;
            case 0x03: {
                Ctl c = open(r, K_LOOP);
                c.loopPc = n;
                emit(Op.LOOP_CHECK);
                newFuelBlock();
                return false;
            }
            case 0x04: {
                popSlots(1);
                Ctl c = open(r, K_IF);
                emit(Op.JMP_UNLESS);
                c.elseFixup = n;
                emit(-1);
                newFuelBlock();
                return false;
            }
            case 0x05: { // else
                Ctl c = top();
                if (!c.unreachable) {
                    emit(Op.JMP);
                    emitTarget(c);
                }
                out[c.elseFixup] = n;
                c.elseFixup = -1;
                c.kind = K_ELSE;
                c.unreachable = false;
                resetStack(c.startHeight, c.params);
                newFuelBlock();
                return false;
            }
            case 0x06: { // legacy try
                int parent = enclosingGroup(ctl.size() - 1);
                int hidden = countOpenTries();
                Ctl c = open(r, K_TRY);
                c.group = groups.size();
                c.hidden = hidden;
                groups.add(new TryGroup(n, parent));
                return false;
            }
            case 0x07: // legacy catch
            case 0x19: { // legacy catch_all
                Ctl c = top();
                TryGroup g = groups.get(c.group);
                if (g.end == Integer.MAX_VALUE) {
                    g.end = n;
                }
                if (!c.unreachable) {
                    emit(Op.JMP);
                    emitTarget(c);
                }
                c.kind = K_CATCH;
                c.unreachable = false;
                height = c.startHeight;
                if (code == 0x07) {
                    int tag = r.index();
                    addClause(g, new Clause(Clause.CATCH, tag, n, c.startHeight, localSlots + c.hidden));
                    push(slotKinds(tagType(tag).params()));
                } else {
                    addClause(g, new Clause(Clause.CATCH_ALL, -1, n, c.startHeight, localSlots + c.hidden));
                }
                newFuelBlock();
                return false;
            }
            case 0x08: { // throw
                int tag = r.index();
                popSlots(slotCount(tagType(tag).params()));
                emit(Op.THROW, tag);
                return true;
            }
            case 0x09: { // legacy rethrow
                emit(Op.RETHROW, localSlots + label(r.index()).hidden);
                return true;
            }
            case 0x0A: popSlots(1); emit(Op.THROW_REF); return true;
            case 0x0B: end(); return false;
            case 0x0C: brTo(r.index(), height, Op.BR, Op.JMP); return true;
            case 0x0D: popSlots(1); brTo(r.index(), height, Op.BR_IF, Op.JMP_IF); return false;
            case 0x0E: {
                popSlots(1);
                int cnt = r.tableSize();
                emit(Op.BR_TABLE, cnt);
                for (int i = 0; i <= cnt; i++) {
                    Ctl c = label(i < cnt ? r.tableLabel(i) : r.defaultLabel());
                    emitTarget(c);
                    emit(c.startHeight, c.arity());
                }
                return true;
            }
            case 0x0F: emit(Op.RETURN, ctl.get(0).results.length); return true;
            case 0x10: call(Op.CALL, r.index(), module.functionType(r.index())); return false;
            case 0x11: callIndirect(Op.CALL_INDIRECT, r.index(), r.index2()); return false;
            case 0x12: call(Op.RETURN_CALL, r.index(), module.functionType(r.index())); return true;
            case 0x13: callIndirect(Op.RETURN_CALL_INDIRECT, r.index(), r.index2()); return true;
            case 0x14: callRef(Op.CALL_REF, r.index()); return false;
            case 0x15: callRef(Op.RETURN_CALL_REF, r.index()); return true;
            case 0x18: { // legacy delegate: ends the try; the label counts from outside it
                Ctl c = top();
                TryGroup g = groups.get(c.group);
                int depth = r.index();
                end();
                g.delegate = enclosingGroup(ctl.size() - 1 - depth);
                return false;
            }
            case 0x1A: emit(Op.DROP, pop() == V128 ? 2 : 1); return false;
            case 0x1B:
            case 0x1C: {
                popSlots(1);
                byte k = pop();
                pop();
                emit(k == V128 ? Op.SELECT_V128 : k == REF ? Op.SELECT_REF : Op.SELECT);
                push(k);
                return false;
            }
            case 0x1F: tryTable(r); return false;
            case 0x20: {
                int i = r.index();
                byte k = localKind[i];
                emit(k == V128 ? Op.LOCAL_GET_V128 : k == REF ? Op.LOCAL_GET_REF : Op.LOCAL_GET, localSlot[i]);
                push(k);
                return false;
            }
            case 0x21:
            case 0x22: {
                int i = r.index();
                byte k = localKind[i];
                boolean tee = code == 0x22;
                int op = k == V128 ? (tee ? Op.LOCAL_TEE_V128 : Op.LOCAL_SET_V128)
                        : k == REF ? (tee ? Op.LOCAL_TEE_REF : Op.LOCAL_SET_REF) : (tee ? Op.LOCAL_TEE : Op.LOCAL_SET);
                emit(op, localSlot[i]);
                if (!tee) {
                    pop();
                }
                return false;
            }
            case 0x23: {
                int g = r.index();
                byte k = kindOf(module.globalType(g).type());
                emit(k == V128 ? Op.GLOBAL_GET_V128 : k == REF ? Op.GLOBAL_GET_REF : Op.GLOBAL_GET, g);
                push(k);
                return false;
            }
            case 0x24: {
                int g = r.index();
                byte k = pop();
                emit(k == V128 ? Op.GLOBAL_SET_V128 : k == REF ? Op.GLOBAL_SET_REF : Op.GLOBAL_SET, g);
                return false;
            }
            case 0x25: popSlots(1); emit(Op.TABLE_GET, r.index()); push(REF); return false;
            case 0x26: popSlots(2); emit(Op.TABLE_SET, r.index()); return false;
            case 0x3F: emit(Op.MEMORY_SIZE, r.index()); push(NUM); return false;
            case 0x40: emit(Op.MEMORY_GROW, r.index()); return false;
            case 0x41: emit(Op.I32_CONST, r.i32()); push(NUM); return false;
            case 0x42: emit(Op.I64_CONST); emitLong(r.i64()); push(NUM); return false;
            case 0x43: emit(Op.I32_CONST, r.f32Bits()); push(NUM); return false;
            case 0x44: emit(Op.I64_CONST); emitLong(r.f64Bits()); push(NUM); return false;
            case 0xD0: emit(Op.REF_NULL); push(REF); return false;
            case 0xD1: emit(Op.REF_IS_NULL); pop(); push(NUM); return false;
            case 0xD2: emit(Op.REF_FUNC, r.index()); push(REF); return false;
            case 0xD3: emit(Op.REF_EQ); popSlots(1); kinds[height - 1] = NUM; return false;
            case 0xD4: emit(Op.REF_AS_NON_NULL); return false;
            case 0xD5: popSlots(1); brTo(r.index(), height, Op.BR_ON_NULL, -1); push(REF); return false;
            case 0xD6: brTo(r.index(), height, Op.BR_ON_NON_NULL, -1); popSlots(1); return false;
            default:
                throw new IllegalStateException("opcode 0x" + Integer.toHexString(code) + " not supported by the interpreter");
        }
    }

    /** A branch; {@code br} to the function's own label is a {@code return}. */
    void brTo(int depth, int h, int brOp, int jmpOp) {
        if (depth == ctl.size() - 1 && brOp == Op.BR) {
            emit(Op.RETURN, ctl.get(0).results.length);
            return;
        }
        branch(depth, h, brOp, jmpOp);
    }

    /** Emits {@code op target height count} for a branch to {@code depth}; the caller appends more operands. */
    void branchFull(int depth, int op) {
        branch(depth, height, op, -1);
    }

    private int countOpenTries() {
        int k = 0;
        for (Ctl c : ctl) {
            if (c.hidden >= 0) {
                k = Math.max(k, c.hidden + 1);
            }
        }
        // Tries are numbered by nesting depth, so siblings reuse a hidden slot.
        return k;
    }

    private void tryTable(InstructionReader r) {
        Ctl c = new Ctl();
        c.kind = K_TRY_TABLE;
        blockType(r, c);
        c.startHeight = height - c.params.length;
        TryGroup g = new TryGroup(-1, enclosingGroup(ctl.size() - 1));
        // Catch labels are resolved outside the try_table (spec 3.4.x try_table).
        int count = r.catchCount();
        for (int i = 0; i < count; i++) {
            int kind = r.catchKind(i);
            Ctl target = label(r.catchLabel(i));
            Clause cl = new Clause(kind, kind <= Clause.CATCH_REF ? r.catchTag(i) : -1,
                    target.kind == K_LOOP ? target.loopPc : -1, target.startHeight, -1);
            if (target.kind != K_LOOP) {
                if (target.clauseFixups == null) {
                    target.clauseFixups = new ArrayList<>();
                }
                target.clauseFixups.add(cl);
            }
            addClause(g, cl);
        }
        g.start = n;
        c.group = groups.size();
        groups.add(g);
        ctl.add(c);
    }

    private FuncType tagType(int tag) {
        return types.funcType(module.tagType(tag).typeIndex());
    }

    private void call(int op, int funcIndex, FuncType ft) {
        popSlots(slotCount(ft.params()));
        emit(op, funcIndex);
        push(slotKinds(ft.results()));
    }

    private void callIndirect(int op, int typeIndex, int table) {
        FuncType ft = types.funcType(typeIndex);
        popSlots(1);
        popSlots(slotCount(ft.params()));
        emit(op, typeIndex);
        emit(table);
        push(slotKinds(ft.results()));
    }

    private void callRef(int op, int typeIndex) {
        FuncType ft = types.funcType(typeIndex);
        popSlots(1);
        popSlots(slotCount(ft.params()));
        emit(op);
        push(slotKinds(ft.results()));
    }

    private void numeric(int code) {
        if (code >= 0xBC && code <= 0xBF) {
            return; // reinterpretations: same bits in the slot
        }
        boolean unary = code == 0x45 || code == 0x50 || (code >= 0x67 && code <= 0x69) || (code >= 0x79 && code <= 0x7B)
                || (code >= 0x8B && code <= 0x91) || (code >= 0x99 && code <= 0x9F) || code >= 0xA7;
        if (!unary) {
            popSlots(1);
        }
        kinds[height - 1] = NUM;
        emit(code);
    }

    private void memoryAccess(InstructionReader r, int code) {
        int mem = r.memory();
        long offset = r.memOffset();
        boolean store = code >= 0x36;
        if (mem == 0 && !module.memoryType(0).limits().address64() && (offset >>> 32) == 0) {
            emit(code, (int) offset);
        } else {
            emit(Op.MEM_GENERIC, code);
            emit(mem);
            emitLong(offset);
        }
        if (store) {
            popSlots(2);
        } else {
            kinds[height - 1] = NUM;
        }
    }

    // ------------------------------------------------------------------ access for PrefixedOps

    WasmModule module() {
        return module;
    }

    Types types() {
        return types;
    }

    void emitOp(int... vals) {
        for (int v : vals) {
            emit(v);
        }
    }

    void emitLongOp(long v) {
        emitLong(v);
    }

    void pushKind(byte k) {
        push(k);
    }

    void pushKinds(byte[] ks) {
        push(ks);
    }

    byte popKind() {
        return pop();
    }

    void pop(int slots) {
        popSlots(slots);
    }

    int height() {
        return height;
    }

    byte peekKind() {
        return peek();
    }

    /** Replaces the top {@code slotsBefore} slots by the given kinds (after an op with a known effect). */
    void retype(int slotsBefore, byte[] after) {
        height -= slotsBefore;
        push(after);
    }

    int funcIndex() {
        return funcIndex;
    }

    static int slots(List<ValType> ts) {
        return slotCount(ts);
    }
}
