package dev.weir.internal.simd;

/**
 * {@code v128.*} instructions and the single dispatcher for all lane-free SIMD and relaxed-SIMD
 * instructions (core spec 4.4.3 "Vector Instructions"; opcodes from binary spec 5.4.8, all
 * prefixed by {@code 0xFD}).
 *
 * <h2>Stack-slot convention</h2>
 * The interpreter's operand stack is a {@code long[]}. A v128 occupies two consecutive slots: the
 * low 64 bits (bytes 0-7; lane 0 of every shape in the least significant bits, little-endian) at
 * the lower index, the high 64 bits at the next. Scalars take one slot: i64 and f64 (raw bits) as
 * the full long; i32 and f32 (raw bits) in the low 32 bits; i32 results are written sign-extended
 * ({@code (long) intValue}) and i32 operands are read as {@code (int) slot}, so either extension
 * convention works for callers.
 *
 * <p>Per-op methods (in {@link I8x16}, {@link I16x8}, {@link I32x4}, {@link I64x2}, {@link F32x4},
 * {@link F64x2} and here) take the index {@code i} of the <em>first (deepest) operand</em>: unary
 * {@code v} at {@code i, i+1}; binary {@code a} at {@code i, i+1} and {@code b} at
 * {@code i+2, i+3}; ternary adds {@code c} at {@code i+4, i+5}. The v128 result always replaces
 * the first operand at {@code i, i+1}. Method names follow the Wasm text names: class = shape,
 * method = the op in camel case ({@code i16x8.extmul_low_i8x16_s} is
 * {@code I16x8.extmulLowI8x16S}, {@code v128.andnot} is {@code V128.andnot}).
 *
 * <h2>Dispatcher</h2>
 * {@link #execute(int, long[], int)} takes the stack pointer {@code sp} (index of the first free
 * slot) instead of an operand index, and returns the new stack pointer; {@link #stackDelta(int)}
 * tells the change in advance ({@code execute(op, s, sp) == sp + stackDelta(op)}).
 */
public final class V128 {
    private V128() {}

    // ---- bitwise ----

    public static void not(long[] s, int i) {
        s[i] = ~s[i];
        s[i + 1] = ~s[i + 1];
    }

    public static void and(long[] s, int i) {
        s[i] &= s[i + 2];
        s[i + 1] &= s[i + 3];
    }

    /** {@code v128.andnot}: {@code a & ~b}. */
    public static void andnot(long[] s, int i) {
        s[i] &= ~s[i + 2];
        s[i + 1] &= ~s[i + 3];
    }

    public static void or(long[] s, int i) {
        s[i] |= s[i + 2];
        s[i + 1] |= s[i + 3];
    }

    public static void xor(long[] s, int i) {
        s[i] ^= s[i + 2];
        s[i + 1] ^= s[i + 3];
    }

    /** {@code v128.bitselect(a, b, c)}: bits of a where c is 1, bits of b where c is 0. */
    public static void bitselect(long[] s, int i) {
        long c = s[i + 4];
        long d = s[i + 5];
        s[i] = (s[i] & c) | (s[i + 2] & ~c);
        s[i + 1] = (s[i + 1] & d) | (s[i + 3] & ~d);
    }

    /** {@code v128.any_true}: 1 iff any bit is set. */
    public static int anyTrue(long lo, long hi) {
        return (lo | hi) != 0 ? 1 : 0;
    }

    // ---- helpers for the memory instructions (the loads themselves belong to the memory backend) ----

    /** {@code v128.load8x8_s}: {@code bytes} is the little-endian 64-bit value loaded from memory. */
    public static void load8x8S(long[] s, int i, long bytes) {
        I16x8.extendS(s, i, bytes);
    }

    public static void load8x8U(long[] s, int i, long bytes) {
        I16x8.extendU(s, i, bytes);
    }

    public static void load16x4S(long[] s, int i, long bytes) {
        s[i] = I32x4.extendS(bytes);
        s[i + 1] = I32x4.extendS(bytes >>> 32);
    }

    public static void load16x4U(long[] s, int i, long bytes) {
        s[i] = I32x4.extendU(bytes);
        s[i + 1] = I32x4.extendU(bytes >>> 32);
    }

