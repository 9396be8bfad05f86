package dev.weir.compiler.internal;

import static dev.weir.compiler.internal.FunctionEmitter.INST;
import static dev.weir.compiler.internal.FunctionEmitter.MEM;
import static dev.weir.compiler.internal.FunctionEmitter.TABLE;
import static org.objectweb.asm.Opcodes.*;

import dev.weir.wasm.InstructionReader;
import org.objectweb.asm.MethodVisitor;

/**
 * Memory instructions of 32-bit memories for {@link FunctionEmitter}: loads and stores (0x28-0x3E),
 * {@code memory.size/grow}, and the 0xFC bulk memory and table instructions (8-17). 64-bit memories
 * and tables are handled first by {@link LeafEmitter}; {@link #ea} hands memory64 addresses to
 * {@link LeafEmitter#ea64}. Split out of FunctionEmitter unchanged: the bytecode emitted is the same.
 */
final class MemoryEmitter {
    private MemoryEmitter() {
    }

    /** Turns the i32 address on the stack into {@code [Memory, long ea]} (spec 4.4.7: base + offset, unsigned). */
    static void ea(FunctionEmitter e, int memIndex, long offset) {
        if (LeafEmitter.is64Memory(e.m, memIndex)) { // memory64: i64 address, checked offset (leaf)
            LeafEmitter.ea64(e, memIndex, offset);
            return;
        }
        MethodVisitor mv = e.mv;
        mv.visitVarInsn(ALOAD, e.memSlot[memIndex]);
        mv.visitInsn(SWAP);
        mv.visitInsn(I2L);
        mv.visitLdcInsn(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        if (offset != 0) {
            mv.visitLdcInsn(offset);
            mv.visitInsn(LADD);
        }
    }

    /** Calls the {@code dev.weir.Memory} accessor {@code name} on {@code [Memory, long ea, value?]}. */
    static void memCall(FunctionEmitter e, String name, String desc) {
        e.mv.visitMethodInsn(INVOKEVIRTUAL, MEM, name, desc, false);
    }

    /** {@code memory.size} (0x3F) and {@code memory.grow} (0x40). */
    static void sizeOrGrow(FunctionEmitter e, InstructionReader r, int code) {
        e.mv.visitVarInsn(ALOAD, e.memSlot[r.index()]);
        if (code == 0x3F) {
            e.rt("memorySize", "(L" + MEM + ";)I");
            e.push('I');
        } else {
            e.rt("memoryGrow", "(IL" + MEM + ";)I");
        }
    }

    /** Offsets below this take Memory's int-address fast path (its overflow-free bounds check needs it). */
    private static final long INT_PATH_OFFSETS = 1L << 30;

    /** Loads and stores, 0x28-0x3E. */
    static void loadStore(FunctionEmitter e, InstructionReader r, int code) {
        MethodVisitor mv = e.mv;
        int mi = r.memory();
        long off = r.memOffset();
        if (off >= 0 && off < INT_PATH_OFFSETS && !LeafEmitter.is64Memory(e.m, mi)) {
            loadStoreInt(e, code, mi, (int) off);
            return;
        }
        if (code <= 0x35) { // loads: [addr] -> value
            e.pop();
            ea(e, mi, off);
            switch (code) {
                case 0x28: case 0x2A: memCall(e, "loadI32", "(J)I"); e.push('I'); break;
                case 0x29: case 0x2B: memCall(e, "loadI64", "(J)J"); e.push('J'); break;
                case 0x2C: memCall(e, "loadI8S", "(J)I"); e.push('I'); break;
                case 0x2D: memCall(e, "loadI8U", "(J)I"); e.push('I'); break;
                case 0x2E: memCall(e, "loadI16S", "(J)I"); e.push('I'); break;
                case 0x2F: memCall(e, "loadI16U", "(J)I"); e.push('I'); break;
                case 0x30: memCall(e, "loadI8S", "(J)I"); mv.visitInsn(I2L); e.push('J'); break;
                case 0x31: memCall(e, "loadI8U", "(J)I"); mv.visitInsn(I2L); e.push('J'); break;
                case 0x32: memCall(e, "loadI16S", "(J)I"); mv.visitInsn(I2L); e.push('J'); break;
                case 0x33: memCall(e, "loadI16U", "(J)I"); mv.visitInsn(I2L); e.push('J'); break;
                case 0x34: memCall(e, "loadI32", "(J)I"); mv.visitInsn(I2L); e.push('J'); break;
                default: memCall(e, "loadI32U", "(J)J"); e.push('J'); break;
            }
            return;
        }
        // stores: [addr value]
        char k = e.pop();
        e.pop();
        int v = e.temp(k);
        e.store(k, v);
        ea(e, mi, off);
        e.load(k, v);
        switch (code) {
            case 0x36: case 0x38: memCall(e, "storeI32", "(JI)V"); break;
            case 0x37: case 0x39: memCall(e, "storeI64", "(JJ)V"); break;
            case 0x3A: memCall(e, "storeI8", "(JI)V"); break;
            case 0x3B: memCall(e, "storeI16", "(JI)V"); break;
            case 0x3C: mv.visitInsn(L2I); memCall(e, "storeI8", "(JI)V"); break;
            case 0x3D: mv.visitInsn(L2I); memCall(e, "storeI16", "(JI)V"); break;
            default: mv.visitInsn(L2I); memCall(e, "storeI32", "(JI)V"); break;
        }
    }

    /**
     * Loads and stores of a 32-bit memory with a small offset: {@code Memory.loadI32(int addr, int
     * offset)} and friends take the raw i32 address, so no long arithmetic is emitted per access and
     * the bounds check is an int range check (dev.weir.Memory, "wasm32 hot path").
     */
    private static void loadStoreInt(FunctionEmitter e, int code, int mi, int off) {
        MethodVisitor mv = e.mv;
        String form = e.memoryForm();
        if (code <= 0x35) { // loads: [addr] -> value
            e.pop();
            mv.visitVarInsn(ALOAD, e.memSlot[mi]);
            mv.visitInsn(SWAP);
            e.iconst(off);
            switch (code) {
                case 0x28: case 0x2A: memCall(e, "loadI32" + form, "(II)I"); e.push('I'); break;
                case 0x29: case 0x2B: memCall(e, "loadI64" + form, "(II)J"); e.push('J'); break;
                case 0x2C: memCall(e, "loadI8S" + form, "(II)I"); e.push('I'); break;
                case 0x2D: memCall(e, "loadI8U" + form, "(II)I"); e.push('I'); break;
                case 0x2E: memCall(e, "loadI16S" + form, "(II)I"); e.push('I'); break;
                case 0x2F: memCall(e, "loadI16U" + form, "(II)I"); e.push('I'); break;
                case 0x30: memCall(e, "loadI8S" + form, "(II)I"); mv.visitInsn(I2L); e.push('J'); break;
                case 0x31: memCall(e, "loadI8U" + form, "(II)I"); mv.visitInsn(I2L); e.push('J'); break;
                case 0x32: memCall(e, "loadI16S" + form, "(II)I"); mv.visitInsn(I2L); e.push('J'); break;
                case 0x33: memCall(e, "loadI16U" + form, "(II)I"); mv.visitInsn(I2L); e.push('J'); break;
                case 0x34: memCall(e, "loadI32" + form, "(II)I"); mv.visitInsn(I2L); e.push('J'); break;
                default:
                    memCall(e, "loadI32" + form, "(II)I");
                    mv.visitInsn(I2L);
                    mv.visitLdcInsn(0xFFFF_FFFFL);
                    mv.visitInsn(LAND);
                    e.push('J');
                    break;
            }
            return;
        }
        // stores: [addr value]
        char k = e.pop();
        e.pop();
        int v = e.temp(k);
        e.store(k, v);
        mv.visitVarInsn(ALOAD, e.memSlot[mi]);
        mv.visitInsn(SWAP);
        e.iconst(off);
        e.load(k, v);
        switch (code) {
            case 0x36: case 0x38: memCall(e, "storeI32" + form, "(III)V"); break;
            case 0x37: case 0x39: memCall(e, "storeI64" + form, "(IIJ)V"); break;
            case 0x3A: memCall(e, "storeI8" + form, "(III)V"); break;
            case 0x3B: memCall(e, "storeI16" + form, "(III)V"); break;
            case 0x3C: mv.visitInsn(L2I); memCall(e, "storeI8" + form, "(III)V"); break;
            case 0x3D: mv.visitInsn(L2I); memCall(e, "storeI16" + form, "(III)V"); break;
            default: mv.visitInsn(L2I); memCall(e, "storeI32" + form, "(III)V"); break;
        }
    }

    /** Bulk memory and table instructions, 0xFC 8-17. */
    static void bulk(FunctionEmitter e, InstructionReader r, int sub) {
        MethodVisitor mv = e.mv;
        switch (sub) {
            case 8: // memory.init data mem: [d s n]
                e.sp -= 3;
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                e.iconst(r.index2());
                e.rt("memoryInit", "(IIIL" + INST + ";II)V");
                break;
            case 9:
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                e.rt("dataDrop", "(L" + INST + ";I)V");
                break;
            case 10:
                e.sp -= 3;
                mv.visitVarInsn(ALOAD, e.memSlot[r.index()]);
                mv.visitVarInsn(ALOAD, e.memSlot[r.index2()]);
                e.rt("memoryCopy", "(IIIL" + MEM + ";L" + MEM + ";)V");
                break;
            case 11:
                e.sp -= 3;
                mv.visitVarInsn(ALOAD, e.memSlot[r.index()]);
                e.rt("memoryFill", "(IIIL" + MEM + ";)V");
                break;
            case 12:
                e.sp -= 3;
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                e.iconst(r.index2());
                e.rt("tableInit", "(IIIL" + INST + ";II)V");
                break;
            case 13:
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                e.rt("elemDrop", "(L" + INST + ";I)V");
                break;
            case 14:
                e.sp -= 3;
                e.loadTable(r.index());
                e.loadTable(r.index2());
                e.rt("tableCopy", "(IIIL" + TABLE + ";L" + TABLE + ";)V");
                break;
            case 15: // table.grow: [init n] -> i32
                e.sp -= 2;
                e.loadTable(r.index());
                e.rt("tableGrow", "(Ljava/lang/Object;IL" + TABLE + ";)I");
                e.push('I');
                break;
            case 16:
                e.loadTable(r.index());
                e.rt("tableSize", "(L" + TABLE + ";)I");
                e.push('I');
                break;
            default: // 17 table.fill: [i v n]
                e.sp -= 3;
                e.loadTable(r.index());
                e.rt("tableFill", "(ILjava/lang/Object;IL" + TABLE + ";)V");
                break;
        }
    }
}
