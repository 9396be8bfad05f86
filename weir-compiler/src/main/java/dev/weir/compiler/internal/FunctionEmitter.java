package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.Local;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.Types;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates one Wasm function (already accepted by {@link Support#check}) into a static JVM
 * method: Wasm locals in JVM locals, the operand stack on the JVM stack. Value kinds: {@code 'I'}
 * (i32, f32 bits), {@code 'J'} (i64, f64 bits), {@code 'A'} (references, typed Object),
 * {@code 'V'} (v128: two longs, lo below hi; four JVM local slots; see {@link SimdEmitter}).
 *
 * <p>Method shape: {@code f<i>(wasm params..., ExecContext ctx, InstanceState inst, int depth)}
 * returning the single result, or void (several results, or one v128, are written to
 * {@code ctx.hostS/hostR[ctx.hostBase ..]}, see {@link #directResult} and {@link JvmCodeCompiler}). {@code depth} is the
 * Wasm call depth of this frame, checked against {@code ctx.maxDepth} in the prologue.
 *
 * <p>This class owns the method frame, the kind stack and block structure; instruction families
 * live beside it and share its state: {@link CallEmitter} (calls and the multi-value frame),
 * {@link MemoryEmitter} (loads, stores, bulk memory/table), {@link VariableEmitter} (locals,
 * globals, table.get/set), {@link ControlEmitter} (tail calls, exceptions, fuel), {@link Numeric},
 * {@link SimdEmitter} and, tried first, {@link LeafEmitter} (GC, atomics, 64-bit memories/tables).
 */
final class FunctionEmitter {
    static final String RT = "dev/weir/compiler/internal/Rt";
    static final String CTX = "dev/weir/internal/rt/ExecContext";
    static final String INST = "dev/weir/internal/rt/InstanceState";
    static final String FI = "dev/weir/internal/rt/FunctionInstance";
    static final String MEM = "dev/weir/Memory";
    static final String TABLE = "dev/weir/internal/rt/TableInstance";
    static final String GLOBAL = "dev/weir/internal/rt/GlobalInstance";
    static final String OBJ = "java/lang/Object";
    static final String COMPILED = "dev/weir/compiler/internal/CompiledFunction";

    /** Whether long straight-line code is cut into runs ({@code -Dweir.compiler.runs=false}: never). */
    private static final boolean RUNS = !"false".equals(System.getProperty("weir.compiler.runs"));

    static final int K_FUNC = 0;
    static final int K_BLOCK = 1;
    static final int K_LOOP = 2;
    static final int K_IF = 3;
    /** try_table, legacy try (ControlEmitter). */
    static final int K_TRY = 4;

    static final class Ctl {
        int kind;
        Label label;
        Label elseLabel;
        char[] params;
        char[] results;
        int height;
        boolean elseSeen;
        /** Exception-handling state of a try_table or legacy try (ControlEmitter). */
        ControlEmitter.Eh eh;
        /** Code index of the opening instruction (block, loop, if). */
        int start;

        char[] labelTypes() {
            return kind == K_LOOP ? params : results;
        }
    }

    final WasmModule m;
    final Types types;
    final int fi;
    final String className;
    /** Whether function j is compiled as a static method of this class. */
    final boolean[] local;
    MethodVisitor mv;

    int[] localSlot;
    char[] localKind;
    int ctxSlot;
    int instSlot;
    int depthSlot;
    int[] memSlot;
    int nextSlot;
    private final int[][] tempPool = new int[4][16];
    private final int[] tempCount = new int[4];
    private final int[] tempUsed = new int[4];

    char[] stack = new char[64];
    int sp;
    final ArrayList<Ctl> ctl = new ArrayList<>();
    char[] funcResults;
    /** Tail calls, exceptions, trap frames, fuel. */
    final ControlEmitter ce = new ControlEmitter(this);
    /** Set by JvmCodeCompiler: functions that may return with a parked tail call; fuel metering on. */
    boolean[] parks;
    boolean fuel;
    /** Blocks of this function outlined into methods of their own (see {@link Regions}), or null. */
    Regions regions;
    ClassWriter cw;
    /**
     * In a region method: the label types of the enclosing function's open blocks, innermost first
     * (the last is the function's results); a branch beyond the region's own blocks leaves the
     * method with code {@code depth + 1}, see {@link RegionEmitter}. Null in a function method.
     */
    char[][] outerLabels;
    /** In a region method: its exits and the locals it touches (RegionEmitter). */
    RegionEmitter.Frame regionFrame;
    /**
     * A straight-line run cut out of a long stretch of code (RegionEmitter#run): it stops, at its
     * top level, before the end of the enclosing block, or at an empty stack once it is long enough.
     */
    boolean run;
    /**
     * Whether instructions that may trap or call get a line number (their code index + 1): only
     * where every index fits the JVM's 16-bit line numbers, else none at all (a stale line would
     * name the wrong instruction; without one the frame gives the function's offset).
     */
    boolean lineNumbers;
    /** Whether this method may cut runs out of its code (large functions, not runs themselves). */
    boolean splitRuns;
    /** Code index of the instruction being emitted. */
    int at;
    /** Wasm code bytes this method emitted itself (not in outlined blocks or runs). */
    int ownBytes;
    /** A run whose last instruction left the rest of its block unreachable. */
    boolean endedUnreachable;
    /** The function's code; its parts' method names come from the shared counter {@code names[0]}. */
    dev.weir.wasm.Expression expr;
    int[] names = new int[1];
    /**
     * The function's loads and stores, or -1 when it names no memory at all (ControlScan); one scan
     * per function, inherited by its parts. It chooses the form of the wasm32 Memory accessors
     * ({@link #memoryForm}) and whether the prologue loads the memories ({@link #loadMemories}).
     */
    int memoryAccesses;
    static final int RANGE_CHECK_ACCESSES = 64;

    /**
     * The suffix of the wasm32 Memory accessors: "" for the range-check form
     * ({@code Memory.loadI32(int, int)}: an {@code Objects.checkIndex} that C2 hoists out of loops,
     * which made matrix, minicsv and sieve 15-45% faster) or "Compact" ({@code loadI32Compact}) in
     * functions with more than {@link #RANGE_CHECK_ACCESSES} accesses: in seqhash's main function
     * the range-check form ran 1.9x slower, even in its loops with few accesses, and per-loop rules
     * (by access count or loop size) did not recover it.
     */
    String memoryForm() {
        return memoryAccesses > RANGE_CHECK_ACCESSES ? "Compact" : "";
    }

    /** In a part's method: its prologue (emitted last) and where its body starts. */
    Label partPrologue;
    Label partBody;

    FunctionEmitter(WasmModule m, Types types, int fi, String className, boolean[] local) {
        this.m = m;
        this.types = types;
        this.fi = fi;
        this.className = className;
        this.local = local;
    }

    static char kind(ValType t) {
        switch (t.kind()) {
            case I32: case F32: return 'I';
            case I64: case F64: return 'J';
            case REF: return 'A';
            case V128: return 'V'; // two longs (lo, hi): see SimdEmitter
            default: throw new IllegalStateException("weir internal error: no JVM kind for " + t);
        }
    }

    static String desc(char k) {
        return k == 'A' ? "Ljava/lang/Object;" : k == 'V' ? "JJ" : String.valueOf(k);
    }

    static String methodDesc(FuncType t) {
        StringBuilder sb = new StringBuilder("(");
        for (ValType v : t.params()) {
            sb.append(desc(kind(v)));
        }
        sb.append("L").append(CTX).append(";L").append(INST).append(";I)");
        sb.append(directResult(t) ? desc(kind(t.results().get(0))) : "V");
        return sb.toString();
    }

    /** JVM local-variable slots of a value kind (a v128 is two longs). */
    static int jvmSlots(char k) {
        return k == 'V' ? 4 : k == 'J' ? 2 : 1;
    }

    /** {@code long[]} frame slots of a value kind (VALUES.md: a v128 takes two). */
    static int frameSlots(char k) {
        return k == 'V' ? 2 : 1;
    }

    /** Whether f<i> returns its result as the JVM return value; otherwise results go to ctx.hostS/hostR. */
    static boolean directResult(FuncType t) {
        return t.results().size() == 1 && kind(t.results().get(0)) != 'V';
    }

    static char[] kinds(List<ValType> ts) {
        char[] k = new char[ts.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = kind(ts.get(i));
        }
        return k;
    }

    // ------------------------------------------------------------------ helpers

    void push(char k) {
        if (sp == stack.length) {
            stack = java.util.Arrays.copyOf(stack, sp * 2);
        }
        stack[sp++] = k;
    }

    char pop() {
        return stack[--sp];
    }

    int temp(char k) {
        int t = k == 'I' ? 0 : k == 'J' ? 1 : k == 'V' ? 3 : 2;
        int i = tempUsed[t]++;
        if (i == tempCount[t]) {
            if (i == tempPool[t].length) {
                tempPool[t] = java.util.Arrays.copyOf(tempPool[t], i * 2);
            }
            tempPool[t][i] = nextSlot;
            nextSlot += jvmSlots(k);
            tempCount[t]++;
        }
        return tempPool[t][i];
    }

    void load(char k, int slot) {
        if (k == 'V') {
            mv.visitVarInsn(LLOAD, slot);
            mv.visitVarInsn(LLOAD, slot + 2);
            return;
        }
        mv.visitVarInsn(k == 'I' ? ILOAD : k == 'J' ? LLOAD : ALOAD, slot);
    }

    void store(char k, int slot) {
        if (k == 'V') {
            mv.visitVarInsn(LSTORE, slot + 2);
            mv.visitVarInsn(LSTORE, slot);
            return;
        }
        mv.visitVarInsn(k == 'I' ? ISTORE : k == 'J' ? LSTORE : ASTORE, slot);
    }

    void popValue(char k) {
        if (k == 'V') {
            mv.visitInsn(POP2);
        }
        mv.visitInsn(k == 'J' || k == 'V' ? POP2 : POP);
    }

    void iconst(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void lconst(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(v == 0 ? LCONST_0 : LCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    void rt(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, RT, name, desc, false);
    }

    /** Pops n values of the given kinds into temps; returns their slots (bottom first). */
    int[] spill(char[] ks, int n) {
        int[] slots = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            slots[i] = temp(ks[i]);
            store(ks[i], slots[i]);
        }
        return slots;
    }

    // ------------------------------------------------------------------ method

    void emit(ClassWriter cw) {
        FuncType type = m.functionType(fi);
        FunctionBody body = m.code().get(fi - m.importedFunctionCount());
        mv = new CompareFusion(cw.visitMethod(ACC_STATIC | ACC_PUBLIC, "f" + fi, methodDesc(type), null, null));
        mv.visitCode();
        int nParams = type.params().size();
        int nLocals = (int) (nParams + body.localCount());
        localSlot = new int[nLocals];
        localKind = new char[nLocals];
        int slot = 0;
        for (int i = 0; i < nParams; i++) {
            localKind[i] = kind(type.params().get(i));
            localSlot[i] = slot;
            slot += jvmSlots(localKind[i]);
        }
        ctxSlot = slot++;
        instSlot = slot++;
        depthSlot = slot++;
        // Call depth (spec: implementation limit): trap like the interpreter.
        Label ok = new Label();
        mv.visitVarInsn(ILOAD, depthSlot);
        mv.visitVarInsn(ALOAD, ctxSlot);
        mv.visitFieldInsn(GETFIELD, CTX, "maxDepth", "I");
        mv.visitJumpInsn(IF_ICMPLE, ok);
        rt("stackExhausted", "()Ldev/weir/Trap;");
        mv.visitInsn(ATHROW);
        mv.visitLabel(ok);
        ce.prologue();
        int li = nParams;
        for (Local l : body.locals()) {
            char k = kind(l.type());
            for (int c = 0; c < l.count(); c++) {
                localKind[li] = k;
                localSlot[li] = slot;
                if (k == 'I') {
                    mv.visitInsn(ICONST_0);
                } else if (k == 'J') {
                    mv.visitInsn(LCONST_0);
                } else if (k == 'V') {
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCONST_0);
                } else {
                    mv.visitInsn(ACONST_NULL);
                }
                store(k, slot);
                slot += jvmSlots(k);
                li++;
            }
        }
        memoryAccesses = ControlScan.memoryAccesses(m, fi);
        nextSlot = loadMemories(slot);
        ce.bodyStarted();

        Ctl f = new Ctl();
        f.kind = K_FUNC;
        f.label = new Label();
        f.params = new char[0];
        f.results = kinds(type.results());
        funcResults = f.results;
        f.height = 0;
        ctl.add(f);

        InstructionReader r = body.code().reader();
        this.cw = cw;
        regions = Regions.plan(body);
        expr = body.code();
        splitRuns = RUNS && body.code().length() > Regions.LIMIT;
        lineNumbers = body.code().length() < 0xFFFF;
        body(r);
        ce.finish();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * Emits instructions until the outermost open block (the function, or a region's root) ends;
     * in a run, until it stops (see {@link #run}).
     */
    void body(InstructionReader r) {
        int skip = -1;
        while (r.hasNext()) {
            if (ctl.isEmpty() && (!run || (sp == 0 && ownBytes >= Regions.LIMIT))) {
                break;
            }
            int at = r.position();
            Opcode op = r.next();
            int code = op.code();
            if (skip >= 0) {
                if (code == 0x02 || code == 0x03 || code == 0x04 || code == 0x06 || code == 0x1F) {
                    skip++;
                    continue;
                }
                if (code == 0x0B || code == 0x18) { // end, delegate
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                } else if (code == 0x05 || code == 0x07 || code == 0x19) { // else, catch, catch_all
                    if (skip > 0) {
                        continue;
                    }
                } else {
                    continue;
                }
                skip = -1;
            }
            if (run && ctl.isEmpty() && RegionEmitter.endsRun(this, r, at, code)) {
                r.seek(at); // the enclosing method emits it
                break;
            }
            resetTemps();
            this.at = at;
            if (regions != null && regions.outlined(at)) {
                RegionEmitter.call(this, cw, at, r, code); // consumes the block through its end
                ownBytes += RegionEmitter.CALL_BYTES;
                ce.afterInstruction(0x0B);
                continue;
            }
            if (splitRuns && ownBytes >= Regions.LIMIT && RegionEmitter.mayStartRun(this, r, at, code)) {
                int ran = RegionEmitter.run(this, cw, r, at);
                if (ran >= 0) {
                    ownBytes += RegionEmitter.CALL_BYTES;
                    if (ran == 1) {
                        skip = 0;
                    }
                    continue;
                }
            }
            ownBytes += r.position() - at;
            if (lineNumbers && ControlScan.mayTrap(code)) {
                // line = code index + 1: how a trap finds the instruction (dev.weir.internal.rt.CompiledFrames)
                Label line = new Label();
                mv.visitLabel(line);
                mv.visitLineNumber(at + 1, line);
            }
            if (instruction(r, code)) {
                if (run && ctl.isEmpty()) {
                    endedUnreachable = true;
                    ce.afterInstruction(code);
                    break;
                }
                skip = 0;
            }
            ce.afterInstruction(code);
        }
    }

    /** The method name of the next part of this function ({@link RegionEmitter}). */
    String partName() {
        return "f" + fi + "$" + names[0]++;
    }

    void resetTemps() {
        tempUsed[0] = 0;
        tempUsed[1] = 0;
        tempUsed[2] = 0;
        tempUsed[3] = 0;
    }

    /** Loads {@code inst.memories[i]} into locals from {@code slot} on; returns the next free slot. */
    int loadMemories(int slot) {
        memSlot = new int[m.memoryCount()];
        if (memoryAccesses < 0) {
            // Nothing to load: in a small function called in a hot loop or recursion (fib2) the
            // bounds-checked inst.memories[i] load would be paid on every call.
            return slot;
        }
        for (int i = 0; i < memSlot.length; i++) {
            memSlot[i] = slot++;
            mv.visitVarInsn(ALOAD, instSlot);
            mv.visitFieldInsn(GETFIELD, INST, "memories", "[L" + MEM + ";");
            iconst(i);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ASTORE, memSlot[i]);
        }
        return slot;
    }

    /** JVM slot of parameter {@code i}. */
    int paramSlot(int i) {
        return localSlot[i];
    }

    Ctl top() {
        return ctl.get(ctl.size() - 1);
    }

    char[] blockParams(InstructionReader r) {
        return r.blockTypeIndex() >= 0 ? kinds(types.funcType(r.blockTypeIndex()).params()) : new char[0];
    }

    char[] blockResults(InstructionReader r) {
        if (r.blockTypeIndex() >= 0) {
            return kinds(types.funcType(r.blockTypeIndex()).results());
        }
        return r.blockResult() == null ? new char[0] : new char[] {kind(r.blockResult())};
    }

    /** Emits a branch to the label {@code depth} frames out; the type stack is left unchanged. */
    void branch(int depth) {
        int ti = ctl.size() - 1 - depth;
        if (ti < 0) { // out of this region method: to the enclosing function's label -ti-1 out
            RegionEmitter.exit(this, -ti - 1);
            return;
        }
        Ctl t = ctl.get(ti);
        if (t.kind == K_FUNC) {
            emitReturn();
            return;
        }
        char[] vals = t.labelTypes();
        int n = vals.length;
        int extra = sp - n - t.height;
        if (extra > 0) {
            int[] saved = spill(vals, n);
            for (int i = sp - n - 1; i >= t.height; i--) {
                popValue(stack[i]);
            }
            for (int i = 0; i < n; i++) {
                load(vals[i], saved[i]);
            }
        }
        mv.visitJumpInsn(GOTO, t.label);
    }

    void emitReturn() {
        if (outerLabels != null) { // a region: the function's label is the outermost
            RegionEmitter.exit(this, outerLabels.length - 1);
            return;
        }
        char[] res = funcResults;
        if (res.length == 0) {
            mv.visitInsn(RETURN);
        } else if (res.length == 1 && res[0] != 'V') {
            char k = res[0];
            mv.visitInsn(k == 'I' ? IRETURN : k == 'J' ? LRETURN : ARETURN);
        } else { // several results or a v128: to ctx.hostS/hostR[hostBase ..]
            int[] saved = spill(res, res.length);
            int s = temp('A');
            int rr = temp('A');
            int b = temp('I');
            loadHostFrame(s, rr, b);
            for (int i = 0, off = 0; i < res.length; off += frameSlots(res[i]), i++) {
                storeSlot(res[i], saved[i], s, rr, b, off);
            }
            mv.visitInsn(RETURN);
        }
    }

    /** Pushes results written by a multi-value callee at {@code s/r[base ..]} (see {@link CallEmitter}). */
    void loadResults(char[] res, int sSlot, int rSlot, int baseSlot) {
        CallEmitter.loadResults(this, res, sSlot, rSlot, baseSlot);
    }

    /** Pushes the value of kind k at {@code s/r[base + off]} (see {@link CallEmitter}). */
    void loadSlot(char k, int sSlot, int rSlot, int baseSlot, int off) {
        CallEmitter.loadSlot(this, k, sSlot, rSlot, baseSlot, off);
    }

    /** Writes the value of kind k held in temp {@code v} to {@code s/r[base + off]} (see {@link CallEmitter}). */
    void storeSlot(char k, int v, int sSlot, int rSlot, int baseSlot, int off) {
        CallEmitter.storeSlot(this, k, v, sSlot, rSlot, baseSlot, off);
    }

    void loadHostFrame(int sSlot, int rSlot, int baseSlot) {
        CallEmitter.loadHostFrame(this, sSlot, rSlot, baseSlot);
    }

    /** A call through {@code FunctionInstance.call} or a compiled callee's handle (see {@link CallEmitter}). */
    void callOut(FuncType t, int fSlot, int j) {
        CallEmitter.callOut(this, t, fSlot, j);
    }

    /** Turns the address on the stack into {@code [Memory, long ea]} (see {@link MemoryEmitter}). */
    void ea(int memIndex, long offset) {
        MemoryEmitter.ea(this, memIndex, offset);
    }

    void memCall(String name, String desc) {
        MemoryEmitter.memCall(this, name, desc);
    }

    void loadTable(int i) {
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitFieldInsn(GETFIELD, INST, "tables", "[L" + TABLE + ";");
        iconst(i);
        mv.visitInsn(AALOAD);
    }

    /** Emits one instruction; returns true when the code after it is unreachable. */
    boolean instruction(InstructionReader r, int code) {
        if (LeafEmitter.emit(this, r, code)) { // GC, atomics, memory64/table64, wide arithmetic (leaf)
            return false;
        }
        switch (code) {
            case 0x00:
                rt("unreachable", "()Ldev/weir/Trap;");
                mv.visitInsn(ATHROW);
                return true;
            case 0x01:
                return false;
            case 0x02: case 0x03: case 0x04: {
                Ctl c = new Ctl();
                c.kind = code == 0x02 ? K_BLOCK : code == 0x03 ? K_LOOP : K_IF;
                c.start = at;
                c.params = blockParams(r);
                c.results = blockResults(r);
                c.label = new Label();
                if (code == 0x04) {
                    pop();
                    c.elseLabel = new Label();
                    mv.visitJumpInsn(IFEQ, c.elseLabel);
                }
                c.height = sp - c.params.length;
                if (code == 0x03) {
                    mv.visitLabel(c.label);
                    // Interrupt check at every loop header, so Store.interrupt() stops (loop (br 0)).
                    ControlEmitter.interruptPoll(this);
                }
                ctl.add(c);
                return false;
            }
            case 0x05: { // else: reached from the end of the then-branch (if reachable) or skipping
                Ctl c = top();
                mv.visitJumpInsn(GOTO, c.label);
                mv.visitLabel(c.elseLabel);
                c.elseSeen = true;
                sp = c.height;
                for (char k : c.params) {
                    push(k);
                }
                return false;
            }
            case 0x06: case 0x07: case 0x08: case 0x09: case 0x0A: case 0x12: case 0x13: case 0x15:
            case 0x18: case 0x19: case 0x1F:
                return ce.instruction(r, code);
            case 0x0B: {
                if (top().kind == K_TRY) {
                    return ce.end();
                }
                Ctl c = ctl.remove(ctl.size() - 1);
                if (c.kind == K_FUNC) {
                    emitReturn();
                    return false;
                }
                if (c.kind == K_IF && !c.elseSeen) {
                    mv.visitJumpInsn(GOTO, c.label);
                    mv.visitLabel(c.elseLabel); // params == results here (validation)
                }
                if (c.kind != K_LOOP) {
                    mv.visitLabel(c.label);
                }
                sp = c.height;
                for (char k : c.results) {
                    push(k);
                }
                return false;
            }
            case 0x0C:
                branch(r.index());
                return true;
            case 0x0D: {
                pop();
                Label no = new Label();
                mv.visitJumpInsn(IFEQ, no);
                branch(r.index());
                mv.visitLabel(no);
                return false;
            }
            case 0x0E: {
                pop();
                int n = r.tableSize();
                Label[] stubs = new Label[n];
                int[] depths = new int[n];
                for (int i = 0; i < n; i++) {
                    stubs[i] = new Label();
                    depths[i] = r.tableLabel(i);
                }
                Label dflt = new Label();
                int dd = r.defaultLabel();
                if (n == 0) {
                    mv.visitInsn(POP);
                    branch(dd);
                    return true;
                }
                mv.visitTableSwitchInsn(0, n - 1, dflt, stubs);
                for (int i = 0; i < n; i++) {
                    mv.visitLabel(stubs[i]);
                    branch(depths[i]);
                }
                mv.visitLabel(dflt);
                branch(dd);
                return true;
            }
            case 0x0F:
                emitReturn();
                return true;
            case 0x10: case 0x11: case 0x14:
                CallEmitter.emit(this, r, code);
                return false;
            case 0x1A:
                popValue(pop());
                return false;
            case 0x1B: case 0x1C: {
                pop(); // condition
                char k = pop();
                pop();
                int c = temp('I');
                mv.visitVarInsn(ISTORE, c);
                int b = temp(k);
                store(k, b);
                int a = temp(k);
                store(k, a);
                Label useB = new Label();
                Label end = new Label();
                mv.visitVarInsn(ILOAD, c);
                mv.visitJumpInsn(IFEQ, useB);
                load(k, a);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(useB);
                load(k, b);
                mv.visitLabel(end);
                push(k);
                return false;
            }
            case 0x20: case 0x21: case 0x22: case 0x23: case 0x24: case 0x25: case 0x26:
                VariableEmitter.emit(this, r, code);
                return false;
            case 0x3F: case 0x40:
                MemoryEmitter.sizeOrGrow(this, r, code);
                return false;
            case 0x41:
                iconst(r.i32());
                push('I');
                return false;
            case 0x42:
                lconst(r.i64());
                push('J');
                return false;
            case 0x43:
                iconst(r.f32Bits());
                push('I');
                return false;
            case 0x44:
                lconst(r.f64Bits());
                push('J');
                return false;
            case 0xD0:
                mv.visitInsn(ACONST_NULL);
                push('A');
                return false;
            case 0xD1: {
                pop();
                Label nul = new Label();
                Label end = new Label();
                mv.visitJumpInsn(IFNULL, nul);
                mv.visitInsn(ICONST_0);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(nul);
                mv.visitInsn(ICONST_1);
                mv.visitLabel(end);
                push('I');
                return false;
            }
            case 0xD2:
                mv.visitVarInsn(ALOAD, instSlot);
                mv.visitFieldInsn(GETFIELD, INST, "functions", "[L" + FI + ";");
                iconst(r.index());
                mv.visitInsn(AALOAD);
                push('A');
                return false;
            case 0xD4:
                rt("nonNull", "(Ljava/lang/Object;)Ljava/lang/Object;");
                return false;
            case 0xD5: { // br_on_null: branch (dropping the null) or keep the non-null reference
                Label no = new Label();
                mv.visitInsn(DUP);
                mv.visitJumpInsn(IFNONNULL, no);
                mv.visitInsn(POP);
                pop();
                branch(r.index());
                push('A');
                mv.visitLabel(no);
                return false;
            }
            case 0xD6: { // br_on_non_null: branch with the reference, or drop the null
                Label no = new Label();
                mv.visitInsn(DUP);
                mv.visitJumpInsn(IFNULL, no);
                branch(r.index());
                mv.visitLabel(no);
                mv.visitInsn(POP);
                pop();
                return false;
            }
            default:
                break;
        }
        if (code >= 0x28 && code <= 0x3E) {
            MemoryEmitter.loadStore(this, r, code);
            return false;
        }
        if (code >= 0x45 && code <= 0xC4) {
            Numeric.emit(mv, code, this::numericStack);
            return false;
        }
        if ((code >>> 16) == 0xFD) {
            new SimdEmitter(this).emit(r, code & 0xFFFF);
            return false;
        }
        if ((code >>> 16) == 0xFC) {
            int sub = code & 0xFFFF;
            if (sub <= 7) {
                Numeric.emitSat(mv, sub, this::numericStack);
                return false;
            }
            MemoryEmitter.bulk(this, r, sub);
            return false;
        }
        throw new IllegalStateException("weir internal error: uncompilable instruction " + Integer.toHexString(code));
    }

    /** Type-stack effect of a numeric instruction: pops n values, pushes k (or nothing when k == 0). */
    private void numericStack(int pops, char result) {
        sp -= pops;
        if (result != 0) {
            push(result);
        }
    }
}
