package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.WasmModule;

/**
 * Dispatch for the instruction families added to the compiler together (issue 8): GC
 * ({@link GcEmitter}), atomics ({@link AtomicEmitter}), and here memory64 / 64-bit tables and wide
 * arithmetic. {@link FunctionEmitter#instruction} calls {@link #emit} first; loads and stores of
 * 64-bit memories are handled by {@link #ea64}, called from {@code FunctionEmitter.ea}.
 *
 * <p>Value kinds as in {@link FunctionEmitter}: i64 addresses travel as {@code 'J'}, i32 ones as
 * {@code 'I'}; helpers in {@link LeafRt} take {@code long}s, so i32 operands of mixed-width
 * instructions ({@code memory.copy} between a 32- and a 64-bit memory) are zero-extended here.
 */
final class LeafEmitter {
    private static final String LRT = "dev/weir/compiler/internal/LeafRt";
    private static final String MEM = FunctionEmitter.MEM;
    private static final String TABLE = FunctionEmitter.TABLE;
    private static final String INST = FunctionEmitter.INST;
    private static final String FI = FunctionEmitter.FI;

    private LeafEmitter() {
    }

    /**
     * Emits {@code code} if it belongs to one of these families (then returns true; none of them
     * ends a block, so the code after it is reachable); returns false to let the caller emit it.
     */
    static boolean emit(FunctionEmitter e, InstructionReader r, int code) {
        int prefix = code >>> 16;
        if (prefix == 0xFB || code == 0xD3) {
            GcEmitter.emit(e, r, code);
            return true;
        }
        if (prefix == 0xFE) {
            AtomicEmitter.emit(e, r, code & 0xFFFF);
            return true;
        }
        if (prefix == 0xFC) {
            int sub = code & 0xFFFF;
            if (sub >= 0x13 && sub <= 0x16) {
                wide(e, sub);
                return true;
            }
            return sub >= 8 && bulk64(e, r, sub);
        }
        switch (code) {
            case 0x11: case 0x25: case 0x26: case 0x3F: case 0x40:
                return plain64(e, r, code);
            default:
                return false;
        }
    }

    static boolean is64Memory(WasmModule m, int i) {
        return m.memoryType(i).limits().address64();
    }

    static boolean is64Table(WasmModule m, int i) {
        return m.tableType(i).limits().address64();
    }

    private static void lrt(FunctionEmitter e, String name, String desc) {
        e.mv.visitMethodInsn(INVOKESTATIC, LRT, name, desc, false);
    }

    // ------------------------------------------------------------------ memory64 / table64

    /**
     * Turns the i64 address on the stack into {@code [Memory, long ea]} for a 64-bit memory: the
     * offset is added with an unsigned overflow check (spec 4.4.7), then Memory bounds-checks ea.
     */
    static void ea64(FunctionEmitter e, int memIndex, long offset) {
        if (offset != 0) {
            e.lconst(offset);
            lrt(e, "ea64", "(JJ)J");
        }
        int t = e.temp('J');
        e.store('J', t);
        e.mv.visitVarInsn(ALOAD, e.memSlot[memIndex]);
        e.load('J', t);
    }

    /**
     * Replaces the table index on the stack (i32 or, for a 64-bit table, i64) by the checked
     * {@code FunctionInstance} of {@code call_indirect typeIndex tableIndex}; for tail calls too.
     */
    static void indirectTarget(FunctionEmitter e, int typeIndex, int tableIndex) {
        e.pop();
        e.mv.visitVarInsn(ALOAD, e.instSlot);
        e.iconst(typeIndex);
        e.iconst(tableIndex);
        if (is64Table(e.m, tableIndex)) {
            lrt(e, "indirect64", "(JL" + INST + ";II)L" + FI + ";");
        } else {
            e.rt("indirect", "(IL" + INST + ";II)L" + FI + ";");
        }
    }

    /** table.get/set, memory.size/grow and call_indirect on 64-bit tables and memories. */
    private static boolean plain64(FunctionEmitter e, InstructionReader r, int code) {
        WasmModule m = e.m;
        switch (code) {
            case 0x11: { // call_indirect type table: [args.. i64]
                if (!is64Table(m, r.index2())) {
                    return false;
                }
                indirectTarget(e, r.index(), r.index2());
                int f = e.temp('A');
                e.mv.visitVarInsn(ASTORE, f);
                e.callOut(e.types.funcType(r.index()), f, -1);
                return true;
            }
            case 0x25:
                if (!is64Table(m, r.index())) {
                    return false;
                }
                e.pop();
                e.loadTable(r.index());
                lrt(e, "tableGet64", "(JL" + TABLE + ";)Ljava/lang/Object;");
                e.push('A');
                return true;
            case 0x26:
                if (!is64Table(m, r.index())) {
                    return false;
                }
                e.pop();
                e.pop();
                e.loadTable(r.index());
                lrt(e, "tableSet64", "(JLjava/lang/Object;L" + TABLE + ";)V");
                return true;
            case 0x3F:
                if (!is64Memory(m, r.index())) {
                    return false;
                }
                e.mv.visitVarInsn(ALOAD, e.memSlot[r.index()]);
                lrt(e, "memorySize64", "(L" + MEM + ";)J");
                e.push('J');
                return true;
            default: // 0x40 memory.grow: [i64] -> i64
                if (!is64Memory(m, r.index())) {
                    return false;
                }
                e.mv.visitVarInsn(ALOAD, e.memSlot[r.index()]);
                lrt(e, "memoryGrow64", "(JL" + MEM + ";)J");
                return true;
        }
    }

