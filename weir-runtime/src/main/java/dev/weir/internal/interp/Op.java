package dev.weir.internal.interp;

/**
 * Opcodes of the interpreter's pre-decoded form ({@link Code#code}). One-byte Wasm instructions
 * keep their Wasm opcode (so {@code 0x6A} is {@code i32.add} in both); variants and prefixed
 * instructions use values from {@code 0x100}. Operands follow the opcode inline as ints; the
 * comment after each constant lists them. "h" is a stack height relative to the frame base and
 * "n" a number of result slots, as precomputed by {@link Predecoder} for branches.
 */
final class Op {
    private Op() {
    }

    static final int UNREACHABLE = 0x00;
    static final int THROW = 0x08;              // tagIndex
    static final int RETHROW = 0x09;            // hidden slot index (legacy EH)
    static final int THROW_REF = 0x0A;
    static final int BR = 0x0C;                 // target h n
    static final int BR_IF = 0x0D;              // target h n
    static final int BR_TABLE = 0x0E;           // count, (target h n) * (count + 1)
    static final int RETURN = 0x0F;             // n
    static final int CALL = 0x10;               // funcIndex
    static final int CALL_INDIRECT = 0x11;      // typeIndex tableIndex
    static final int RETURN_CALL = 0x12;        // funcIndex
    static final int RETURN_CALL_INDIRECT = 0x13; // typeIndex tableIndex
    static final int CALL_REF = 0x14;
    static final int RETURN_CALL_REF = 0x15;
    static final int DROP = 0x1A;               // slots
    static final int SELECT = 0x1B;
    static final int LOCAL_GET = 0x20;          // slot
    static final int LOCAL_SET = 0x21;          // slot
    static final int LOCAL_TEE = 0x22;          // slot
    static final int GLOBAL_GET = 0x23;         // globalIndex
    static final int GLOBAL_SET = 0x24;         // globalIndex
    static final int TABLE_GET = 0x25;          // tableIndex
    static final int TABLE_SET = 0x26;          // tableIndex
    // 0x28..0x3E loads and stores on memory 0 (32-bit): offset (unsigned int)
    static final int MEMORY_SIZE = 0x3F;        // memoryIndex
    static final int MEMORY_GROW = 0x40;        // memoryIndex
    static final int I32_CONST = 0x41;          // value (also f32.const bits)
    static final int I64_CONST = 0x42;          // lo hi (also f64.const bits)
    // 0x45..0xC4 numeric instructions, no operands
    static final int REF_NULL = 0xD0;
    static final int REF_IS_NULL = 0xD1;
    static final int REF_FUNC = 0xD2;           // funcIndex
    static final int REF_EQ = 0xD3;
    static final int REF_AS_NON_NULL = 0xD4;
    static final int BR_ON_NULL = 0xD5;         // target h n
    static final int BR_ON_NON_NULL = 0xD6;     // target h n

    static final int JMP = 0x100;               // target
    static final int JMP_IF = 0x101;            // target
    static final int JMP_UNLESS = 0x102;        // target
    static final int LOOP_CHECK = 0x103;
    static final int FUEL = 0x104;              // instruction count of the basic block
    static final int SELECT_REF = 0x105;
    static final int SELECT_V128 = 0x106;
    static final int LOCAL_GET_REF = 0x107;     // slot
    static final int LOCAL_SET_REF = 0x108;     // slot
    static final int LOCAL_TEE_REF = 0x109;     // slot
    static final int LOCAL_GET_V128 = 0x10A;    // slot
    static final int LOCAL_SET_V128 = 0x10B;    // slot
    static final int LOCAL_TEE_V128 = 0x10C;    // slot
    static final int GLOBAL_GET_REF = 0x10D;    // globalIndex
    static final int GLOBAL_SET_REF = 0x10E;    // globalIndex
    static final int GLOBAL_GET_V128 = 0x10F;   // globalIndex
    static final int GLOBAL_SET_V128 = 0x110;   // globalIndex
    static final int V128_CONST = 0x111;        // 4 ints, little-endian
    static final int MEM_GENERIC = 0x112;       // wasmOpcode memoryIndex offsetLo offsetHi

