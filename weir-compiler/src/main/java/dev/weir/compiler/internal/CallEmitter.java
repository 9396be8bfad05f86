package dev.weir.compiler.internal;

import static dev.weir.compiler.internal.FunctionEmitter.COMPILED;
import static dev.weir.compiler.internal.FunctionEmitter.CTX;
import static dev.weir.compiler.internal.FunctionEmitter.FI;
import static dev.weir.compiler.internal.FunctionEmitter.INST;
import static dev.weir.compiler.internal.FunctionEmitter.directResult;
import static dev.weir.compiler.internal.FunctionEmitter.frameSlots;
import static dev.weir.compiler.internal.FunctionEmitter.kinds;
import static dev.weir.compiler.internal.FunctionEmitter.methodDesc;
import static org.objectweb.asm.Opcodes.*;

import dev.weir.wasm.FuncType;
import dev.weir.wasm.InstructionReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Calls for {@link FunctionEmitter}: {@code call}, {@code call_indirect}, {@code call_ref}, and the
 * multi-value frame at {@code ctx.hostS/hostR[hostBase ..]} through which several results (or a
 * v128) and the arguments of calls out of this class travel (VALUES.md: a v128 takes two slots).
 * Tail calls are in {@link ControlEmitter}. Split out of FunctionEmitter unchanged: the bytecode
 * emitted is the same.
 */
