package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weir.compiler.internal.FunctionEmitter.Ctl;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.InstructionReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The control family of {@link FunctionEmitter}: tail calls, exception handling, the Wasm frame a
 * trap records while unwinding a compiled function, and fuel.
 *
 * <p><b>Tail calls</b> (spec 4.4.8 {@code return_call}): a call to the function itself stores the
 * arguments in the parameter slots and jumps to the start. Any other tail call parks the callee in
 * {@code ExecContext.tailCall} with its arguments in the free frame and returns a dummy value; the
 * caller's trampoline ({@code ExecContext.finishTailCalls}: in {@code CompiledFunction.call},
 * {@code InterpretedFunction.call}, or after a direct call to a function that may park) runs it.
 * The Java stack therefore stays constant across any chain of tail calls, in either engine.
 *
 * <p><b>Exceptions</b> are {@code ExceptionInstance}s (the interpreter's, so they cross engines and
 * host code) caught by JVM exception handlers. A JVM handler starts with an empty operand stack, so
 * the Wasm values below a {@code try_table}/{@code try} that a handler needs are copied to locals
 * when the block is entered and reloaded by the handler. Handler ranges are registered when the
 * protected body ends, so inner ranges come first in the exception table as the JVM requires.
 *
 * <p><b>Fuel</b> is charged exactly as the interpreter charges it: one charge per basic block
 * (function start, after loop, if, else, catch, catch_all, end, delegate) of the number of
 * instructions in the block, counted beforehand by {@link ControlScan#fuelCounts}.
 */
final class ControlEmitter {
    static final String EXN = "dev/weir/internal/rt/ExceptionInstance";
    static final String TAG = "dev/weir/internal/rt/TagInstance";
    static final String TRAP = "dev/weir/Trap";

    /** Exception-handling state of one try_table or legacy try. */
    static final class Eh {
        boolean legacy;
        Label start;
        Label handler;
        /** Values below the block saved for the handlers (slots, bottom first). */
        int[] saved;
        /** Kinds of all values below the block: handler code rewrites the type stack, end restores it. */
        char[] outer;
        /** Legacy: the caught exception (for rethrow); try_table: scratch. */
        int exnSlot;
        /** Legacy: a catch clause was seen (the body's range is closed). */
        boolean inCatch;
        /** Legacy: where the next clause's tag test goes, or null after catch_all. */
        Label nextCheck;
        /** try_table clauses: kind (0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref), tag, target Ctl index. */
        int[] kinds;
        int[] tags;
        int[] targets;
    }

    private final FunctionEmitter fe;
    private Label bodyStart;
    private Label rangeStart;
    private int[] fuel;
    private int fuelNext;
    /** Rethrows [exception] outside every protected range (for delegate to the caller), or null. */
    private Label escape;

    ControlEmitter(FunctionEmitter fe) {
        this.fe = fe;
    }

    private MethodVisitor mv() {
        return fe.mv;
    }

    // ------------------------------------------------------------------ prologue, epilogue, fuel

    /** After the depth check: the target of self tail calls; checks the interrupt flag on every entry. */
    void prologue() {
        MethodVisitor mv = mv();
        bodyStart = new Label();
        mv.visitLabel(bodyStart);
        interruptPoll(fe);
        rangeStart = new Label();
        mv.visitLabel(rangeStart);
        if (fe.fuel) {
            fuel = ControlScan.fuelCounts(fe.m, fe.fi);
            fuelNext = 0;
        }
    }

    /** Bootstrap of the interrupt poll: {@code Interrupts.bootstrap}, a runtime method (no ASM at load time). */
    private static final Handle POLL_BSM = new Handle(H_INVOKESTATIC, "dev/weir/internal/rt/Interrupts", "bootstrap",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;",
            false);

    /**
     * The interrupt poll at function entry and loop headers: an {@code invokedynamic} on the global
     * switch of {@link dev.weir.internal.rt.Interrupts}, a constant {@code false} the JIT folds while
     * no store is interrupted (so loops stay counted loops); only when it is on is the store's own
     * flag read ({@code ctx.checkInterrupt()}, which traps "interrupted" and clears it).
     */
    static void interruptPoll(FunctionEmitter fe) {
        MethodVisitor mv = fe.mv;
        Label go = new Label();
        mv.visitInvokeDynamicInsn("interruptPending", "()Z", POLL_BSM);
        mv.visitJumpInsn(IFEQ, go);
        mv.visitVarInsn(ALOAD, fe.ctxSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, FunctionEmitter.CTX, "checkInterrupt", "()V", false);
        mv.visitLabel(go);
    }

    /** After locals are initialized: the first fuel block. */
    void bodyStarted() {
        chargeFuel();
    }

    /** Called after every emitted instruction: instructions that start a fuel block charge it. */
    void afterInstruction(int code) {
        if (fuel == null) {
            return;
        }
        switch (code) {
            case 0x03: case 0x04: case 0x05: case 0x07: case 0x19:
                chargeFuel();
                break;
            case 0x0B: case 0x18:
                if (!fe.ctl.isEmpty()) {
                    chargeFuel();
                }
                break;
            default:
                break;
        }
    }

    /** A region method continues the fuel plan of the method it was outlined from (RegionEmitter). */
    void inheritFuel(ControlEmitter from) {
        fuel = from.fuel;
        fuelNext = from.fuelNext;
    }

    /** After a region method: continue the plan where it stopped. */
    void resumeFuel(ControlEmitter from) {
        fuelNext = from.fuelNext;
    }

    private void chargeFuel() {
        if (fuel == null) {
            return;
        }
        if (fuelNext >= fuel.length) {
            throw new IllegalStateException("weir internal error: fuel plan out of step");
        }
        int n = fuel[fuelNext++];
        if (n > 0) {
            mv().visitVarInsn(ALOAD, fe.ctxSlot);
            mv().visitLdcInsn((long) n);
            mv().visitMethodInsn(INVOKEVIRTUAL, FunctionEmitter.CTX, "consumeFuel", "(J)V", false);
        }
    }

    /**
     * After the body: a handler over the whole body that adds this function's frame to a passing
     * {@code Trap}, as the interpreter does, so traps carry the same Wasm stack trace on both engines.
     */
    void finish() {
        if (fuel != null && fuelNext != fuel.length) {
            throw new IllegalStateException("weir internal error: fuel plan out of step");
        }
        MethodVisitor mv = mv();
        Label end = new Label();
        Label handler = new Label();
        if (escape != null) {
            mv.visitLabel(escape);
            mv.visitInsn(ATHROW);
        }
        mv.visitLabel(end);
        mv.visitLabel(handler);
        mv.visitVarInsn(ALOAD, fe.instSlot);
        fe.iconst(fe.fi);
        FunctionBody body = fe.m.code().get(fe.fi - fe.m.importedFunctionCount());
        fe.iconst(body.sourceOffset());
        fe.iconst(body.code().sourceOffset());
        fe.rt("trapFrame", "(L" + TRAP + ";L" + FunctionEmitter.INST + ";III)L" + TRAP + ";");
        mv.visitInsn(ATHROW);
        mv.visitTryCatchBlock(rangeStart, end, handler, TRAP);
    }

    // ------------------------------------------------------------------ instructions

    /** Emits a control instruction of this family; returns true when the code after it is unreachable. */
    boolean instruction(InstructionReader r, int code) {
        switch (code) {
            case 0x12: {
                int j = r.index();
                if (j == fe.fi) {
                    selfTailCall();
                } else {
                    tailCall(fe.m.functionType(j), -1, j);
                }
                return true;
            }
            case 0x13: {
                fe.pop();
                mv().visitVarInsn(ALOAD, fe.instSlot);
                fe.iconst(r.index());
                fe.iconst(r.index2());
                fe.rt("indirect", "(IL" + FunctionEmitter.INST + ";II)L" + FunctionEmitter.FI + ";");
                int f = fe.temp('A');
                mv().visitVarInsn(ASTORE, f);
                tailCall(fe.types.funcType(r.index()), f, -1);
                return true;
            }
            case 0x15: {
                fe.pop();
                fe.rt("funcRef", "(Ljava/lang/Object;)L" + FunctionEmitter.FI + ";");
                int f = fe.temp('A');
                mv().visitVarInsn(ASTORE, f);
                tailCall(fe.types.funcType(r.index()), f, -1);
                return true;
            }
            case 0x08:
                throwTag(r.index());
                return true;
            case 0x0A:
                fe.pop();
                fe.rt("throwRef", "(Ljava/lang/Object;)Ljava/lang/RuntimeException;");
                mv().visitInsn(ATHROW);
                return true;
            case 0x1F:
                tryTable(r);
                return false;
            case 0x06:
                legacyTry(r);
                return false;
            case 0x07: case 0x19:
                legacyCatch(code == 0x07 ? r.index() : -1);
                return false;
            case 0x09: {
                Ctl t = fe.ctl.get(fe.ctl.size() - 1 - r.index());
                loadExn(t.eh.exnSlot);
                mv().visitInsn(ATHROW);
                return true;
            }
            case 0x18:
                delegate(r.index());
                return false;
            default:
                throw new IllegalStateException("weir internal error: not a control instruction " + Integer.toHexString(code));
        }
    }

    // ------------------------------------------------------------------ tail calls

    private void selfTailCall() {
        MethodVisitor mv = mv();
        FuncType t = fe.m.functionType(fe.fi);
        int n = t.params().size();
        char[] ps = FunctionEmitter.kinds(t.params());
        int[] args = fe.spill(ps, n);
        fe.sp -= n;
        for (int i = fe.sp - 1; i >= 0; i--) {
            fe.popValue(fe.stack[i]);
        }
        for (int i = 0; i < n; i++) {
            fe.load(ps[i], args[i]);
            fe.store(ps[i], fe.paramSlot(i));
        }
        mv.visitJumpInsn(GOTO, bodyStart);
    }

    /** Parks the callee with its arguments in the free frame and returns (the result types match: validation). */
    private void tailCall(FuncType t, int fSlot, int j) {
        MethodVisitor mv = mv();
        char[] ps = FunctionEmitter.kinds(t.params());
        int[] args = fe.spill(ps, ps.length);
        fe.sp -= ps.length;
        int s = fe.temp('A');
        int rr = fe.temp('A');
        int b = fe.temp('I');
        fe.loadHostFrame(s, rr, b);
        for (int i = 0, off = 0; i < ps.length; off += FunctionEmitter.frameSlots(ps[i]), i++) {
            fe.storeSlot(ps[i], args[i], s, rr, b, off);
        }
        if (fSlot >= 0) {
            mv.visitVarInsn(ALOAD, fSlot);
        } else {
            mv.visitVarInsn(ALOAD, fe.instSlot);
            mv.visitFieldInsn(GETFIELD, FunctionEmitter.INST, "functions", "[L" + FunctionEmitter.FI + ";");
            fe.iconst(j);
            mv.visitInsn(AALOAD);
        }
        mv.visitVarInsn(ALOAD, fe.ctxSlot);
        mv.visitVarInsn(ALOAD, fe.instSlot);
        fe.rt("tailCall", "(L" + FunctionEmitter.FI + ";L" + FunctionEmitter.CTX + ";L" + FunctionEmitter.INST + ";)V");
        // Return a dummy: the caller sees ctx.tailCall set and runs the callee, whose arguments
        // are in the free frame (multi-value returns must not write there).
        if (FunctionEmitter.directResult(t)) {
            char k = FunctionEmitter.kind(t.results().get(0));
            if (k == 'I') {
                mv.visitInsn(ICONST_0);
                mv.visitInsn(IRETURN);
            } else if (k == 'J') {
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LRETURN);
            } else {
                mv.visitInsn(ACONST_NULL);
                mv.visitInsn(ARETURN);
            }
        } else {
            mv.visitInsn(RETURN);
        }
    }

    /**
     * After a direct call to function {@code j} of this class: if it may park a tail call, run the
     * trampoline when it did. The stack then holds the results as if the call had completed.
     */
    void afterLocalCall(int j, FuncType t) {
        if (fe.parks != null && fe.parks[j]) {
            afterCall(t);
        }
    }

    /** After a direct call to a callee that may have parked a tail call: runs the trampoline here. */
    void afterCall(FuncType t) {
        MethodVisitor mv = mv();
        char[] res = FunctionEmitter.kinds(t.results());
        Label done = new Label();
        mv.visitVarInsn(ALOAD, fe.ctxSlot);
        mv.visitFieldInsn(GETFIELD, FunctionEmitter.CTX, "tailCall", "L" + FunctionEmitter.FI + ";");
        mv.visitJumpInsn(IFNULL, done);
        boolean direct = FunctionEmitter.directResult(t);
        if (direct) {
            fe.popValue(res[0]);
        }
        mv.visitVarInsn(ALOAD, fe.ctxSlot);
        mv.visitVarInsn(ILOAD, fe.depthSlot);
        fe.rt("finishTail", "(L" + FunctionEmitter.CTX + ";I)V");
        if (direct) {
            char k = res[0];
            mv.visitVarInsn(ALOAD, fe.ctxSlot);
            mv.visitFieldInsn(GETFIELD, FunctionEmitter.CTX, k == 'A' ? "hostR" : "hostS", k == 'A' ? "[Ljava/lang/Object;" : "[J");
            mv.visitVarInsn(ALOAD, fe.ctxSlot);
            mv.visitFieldInsn(GETFIELD, FunctionEmitter.CTX, "hostBase", "I");
            if (k == 'A') {
                mv.visitInsn(AALOAD);
            } else {
                mv.visitInsn(LALOAD);
                if (k == 'I') {
                    mv.visitInsn(L2I);
                }
            }
        }
        mv.visitLabel(done);
    }

    // ------------------------------------------------------------------ exceptions

    private char[] tagParams(int tag) {
        return FunctionEmitter.kinds(fe.types.funcType(fe.m.tagType(tag).typeIndex()).params());
    }

    private void throwTag(int tag) {
        MethodVisitor mv = mv();
        char[] ps = tagParams(tag);
        int[] vals = fe.spill(ps, ps.length);
        fe.sp -= ps.length;
        mv.visitVarInsn(ALOAD, fe.instSlot);
        fe.iconst(tag);
        fe.rt("newException", "(L" + FunctionEmitter.INST + ";I)L" + EXN + ";");
        if (ps.length > 0) {
            int e = fe.temp('A');
            mv.visitVarInsn(ASTORE, e);
            int[] arrays = payloadArrays(e);
            for (int i = 0, off = 0; i < ps.length; off += FunctionEmitter.frameSlots(ps[i]), i++) {
                fe.storeSlot(ps[i], vals[i], arrays[0], arrays[1], arrays[2], off);
            }
            mv.visitVarInsn(ALOAD, e);
        }
        mv.visitInsn(ATHROW);
    }

    private int newSlot(char k) {
        int s = fe.nextSlot;
        fe.nextSlot += FunctionEmitter.jvmSlots(k);
        return s;
    }

    /** Temps holding the payload arrays of the exception in local {@code e} and a zero base: {values, refs, base}. */
    private int[] payloadArrays(int e) {
        MethodVisitor mv = mv();
        int[] a = {fe.temp('A'), fe.temp('A'), fe.temp('I')};
        loadExn(e);
        mv.visitFieldInsn(GETFIELD, EXN, "values", "[J");
        mv.visitVarInsn(ASTORE, a[0]);
        loadExn(e);
        mv.visitFieldInsn(GETFIELD, EXN, "refs", "[Ljava/lang/Object;");
        mv.visitVarInsn(ASTORE, a[1]);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, a[2]);
        return a;
    }

    /**
     * Opens a try_table or try: saves the {@code keep} values below the block's parameters to fresh
     * locals (leaving the stack as it was), marks the start of the protected range, pushes the Ctl.
     */
    private Ctl openTry(InstructionReader r, boolean legacy, int keep) {
        MethodVisitor mv = mv();
        Ctl c = new Ctl();
        c.kind = FunctionEmitter.K_TRY;
        c.params = fe.blockParams(r);
        c.results = fe.blockResults(r);
        c.label = new Label();
        c.height = fe.sp - c.params.length;
        Eh eh = new Eh();
        eh.legacy = legacy;
        eh.handler = new Label();
        eh.exnSlot = newSlot('A');
        keep = Math.min(keep, c.height);
        eh.saved = new int[keep];
        eh.outer = java.util.Arrays.copyOf(fe.stack, c.height);
        // Values above the kept ones go to temps for a moment, the kept ones to their own locals.
        int above = fe.sp - keep;
        char[] aboveKinds = java.util.Arrays.copyOfRange(fe.stack, keep, fe.sp);
        int[] tmp = fe.spill(aboveKinds, above);
        for (int i = keep - 1; i >= 0; i--) {
            eh.saved[i] = newSlot(fe.stack[i]);
            fe.store(fe.stack[i], eh.saved[i]);
        }
        for (int i = 0; i < keep; i++) {
            fe.load(fe.stack[i], eh.saved[i]);
        }
        for (int i = 0; i < above; i++) {
            fe.load(aboveKinds[i], tmp[i]);
        }
        eh.start = new Label();
        mv.visitLabel(eh.start);
        mv.visitInsn(NOP); // a protected range must not be empty
        c.eh = eh;
        return c;
    }

    private void tryTable(InstructionReader r) {
        int n = r.catchCount();
        int[] kinds = new int[n];
        int[] tags = new int[n];
        int[] targets = new int[n];
        int keep = 0;
        for (int i = 0; i < n; i++) {
            kinds[i] = r.catchKind(i);
            tags[i] = kinds[i] <= 1 ? r.catchTag(i) : -1;
            // Catch labels are resolved outside the try_table (spec 3.3.8.x, try_table).
            targets[i] = fe.ctl.size() - 1 - r.catchLabel(i);
            Ctl t = fe.ctl.get(targets[i]);
            if (t.kind != FunctionEmitter.K_FUNC) {
                keep = Math.max(keep, t.height);
            }
        }
        Ctl c = openTry(r, false, keep);
        c.eh.kinds = kinds;
        c.eh.tags = tags;
        c.eh.targets = targets;
        fe.ctl.add(c);
    }

    private void legacyTry(InstructionReader r) {
        Ctl c = openTry(r, true, Integer.MAX_VALUE);
        fe.ctl.add(c);
    }

    /** Closes the protected range of {@code c} (at the current position) and starts its handler: [e] -> exnSlot. */
    private void closeRange(Ctl c) {
        MethodVisitor mv = mv();
        mv.visitJumpInsn(GOTO, c.label);
        Label end = new Label();
        mv.visitLabel(end);
        mv.visitTryCatchBlock(c.eh.start, end, c.eh.handler, EXN);
        mv.visitLabel(c.eh.handler);
        mv.visitVarInsn(ASTORE, c.eh.exnSlot);
    }

    private void loadExn(int slot) {
        mv().visitVarInsn(ALOAD, slot);
        mv().visitTypeInsn(CHECKCAST, EXN);
    }

    /** Jumps to {@code next} unless the exception in {@code slot} has tag {@code tag} (tags match by identity). */
    private void testTag(int slot, int tag, Label next) {
        MethodVisitor mv = mv();
        loadExn(slot);
        mv.visitFieldInsn(GETFIELD, EXN, "tag", "L" + TAG + ";");
        mv.visitVarInsn(ALOAD, fe.instSlot);
        mv.visitFieldInsn(GETFIELD, FunctionEmitter.INST, "tags", "[L" + TAG + ";");
        fe.iconst(tag);
        mv.visitInsn(AALOAD);
        mv.visitJumpInsn(IF_ACMPNE, next);
    }

    /** Rebuilds the operand stack of a handler: the saved values up to {@code height}, then the payload. */
    private void reload(Ctl c, int height, int tag) {
        MethodVisitor mv = mv();
        System.arraycopy(c.eh.outer, 0, fe.stack, 0, c.eh.outer.length);
        fe.sp = height;
        for (int i = 0; i < height; i++) {
            fe.load(fe.stack[i], c.eh.saved[i]);
        }
        if (tag >= 0) {
            char[] ps = tagParams(tag);
            if (ps.length > 0) {
                int[] arrays = payloadArrays(c.eh.exnSlot);
                for (int i = 0, off = 0; i < ps.length; off += FunctionEmitter.frameSlots(ps[i]), i++) {
                    fe.loadSlot(ps[i], arrays[0], arrays[1], arrays[2], off);
                    fe.push(ps[i]);
                }
            }
        }
    }

    private void legacyCatch(int tag) {
        MethodVisitor mv = mv();
        Ctl c = fe.top();
        Eh eh = c.eh;
        if (!eh.inCatch) {
            closeRange(c);
            eh.inCatch = true;
        } else {
            mv.visitJumpInsn(GOTO, c.label);
            mv.visitLabel(eh.nextCheck);
        }
        if (tag >= 0) {
            eh.nextCheck = new Label();
            testTag(eh.exnSlot, tag, eh.nextCheck);
        } else {
            eh.nextCheck = null;
        }
        reload(c, c.height, tag);
    }

    /** {@code end} of a try_table or legacy try. */
    boolean end() {
        MethodVisitor mv = mv();
        Ctl c = fe.ctl.get(fe.ctl.size() - 1);
        Eh eh = c.eh;
        if (!eh.legacy) {
            closeRange(c);
            for (int i = 0; i < eh.kinds.length; i++) {
                Label next = new Label();
                if (eh.kinds[i] <= 1) {
                    testTag(eh.exnSlot, eh.tags[i], next);
                }
                Ctl t = fe.ctl.get(eh.targets[i]);
                reload(c, t.kind == FunctionEmitter.K_FUNC ? 0 : t.height, eh.kinds[i] <= 1 ? eh.tags[i] : -1);
                if (eh.kinds[i] == 1 || eh.kinds[i] == 3) {
                    loadExn(eh.exnSlot);
                    fe.push('A');
                }
                fe.branch(fe.ctl.size() - 1 - eh.targets[i]);
                mv.visitLabel(next);
            }
            loadExn(eh.exnSlot);
            mv.visitInsn(ATHROW);
        } else if (eh.inCatch) {
            mv.visitJumpInsn(GOTO, c.label);
            if (eh.nextCheck != null) { // no catch_all: not ours, on to the enclosing handlers
                mv.visitLabel(eh.nextCheck);
                loadExn(eh.exnSlot);
                mv.visitInsn(ATHROW);
            }
        }
        fe.ctl.remove(fe.ctl.size() - 1);
        mv.visitLabel(c.label);
        System.arraycopy(eh.outer, 0, fe.stack, 0, eh.outer.length);
        fe.sp = c.height;
        for (char k : c.results) {
            fe.push(k);
        }
        return false;
    }

    /**
     * {@code try ... delegate l}: exceptions from the body go to the handlers of the l-th enclosing
     * label (counted outside this try): the innermost try_table, or try still in its body, at or
     * outside it; to the caller if there is none (legacy exception handling, "delegate").
     */
    private void delegate(int depth) {
        MethodVisitor mv = mv();
        Ctl c = fe.top();
        closeRange(c);
        loadExn(c.eh.exnSlot);
        Label target = null;
        for (int i = fe.ctl.size() - 2 - depth; i >= 0; i--) {
            Ctl t = fe.ctl.get(i);
            if (t.kind == FunctionEmitter.K_TRY && !t.eh.inCatch) {
                target = t.eh.handler;
                break;
            }
        }
        if (target == null) {
            // To the caller: this code lies inside the ranges of the enclosing tries, so throw
            // from a block outside all of them.
            if (escape == null) {
                escape = new Label();
            }
            target = escape;
        }
        mv.visitJumpInsn(GOTO, target);
        fe.ctl.remove(fe.ctl.size() - 1);
        mv.visitLabel(c.label);
        fe.sp = c.height;
        for (char k : c.results) {
            fe.push(k);
        }
    }
}