    /** {@code 0xFC sub} becomes {@code FC + sub}; operands are the immediates (0, 1 or 2 ints). */
    static final int FC = 0x120;
    static final int I64_ADD128 = FC + 0x13;
    static final int I64_SUB128 = FC + 0x14;
    static final int I64_MUL_WIDE_S = FC + 0x15;
    static final int I64_MUL_WIDE_U = FC + 0x16;

    static final int SIMD = 0x140;              // subOpcode (lane-free, V128.execute)
    static final int SIMD_LANE = 0x141;         // subOpcode lane
    static final int SIMD_MEM = 0x142;          // subOpcode memoryIndex offsetLo offsetHi lane
    static final int SHUFFLE = 0x143;           // 4 ints: the 16 lane indices
    static final int ATOMIC = 0x150;            // subOpcode memoryIndex offsetLo offsetHi
    static final int GC = 0x160;                // subOpcode imm1 imm2 (GcOps.execute)
    static final int REF_TEST = 0x161;          // nullable heapType
    static final int REF_CAST = 0x162;          // nullable heapType
    static final int BR_ON_CAST = 0x163;        // target h n nullable heapType fail(0/1)

    // ---- superinstructions written by Fuser over the first opcode of a sequence; the operands
    // stay where the member instructions have them (LG = local.get, LS = local.set, LC = local.get
    // + const). Listed: the sequence they replace.
    static final int F_LG2 = 0x180;             // LG a, LG b
    static final int F_LL_I32ADD = 0x181;       // LG a, LG b, i32.add
    static final int F_LL_I32SUB = 0x182;       // LG a, LG b, i32.sub
    static final int F_LL_I64ADD = 0x183;       // LG a, LG b, i64.add
    static final int F_LL_I64SUB = 0x184;       // LG a, LG b, i64.sub
    static final int F_LL_I32ADD_SET = 0x185;   // LG a, LG b, i32.add, LS x
    static final int F_LL_I64ADD_SET = 0x186;   // LG a, LG b, i64.add, LS x
    static final int F_LC_I32ADD = 0x187;       // LG a, I32_CONST k, i32.add
    static final int F_LC_I32SUB = 0x188;       // LG a, I32_CONST k, i32.sub
    static final int F_LC_I32AND = 0x189;       // LG a, I32_CONST k, i32.and
    static final int F_LC_I32ADD_SET = 0x18A;   // LG a, I32_CONST k, i32.add, LS x
    static final int F_LC_I32SUB_SET = 0x18B;   // LG a, I32_CONST k, i32.sub, LS x
    static final int F_LC_I64ADD_SET = 0x18C;   // LG a, I64_CONST lo hi, i64.add, LS x
    static final int F_LC_I64SUB_SET = 0x18D;   // LG a, I64_CONST lo hi, i64.sub, LS x
    static final int F_MOV = 0x18E;             // LG a, LS b
    static final int F_LG_I32LOAD = 0x18F;      // LG a, i32.load off
    static final int F_LG_I32LOAD8U = 0x190;    // LG a, i32.load8_u off
    static final int F_LG_I64LOAD32S = 0x191;   // LG a, i64.load32_s off
    static final int F_I32ADD_SET = 0x192;      // i32.add, LS x
    static final int F_I64ADD_SET = 0x193;      // i64.add, LS x
    static final int F_JMP_LOOP = 0x194;        // JMP t where code[t] is LOOP_CHECK: check, go to t + 1
    /**
     * Compare then JMP_IF/JMP_UNLESS t: {@code F_CMP_JMP + k} with k = i32 eq ne lt_s lt_u gt_s
     * gt_u le_s le_u ge_s ge_u eqz nez (0..11), then the same for i64 (12..23); a JMP_UNLESS uses
     * the negated comparison.
     */
    static final int F_CMP_JMP = 0x1A0;
}
