package dev.weir.compiler.internal;

import static dev.weir.compiler.internal.FunctionEmitter.GLOBAL;
import static dev.weir.compiler.internal.FunctionEmitter.INST;
import static dev.weir.compiler.internal.FunctionEmitter.TABLE;
import static org.objectweb.asm.Opcodes.*;

import dev.weir.wasm.InstructionReader;
import org.objectweb.asm.MethodVisitor;

/**
 * Variable instructions for {@link FunctionEmitter} (0x20-0x26): {@code local.get/set/tee} on JVM
 * locals, {@code global.get/set} on {@code GlobalInstance} ({@code value} holds i32/f32 bits
 * zero-padded and i64/f64 bits, {@code ref} references; v128 in {@link SimdEmitter}), and
 * {@code table.get/set} of 32-bit tables (64-bit ones go to {@link LeafEmitter} first). Split out
 * of FunctionEmitter unchanged: the bytecode emitted is the same.
 */
final class VariableEmitter {
    private VariableEmitter() {
    }

    /** Emits {@code code}, one of 0x20-0x26; none of them ends a block. */
    static void emit(FunctionEmitter e, InstructionReader r, int code) {
        MethodVisitor mv = e.mv;
        if (code <= 0x22 && e.regionFrame != null) { // a region method passes the locals it touches
            e.regionFrame.touch(r.index(), code != 0x20);
        }
        switch (code) {
            case 0x20: {
                int i = r.index();
                e.load(e.localKind[i], e.localSlot[i]);
                e.push(e.localKind[i]);
                return;
            }
            case 0x21: {
                int i = r.index();
                e.store(e.localKind[i], e.localSlot[i]);
                e.pop();
                return;
            }
            case 0x22: {
                int i = r.index();
                if (e.localKind[i] == 'V') { // no JVM dup of two longs: store, then reload
                    e.store('V', e.localSlot[i]);
                    e.load('V', e.localSlot[i]);
                    return;
                }
                mv.visitInsn(e.localKind[i] == 'J' ? DUP2 : DUP);
                e.store(e.localKind[i], e.localSlot[i]);
                return;
            }
            case 0x23: {
                char k = FunctionEmitter.kind(e.m.globalType(r.index()).type());
                loadGlobal(e, r.index());
                if (k == 'V') {
                    SimdEmitter.getGlobal(mv);
                } else if (k == 'A') {
                    mv.visitFieldInsn(GETFIELD, GLOBAL, "ref", "Ljava/lang/Object;");
                } else {
                    mv.visitFieldInsn(GETFIELD, GLOBAL, "value", "J");
                    if (k == 'I') {
                        mv.visitInsn(L2I);
                    }
                }
                e.push(k);
                return;
            }
            case 0x24: {
                char k = e.pop();
                if (k == 'V') {
                    int t = e.temp('V');
                    e.store('V', t);
                    loadGlobal(e, r.index());
                    SimdEmitter.setGlobal(mv, t);
                    return;
                }
                if (k == 'I') {
                    mv.visitInsn(I2L);
                }
                char sk = k == 'A' ? 'A' : 'J';
                int t = e.temp(sk);
                e.store(sk, t);
                loadGlobal(e, r.index());
                e.load(sk, t);
                if (k == 'A') {
                    mv.visitFieldInsn(PUTFIELD, GLOBAL, "ref", "Ljava/lang/Object;");
                } else {
                    mv.visitFieldInsn(PUTFIELD, GLOBAL, "value", "J");
                }
                return;
            }
            case 0x25:
                e.pop();
                e.loadTable(r.index());
                e.rt("tableGet", "(IL" + TABLE + ";)Ljava/lang/Object;");
                e.push('A');
                return;
            default: // 0x26 table.set
                e.pop();
                e.pop();
                e.loadTable(r.index());
                e.rt("tableSet", "(ILjava/lang/Object;L" + TABLE + ";)V");
                return;
        }
    }

    private static void loadGlobal(FunctionEmitter e, int i) {
        MethodVisitor mv = e.mv;
        mv.visitVarInsn(ALOAD, e.instSlot);
        mv.visitFieldInsn(GETFIELD, INST, "globals", "[L" + GLOBAL + ";");
        e.iconst(i);
        mv.visitInsn(AALOAD);
    }
}
