package dev.weir.internal.interp;

import dev.weir.Memory;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.Traps;
import dev.weir.internal.simd.I16x8;
import dev.weir.internal.simd.I32x4;
import dev.weir.internal.simd.I64x2;
import dev.weir.internal.simd.I8x16;
import dev.weir.internal.simd.V128;

/**
 * Memory instructions off the interpreter's fast path: any memory other than a 32-bit memory 0
 * (multi-memory, memory64), SIMD loads and stores, and atomics.
 */
final class MemoryOps {
    private MemoryOps() {
    }

    /**
     * The effective address {@code base + offset} (spec 4.4.7): both unsigned; for memory64 a sum
     * that overflows 64 bits traps here, anything else beyond the memory traps in {@link Memory}.
     */
    static long effectiveAddress(Memory m, long base, long offset) {
        if (!m.isAddress64()) {
            return (base & 0xFFFF_FFFFL) + offset;
        }
        long ea = base + offset;
        if (Long.compareUnsigned(ea, base) < 0) {
            throw Traps.memoryOutOfBounds();
        }
        return ea;
    }

    private static long offset(int[] code, int at) {
        return (code[at] & 0xFFFF_FFFFL) | ((long) code[at + 1] << 32);
    }

    /** A plain load or store: {@code code[pc]} = Wasm opcode, memory index, offset (two ints). */
    static int generic(InstanceState inst, int[] code, int pc, long[] s, int sp) {
        int op = code[pc];
        Memory m = inst.memories[code[pc + 1]];
        long off = offset(code, pc + 2);
        if (op >= 0x36) { // stores: address, value
            long ea = effectiveAddress(m, s[sp - 2], off);
            long v = s[sp - 1];
            switch (op) {
                case 0x36: case 0x38: case 0x3E: m.storeI32(ea, (int) v); break;
                case 0x37: case 0x39: m.storeI64(ea, v); break;
                case 0x3A: case 0x3C: m.storeI8(ea, (int) v); break;
                default: m.storeI16(ea, (int) v); break;
            }
            return sp - 2;
        }
        long ea = effectiveAddress(m, s[sp - 1], off);
        long v;
        switch (op) {
            case 0x28: case 0x2A: case 0x34: v = m.loadI32(ea); break;
            case 0x29: case 0x2B: v = m.loadI64(ea); break;
            case 0x2C: case 0x30: v = m.loadI8S(ea); break;
            case 0x2D: case 0x31: v = m.loadI8U(ea); break;
            case 0x2E: case 0x32: v = m.loadI16S(ea); break;
            case 0x2F: case 0x33: v = m.loadI16U(ea); break;
            default: v = m.loadI32U(ea); break;
        }
        s[sp - 1] = v;
        return sp;
    }