    public static void load32x2S(long[] s, int i, long bytes) {
        s[i] = (int) bytes;
        s[i + 1] = (int) (bytes >>> 32);
    }

    public static void load32x2U(long[] s, int i, long bytes) {
        s[i] = bytes & 0xFFFF_FFFFL;
        s[i + 1] = bytes >>> 32;
    }

    // ---- dispatcher ----

    /**
     * Executes one lane-free SIMD instruction (no immediate operands) on the operand stack.
     *
     * <p>Handled: every {@code 0xFD} sub-opcode except the memory instructions (0x00-0x0B,
     * 0x54-0x5D), {@code v128.const} (0x0C), {@code i8x16.shuffle} (0x0D) and the lane
     * instructions (0x15-0x22, see {@link #executeLane}). That includes splats (scalar operand),
     * shifts (v128 then i32 count), tests/bitmasks (i32 result) and the relaxed ops 0x100-0x113.
     *
     * @param op the sub-opcode after the {@code 0xFD} prefix (the LEB128 u32, e.g. 0x6E = i8x16.add)
     * @param s the operand stack
     * @param sp the stack pointer: index of the first free slot; operands are just below it
     * @return the new stack pointer, always {@code sp + stackDelta(op)}
     * @throws IllegalArgumentException if {@code op} is not handled here (a Weir bug: the
     *     interpreter must route other opcodes elsewhere)
     */
    public static int execute(int op, long[] s, int sp) {
        final int u = sp - 2; // unary operand / test operand
        final int b = sp - 4; // binary operands
        final int t = sp - 6; // ternary operands
        switch (op) {
            // splat: one scalar slot -> v128
            case 0x0F: I8x16.splat(s, sp - 1, (int) s[sp - 1]); return sp + 1;
            case 0x10: I16x8.splat(s, sp - 1, (int) s[sp - 1]); return sp + 1;
            case 0x11:
            case 0x13: I32x4.splat(s, sp - 1, (int) s[sp - 1]); return sp + 1;
            case 0x12:
            case 0x14: I64x2.splat(s, sp - 1, s[sp - 1]); return sp + 1;

            case 0x0E: I8x16.swizzle(s, b); return sp - 2;
            // i8x16 comparisons
            case 0x23: I8x16.eq(s, b); return sp - 2;
            case 0x24: I8x16.ne(s, b); return sp - 2;
            case 0x25: I8x16.ltS(s, b); return sp - 2;
            case 0x26: I8x16.ltU(s, b); return sp - 2;
            case 0x27: I8x16.gtS(s, b); return sp - 2;
            case 0x28: I8x16.gtU(s, b); return sp - 2;
            case 0x29: I8x16.leS(s, b); return sp - 2;
            case 0x2A: I8x16.leU(s, b); return sp - 2;
            case 0x2B: I8x16.geS(s, b); return sp - 2;
            case 0x2C: I8x16.geU(s, b); return sp - 2;
            // i16x8 comparisons
            case 0x2D: I16x8.eq(s, b); return sp - 2;
            case 0x2E: I16x8.ne(s, b); return sp - 2;
            case 0x2F: I16x8.ltS(s, b); return sp - 2;
            case 0x30: I16x8.ltU(s, b); return sp - 2;
            case 0x31: I16x8.gtS(s, b); return sp - 2;
            case 0x32: I16x8.gtU(s, b); return sp - 2;
            case 0x33: I16x8.leS(s, b); return sp - 2;
            case 0x34: I16x8.leU(s, b); return sp - 2;
            case 0x35: I16x8.geS(s, b); return sp - 2;
            case 0x36: I16x8.geU(s, b); return sp - 2;
            // i32x4 comparisons
            case 0x37: I32x4.eq(s, b); return sp - 2;
            case 0x38: I32x4.ne(s, b); return sp - 2;
            case 0x39: I32x4.ltS(s, b); return sp - 2;
            case 0x3A: I32x4.ltU(s, b); return sp - 2;
            case 0x3B: I32x4.gtS(s, b); return sp - 2;
            case 0x3C: I32x4.gtU(s, b); return sp - 2;
            case 0x3D: I32x4.leS(s, b); return sp - 2;
            case 0x3E: I32x4.leU(s, b); return sp - 2;
            case 0x3F: I32x4.geS(s, b); return sp - 2;
            case 0x40: I32x4.geU(s, b); return sp - 2;
            // f32x4 / f64x2 comparisons
            case 0x41: F32x4.eq(s, b); return sp - 2;
            case 0x42: F32x4.ne(s, b); return sp - 2;
            case 0x43: F32x4.lt(s, b); return sp - 2;
            case 0x44: F32x4.gt(s, b); return sp - 2;
            case 0x45: F32x4.le(s, b); return sp - 2;
            case 0x46: F32x4.ge(s, b); return sp - 2;
            case 0x47: F64x2.eq(s, b); return sp - 2;
            case 0x48: F64x2.ne(s, b); return sp - 2;
            case 0x49: F64x2.lt(s, b); return sp - 2;
            case 0x4A: F64x2.gt(s, b); return sp - 2;
            case 0x4B: F64x2.le(s, b); return sp - 2;
            case 0x4C: F64x2.ge(s, b); return sp - 2;
            // v128 bitwise
            case 0x4D: not(s, u); return sp;
            case 0x4E: and(s, b); return sp - 2;
            case 0x4F: andnot(s, b); return sp - 2;
            case 0x50: or(s, b); return sp - 2;
            case 0x51: xor(s, b); return sp - 2;
            case 0x52: bitselect(s, t); return sp - 4;
            case 0x53: s[u] = anyTrue(s[u], s[u + 1]); return sp - 1;
            case 0x5E: F32x4.demoteF64x2Zero(s, u); return sp;
            case 0x5F: F64x2.promoteLowF32x4(s, u); return sp;
            // i8x16
            case 0x60: I8x16.abs(s, u); return sp;
            case 0x61: I8x16.neg(s, u); return sp;
            case 0x62: I8x16.popcnt(s, u); return sp;
            case 0x63: s[u] = I8x16.allTrue(s[u], s[u + 1]); return sp - 1;
            case 0x64: s[u] = I8x16.bitmask(s[u], s[u + 1]); return sp - 1;
            case 0x65: I8x16.narrowI16x8S(s, b); return sp - 2;
            case 0x66: I8x16.narrowI16x8U(s, b); return sp - 2;
            case 0x67: F32x4.ceil(s, u); return sp;
            case 0x68: F32x4.floor(s, u); return sp;
            case 0x69: F32x4.trunc(s, u); return sp;
            case 0x6A: F32x4.nearest(s, u); return sp;
            case 0x6B: I8x16.shl(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0x6C: I8x16.shrS(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0x6D: I8x16.shrU(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0x6E: I8x16.add(s, b); return sp - 2;
            case 0x6F: I8x16.addSatS(s, b); return sp - 2;
            case 0x70: I8x16.addSatU(s, b); return sp - 2;
            case 0x71: I8x16.sub(s, b); return sp - 2;
            case 0x72: I8x16.subSatS(s, b); return sp - 2;
            case 0x73: I8x16.subSatU(s, b); return sp - 2;
            case 0x74: F64x2.ceil(s, u); return sp;
            case 0x75: F64x2.floor(s, u); return sp;
            case 0x76: I8x16.minS(s, b); return sp - 2;
            case 0x77: I8x16.minU(s, b); return sp - 2;
            case 0x78: I8x16.maxS(s, b); return sp - 2;
            case 0x79: I8x16.maxU(s, b); return sp - 2;
            case 0x7A: F64x2.trunc(s, u); return sp;
            case 0x7B: I8x16.avgrU(s, b); return sp - 2;
            case 0x7C: I16x8.extaddPairwiseI8x16S(s, u); return sp;
            case 0x7D: I16x8.extaddPairwiseI8x16U(s, u); return sp;
            case 0x7E: I32x4.extaddPairwiseI16x8S(s, u); return sp;
            case 0x7F: I32x4.extaddPairwiseI16x8U(s, u); return sp;
            // i16x8
            case 0x80: I16x8.abs(s, u); return sp;
            case 0x81: I16x8.neg(s, u); return sp;
            case 0x82: I16x8.q15mulrSatS(s, b); return sp - 2;
            case 0x83: s[u] = I16x8.allTrue(s[u], s[u + 1]); return sp - 1;
            case 0x84: s[u] = I16x8.bitmask(s[u], s[u + 1]); return sp - 1;
            case 0x85: I16x8.narrowI32x4S(s, b); return sp - 2;
            case 0x86: I16x8.narrowI32x4U(s, b); return sp - 2;
            case 0x87: I16x8.extendLowI8x16S(s, u); return sp;
            case 0x88: I16x8.extendHighI8x16S(s, u); return sp;
            case 0x89: I16x8.extendLowI8x16U(s, u); return sp;
            case 0x8A: I16x8.extendHighI8x16U(s, u); return sp;
            case 0x8B: I16x8.shl(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0x8C: I16x8.shrS(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0x8D: I16x8.shrU(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0x8E: I16x8.add(s, b); return sp - 2;
            case 0x8F: I16x8.addSatS(s, b); return sp - 2;
            case 0x90: I16x8.addSatU(s, b); return sp - 2;
            case 0x91: I16x8.sub(s, b); return sp - 2;
            case 0x92: I16x8.subSatS(s, b); return sp - 2;
            case 0x93: I16x8.subSatU(s, b); return sp - 2;
            case 0x94: F64x2.nearest(s, u); return sp;
            case 0x95: I16x8.mul(s, b); return sp - 2;
            case 0x96: I16x8.minS(s, b); return sp - 2;
            case 0x97: I16x8.minU(s, b); return sp - 2;
            case 0x98: I16x8.maxS(s, b); return sp - 2;
            case 0x99: I16x8.maxU(s, b); return sp - 2;
            case 0x9B: I16x8.avgrU(s, b); return sp - 2;
            case 0x9C: I16x8.extmulLowI8x16S(s, b); return sp - 2;
            case 0x9D: I16x8.extmulHighI8x16S(s, b); return sp - 2;
            case 0x9E: I16x8.extmulLowI8x16U(s, b); return sp - 2;
            case 0x9F: I16x8.extmulHighI8x16U(s, b); return sp - 2;
            // i32x4
            case 0xA0: I32x4.abs(s, u); return sp;
            case 0xA1: I32x4.neg(s, u); return sp;
            case 0xA3: s[u] = I32x4.allTrue(s[u], s[u + 1]); return sp - 1;
            case 0xA4: s[u] = I32x4.bitmask(s[u], s[u + 1]); return sp - 1;
            case 0xA7: I32x4.extendLowI16x8S(s, u); return sp;
            case 0xA8: I32x4.extendHighI16x8S(s, u); return sp;
            case 0xA9: I32x4.extendLowI16x8U(s, u); return sp;
            case 0xAA: I32x4.extendHighI16x8U(s, u); return sp;
            case 0xAB: I32x4.shl(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0xAC: I32x4.shrS(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0xAD: I32x4.shrU(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0xAE: I32x4.add(s, b); return sp - 2;
            case 0xB1: I32x4.sub(s, b); return sp - 2;
            case 0xB5: I32x4.mul(s, b); return sp - 2;
            case 0xB6: I32x4.minS(s, b); return sp - 2;
            case 0xB7: I32x4.minU(s, b); return sp - 2;
            case 0xB8: I32x4.maxS(s, b); return sp - 2;
            case 0xB9: I32x4.maxU(s, b); return sp - 2;
            case 0xBA: I32x4.dotI16x8S(s, b); return sp - 2;
            case 0xBC: I32x4.extmulLowI16x8S(s, b); return sp - 2;
            case 0xBD: I32x4.extmulHighI16x8S(s, b); return sp - 2;
            case 0xBE: I32x4.extmulLowI16x8U(s, b); return sp - 2;
            case 0xBF: I32x4.extmulHighI16x8U(s, b); return sp - 2;
            // i64x2
            case 0xC0: I64x2.abs(s, u); return sp;
            case 0xC1: I64x2.neg(s, u); return sp;
            case 0xC3: s[u] = I64x2.allTrue(s[u], s[u + 1]); return sp - 1;
            case 0xC4: s[u] = I64x2.bitmask(s[u], s[u + 1]); return sp - 1;
            case 0xC7: I64x2.extendLowI32x4S(s, u); return sp;
            case 0xC8: I64x2.extendHighI32x4S(s, u); return sp;
            case 0xC9: I64x2.extendLowI32x4U(s, u); return sp;
            case 0xCA: I64x2.extendHighI32x4U(s, u); return sp;
            case 0xCB: I64x2.shl(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0xCC: I64x2.shrS(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0xCD: I64x2.shrU(s, sp - 3, (int) s[sp - 1]); return sp - 1;
            case 0xCE: I64x2.add(s, b); return sp - 2;
            case 0xD1: I64x2.sub(s, b); return sp - 2;
            case 0xD5: I64x2.mul(s, b); return sp - 2;
            case 0xD6: I64x2.eq(s, b); return sp - 2;
            case 0xD7: I64x2.ne(s, b); return sp - 2;
            case 0xD8: I64x2.ltS(s, b); return sp - 2;
            case 0xD9: I64x2.gtS(s, b); return sp - 2;
            case 0xDA: I64x2.leS(s, b); return sp - 2;
            case 0xDB: I64x2.geS(s, b); return sp - 2;
            case 0xDC: I64x2.extmulLowI32x4S(s, b); return sp - 2;
            case 0xDD: I64x2.extmulHighI32x4S(s, b); return sp - 2;
            case 0xDE: I64x2.extmulLowI32x4U(s, b); return sp - 2;
            case 0xDF: I64x2.extmulHighI32x4U(s, b); return sp - 2;
            // f32x4
            case 0xE0: F32x4.abs(s, u); return sp;
            case 0xE1: F32x4.neg(s, u); return sp;
            case 0xE3: F32x4.sqrt(s, u); return sp;
            case 0xE4: F32x4.add(s, b); return sp - 2;
            case 0xE5: F32x4.sub(s, b); return sp - 2;
            case 0xE6: F32x4.mul(s, b); return sp - 2;
            case 0xE7: F32x4.div(s, b); return sp - 2;
            case 0xE8: F32x4.min(s, b); return sp - 2;
            case 0xE9: F32x4.max(s, b); return sp - 2;
            case 0xEA: F32x4.pmin(s, b); return sp - 2;
            case 0xEB: F32x4.pmax(s, b); return sp - 2;
            // f64x2
            case 0xEC: F64x2.abs(s, u); return sp;
            case 0xED: F64x2.neg(s, u); return sp;
            case 0xEF: F64x2.sqrt(s, u); return sp;
            case 0xF0: F64x2.add(s, b); return sp - 2;
            case 0xF1: F64x2.sub(s, b); return sp - 2;
            case 0xF2: F64x2.mul(s, b); return sp - 2;
            case 0xF3: F64x2.div(s, b); return sp - 2;
            case 0xF4: F64x2.min(s, b); return sp - 2;
            case 0xF5: F64x2.max(s, b); return sp - 2;
            case 0xF6: F64x2.pmin(s, b); return sp - 2;
            case 0xF7: F64x2.pmax(s, b); return sp - 2;
            // conversions
            case 0xF8: I32x4.truncSatF32x4S(s, u); return sp;
            case 0xF9: I32x4.truncSatF32x4U(s, u); return sp;
            case 0xFA: F32x4.convertI32x4S(s, u); return sp;
            case 0xFB: F32x4.convertI32x4U(s, u); return sp;
            case 0xFC: I32x4.truncSatF64x2SZero(s, u); return sp;
            case 0xFD: I32x4.truncSatF64x2UZero(s, u); return sp;
            case 0xFE: F64x2.convertLowI32x4S(s, u); return sp;
            case 0xFF: F64x2.convertLowI32x4U(s, u); return sp;
            // relaxed SIMD (deterministic profile, see each method)
            case 0x100: I8x16.relaxedSwizzle(s, b); return sp - 2;
            case 0x101: I32x4.relaxedTruncF32x4S(s, u); return sp;
            case 0x102: I32x4.relaxedTruncF32x4U(s, u); return sp;
            case 0x103: I32x4.relaxedTruncF64x2SZero(s, u); return sp;
            case 0x104: I32x4.relaxedTruncF64x2UZero(s, u); return sp;
            case 0x105: F32x4.relaxedMadd(s, t); return sp - 4;
            case 0x106: F32x4.relaxedNmadd(s, t); return sp - 4;
            case 0x107: F64x2.relaxedMadd(s, t); return sp - 4;
            case 0x108: F64x2.relaxedNmadd(s, t); return sp - 4;
            case 0x109:
            case 0x10A:
            case 0x10B:
            case 0x10C: bitselect(s, t); return sp - 4; // relaxed_laneselect, all shapes
            case 0x10D: F32x4.relaxedMin(s, b); return sp - 2;
            case 0x10E: F32x4.relaxedMax(s, b); return sp - 2;
            case 0x10F: F64x2.relaxedMin(s, b); return sp - 2;
            case 0x110: F64x2.relaxedMax(s, b); return sp - 2;
            case 0x111: I16x8.relaxedQ15mulrS(s, b); return sp - 2;
            case 0x112: I16x8.relaxedDotI8x16I7x16S(s, b); return sp - 2;
            case 0x113: I32x4.relaxedDotI8x16I7x16AddS(s, t); return sp - 4;
            default:
                throw notHandled(op);
        }
    }

    /**
     * Executes a lane instruction (0x15-0x22: extract_lane / replace_lane of every shape) with its
     * immediate lane index (validated by the decoder to be in range for the shape).
     * Extract: v128 -> scalar (stack delta -1); replace: v128, scalar -> v128 (delta -1).
     *
     * @return the new stack pointer
     */
    public static int executeLane(int op, long[] s, int sp, int lane) {
        int u = sp - 2; // extract: the vector
        int r = sp - 3; // replace: the vector, scalar at sp - 1
        switch (op) {
            case 0x15: s[u] = I8x16.extractLaneS(s[u], s[u + 1], lane); return sp - 1;
            case 0x16: s[u] = I8x16.extractLaneU(s[u], s[u + 1], lane); return sp - 1;
            case 0x17: I8x16.replaceLane(s, r, lane, (int) s[sp - 1]); return sp - 1;
            case 0x18: s[u] = I16x8.extractLaneS(s[u], s[u + 1], lane); return sp - 1;
            case 0x19: s[u] = I16x8.extractLaneU(s[u], s[u + 1], lane); return sp - 1;
            case 0x1A: I16x8.replaceLane(s, r, lane, (int) s[sp - 1]); return sp - 1;
            case 0x1B:
            case 0x1F: s[u] = I32x4.extractLane(s[u], s[u + 1], lane); return sp - 1;
            case 0x1C:
            case 0x20: I32x4.replaceLane(s, r, lane, (int) s[sp - 1]); return sp - 1;
            case 0x1D:
            case 0x21: s[u] = I64x2.extractLane(s[u], s[u + 1], lane); return sp - 1;
            case 0x1E:
            case 0x22: I64x2.replaceLane(s, r, lane, s[sp - 1]); return sp - 1;
            default:
                throw notHandled(op);
        }
    }

    private static IllegalArgumentException notHandled(int op) {
        return new IllegalArgumentException("SIMD sub-opcode 0x" + Integer.toHexString(op) + " ("
                + opName(op) + ") is not handled by this dispatcher");
    }

    /** The text-format name of {@code 0xFD op} (e.g. "i8x16.add"), or null if unassigned. */
    public static String opName(int op) {
        return op >= 0 && op < SimdOpcodes.NAMES.length ? SimdOpcodes.NAMES[op] : null;
    }

    /**
     * Change of the stack pointer, in slots, caused by the SIMD instruction {@code 0xFD op} (v128 =
     * 2 slots, scalars 1). Defined for every SIMD and relaxed-SIMD sub-opcode, including the ones
     * {@link #execute} does not handle (memory: load +1, store -3, load_lane -1, store_lane -3;
     * {@code v128.const} +2; {@code i8x16.shuffle} -2; lane ops -1).
     *
     * @throws IllegalArgumentException for an unassigned sub-opcode
     */
    public static int stackDelta(int op) {
        if (op < 0 || op >= SimdOpcodes.DELTA.length || SimdOpcodes.DELTA[op] == SimdOpcodes.NONE) {
            throw new IllegalArgumentException("unknown SIMD sub-opcode 0x" + Integer.toHexString(op));
        }
        return SimdOpcodes.DELTA[op];
    }

    /** Whether {@link #execute} handles {@code op}. */
    public static boolean isLaneFree(int op) {
        return op >= 0 && op < SimdOpcodes.LANE_FREE.length && SimdOpcodes.LANE_FREE[op];
    }
}
