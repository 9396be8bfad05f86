package dev.weir.wasm.internal.validate;

import dev.weir.wasm.Expression;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.InvalidModuleException;
import dev.weir.wasm.Local;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.ValType;
import java.util.Arrays;
import java.util.List;

/**
 * The spec's validation algorithm (appendix "Validation Algorithm") for function bodies and
 * constant expressions: an int-encoded operand stack ({@link Vt}) and a control stack with
 * {@code unreachable} polymorphism, plus local initialization tracking for non-defaultable locals
 * (typed function references). One pass per body; stacks are reused across bodies, so nothing is
 * allocated per instruction.
 */
final class CodeValidator {
    static final byte F_FUNC = 0, F_BLOCK = 1, F_LOOP = 2, F_IF = 3, F_ELSE = 4, F_TRY_TABLE = 5,
            F_TRY = 6, F_CATCH = 7, F_CATCH_ALL = 8;
    /** More locals than this is rejected before allocating (engines limit to 50000). */
    static final long MAX_LOCALS = 50_000;

    final ModuleCtx m;
    final dev.weir.wasm.Types types;

    int[] vals = new int[64];
    int sp;

    byte[] cKind = new byte[16];
    int[] cHeight = new int[16];
    boolean[] cUnreach = new boolean[16];
    int[] cStart = new int[16];
    int[] cStartLen = new int[16];
    int[] cEnd = new int[16];
    int[] cEndLen = new int[16];
    int[] cInit = new int[16];
    int csp;
    int[] pool = new int[64];
    int poolTop;

    int[] locals = new int[16];
    boolean[] localInit = new boolean[16];
    int nLocals;
    int[] initStack = new int[16];
    int initTop;

    int[] results;
    int funcIndex = -1;
    int offset = -1;
    boolean constMode;
    int constGlobals;
    private final int[] one = new int[1];

    CodeValidator(ModuleCtx m) {
        this.m = m;
        this.types = m.types;
    }

    // ---------------------------------------------------------------- errors

    InvalidModuleException err(String msg) {
        return new InvalidModuleException(msg, funcIndex, offset);
    }

    InvalidModuleException mismatch(int[] req, int off, int len, int sp0) {
        int h = csp > 0 ? cHeight[csp - 1] : 0;
        int from = Math.max(h, sp0 - len);
        return err("type mismatch: instruction requires " + list(req, off, len) + " but stack has "
                + list(vals, from, sp0 - from));
    }