    /** SIMD memory instructions: sub-opcode, memory index, offset (two ints), lane. */
    static int simd(InstanceState inst, int[] code, int pc, long[] s, int sp) {
        int sub = code[pc];
        Memory m = inst.memories[code[pc + 1]];
        long off = offset(code, pc + 2);
        int lane = code[pc + 4];
        if (sub == 0x0B) { // v128.store
            long ea = effectiveAddress(m, s[sp - 3], off);
            m.storeV128(ea, s[sp - 2], s[sp - 1]);
            return sp - 3;
        }
        if (sub >= 0x58 && sub <= 0x5B) { // store_lane
            long ea = effectiveAddress(m, s[sp - 3], off);
            long lo = s[sp - 2];
            long hi = s[sp - 1];
            switch (sub) {
                case 0x58: m.storeI8(ea, I8x16.extractLaneU(lo, hi, lane)); break;
                case 0x59: m.storeI16(ea, I16x8.extractLaneU(lo, hi, lane)); break;
                case 0x5A: m.storeI32(ea, I32x4.extractLane(lo, hi, lane)); break;
                default: m.storeI64(ea, I64x2.extractLane(lo, hi, lane)); break;
            }
            return sp - 3;
        }
        if (sub >= 0x54 && sub <= 0x57) { // load_lane: address, vector -> vector
            long ea = effectiveAddress(m, s[sp - 3], off);
            int i = sp - 3;
            s[i] = s[sp - 2];
            s[i + 1] = s[sp - 1];
            switch (sub) {
                case 0x54: I8x16.replaceLane(s, i, lane, m.loadI8U(ea)); break;
                case 0x55: I16x8.replaceLane(s, i, lane, m.loadI16U(ea)); break;
                case 0x56: I32x4.replaceLane(s, i, lane, m.loadI32(ea)); break;
                default: I64x2.replaceLane(s, i, lane, m.loadI64(ea)); break;
            }
            return sp - 1;
        }
        int i = sp - 1; // loads: address -> vector
        long ea = effectiveAddress(m, s[i], off);
        switch (sub) {
            case 0x00: {
                long lo = m.loadV128Lo(ea);
                s[i + 1] = m.loadV128Hi(ea);
                s[i] = lo;
                break;
            }
            case 0x01: V128.load8x8S(s, i, m.loadI64(ea)); break;
            case 0x02: V128.load8x8U(s, i, m.loadI64(ea)); break;
            case 0x03: V128.load16x4S(s, i, m.loadI64(ea)); break;
            case 0x04: V128.load16x4U(s, i, m.loadI64(ea)); break;
            case 0x05: V128.load32x2S(s, i, m.loadI64(ea)); break;
            case 0x06: V128.load32x2U(s, i, m.loadI64(ea)); break;
            case 0x07: I8x16.splat(s, i, m.loadI8U(ea)); break;
            case 0x08: I16x8.splat(s, i, m.loadI16U(ea)); break;
            case 0x09: I32x4.splat(s, i, m.loadI32(ea)); break;
            case 0x0A: I64x2.splat(s, i, m.loadI64(ea)); break;
            case 0x5C: s[i] = m.loadI32U(ea); s[i + 1] = 0; break;
            case 0x5D: s[i] = m.loadI64(ea); s[i + 1] = 0; break;
            default: throw new IllegalStateException("weir internal error: SIMD memory op " + sub);
        }
        return sp + 1;
    }

    /** {@code i8x16.shuffle}: the 16 lane indices are four ints (little-endian). */
    static int shuffle(int[] code, int pc, long[] s, int sp) {
        long lo = (code[pc] & 0xFFFF_FFFFL) | ((long) code[pc + 1] << 32);
        long hi = (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32);
        I8x16.shuffle(s, sp - 4, lo, hi);
        return sp - 2;
    }

    /**
     * Atomic memory instructions (threads proposal, 0xFE): sub-opcode, memory index, offset.
     * Misaligned addresses trap "unaligned atomic" (checked by {@link Memory}).
     */
    static int atomic(InstanceState inst, int[] code, int pc, long[] s, int sp) {
        int sub = code[pc];
        Memory m = inst.memories[code[pc + 1]];
        long off = offset(code, pc + 2);
        switch (sub) {
            case 0x00: { // memory.atomic.notify
                long ea = effectiveAddress(m, s[sp - 2], off);
                s[sp - 2] = m.atomicNotify(ea, (int) s[sp - 1]);
                return sp - 1;
            }
            case 0x01: { // memory.atomic.wait32
                long ea = effectiveAddress(m, s[sp - 3], off);
                s[sp - 3] = m.atomicWait32(ea, (int) s[sp - 2], s[sp - 1]);
                return sp - 2;
            }
            case 0x02: {
                long ea = effectiveAddress(m, s[sp - 3], off);
                s[sp - 3] = m.atomicWait64(ea, s[sp - 2], s[sp - 1]);
                return sp - 2;
            }
            default:
                break;
        }
        if (sub <= 0x16) { // loads
            long ea = effectiveAddress(m, s[sp - 1], off);
            switch (sub) {
                case 0x10: s[sp - 1] = m.atomicLoadI32(ea); break;
                case 0x11: s[sp - 1] = m.atomicLoadI64(ea); break;
                case 0x12: case 0x14: s[sp - 1] = m.atomicLoadI8(ea) & 0xFFL; break;
                case 0x13: case 0x15: s[sp - 1] = m.atomicLoadI16(ea) & 0xFFFFL; break;
                default: s[sp - 1] = m.atomicLoadI32(ea) & 0xFFFF_FFFFL; break;
            }
            return sp;
        }
        if (sub <= 0x1D) { // stores
            long ea = effectiveAddress(m, s[sp - 2], off);
            long v = s[sp - 1];
            switch (sub) {
                case 0x17: case 0x1D: m.atomicStoreI32(ea, (int) v); break;
                case 0x18: m.atomicStoreI64(ea, v); break;
                case 0x19: case 0x1B: m.atomicStoreI8(ea, (int) v); break;
                default: m.atomicStoreI16(ea, (int) v); break;
            }
            return sp - 2;
        }
        if (sub <= 0x47) { // read-modify-write: 6 ops x 7 widths
            int rmw = (sub - 0x1E) / 7;
            int width = (sub - 0x1E) % 7;
            long ea = effectiveAddress(m, s[sp - 2], off);
            s[sp - 2] = rmw(m, rmw, width, ea, s[sp - 1]);
            return sp - 1;
        }
        // cmpxchg: address, expected, replacement
        int width = sub - 0x48;
        long ea = effectiveAddress(m, s[sp - 3], off);
        long exp = s[sp - 2];
        long rep = s[sp - 1];
        long old;
        switch (width) {
            case 0: old = m.atomicCmpxchgI32(ea, (int) exp, (int) rep); break;
            case 1: old = m.atomicCmpxchgI64(ea, exp, rep); break;
            case 2: case 4: old = m.atomicCmpxchgI8(ea, (int) exp, (int) rep) & 0xFFL; break;
            case 3: case 5: old = m.atomicCmpxchgI16(ea, (int) exp, (int) rep) & 0xFFFFL; break;
            default: old = m.atomicCmpxchgI32(ea, (int) exp, (int) rep) & 0xFFFF_FFFFL; break;
        }
        s[sp - 3] = old;
        return sp - 2;
    }