    /** Bulk memory and table instructions (0xFC 8..17) touching a 64-bit memory or table. */
    private static boolean bulk64(FunctionEmitter e, InstructionReader r, int sub) {
        WasmModule m = e.m;
        switch (sub) {
            case 8: // memory.init data mem: [d:at i32 i32]
                if (!is64Memory(m, r.index2())) {
                    return false;
                }
                e.pop();
                e.pop();
                e.pop();
                e.mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                e.iconst(r.index2());
                lrt(e, "memoryInit64", "(JIIL" + INST + ";II)V");
                return true;
            case 10: // memory.copy dst src: [d:dst s:src n:min]
                if (!is64Memory(m, r.index()) && !is64Memory(m, r.index2())) {
                    return false;
                }
                threeAsLongs(e);
                e.mv.visitVarInsn(ALOAD, e.memSlot[r.index()]);
                e.mv.visitVarInsn(ALOAD, e.memSlot[r.index2()]);
                lrt(e, "memoryCopy64", "(JJJL" + MEM + ";L" + MEM + ";)V");
                return true;
            case 11: // memory.fill mem: [d:i64 v:i32 n:i64]
                if (!is64Memory(m, r.index())) {
                    return false;
                }
                e.pop();
                e.pop();
                e.pop();
                e.mv.visitVarInsn(ALOAD, e.memSlot[r.index()]);
                lrt(e, "memoryFill64", "(JIJL" + MEM + ";)V");
                return true;
            case 12: // table.init elem table: [d:i64 i32 i32]
                if (!is64Table(m, r.index2())) {
                    return false;
                }
                e.pop();
                e.pop();
                e.pop();
                e.mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                e.iconst(r.index2());
                lrt(e, "tableInit64", "(JIIL" + INST + ";II)V");
                return true;
            case 14: // table.copy dst src
                if (!is64Table(m, r.index()) && !is64Table(m, r.index2())) {
                    return false;
                }
                threeAsLongs(e);
                e.loadTable(r.index());
                e.loadTable(r.index2());
                lrt(e, "tableCopy64", "(JJJL" + TABLE + ";L" + TABLE + ";)V");
                return true;
            case 15: // table.grow: [init i64] -> i64
                if (!is64Table(m, r.index())) {
                    return false;
                }
                e.pop();
                e.pop();
                e.loadTable(r.index());
                lrt(e, "tableGrow64", "(Ljava/lang/Object;JL" + TABLE + ";)J");
                e.push('J');
                return true;
            case 16:
                if (!is64Table(m, r.index())) {
                    return false;
                }
                e.loadTable(r.index());
                lrt(e, "tableSize64", "(L" + TABLE + ";)J");
                e.push('J');
                return true;
            case 17: // table.fill: [i:i64 v n:i64]
                if (!is64Table(m, r.index())) {
                    return false;
                }
                e.pop();
                e.pop();
                e.pop();
                e.loadTable(r.index());
                lrt(e, "tableFill64", "(JLjava/lang/Object;JL" + TABLE + ";)V");
                return true;
            default:
                return false;
        }
    }

    /**
     * Replaces the three numeric operands on the stack by three {@code long}s, zero-extending the
     * i32 ones (mixed 32/64-bit copies: each address has its own memory's type, the length the
     * smaller one; all are unsigned).
     */
    private static void threeAsLongs(FunctionEmitter e) {
        char[] ks = new char[3];
        ks[2] = e.pop();
        ks[1] = e.pop();
        ks[0] = e.pop();
        int[] slots = e.spill(ks, 3);
        for (int i = 0; i < 3; i++) {
            e.load(ks[i], slots[i]);
            if (ks[i] == 'I') {
                e.mv.visitInsn(I2L);
                e.mv.visitLdcInsn(0xFFFF_FFFFL);
                e.mv.visitInsn(LAND);
            }
        }
    }

    // ------------------------------------------------------------------ wide arithmetic

    /**
     * i64.add128 / sub128 ({@code [lo1 hi1 lo2 hi2] -> [lo hi]}) and i64.mul_wide_s/u
     * ({@code [a b] -> [lo hi]}), proposal "wide-arithmetic": the low word is plain JVM arithmetic,
     * the high word comes from {@link LeafRt} / {@link Math#multiplyHigh}.
     */
    private static void wide(FunctionEmitter e, int sub) {
        if (sub == 0x13 || sub == 0x14) {
            for (int i = 0; i < 4; i++) {
                e.pop();
            }
            int[] t = e.spill(new char[] {'J', 'J', 'J', 'J'}, 4);
            e.load('J', t[0]);
            e.load('J', t[2]);
            e.mv.visitInsn(sub == 0x13 ? LADD : LSUB);
            for (int i = 0; i < 4; i++) {
                e.load('J', t[i]);
            }
            lrt(e, sub == 0x13 ? "add128Hi" : "sub128Hi", "(JJJJ)J");
        } else {
            e.pop();
            e.pop();
            int[] t = e.spill(new char[] {'J', 'J'}, 2);
            e.load('J', t[0]);
            e.load('J', t[1]);
            e.mv.visitInsn(LMUL);
            e.load('J', t[0]);
            e.load('J', t[1]);
            if (sub == 0x15) {
                e.mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "multiplyHigh", "(JJ)J", false);
            } else {
                lrt(e, "mulHighU", "(JJ)J");
            }
        }
        e.push('J');
        e.push('J');
    }
}