    static String list(int[] ts, int off, int len) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Vt.name(ts[off + i]));
        }
        return sb.append(']').toString();
    }

    static String u(int index) {
        return Integer.toUnsignedString(index);
    }

    // ---------------------------------------------------------------- operand stack

    boolean matches(int a, int e) {
        if (a == e || a == Vt.UNKNOWN) {
            return true;
        }
        if (a < Vt.REF_BASE || e < Vt.REF_BASE) {
            return false;
        }
        if (Vt.nullable(a) && !Vt.nullable(e)) {
            return false;
        }
        return types.isHeapSubtype(Vt.heap(a), Vt.heap(e));
    }

    void push(int t) {
        if (sp == vals.length) {
            vals = Arrays.copyOf(vals, sp * 2);
        }
        vals[sp++] = t;
    }

    void pushVals(int[] ts, int off, int len) {
        if (sp + len > vals.length) {
            vals = Arrays.copyOf(vals, Math.max(sp + len, sp * 2));
        }
        // One capacity check per call; a plain loop beats arraycopy for the usual 0-2 values.
        for (int i = 0; i < len; i++) {
            vals[sp + i] = ts[off + i];
        }
        sp += len;
    }

    void pushVals(int[] ts) {
        pushVals(ts, 0, ts.length);
    }

    /** Pops any value: UNKNOWN in unreachable code at the frame's bottom, -1 on underflow. */
    private int popRaw() {
        if (sp == cHeight[csp - 1]) {
            return cUnreach[csp - 1] ? Vt.UNKNOWN : -1;
        }
        return vals[--sp];
    }

    int pop() {
        int sp0 = sp;
        int t = popRaw();
        if (t < 0) {
            throw err("type mismatch: instruction requires [any] but stack has " + list(vals, sp0, 0));
        }
        return t;
    }

    int pop(int expect) {
        int sp0 = sp;
        if (sp0 > cHeight[csp - 1] && vals[sp0 - 1] == expect) { // fast path: an exact match
            sp = sp0 - 1;
            return expect;
        }
        int t = popRaw();
        if (t < 0 || !matches(t, expect)) {
            one[0] = expect;
            throw mismatch(one, 0, 1, sp0);
        }
        return t;
    }

    void popVals(int[] ts, int off, int len) {
        if (len == 0) {
            return;
        }
        int sp0 = sp;
        // Fast path: all operands above the frame's height with exactly the expected types (the
        // common case); otherwise the general loop below handles subtyping, bottom and errors.
        int base = sp0 - len;
        if (base >= cHeight[csp - 1]) {
            int i = 0;
            while (i < len && vals[base + i] == ts[off + i]) {
                i++;
            }
            if (i == len) {
                sp = base;
                return;
            }
        }
        for (int i = len - 1; i >= 0; i--) {
            int t = popRaw();
            if (t < 0 || !matches(t, ts[off + i])) {
                throw mismatch(ts, off, len, sp0);
            }
        }
    }

    void popVals(int[] ts) {
        popVals(ts, 0, ts.length);
    }

    /** Pops a reference (spec: pop_ref); an unknown operand yields {@code (ref bot)}. */
    int popRef() {
        int t = pop();
        if (t == Vt.UNKNOWN) {
            return Vt.ref(Vt.HEAP_BOT, false);
        }
        if (!Vt.isRef(t)) {
            throw err("type mismatch: instruction requires reference but stack has [" + Vt.name(t) + "]");
        }
        return t;
    }

    void unreachable() {
        sp = cHeight[csp - 1];
        cUnreach[csp - 1] = true;
    }

    // ---------------------------------------------------------------- control stack

    private int poolAppend(int t) {
        if (poolTop == pool.length) {
            pool = Arrays.copyOf(pool, poolTop * 2);
        }
        pool[poolTop] = t;
        return poolTop++;
    }

    private void poolAppend(int[] ts) {
        for (int t : ts) {
            poolAppend(t);
        }
    }

    void pushCtrl(byte kind, int startOff, int startLen, int endOff, int endLen) {
        if (csp == cKind.length) {
            int n = csp * 2;
            cKind = Arrays.copyOf(cKind, n);
            cHeight = Arrays.copyOf(cHeight, n);
            cUnreach = Arrays.copyOf(cUnreach, n);
            cStart = Arrays.copyOf(cStart, n);
            cStartLen = Arrays.copyOf(cStartLen, n);
            cEnd = Arrays.copyOf(cEnd, n);
            cEndLen = Arrays.copyOf(cEndLen, n);
            cInit = Arrays.copyOf(cInit, n);
        }
        cKind[csp] = kind;
        cHeight[csp] = sp;
        cUnreach[csp] = false;
        cStart[csp] = startOff;
        cStartLen[csp] = startLen;
        cEnd[csp] = endOff;
        cEndLen[csp] = endLen;
        cInit[csp] = initTop;
        csp++;
        pushVals(pool, startOff, startLen);
    }

    /** Checks the end of the top frame's body: exactly its end types remain (spec: pop_ctrl). */
    private void checkFrameEnd() {
        int f = csp - 1;
        popVals(pool, cEnd[f], cEndLen[f]);
        if (sp != cHeight[f]) {
            throw err("type mismatch: block requires " + list(pool, cEnd[f], cEndLen[f]) + " but stack has "
                    + list(vals, cHeight[f], sp - cHeight[f] + cEndLen[f]));
        }
        resetLocalInit(cInit[f]);
    }

    /** Pops the top frame; its end types stay readable in the pool until the next push. */
    int popCtrl() {
        if (csp == 0) {
            throw err("unexpected end");
        }
        checkFrameEnd();
        int f = --csp;
        poolTop = Math.min(poolTop, Math.min(cStart[f], cEnd[f]));
        return f;
    }

    /** Re-opens the top frame for an else/catch arm with the given kind. */
    private void reopen(byte kind) {
        checkFrameEnd();
        int f = csp - 1;
        cKind[f] = kind;
        cUnreach[f] = false;
        sp = cHeight[f];
    }

    int labelFrame(int depth) {
        if (depth < 0 || depth >= csp) {
            throw err("unknown label " + u(depth));
        }
        return csp - 1 - depth;
    }

    int labelOff(int f) {
        return cKind[f] == F_LOOP ? cStart[f] : cEnd[f];
    }

    int labelLen(int f) {
        return cKind[f] == F_LOOP ? cStartLen[f] : cEndLen[f];
    }

    // ---------------------------------------------------------------- locals

    private void resetLocalInit(int height) {
        while (initTop > height) {
            localInit[initStack[--initTop]] = false;
        }
    }

    void setLocalInit(int x) {
        if (!localInit[x]) {
            localInit[x] = true;
            if (initTop == initStack.length) {
                initStack = Arrays.copyOf(initStack, initTop * 2);
            }
            initStack[initTop++] = x;
        }
    }

    private void addLocal(int t, boolean init) {
        if (nLocals == locals.length) {
            locals = Arrays.copyOf(locals, nLocals * 2);
            localInit = Arrays.copyOf(localInit, nLocals * 2);
        }
        locals[nLocals] = t;
        localInit[nLocals] = init;
        nLocals++;
    }

    void checkValType(int t) {
        if (Vt.isRef(t) && Vt.heap(t) >= types.size()) {
            throw err("unknown type " + Vt.heap(t));
        }
    }

    int checkHeapType(int ht) {
        if (ht >= types.size() || (ht < 0 && !HeapType.isAbstract(ht))) {
            throw err("unknown type " + ht);
        }
        return ht;
    }

    // ---------------------------------------------------------------- entry points

    private void reset() {
        sp = 0;
        csp = 0;
        poolTop = 0;
        nLocals = 0;
        initTop = 0;
        offset = -1;
    }

    /** Validates a defined function's body. */
    void validateFunction(int funcIdx, int typeIdx, List<Local> declared, Expression code) {
        reset();
        funcIndex = funcIdx;
        constMode = false;
        long total = m.fParams[typeIdx].length;
        for (Local l : declared) {
            total += Integer.toUnsignedLong(l.count());
        }
        if (total > MAX_LOCALS) {
            throw err("too many locals");
        }
        for (int p : m.fParams[typeIdx]) {
            addLocal(p, true);
        }
        for (Local l : declared) {
            int t = Vt.of(l.type());
            checkValType(t);
            boolean def = !Vt.isRef(t) || Vt.nullable(t);
            for (int i = 0; i < l.count(); i++) {
                addLocal(t, def);
            }
        }
        results = m.fResults[typeIdx];
        int end = poolTop;
        poolAppend(results);
        pushCtrl(F_FUNC, 0, 0, end, results.length);
        run(code);
    }

    /** Validates a constant expression of the given result type; {@code visibleGlobals} bounds global.get. */
    void validateConst(Expression expr, int resultType, int visibleGlobals) {
        reset();
        funcIndex = -1;
        constMode = true;
        constGlobals = visibleGlobals;
        results = one;
        int end = poolAppend(resultType);
        pushCtrl(F_FUNC, 0, 0, end, 1);
        run(expr);
        constMode = false;
    }

    private void run(Expression code) {
        if (code == null) {
            throw err("constant expression required");
        }
        byte[] bytes = code.bytes();
        InstructionReader r = new InstructionReader(bytes, 0, bytes.length, code.sourceOffset());
        while (r.hasNext()) {
            if (csp == 0) {
                throw err("operators remaining after end of function");
            }
            Opcode op = r.next();
            offset = r.offset();
            int o = op.ordinal();
            if (constMode && !OpInfo.CONST[o]) {
                throw err("constant expression required");
            }
            byte kind = OpInfo.KIND[o];
            switch (kind) {
                case OpInfo.SIMPLE:
                    popVals(OpInfo.PARAMS[o]);
                    pushVals(OpInfo.RESULTS[o]);
                    break;
                case OpInfo.MEM:
                case OpInfo.MEM_ATOMIC:
                case OpInfo.MEM_LANE:
                    memoryAccess(r, o, kind);
                    break;
                case OpInfo.LANE:
                    if (r.lane() >= OpInfo.LANES[o]) {
                        throw err("invalid lane index");
                    }
                    popVals(OpInfo.PARAMS[o]);
                    pushVals(OpInfo.RESULTS[o]);
                    break;
                case OpInfo.SHUFFLE:
                    checkShuffle(r.v128Lo());
                    checkShuffle(r.v128Hi());
                    popVals(OpInfo.PARAMS[o]);
                    pushVals(OpInfo.RESULTS[o]);
                    break;
                default:
                    if (!ControlOps.handle(this, r, kind) && !GcOps.handle(this, r, kind)) {
                        throw err("unsupported instruction " + op.mnemonic());
                    }
            }
        }
        if (csp != 0) {
            throw err("unexpected end of section or function");
        }
    }

    private void checkShuffle(long lanes) {
        for (int i = 0; i < 8; i++) {
            if (((lanes >>> (8 * i)) & 0xFF) >= 32) {
                throw err("invalid lane index");
            }
        }
    }

    // ---------------------------------------------------------------- memories and tables

    int memAddr(int mem) {
        if (mem < 0 || mem >= m.nMems) {
            throw err("unknown memory " + u(mem));
        }
        return m.mem64[mem] ? Vt.I64 : Vt.I32;
    }

    int tableAddr(int table) {
        if (table < 0 || table >= m.nTables) {
            throw err("unknown table " + u(table));
        }
        return m.table64[table] ? Vt.I64 : Vt.I32;
    }

    private void memoryAccess(InstructionReader r, int o, byte kind) {
        int addr = memAddr(r.memory());
        int align = r.align();
        int natural = OpInfo.NAT_ALIGN[o];
        if (align > natural) {
            throw err("alignment must not be larger than natural");
        }
        if (kind == OpInfo.MEM_ATOMIC && align != natural) {
            throw err("atomic alignment must be natural");
        }
        if (addr == Vt.I32 && Long.compareUnsigned(r.memOffset(), 0xFFFF_FFFFL) > 0) {
            throw err("offset out of range");
        }
        if (kind == OpInfo.MEM_LANE && r.lane() >= OpInfo.LANES[o]) {
            throw err("invalid lane index");
        }
        popVals(OpInfo.PARAMS[o]);
        pop(addr);
        pushVals(OpInfo.RESULTS[o]);
    }

    // ---------------------------------------------------------------- block types

    // The last block type read: pool offsets and lengths of its params and results.
    int btStart;
    int btStartLen;
    int btEnd;
    int btEndLen;

    /** Reads a block type's params and results into the pool (spec 3.2.x, block types). */
    void readBlockType(InstructionReader r) {
        int x = r.blockTypeIndex();
        if (x >= 0) {
            if (!m.isFunc(x)) {
                throw err("unknown type " + u(x));
            }
            btStart = poolTop;
            poolAppend(m.fParams[x]);
            btStartLen = m.fParams[x].length;
            btEnd = poolTop;
            poolAppend(m.fResults[x]);
            btEndLen = m.fResults[x].length;
            return;
        }
        ValType v = r.blockResult();
        btStart = poolTop;
        btStartLen = 0;
        btEnd = poolTop;
        if (v == null) {
            btEndLen = 0;
        } else {
            int t = Vt.of(v);
            checkValType(t);
            poolAppend(t);
            btEndLen = 1;
        }
    }

    // Control hooks used by ControlOps.
    void elseArm() {
        if (csp == 0 || cKind[csp - 1] != F_IF) {
            throw err("else without if");
        }
        reopen(F_ELSE);
        int f = csp - 1;
        pushVals(pool, cStart[f], cStartLen[f]);
    }

    void catchArm(byte kind, int[] params) {
        if (csp == 0 || (cKind[csp - 1] != F_TRY && cKind[csp - 1] != F_CATCH)) {
            throw err(kind == F_CATCH ? "catch without try" : "catch_all without try");
        }
        reopen(kind);
        if (params != null) {
            pushVals(params);
        }
    }

    void end() {
        int f = popCtrl();
        if (cKind[f] == F_IF) {
            // An if without else behaves as if the else arm were empty: params must match results.
            int sp0 = sp;
            cUnreach[f] = false;
            csp++;
            pushVals(pool, cStart[f], cStartLen[f]);
            popVals(pool, cEnd[f], cEndLen[f]);
            if (sp != sp0) {
                throw err("type mismatch: else branch missing, if requires " + list(pool, cEnd[f], cEndLen[f]));
            }
            csp--;
        }
        pushVals(pool, cEnd[f], cEndLen[f]);
    }

    void pushBlock(byte kind) {
        popVals(pool, btStart, btStartLen);
        pushCtrl(kind, btStart, btStartLen, btEnd, btEndLen);
    }

    /** Checks that the encoded values {@code ts} match a label's types (for catch clauses). */
    void checkLabelAccepts(int[] ts, int extra, int labelFrame) {
        int off = labelOff(labelFrame);
        int len = labelLen(labelFrame);
        int n = ts.length + (extra != 0 ? 1 : 0);
        boolean ok = n == len;
        for (int i = 0; ok && i < ts.length; i++) {
            ok = matches(ts[i], pool[off + i]);
        }
        if (ok && extra != 0) {
            ok = matches(extra, pool[off + len - 1]);
        }
        if (!ok) {
            throw err("type mismatch: catch handler type does not match label " + list(pool, off, len));
        }
    }
}