    /** Widths in opcode order: i32, i64, i32_8u, i32_16u, i64_8u, i64_16u, i64_32u. */
    private static long rmw(Memory m, int op, int width, long ea, long v) {
        switch (width) {
            case 0: return rmw32(m, op, ea, (int) v);
            case 1: return rmw64(m, op, ea, v);
            case 2: case 4: return rmw8(m, op, ea, (int) v) & 0xFFL;
            case 3: case 5: return rmw16(m, op, ea, (int) v) & 0xFFFFL;
            default: return rmw32(m, op, ea, (int) v) & 0xFFFF_FFFFL;
        }
    }

    private static int rmw8(Memory m, int op, long ea, int v) {
        switch (op) {
            case 0: return m.atomicRmwAddI8(ea, v);
            case 1: return m.atomicRmwSubI8(ea, v);
            case 2: return m.atomicRmwAndI8(ea, v);
            case 3: return m.atomicRmwOrI8(ea, v);
            case 4: return m.atomicRmwXorI8(ea, v);
            default: return m.atomicRmwXchgI8(ea, v);
        }
    }

    private static int rmw16(Memory m, int op, long ea, int v) {
        switch (op) {
            case 0: return m.atomicRmwAddI16(ea, v);
            case 1: return m.atomicRmwSubI16(ea, v);
            case 2: return m.atomicRmwAndI16(ea, v);
            case 3: return m.atomicRmwOrI16(ea, v);
            case 4: return m.atomicRmwXorI16(ea, v);
            default: return m.atomicRmwXchgI16(ea, v);
        }
    }

    private static int rmw32(Memory m, int op, long ea, int v) {
        switch (op) {
            case 0: return m.atomicRmwAddI32(ea, v);
            case 1: return m.atomicRmwSubI32(ea, v);
            case 2: return m.atomicRmwAndI32(ea, v);
            case 3: return m.atomicRmwOrI32(ea, v);
            case 4: return m.atomicRmwXorI32(ea, v);
            default: return m.atomicRmwXchgI32(ea, v);
        }
    }

    private static long rmw64(Memory m, int op, long ea, long v) {
        switch (op) {
            case 0: return m.atomicRmwAddI64(ea, v);
            case 1: return m.atomicRmwSubI64(ea, v);
            case 2: return m.atomicRmwAndI64(ea, v);
            case 3: return m.atomicRmwOrI64(ea, v);
            case 4: return m.atomicRmwXorI64(ea, v);
            default: return m.atomicRmwXchgI64(ea, v);
        }
    }
}
