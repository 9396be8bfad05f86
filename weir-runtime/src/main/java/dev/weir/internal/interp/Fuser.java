package dev.weir.internal.interp;

/**
 * Peephole pass over pre-decoded code that turns the commonest instruction sequences into
 * superinstructions ({@link Op#F_LG2} and following), so hot loops need fewer dispatches and
 * fewer operand-stack round trips.
 *
 * <p>The rewrite is <em>in place</em> and only ever replaces the <em>first opcode</em> of a
 * sequence: the fused handler reads the operands of every member instruction where they already
 * are and then skips the whole sequence. The instructions inside a sequence stay intact, so a
 * branch that lands in the middle of one (a loop header, the end of a block) still executes the
 * original code, and pcs (branch targets, the source map, exception-handler ranges) do not move.
 * No sequence contains a call, a throw or a fuel/loop check, so handler lookup and fuel
 * accounting see the same instruction boundaries as before.
 */
final class Fuser {
    private Fuser() {
    }

    /** Number of operand ints after opcode {@code op} at {@code code[pc]}, or -1 if unknown. */
    static int operandCount(int[] code, int pc) {
        int op = code[pc];
        if (op >= 0x45 && op <= 0xC4) {
            return 0;
        }
        if (op >= 0x28 && op <= 0x3E) {
            return 1;
        }
        switch (op) {
            case Op.UNREACHABLE: case Op.THROW_REF: case Op.SELECT: case Op.SELECT_REF: case Op.SELECT_V128:
            case Op.REF_NULL: case Op.REF_IS_NULL: case Op.REF_EQ: case Op.REF_AS_NON_NULL: case Op.LOOP_CHECK:
            case Op.CALL_REF: case Op.RETURN_CALL_REF:
            case Op.I64_ADD128: case Op.I64_SUB128: case Op.I64_MUL_WIDE_S: case Op.I64_MUL_WIDE_U:
                return 0;
            case Op.THROW: case Op.RETHROW: case Op.RETURN: case Op.CALL: case Op.RETURN_CALL: case Op.DROP:
            case Op.LOCAL_GET: case Op.LOCAL_SET: case Op.LOCAL_TEE: case Op.LOCAL_GET_REF: case Op.LOCAL_SET_REF:
            case Op.LOCAL_TEE_REF: case Op.LOCAL_GET_V128: case Op.LOCAL_SET_V128: case Op.LOCAL_TEE_V128:
            case Op.GLOBAL_GET: case Op.GLOBAL_SET: case Op.GLOBAL_GET_REF: case Op.GLOBAL_SET_REF:
            case Op.GLOBAL_GET_V128: case Op.GLOBAL_SET_V128: case Op.TABLE_GET: case Op.TABLE_SET:
            case Op.MEMORY_SIZE: case Op.MEMORY_GROW: case Op.I32_CONST: case Op.REF_FUNC:
            case Op.JMP: case Op.JMP_IF: case Op.JMP_UNLESS: case Op.FUEL: case Op.SIMD:
                return 1;
            case Op.CALL_INDIRECT: case Op.RETURN_CALL_INDIRECT: case Op.I64_CONST: case Op.REF_TEST:
            case Op.REF_CAST: case Op.SIMD_LANE:
                return 2;
            case Op.BR: case Op.BR_IF: case Op.BR_ON_NULL: case Op.BR_ON_NON_NULL: case Op.GC:
                return 3;
            case Op.V128_CONST: case Op.MEM_GENERIC: case Op.SHUFFLE: case Op.ATOMIC:
                return 4;
            case Op.SIMD_MEM:
                return 5;
            case Op.BR_ON_CAST:
                return 6;
            case Op.BR_TABLE:
                return 1 + 3 * (code[pc + 1] + 1);
            default:
                if (op >= Op.FC && op < Op.FC + 8) {
                    return 0;
                }
                if (op >= Op.FC + 8 && op <= Op.FC + 17) {
                    return BulkOps.operandCount(op);
                }
                return -1;
        }
    }

    /**
     * Rewrites {@code code} in place. If the code cannot be walked (an opcode this pass does not
     * know), nothing is changed.
     */
    static void fuse(int[] code) {
        int n = code.length;
        // Instruction starts first, so patterns only ever match whole instructions.
        int[] starts = new int[n + 1];
        int count = 0;
        for (int pc = 0; pc < n; ) {
            int k = operandCount(code, pc);
            if (k < 0) {
                return;
            }
            starts[count++] = pc;
            pc += 1 + k;
            if (pc > n) {
                return;
            }
        }
        starts[count] = n;
        for (int i = 0; i < count; ) {
            int used = match(code, starts, i, count);
            i += Math.max(used, 1);
        }
    }

