package dev.weir.internal.interp;

import dev.weir.Memory;
import dev.weir.Trap;
import dev.weir.internal.gc.GcOps;
import dev.weir.internal.num.IntOps;
import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.GlobalInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.TableInstance;
import dev.weir.internal.rt.Traps;
import dev.weir.internal.simd.V128;

/**
 * The interpreter loop over pre-decoded {@link Code}. One method holds the dispatch switch so
 * HotSpot compiles it as a unit; rare instruction families are delegated to static helpers
 * ({@link MemoryOps}, {@link BulkOps}, {@link ControlOps}, {@link GcOps}, {@link V128}).
 *
 * <p>Values follow VALUES.md: {@code s} holds numbers (i32 sign-extended, floats as raw bits,
 * v128 as two slots), {@code r} holds references at the same indices. {@code sp} is absolute.
 */
final class Interpreter {
    private Interpreter() {
    }

    private static long ea(long addr, int offset) {
        return (addr & 0xFFFF_FFFFL) + (offset & 0xFFFF_FFFFL);
    }

    static void execute(ExecContext ctx, InterpretedFunction fn, Code c, long[] s, Object[] r, int base) {
        InstanceState inst = fn.inst;
        int[] code = c.code;
        FunctionInstance[] funcs = inst.functions;
        GlobalInstance[] globals = inst.globals;
        Memory mem0 = inst.memories.length > 0 ? inst.memories[0] : null;
        int pc = 0;
        int sp = base + c.stackStart;
        clearLocals(s, r, base + c.paramSlots, base + c.localSlots);
        for (;;) {
            try {
                for (;;) {
                    int op = code[pc++];
                    switch (op) {
                        // ---------------------------------------------------------- control
                        case Op.UNREACHABLE: throw Traps.unreachable();
                        case Op.JMP: pc = code[pc]; break;
                        case Op.JMP_IF: pc = (int) s[--sp] != 0 ? code[pc] : pc + 1; break;
                        case Op.JMP_UNLESS: pc = (int) s[--sp] == 0 ? code[pc] : pc + 1; break;
                        case Op.BR: sp = br(s, r, sp, base, code, pc); pc = code[pc]; break;
                        case Op.BR_IF:
                            if ((int) s[--sp] != 0) {
                                sp = br(s, r, sp, base, code, pc);
                                pc = code[pc];
                            } else {
                                pc += 3;
                            }
                            break;
                        case Op.BR_TABLE: {
                            int count = code[pc];
                            int i = (int) s[--sp];
                            int at = pc + 1 + 3 * (Integer.compareUnsigned(i, count) < 0 ? i : count);
                            sp = br(s, r, sp, base, code, at);
                            pc = code[at];
                            break;
                        }
                        case Op.BR_ON_NULL:
                            if (r[sp - 1] == null) {
                                sp = br(s, r, sp - 1, base, code, pc);
                                pc = code[pc];
                            } else {
                                pc += 3;
                            }
                            break;
                        case Op.BR_ON_NON_NULL:
                            if (r[sp - 1] != null) {
                                sp = br(s, r, sp, base, code, pc);
                                pc = code[pc];
                            } else {
                                sp--;
                                pc += 3;
                            }
                            break;
                        case Op.RETURN: {
                            int n = code[pc];
                            if (n == 1) {
                                // The common case without the cost of two arraycopy stubs.
                                s[base] = s[sp - 1];
                                r[base] = r[sp - 1];
                            } else {
                                System.arraycopy(s, sp - n, s, base, n);
                                System.arraycopy(r, sp - n, r, base, n);
                            }
                            return;
                        }
                        case Op.LOOP_CHECK:
                            if (ctx.interruptRequested()) {
                                ctx.checkInterrupt();
                            }
                            break;
                        case Op.FUEL: ctx.consumeFuel(code[pc++]); break;
                        case Op.CALL: {
                            FunctionInstance f = funcs[code[pc++]];
                            int args = sp - f.paramSlots;
                            if (f.host) {
                                ctx.caller = inst;
                            }
                            f.call(ctx, s, r, args);
                            sp = args + f.resultSlots;
                            break;
                        }
                        case Op.CALL_INDIRECT: {
                            FunctionInstance f = ControlOps.indirect(inst, code[pc], code[pc + 1], s, --sp);
                            pc += 2;
                            int args = sp - f.paramSlots;
                            if (f.host) {
                                ctx.caller = inst;
                            }
                            f.call(ctx, s, r, args);
                            sp = args + f.resultSlots;
                            break;
                        }
                        case Op.CALL_REF: {
                            FunctionInstance f = (FunctionInstance) r[--sp];
                            if (f == null) {
                                throw Traps.nullFunction();
                            }
                            int args = sp - f.paramSlots;
                            if (f.host) {
                                ctx.caller = inst;
                            }
                            f.call(ctx, s, r, args);
                            sp = args + f.resultSlots;
                            break;
                        }
                        case Op.RETURN_CALL:
                        case Op.RETURN_CALL_INDIRECT:
                        case Op.RETURN_CALL_REF: {
                            FunctionInstance f;
                            if (op == Op.RETURN_CALL) {
                                f = funcs[code[pc]];
                            } else if (op == Op.RETURN_CALL_INDIRECT) {
                                f = ControlOps.indirect(inst, code[pc], code[pc + 1], s, --sp);
                            } else {
                                f = (FunctionInstance) r[--sp];
                                if (f == null) {
                                    throw Traps.nullFunction();
                                }
                            }
                            int args = sp - f.paramSlots;
                            System.arraycopy(s, args, s, base, f.paramSlots);
                            System.arraycopy(r, args, r, base, f.paramSlots);
                            if (f instanceof InterpretedFunction) {
                                InterpretedFunction g = (InterpretedFunction) f;
                                Code gc = g.code();
                                if (base + gc.frameSlots <= s.length) {
                                    // Tail call in constant Java stack: replace this frame and loop.
                                    if (ctx.interruptRequested()) {
                                        ctx.checkInterrupt();
                                    }
                                    fn = g;
                                    c = gc;
                                    code = gc.code;
                                    inst = g.inst;
                                    funcs = inst.functions;
                                    globals = inst.globals;
                                    mem0 = inst.memories.length > 0 ? inst.memories[0] : null;
                                    pc = 0;
                                    sp = base + c.stackStart;
                                    clearLocals(s, r, base + c.paramSlots, base + c.localSlots);
                                    break;
                                }
                            }
                            if (f.host) {
                                ctx.caller = inst;
                                f.call(ctx, s, r, base);
                                return;
                            }
                            // Another engine's function (or no room here): the caller's trampoline
                            // (ExecContext.finishTailCalls) runs it, so the Java stack stays constant.
                            ctx.tailCall = f;
                            return;
                        }
                        case Op.THROW: throw ControlOps.newException(inst, code[pc++], s, r, sp);
                        case Op.THROW_REF: {
                            Object e = r[--sp];
                            if (e == null) {
                                throw Traps.nullExn();
                            }
                            throw (ExceptionInstance) e;
                        }
                        case Op.RETHROW: throw (ExceptionInstance) r[base + code[pc++]];

                        // ---------------------------------------------------------- parametric, variables
                        case Op.DROP: sp -= code[pc++]; break;
                        case Op.SELECT: sp -= 2; if ((int) s[sp + 1] == 0) { s[sp - 1] = s[sp]; } break;
                        case Op.SELECT_REF: sp -= 2; if ((int) s[sp + 1] == 0) { r[sp - 1] = r[sp]; } break;
                        case Op.LOCAL_GET: s[sp++] = s[base + code[pc++]]; break;
                        case Op.LOCAL_SET: s[base + code[pc++]] = s[--sp]; break;
                        case Op.LOCAL_TEE: s[base + code[pc++]] = s[sp - 1]; break;
                        case Op.LOCAL_GET_REF: r[sp++] = r[base + code[pc++]]; break;
                        case Op.LOCAL_SET_REF: r[base + code[pc++]] = r[--sp]; break;
                        case Op.LOCAL_TEE_REF: r[base + code[pc++]] = r[sp - 1]; break;
                        case Op.GLOBAL_GET: s[sp++] = globals[code[pc++]].value; break;
                        case Op.GLOBAL_SET: globals[code[pc++]].value = s[--sp]; break;

                        // ---------------------------------------------------------- memory 0 (32-bit) fast path
                        case 0x28: s[sp - 1] = mem0.loadI32(ea(s[sp - 1], code[pc++])); break;
                        case 0x29: s[sp - 1] = mem0.loadI64(ea(s[sp - 1], code[pc++])); break;
                        case 0x2A: s[sp - 1] = mem0.loadI32(ea(s[sp - 1], code[pc++])); break;
                        case 0x2B: s[sp - 1] = mem0.loadI64(ea(s[sp - 1], code[pc++])); break;
                        case 0x2C: s[sp - 1] = mem0.loadI8S(ea(s[sp - 1], code[pc++])); break;
                        case 0x2D: s[sp - 1] = mem0.loadI8U(ea(s[sp - 1], code[pc++])); break;
                        case 0x2E: s[sp - 1] = mem0.loadI16S(ea(s[sp - 1], code[pc++])); break;
                        case 0x2F: s[sp - 1] = mem0.loadI16U(ea(s[sp - 1], code[pc++])); break;
                        case 0x30: s[sp - 1] = mem0.loadI8S(ea(s[sp - 1], code[pc++])); break;
                        case 0x31: s[sp - 1] = mem0.loadI8U(ea(s[sp - 1], code[pc++])); break;
                        case 0x32: s[sp - 1] = mem0.loadI16S(ea(s[sp - 1], code[pc++])); break;
                        case 0x33: s[sp - 1] = mem0.loadI16U(ea(s[sp - 1], code[pc++])); break;
                        case 0x34: s[sp - 1] = mem0.loadI32(ea(s[sp - 1], code[pc++])); break;
                        case 0x35: s[sp - 1] = mem0.loadI32U(ea(s[sp - 1], code[pc++])); break;
                        case 0x36: case 0x38: sp -= 2; mem0.storeI32(ea(s[sp], code[pc++]), (int) s[sp + 1]); break;
                        case 0x37: case 0x39: sp -= 2; mem0.storeI64(ea(s[sp], code[pc++]), s[sp + 1]); break;
                        case 0x3A: case 0x3C: sp -= 2; mem0.storeI8(ea(s[sp], code[pc++]), (int) s[sp + 1]); break;
                        case 0x3B: case 0x3D: sp -= 2; mem0.storeI16(ea(s[sp], code[pc++]), (int) s[sp + 1]); break;
                        case 0x3E: sp -= 2; mem0.storeI32(ea(s[sp], code[pc++]), (int) s[sp + 1]); break;

                        // ---------------------------------------------------------- constants
                        case Op.I32_CONST: s[sp++] = code[pc++]; break;
                        case Op.I64_CONST: s[sp++] = (code[pc] & 0xFFFF_FFFFL) | ((long) code[pc + 1] << 32); pc += 2; break;

                        // ---------------------------------------------------------- i32
                        case 0x45: s[sp - 1] = (int) s[sp - 1] == 0 ? 1 : 0; break;
                        case 0x46: sp--; s[sp - 1] = (int) s[sp - 1] == (int) s[sp] ? 1 : 0; break;
                        case 0x47: sp--; s[sp - 1] = (int) s[sp - 1] != (int) s[sp] ? 1 : 0; break;
                        case 0x48: sp--; s[sp - 1] = (int) s[sp - 1] < (int) s[sp] ? 1 : 0; break;
                        case 0x49: sp--; s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) < 0 ? 1 : 0; break;
                        case 0x4A: sp--; s[sp - 1] = (int) s[sp - 1] > (int) s[sp] ? 1 : 0; break;
                        case 0x4B: sp--; s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) > 0 ? 1 : 0; break;
                        case 0x4C: sp--; s[sp - 1] = (int) s[sp - 1] <= (int) s[sp] ? 1 : 0; break;
                        case 0x4D: sp--; s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) <= 0 ? 1 : 0; break;
                        case 0x4E: sp--; s[sp - 1] = (int) s[sp - 1] >= (int) s[sp] ? 1 : 0; break;
                        case 0x4F: sp--; s[sp - 1] = Integer.compareUnsigned((int) s[sp - 1], (int) s[sp]) >= 0 ? 1 : 0; break;
                        // ---------------------------------------------------------- i64 comparisons
                        case 0x50: s[sp - 1] = s[sp - 1] == 0 ? 1 : 0; break;
                        case 0x51: sp--; s[sp - 1] = s[sp - 1] == s[sp] ? 1 : 0; break;
                        case 0x52: sp--; s[sp - 1] = s[sp - 1] != s[sp] ? 1 : 0; break;
                        case 0x53: sp--; s[sp - 1] = s[sp - 1] < s[sp] ? 1 : 0; break;
                        case 0x54: sp--; s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) < 0 ? 1 : 0; break;
                        case 0x55: sp--; s[sp - 1] = s[sp - 1] > s[sp] ? 1 : 0; break;
                        case 0x56: sp--; s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) > 0 ? 1 : 0; break;
                        case 0x57: sp--; s[sp - 1] = s[sp - 1] <= s[sp] ? 1 : 0; break;
                        case 0x58: sp--; s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) <= 0 ? 1 : 0; break;
                        case 0x59: sp--; s[sp - 1] = s[sp - 1] >= s[sp] ? 1 : 0; break;
                        case 0x5A: sp--; s[sp - 1] = Long.compareUnsigned(s[sp - 1], s[sp]) >= 0 ? 1 : 0; break;
                        // ---------------------------------------------------------- i32 arithmetic
                        case 0x6A: sp--; s[sp - 1] = (int) s[sp - 1] + (int) s[sp]; break;
                        case 0x6B: sp--; s[sp - 1] = (int) s[sp - 1] - (int) s[sp]; break;
                        case 0x6C: sp--; s[sp - 1] = (int) s[sp - 1] * (int) s[sp]; break;
                        case 0x6D: sp--; s[sp - 1] = IntOps.i32DivS((int) s[sp - 1], (int) s[sp]); break;
                        case 0x6E: sp--; s[sp - 1] = IntOps.i32DivU((int) s[sp - 1], (int) s[sp]); break;
                        case 0x6F: sp--; s[sp - 1] = IntOps.i32RemS((int) s[sp - 1], (int) s[sp]); break;
                        case 0x70: sp--; s[sp - 1] = IntOps.i32RemU((int) s[sp - 1], (int) s[sp]); break;
                        case 0x71: sp--; s[sp - 1] = (int) s[sp - 1] & (int) s[sp]; break;
                        case 0x72: sp--; s[sp - 1] = (int) s[sp - 1] | (int) s[sp]; break;
                        case 0x73: sp--; s[sp - 1] = (int) s[sp - 1] ^ (int) s[sp]; break;
                        case 0x74: sp--; s[sp - 1] = (int) s[sp - 1] << (int) s[sp]; break;
                        case 0x75: sp--; s[sp - 1] = (int) s[sp - 1] >> (int) s[sp]; break;
                        case 0x76: sp--; s[sp - 1] = (int) s[sp - 1] >>> (int) s[sp]; break;
                        // ---------------------------------------------------------- i64 arithmetic
                        case 0x7C: sp--; s[sp - 1] += s[sp]; break;
                        case 0x7D: sp--; s[sp - 1] -= s[sp]; break;
                        case 0x7E: sp--; s[sp - 1] *= s[sp]; break;
                        case 0x7F: sp--; s[sp - 1] = IntOps.i64DivS(s[sp - 1], s[sp]); break;
                        case 0x80: sp--; s[sp - 1] = IntOps.i64DivU(s[sp - 1], s[sp]); break;
                        case 0x81: sp--; s[sp - 1] = IntOps.i64RemS(s[sp - 1], s[sp]); break;
                        case 0x82: sp--; s[sp - 1] = IntOps.i64RemU(s[sp - 1], s[sp]); break;
                        case 0x83: sp--; s[sp - 1] &= s[sp]; break;
                        case 0x84: sp--; s[sp - 1] |= s[sp]; break;
                        case 0x85: sp--; s[sp - 1] ^= s[sp]; break;
                        case 0x86: sp--; s[sp - 1] <<= s[sp]; break;
                        case 0x87: sp--; s[sp - 1] >>= s[sp]; break;
                        case 0x88: sp--; s[sp - 1] >>>= s[sp]; break;
                        // ---------------------------------------------------------- conversions
                        case 0xA7: s[sp - 1] = (int) s[sp - 1]; break;
                        case 0xAC: s[sp - 1] = (int) s[sp - 1]; break;
                        case 0xAD: s[sp - 1] = s[sp - 1] & 0xFFFF_FFFFL; break;
                        case 0xC0: s[sp - 1] = (byte) s[sp - 1]; break;
                        case 0xC1: s[sp - 1] = (short) s[sp - 1]; break;
                        case 0xC2: s[sp - 1] = (byte) s[sp - 1]; break;
                        case 0xC3: s[sp - 1] = (short) s[sp - 1]; break;
                        case 0xC4: s[sp - 1] = (int) s[sp - 1]; break;
                        // ---------------------------------------------------------- floats, conversions, wide arithmetic
                        case 0x5B: case 0x5C: case 0x5D: case 0x5E: case 0x5F: case 0x60: case 0x61: case 0x62:
                        case 0x63: case 0x64: case 0x65: case 0x66:
                        case 0x8B: case 0x8C: case 0x8D: case 0x8E: case 0x8F: case 0x90: case 0x91: case 0x92:
                        case 0x93: case 0x94: case 0x95: case 0x96: case 0x97: case 0x98: case 0x99: case 0x9A:
                        case 0x9B: case 0x9C: case 0x9D: case 0x9E: case 0x9F: case 0xA0: case 0xA1: case 0xA2:
                        case 0xA3: case 0xA4: case 0xA5: case 0xA6: case 0xA8: case 0xA9: case 0xAA: case 0xAB:
                        case 0xAE: case 0xAF: case 0xB0: case 0xB1: case 0xB2: case 0xB3: case 0xB4: case 0xB5:
                        case 0xB6: case 0xB7: case 0xB8: case 0xB9: case 0xBA: case 0xBB:
                        case Op.FC + 0: case Op.FC + 1: case Op.FC + 2: case Op.FC + 3: case Op.FC + 4:
                        case Op.FC + 5: case Op.FC + 6: case Op.FC + 7:
                        case Op.I64_ADD128: case Op.I64_SUB128: case Op.I64_MUL_WIDE_S: case Op.I64_MUL_WIDE_U:
                            sp = NumericOps.execute(code[pc - 1], s, sp);
                            break;
                        // ---------------------------------------------------------- bulk memory, tables

                        // ---------------------------------------------------------- references
                        case Op.REF_NULL: r[sp++] = null; break;
                        case Op.REF_IS_NULL: s[sp - 1] = r[sp - 1] == null ? 1 : 0; break;
                        case Op.REF_AS_NON_NULL: if (r[sp - 1] == null) { throw Traps.nullReference(); } break;
                        case Op.BR_ON_CAST: {
                            boolean ok = GcOps.test(inst, r[sp - 1], code[pc + 3] != 0, code[pc + 4]);
                            if (ok != (code[pc + 5] != 0)) {
                                sp = br(s, r, sp, base, code, pc);
                                pc = code[pc];
                            } else {
                                pc += 6;
                            }
                            break;
                        }
                        case Op.GC: sp = GcOps.execute(code[pc], inst, code[pc + 1], code[pc + 2], s, r, sp); pc += 3; break;

                        // ---------------------------------------------------------- SIMD, atomics
                        case Op.SIMD: sp = V128.execute(code[pc++], s, sp); break;
                        case Op.SIMD_LANE: sp = V128.executeLane(code[pc], s, sp, code[pc + 1]); pc += 2; break;
                        case Op.SIMD_MEM: sp = MemoryOps.simd(inst, code, pc, s, sp); pc += 5; break;

                        // ---------------------------------------------------------- superinstructions (Fuser)
                        // pc is just after the fused opcode; member operands are where Fuser left them.
                        case Op.F_LG2:
                            s[sp] = s[base + code[pc]];
                            s[sp + 1] = s[base + code[pc + 2]];
                            sp += 2;
                            pc += 3;
                            break;
                        case Op.F_LL_I32ADD: s[sp++] = (int) s[base + code[pc]] + (int) s[base + code[pc + 2]]; pc += 4; break;
                        case Op.F_LL_I32SUB: s[sp++] = (int) s[base + code[pc]] - (int) s[base + code[pc + 2]]; pc += 4; break;
                        case Op.F_LL_I64ADD: s[sp++] = s[base + code[pc]] + s[base + code[pc + 2]]; pc += 4; break;
                        case Op.F_LL_I64SUB: s[sp++] = s[base + code[pc]] - s[base + code[pc + 2]]; pc += 4; break;
                        case Op.F_LL_I32ADD_SET:
                            s[base + code[pc + 5]] = (int) s[base + code[pc]] + (int) s[base + code[pc + 2]];
                            pc += 6;
                            break;
                        case Op.F_LL_I64ADD_SET:
                            s[base + code[pc + 5]] = s[base + code[pc]] + s[base + code[pc + 2]];
                            pc += 6;
                            break;
                        case Op.F_LC_I32ADD: s[sp++] = (int) s[base + code[pc]] + code[pc + 2]; pc += 4; break;
                        case Op.F_LC_I32SUB: s[sp++] = (int) s[base + code[pc]] - code[pc + 2]; pc += 4; break;
                        case Op.F_LC_I32AND: s[sp++] = (int) s[base + code[pc]] & code[pc + 2]; pc += 4; break;
                        case Op.F_LC_I32ADD_SET: s[base + code[pc + 5]] = (int) s[base + code[pc]] + code[pc + 2]; pc += 6; break;
                        case Op.F_LC_I32SUB_SET: s[base + code[pc + 5]] = (int) s[base + code[pc]] - code[pc + 2]; pc += 6; break;
                        case Op.F_LC_I64ADD_SET:
                            s[base + code[pc + 6]] = s[base + code[pc]] + ((code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32));
                            pc += 7;
                            break;
                        case Op.F_LC_I64SUB_SET:
                            s[base + code[pc + 6]] = s[base + code[pc]] - ((code[pc + 2] & 0xFFFF_FFFFL) | ((long) code[pc + 3] << 32));
                            pc += 7;
                            break;
                        case Op.F_MOV: s[base + code[pc + 2]] = s[base + code[pc]]; pc += 3; break;
                        // Loads: pc moves past the load first, so a trap reports the load's offset.
                        case Op.F_LG_I32LOAD: {
                            long a = s[base + code[pc]];
                            pc += 3;
                            s[sp] = mem0.loadI32(ea(a, code[pc - 1]));
                            sp++;
                            break;
                        }
                        case Op.F_LG_I32LOAD8U: {
                            long a = s[base + code[pc]];
                            pc += 3;
                            s[sp] = mem0.loadI8U(ea(a, code[pc - 1]));
                            sp++;
                            break;
                        }
                        case Op.F_LG_I64LOAD32S: {
                            long a = s[base + code[pc]];
                            pc += 3;
                            s[sp] = mem0.loadI32(ea(a, code[pc - 1]));
                            sp++;
                            break;
                        }
                        case Op.F_I32ADD_SET: sp -= 2; s[base + code[pc + 1]] = (int) s[sp] + (int) s[sp + 1]; pc += 2; break;
                        case Op.F_I64ADD_SET: sp -= 2; s[base + code[pc + 1]] = s[sp] + s[sp + 1]; pc += 2; break;
                        case Op.F_JMP_LOOP:
                            pc = code[pc] + 1;
                            if (ctx.interruptRequested()) {
                                ctx.checkInterrupt();
                            }
                            break;
                        // compare + JMP_IF t (t at code[pc + 1]); see Op.F_CMP_JMP for the order
                        case Op.F_CMP_JMP: sp -= 2; pc = (int) s[sp] == (int) s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 1: sp -= 2; pc = (int) s[sp] != (int) s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 2: sp -= 2; pc = (int) s[sp] < (int) s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 3: sp -= 2; pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) < 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 4: sp -= 2; pc = (int) s[sp] > (int) s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 5: sp -= 2; pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) > 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 6: sp -= 2; pc = (int) s[sp] <= (int) s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 7: sp -= 2; pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) <= 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 8: sp -= 2; pc = (int) s[sp] >= (int) s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 9: sp -= 2; pc = Integer.compareUnsigned((int) s[sp], (int) s[sp + 1]) >= 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 10: pc = (int) s[--sp] == 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 11: pc = (int) s[--sp] != 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 12: sp -= 2; pc = s[sp] == s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 13: sp -= 2; pc = s[sp] != s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 14: sp -= 2; pc = s[sp] < s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 15: sp -= 2; pc = Long.compareUnsigned(s[sp], s[sp + 1]) < 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 16: sp -= 2; pc = s[sp] > s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 17: sp -= 2; pc = Long.compareUnsigned(s[sp], s[sp + 1]) > 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 18: sp -= 2; pc = s[sp] <= s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 19: sp -= 2; pc = Long.compareUnsigned(s[sp], s[sp + 1]) <= 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 20: sp -= 2; pc = s[sp] >= s[sp + 1] ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 21: sp -= 2; pc = Long.compareUnsigned(s[sp], s[sp + 1]) >= 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 22: pc = s[--sp] == 0 ? code[pc + 1] : pc + 2; break;
                        case Op.F_CMP_JMP + 23: pc = s[--sp] != 0 ? code[pc + 1] : pc + 2; break;

                        default:
                            // Rare instructions (ColdOps); it throws for an unknown opcode.
                            sp = ColdOps.execute(op, inst, code, pc, s, r, sp, base);
                            pc += Fuser.operandCount(code, pc - 1);
                            break;
                    }
                }
            } catch (ExceptionInstance e) {
                int[] target = ControlOps.findHandler(c, inst, pc, e, s, r, base);
                if (target == null) {
                    throw e;
                }
                pc = target[0];
                sp = base + target[1];
            } catch (Trap t) {
                t.addWasmFrame(new Trap.WasmFrame(inst.module.names().moduleName(), fn.index,
                        inst.functionName(fn.index), c.sourceOffset(pc)));
                throw t;
            }
        }
    }

    /** Zeroes the declared locals {@code [from, to)} (spec 4.4.10: locals start at their default value). */
    private static void clearLocals(long[] s, Object[] r, int from, int to) {
        for (int i = from; i < to; i++) {
            s[i] = 0L;
            r[i] = null;
        }
    }

    /** A branch with stack adjustment at {@code code[at]}: moves the top n slots down to height h. */
    private static int br(long[] s, Object[] r, int sp, int base, int[] code, int at) {
        int n = code[at + 2];
        int dst = base + code[at + 1];
        if (n == 1) {
            s[dst] = s[sp - 1];
            r[dst] = r[sp - 1];
        } else if (n > 0) {
            System.arraycopy(s, sp - n, s, dst, n);
            System.arraycopy(r, sp - n, r, dst, n);
        }
        return dst + n;
    }
}
