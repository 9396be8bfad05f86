package dev.weir.internal.interp;

import dev.weir.Memory;
import dev.weir.internal.gc.GcOps;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.GlobalInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.Traps;

/**
 * Rare instructions moved out of {@link Interpreter#execute}, whose dispatch loop must stay well
 * under HotSpot's 8000-byte limit for compiling a method at all (and small enough to compile
 * well): v128 variables, reference globals, tables, other memories, bit counts and rotates,
 * bulk memory, casts. Operands are read at {@code code[pc ..)} ({@code pc} is just after the
 * opcode); the caller skips them ({@link Fuser#operandCount}). Returns the new {@code sp}.
 */
final class ColdOps {
    private ColdOps() {
    }

    static int execute(int op, InstanceState inst, int[] code, int pc, long[] s, Object[] r, int sp, int base) {
        GlobalInstance[] globals = inst.globals;
        FunctionInstance[] funcs = inst.functions;
        switch (op) {
            case Op.SELECT_V128:
                sp -= 3;
                if ((int) s[sp + 2] == 0) {
                    s[sp - 2] = s[sp];
                    s[sp - 1] = s[sp + 1];
                }
                break;
            case Op.LOCAL_GET_V128: {
                int l = base + code[pc++];
                s[sp] = s[l];
                s[sp + 1] = s[l + 1];
                sp += 2;
                break;
            }
            case Op.LOCAL_SET_V128:
            case Op.LOCAL_TEE_V128: {
                int l = base + code[pc++];
                s[l] = s[sp - 2];
                s[l + 1] = s[sp - 1];
                if (op == Op.LOCAL_SET_V128) {
                    sp -= 2;
                }
                break;
            }
            case Op.GLOBAL_GET_REF: r[sp++] = globals[code[pc++]].ref; break;
            case Op.GLOBAL_SET_REF: globals[code[pc++]].ref = r[--sp]; break;
            case Op.GLOBAL_GET_V128: {
                GlobalInstance g = globals[code[pc++]];
                s[sp] = g.value;
                s[sp + 1] = g.hi;
                sp += 2;
                break;
            }
            case Op.GLOBAL_SET_V128: {
                GlobalInstance g = globals[code[pc++]];
                g.value = s[sp - 2];
                g.hi = s[sp - 1];
                sp -= 2;
                break;
            }
            case Op.TABLE_GET: sp = BulkOps.tableGet(inst.tables[code[pc++]], s, r, sp); break;
            case Op.TABLE_SET: sp = BulkOps.tableSet(inst.tables[code[pc++]], s, r, sp); break;
            case Op.MEM_GENERIC: sp = MemoryOps.generic(inst, code, pc, s, sp); pc += 4; break;
            case Op.MEMORY_SIZE: s[sp++] = inst.memories[code[pc++]].pages(); break;
            case Op.MEMORY_GROW: {
                Memory m = inst.memories[code[pc++]];
                long delta = m.isAddress64() ? s[sp - 1] : s[sp - 1] & 0xFFFF_FFFFL;
                s[sp - 1] = m.grow(delta);
                break;
            }
            case Op.V128_CONST:
                s[sp] = (code[pc] & 0xFFFF_FFFFL) | ((long) code[pc + 1] << 32);
                s[sp + 1] = (code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32);
                sp += 2;
                pc += 4;
                break;
            case 0x67: s[sp - 1] = Integer.numberOfLeadingZeros((int) s[sp - 1]); break;
            case 0x68: s[sp - 1] = Integer.numberOfTrailingZeros((int) s[sp - 1]); break;
            case 0x69: s[sp - 1] = Integer.bitCount((int) s[sp - 1]); break;
            case 0x77: sp--; s[sp - 1] = Integer.rotateLeft((int) s[sp - 1], (int) s[sp]); break;
            case 0x78: sp--; s[sp - 1] = Integer.rotateRight((int) s[sp - 1], (int) s[sp]); break;
            case 0x79: s[sp - 1] = Long.numberOfLeadingZeros(s[sp - 1]); break;
            case 0x7A: s[sp - 1] = Long.numberOfTrailingZeros(s[sp - 1]); break;
            case 0x7B: s[sp - 1] = Long.bitCount(s[sp - 1]); break;
            case 0x89: sp--; s[sp - 1] = Long.rotateLeft(s[sp - 1], (int) s[sp]); break;
            case 0x8A: sp--; s[sp - 1] = Long.rotateRight(s[sp - 1], (int) s[sp]); break;
            case Op.FC + 8: case Op.FC + 9: case Op.FC + 10: case Op.FC + 11: case Op.FC + 12:
            case Op.FC + 13: case Op.FC + 14: case Op.FC + 15: case Op.FC + 16: case Op.FC + 17:
                sp = BulkOps.execute(inst, code, pc - 1, s, r, sp);
                break;
            case Op.REF_FUNC: r[sp++] = funcs[code[pc++]]; break;
            case Op.REF_EQ: sp--; s[sp - 1] = GcOps.refEq(r[sp - 1], r[sp]) ? 1 : 0; break;
            case Op.REF_TEST: s[sp - 1] = GcOps.test(inst, r[sp - 1], code[pc] != 0, code[pc + 1]) ? 1 : 0; pc += 2; break;
            case Op.REF_CAST:
                if (!GcOps.test(inst, r[sp - 1], code[pc] != 0, code[pc + 1])) {
                    throw Traps.castFailure();
                }
                pc += 2;
                break;
            case Op.SHUFFLE: sp = MemoryOps.shuffle(code, pc, s, sp); pc += 4; break;
            case Op.ATOMIC: sp = MemoryOps.atomic(inst, code, pc, s, sp); pc += 4; break;
            default:
                throw new IllegalStateException("weir internal error: bad opcode " + op + " at " + (pc - 1));
        }
        return sp;
    }
}