    private static int op(int[] code, int[] starts, int i, int count) {
        return i < count ? code[starts[i]] : -1;
    }

    /** Tries the patterns at instruction {@code i}; returns how many instructions were fused (0 = none). */
    private static int match(int[] code, int[] st, int i, int count) {
        int p = st[i];
        int a = code[p];
        int b = op(code, st, i + 1, count);
        int c = op(code, st, i + 2, count);
        int d = op(code, st, i + 3, count);
        if (a == Op.LOCAL_GET) {
            if (b == Op.I32_CONST) {
                if (d == Op.LOCAL_SET && (c == 0x6A || c == 0x6B)) {
                    code[p] = c == 0x6A ? Op.F_LC_I32ADD_SET : Op.F_LC_I32SUB_SET;
                    return 4;
                }
                int f = c == 0x6A ? Op.F_LC_I32ADD : c == 0x6B ? Op.F_LC_I32SUB : c == 0x71 ? Op.F_LC_I32AND : -1;
                if (f >= 0) {
                    code[p] = f;
                    return 3;
                }
            }
            if (b == Op.I64_CONST && d == Op.LOCAL_SET && (c == 0x7C || c == 0x7D)) {
                code[p] = c == 0x7C ? Op.F_LC_I64ADD_SET : Op.F_LC_I64SUB_SET;
                return 4;
            }
            if (b == Op.LOCAL_GET) {
                if (d == Op.LOCAL_SET && (c == 0x6A || c == 0x7C)) {
                    code[p] = c == 0x6A ? Op.F_LL_I32ADD_SET : Op.F_LL_I64ADD_SET;
                    return 4;
                }
                int f = c == 0x6A ? Op.F_LL_I32ADD : c == 0x6B ? Op.F_LL_I32SUB
                        : c == 0x7C ? Op.F_LL_I64ADD : c == 0x7D ? Op.F_LL_I64SUB : -1;
                if (f >= 0) {
                    code[p] = f;
                    return 3;
                }
                code[p] = Op.F_LG2;
                return 2;
            }
            if (b == Op.LOCAL_SET) {
                code[p] = Op.F_MOV;
                return 2;
            }
            int f = b == 0x28 ? Op.F_LG_I32LOAD : b == 0x2D ? Op.F_LG_I32LOAD8U : b == 0x34 ? Op.F_LG_I64LOAD32S : -1;
            if (f >= 0) {
                code[p] = f;
                return 2;
            }
            return 0;
        }
        if (b == Op.LOCAL_SET && (a == 0x6A || a == 0x7C)) {
            code[p] = a == 0x6A ? Op.F_I32ADD_SET : Op.F_I64ADD_SET;
            return 2;
        }
        if (b == Op.JMP_IF || b == Op.JMP_UNLESS) {
            int f = compareBranch(a, b == Op.JMP_UNLESS);
            if (f >= 0) {
                code[p] = f;
                return 2;
            }
            return 0;
        }
        if (a == Op.JMP && code[code[p + 1]] == Op.LOOP_CHECK) {
            code[p] = Op.F_JMP_LOOP;
            return 1;
        }
        return 0;
    }

    /** The fused compare-and-jump for compare {@code cmp} followed by a jump if true (or if false). */
    private static int compareBranch(int cmp, boolean negate) {
        int k;
        if (cmp >= 0x46 && cmp <= 0x4F) {
            k = cmp - 0x46;          // i32 eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u
        } else if (cmp >= 0x51 && cmp <= 0x5A) {
            k = 12 + cmp - 0x51;     // the same for i64
        } else if (cmp == 0x45) {
            k = 10;                  // i32.eqz
        } else if (cmp == 0x50) {
            k = 22;                  // i64.eqz
        } else {
            return -1;
        }
        if (negate) {
            k = NEGATE[k];
        }
        return Op.F_CMP_JMP + k;
    }

    /**
     * Index of the negated comparison: eq/ne, lt_s/ge_s, lt_u/ge_u, gt_s/le_s, gt_u/le_u,
     * eqz/nez; i32 at 0..11, i64 at 12..23 (10/22 = eqz, 11/23 = nez).
     */
    private static final int[] NEGATE = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3, 11, 10,
                                         13, 12, 20, 21, 18, 19, 16, 17, 14, 15, 23, 22};
}