final class CallEmitter {
    /** Bootstrap of the inline-cached calls to compiled functions ({@link CallSites}). */
    private static final Handle CALL_BSM = new Handle(H_INVOKESTATIC, "dev/weir/compiler/internal/CallSites",
            "bootstrap", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;)"
            + "Ljava/lang/invoke/CallSite;", false);

    private CallEmitter() {
    }

    /** {@code call} (0x10), {@code call_indirect} (0x11), {@code call_ref} (0x14); never ends a block. */
    static void emit(FunctionEmitter e, InstructionReader r, int code) {
        MethodVisitor mv = e.mv;
        switch (code) {
            case 0x10: {
                int j = r.index();
                if (e.local[j]) {
                    callLocal(e, j);
                } else {
                    callOut(e, e.m.functionType(j), -1, j);
                }
                return;
            }
            case 0x11: {
                e.pop();
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                e.iconst(r.index2());
                e.rt("indirect", "(IL" + INST + ";II)L" + FI + ";");
                int f = e.temp('A');
                mv.visitVarInsn(ASTORE, f);
                callOut(e, e.types.funcType(r.index()), f, -1);
                return;
            }
            default: { // 0x14 call_ref
                e.pop();
                e.rt("funcRef", "(Ljava/lang/Object;)L" + FI + ";");
                int f = e.temp('A');
                mv.visitVarInsn(ASTORE, f);
                callOut(e, e.types.funcType(r.index()), f, -1);
                return;
            }
        }
    }

    /** Pushes results written by a multi-value callee at {@code s/r[base ..]}; a/b are the array and base. */
    static void loadResults(FunctionEmitter e, char[] res, int sSlot, int rSlot, int baseSlot) {
        loadResultValues(e, res, sSlot, rSlot, baseSlot);
        for (char k : res) {
            e.push(k);
        }
    }

    /** Loads results from a frame onto the JVM stack without recording them on the kind stack. */
    private static void loadResultValues(FunctionEmitter e, char[] res, int sSlot, int rSlot, int baseSlot) {
        for (int i = 0, off = 0; i < res.length; off += frameSlots(res[i]), i++) {
            loadSlot(e, res[i], sSlot, rSlot, baseSlot, off);
        }
    }

    /** Pushes the value of kind k at {@code s/r[base + off]} (a v128 from two slots, VALUES.md). */
    static void loadSlot(FunctionEmitter e, char k, int sSlot, int rSlot, int baseSlot, int off) {
        MethodVisitor mv = e.mv;
        for (int h = 0; h < frameSlots(k); h++) {
            mv.visitVarInsn(ALOAD, k == 'A' ? rSlot : sSlot);
            mv.visitVarInsn(ILOAD, baseSlot);
            e.iconst(off + h);
            mv.visitInsn(IADD);
            if (k == 'A') {
                mv.visitInsn(AALOAD);
            } else {
                mv.visitInsn(LALOAD);
                if (k == 'I') {
                    mv.visitInsn(L2I);
                }
            }
        }
    }

    /** Writes the value of kind k held in temp {@code v} to {@code s/r[base + off]} (a v128 to two slots). */
    static void storeSlot(FunctionEmitter e, char k, int v, int sSlot, int rSlot, int baseSlot, int off) {
        MethodVisitor mv = e.mv;
        for (int h = 0; h < frameSlots(k); h++) {
            mv.visitVarInsn(ALOAD, k == 'A' ? rSlot : sSlot);
            mv.visitVarInsn(ILOAD, baseSlot);
            e.iconst(off + h);
            mv.visitInsn(IADD);
            if (k == 'V') {
                mv.visitVarInsn(LLOAD, v + 2 * h);
            } else {
                e.load(k, v);
            }
            if (k == 'I') {
                mv.visitInsn(I2L);
            }
            mv.visitInsn(k == 'A' ? AASTORE : LASTORE);
        }
    }

    /** Loads {@code ctx.hostS}, {@code ctx.hostR} and {@code ctx.hostBase} into the given temps. */
    static void loadHostFrame(FunctionEmitter e, int sSlot, int rSlot, int baseSlot) {
        MethodVisitor mv = e.mv;
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitFieldInsn(GETFIELD, CTX, "hostS", "[J");
        mv.visitVarInsn(ASTORE, sSlot);
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitFieldInsn(GETFIELD, CTX, "hostR", "[Ljava/lang/Object;");
        mv.visitVarInsn(ASTORE, rSlot);
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitFieldInsn(GETFIELD, CTX, "hostBase", "I");
        mv.visitVarInsn(ISTORE, baseSlot);
    }

    /** A direct call to a function compiled in this class. Arguments are on the stack. */
    static void callLocal(FunctionEmitter e, int j) {
        MethodVisitor mv = e.mv;
        FuncType t = e.m.functionType(j);
        e.sp -= t.params().size();
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitVarInsn(ALOAD, e.instSlot);
        mv.visitVarInsn(ILOAD, e.depthSlot);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitMethodInsn(INVOKESTATIC, e.className, "f" + j, methodDesc(t), false);
        e.ce.afterLocalCall(j, t);
        char[] res = kinds(t.results());
        if (directResult(t)) {
            e.push(res[0]);
        } else if (res.length > 0) {
            int s = e.temp('A');
            int rr = e.temp('A');
            int b = e.temp('I');
            loadHostFrame(e, s, rr, b);
            loadResults(e, res, s, rr, b);
        }
    }

    /**
     * A call through {@code FunctionInstance.call}: arguments go to the free frame at
     * {@code ctx.hostS/hostR[hostBase ..]} (above every live interpreter frame), results come back there.
     * {@code fSlot} holds the callee, or -1 to load {@code inst.functions[j]}.
     */
    static void callOut(FunctionEmitter e, FuncType t, int fSlot, int j) {
        MethodVisitor mv = e.mv;
        char[] ps = kinds(t.params());
        int[] args = e.spill(ps, ps.length);
        e.sp -= ps.length;
        if (fSlot < 0) {
            fSlot = e.temp('A');
            mv.visitVarInsn(ALOAD, e.instSlot);
            mv.visitFieldInsn(GETFIELD, INST, "functions", "[L" + FI + ";");
            e.iconst(j);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ASTORE, fSlot);
        }
        char[] res = kinds(t.results());
        int s = e.temp('A');
        int rr = e.temp('A');
        int b = e.temp('I');
        Label slow = new Label();
        Label done = new Label();
        // A compiled callee (another class, another instance, a table entry) is entered through its
        // typed entry point like a local call: arguments stay on the JVM stack, no frame copy, no
        // bridge. The invokedynamic site caches the entry points it meets (CallSites), so the JIT
        // can inline them instead of calling a non-constant MethodHandle.
        mv.visitVarInsn(ALOAD, fSlot);
        mv.visitTypeInsn(INSTANCEOF, COMPILED);
        mv.visitJumpInsn(IFEQ, slow);
        for (int i = 0; i < ps.length; i++) {
            e.load(ps[i], args[i]);
        }
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitVarInsn(ALOAD, fSlot);
        mv.visitTypeInsn(CHECKCAST, COMPILED);
        mv.visitVarInsn(ILOAD, e.depthSlot);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IADD);
        mv.visitInvokeDynamicInsn("call", CallSites.siteDesc(methodDesc(t)), CALL_BSM);
        e.ce.afterCall(t); // the callee may belong to a module with tail calls: always check
        if (!directResult(t) && res.length > 0) {
            loadHostFrame(e, s, rr, b);
            loadResultValues(e, res, s, rr, b);
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(slow);
        loadHostFrame(e, s, rr, b);
        for (int i = 0, off = 0; i < ps.length; off += frameSlots(ps[i]), i++) {
            storeSlot(e, ps[i], args[i], s, rr, b, off);
        }
        mv.visitVarInsn(ALOAD, fSlot);
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitVarInsn(ALOAD, e.instSlot);
        mv.visitVarInsn(ILOAD, e.depthSlot);
        mv.visitVarInsn(ALOAD, s);
        mv.visitVarInsn(ALOAD, rr);
        mv.visitVarInsn(ILOAD, b);
        e.rt("callOut", "(L" + FI + ";L" + CTX + ";L" + INST + ";I[J[Ljava/lang/Object;I)V");
        loadResultValues(e, res, s, rr, b);
        mv.visitLabel(done);
        for (char k : res) {
            e.push(k);
        }
    }
}
