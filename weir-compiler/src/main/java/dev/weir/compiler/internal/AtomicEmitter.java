package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weir.wasm.InstructionReader;

/**
 * The atomic memory instructions (threads proposal, prefix 0xFE): loads, stores,
 * read-modify-writes, cmpxchg, {@code memory.atomic.wait32/64}, {@code memory.atomic.notify} and
 * {@code atomic.fence}. Each becomes one call to the matching {@code dev.weir.Memory} method on the
 * effective address, exactly like the interpreter ({@code MemoryOps.atomic}); {@link dev.weir.Memory}
 * checks bounds and alignment ("unaligned atomic") and provides the sequentially consistent
 * VarHandle accesses on shared memories. Narrow results are zero-extended (the threads proposal's
 * {@code _u} forms).
 */
final class AtomicEmitter {
    private static final String[] RMW = {"Add", "Sub", "And", "Or", "Xor", "Xchg"};

    private AtomicEmitter() {
    }

    static void emit(FunctionEmitter e, InstructionReader r, int sub) {
        if (sub == 0x03) {
            // atomic.fence: every atomic access below is already sequentially consistent (volatile
            // or CAS VarHandle modes), and plain accesses may be reordered around a fence anyway.
            return;
        }
        int mi = r.memory();
        long off = r.memOffset();
        switch (sub) {
            case 0x00: { // memory.atomic.notify: [addr count:i32] -> i32
                e.pop();
                e.pop();
                int c = e.temp('I');
                e.store('I', c);
                e.ea(mi, off);
                e.load('I', c);
                e.memCall("atomicNotify", "(JI)I");
                e.push('I');
                return;
            }
            case 0x01: case 0x02: { // memory.atomic.wait32/64: [addr expected timeout:i64] -> i32
                char k = sub == 0x01 ? 'I' : 'J';
                e.pop();
                e.pop();
                e.pop();
                int t = e.temp('J');
                e.store('J', t);
                int x = e.temp(k);
                e.store(k, x);
                e.ea(mi, off);
                e.load(k, x);
                e.load('J', t);
                e.memCall(sub == 0x01 ? "atomicWait32" : "atomicWait64", sub == 0x01 ? "(JIJ)I" : "(JJJ)I");
                e.push('I');
                return;
            }
            default:
                break;
        }
        if (sub >= 0x10 && sub <= 0x16) {
            load(e, sub, mi, off);
        } else if (sub >= 0x17 && sub <= 0x1D) {
            store(e, sub, mi, off);
        } else if (sub >= 0x1E && sub <= 0x47) {
            rmw(e, (sub - 0x1E) / 7, (sub - 0x1E) % 7, mi, off);
        } else if (sub >= 0x48 && sub <= 0x4E) {
            cmpxchg(e, sub - 0x48, mi, off);
        } else {
            throw new IllegalStateException("weir internal error: unknown atomic instruction 0xfe " + sub);
        }
    }

    /** 0x10 i32.atomic.load .. 0x16 i64.atomic.load32_u: [addr] -> value. */
    private static void load(FunctionEmitter e, int sub, int mi, long off) {
        e.pop();
        e.ea(mi, off);
        switch (sub) {
            case 0x10: e.memCall("atomicLoadI32", "(J)I"); e.push('I'); return;
            case 0x11: e.memCall("atomicLoadI64", "(J)J"); e.push('J'); return;
            case 0x12: e.memCall("atomicLoadI8", "(J)I"); mask(e, 0xFF, false); e.push('I'); return;
            case 0x13: e.memCall("atomicLoadI16", "(J)I"); mask(e, 0xFFFF, false); e.push('I'); return;
            case 0x14: e.memCall("atomicLoadI8", "(J)I"); mask(e, 0xFF, true); e.push('J'); return;
            case 0x15: e.memCall("atomicLoadI16", "(J)I"); mask(e, 0xFFFF, true); e.push('J'); return;
            default: e.memCall("atomicLoadI32", "(J)I"); mask(e, -1, true); e.push('J'); return;
        }
    }

    /** Zero-extends the int on the stack from 8/16 bits ({@code m}) or 32 bits (m == -1), to long if asked. */
    private static void mask(FunctionEmitter e, int m, boolean toLong) {
        if (m != -1) {
            e.iconst(m);
            e.mv.visitInsn(IAND);
        }
        if (toLong) {
            e.mv.visitInsn(I2L);
            if (m == -1) {
                e.mv.visitLdcInsn(0xFFFF_FFFFL);
                e.mv.visitInsn(LAND);
            }
        }
    }

    /** 0x17 i32.atomic.store .. 0x1D i64.atomic.store32: [addr value]. */
    private static void store(FunctionEmitter e, int sub, int mi, long off) {
        char k = e.pop();
        e.pop();
        int v = e.temp(k);
        e.store(k, v);
        e.ea(mi, off);
        e.load(k, v);
        if (k == 'J' && sub != 0x18) {
            e.mv.visitInsn(L2I);
        }
        switch (sub) {
            case 0x17: case 0x1D: e.memCall("atomicStoreI32", "(JI)V"); return;
            case 0x18: e.memCall("atomicStoreI64", "(JJ)V"); return;
            case 0x19: case 0x1B: e.memCall("atomicStoreI8", "(JI)V"); return;
            default: e.memCall("atomicStoreI16", "(JI)V"); return;
        }
    }

    /** Memory method suffix per width in opcode order: i32, i64, i32_8u, i32_16u, i64_8u, i64_16u, i64_32u. */
    private static String width(int w) {
        switch (w) {
            case 0: case 6: return "I32";
            case 1: return "I64";
            case 2: case 4: return "I8";
            default: return "I16";
        }
    }

    /** The zero-extension of a narrow result: mask and whether the result is an i64. */
    private static void extend(FunctionEmitter e, int w) {
        switch (w) {
            case 0: case 1: return;
            case 2: mask(e, 0xFF, false); return;
            case 3: mask(e, 0xFFFF, false); return;
            case 4: mask(e, 0xFF, true); return;
            case 5: mask(e, 0xFFFF, true); return;
            default: mask(e, -1, true); return;
        }
    }

    /** Read-modify-write ({@code op} = add, sub, and, or, xor, xchg): [addr value] -> old value. */
    private static void rmw(FunctionEmitter e, int op, int w, int mi, long off) {
        char k = e.pop();
        e.pop();
        int v = e.temp(k);
        e.store(k, v);
        e.ea(mi, off);
        e.load(k, v);
        boolean is64 = w == 1;
        if (k == 'J' && !is64) {
            e.mv.visitInsn(L2I);
        }
        e.memCall("atomicRmw" + RMW[op] + width(w), is64 ? "(JJ)J" : "(JI)I");
        extend(e, w);
        e.push(k);
    }

    /** cmpxchg: [addr expected replacement] -> old value (narrow forms compare the truncated expected value). */
    private static void cmpxchg(FunctionEmitter e, int w, int mi, long off) {
        char k = e.pop();
        e.pop();
        e.pop();
        int rep = e.temp(k);
        e.store(k, rep);
        int exp = e.temp(k);
        e.store(k, exp);
        e.ea(mi, off);
        boolean is64 = w == 1;
        e.load(k, exp);
        if (k == 'J' && !is64) {
            e.mv.visitInsn(L2I);
        }
        e.load(k, rep);
        if (k == 'J' && !is64) {
            e.mv.visitInsn(L2I);
        }
        e.memCall("atomicCmpxchg" + width(w), is64 ? "(JJJ)J" : "(JII)I");
        extend(e, w);
        e.push(k);
    }
}
