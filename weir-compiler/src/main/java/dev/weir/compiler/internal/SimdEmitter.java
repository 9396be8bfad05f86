package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weir.internal.simd.V128;
import dev.weir.wasm.InstructionReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.objectweb.asm.MethodVisitor;

/**
 * Emits the {@code 0xFD} SIMD and relaxed-SIMD instructions (core spec 4.4.3, binary 5.4.8).
 *
 * <p>Value layout: a v128 (kind {@code 'V'} on {@link FunctionEmitter}'s type stack) is two JVM
 * longs on the operand stack, the low half (bytes 0-7, lane 0 in the least significant bits)
 * below the high half; in a local it takes four JVM slots (lo at n, hi at n+2). Every lane-wise
 * operation therefore works on each half independently and never needs the other.
 *
 * <p>Hot, simple ops are emitted inline (memory accesses through {@code Memory}'s 8/16-byte hot
 * path, constants, bitwise ops, lane access, splats, integer add/sub/mul and float arithmetic
 * through tiny per-half helpers in {@link SimdRt}). Everything else goes through the generic
 * path: the operands go to the per-store scratch array and the interpreter's implementation
 * ({@link V128#execute}) runs on it, so the two engines share one definition of each op.
 */
final class SimdEmitter {
    private static final String SRT = "dev/weir/compiler/internal/SimdRt";

    private final FunctionEmitter fe;
    private final MethodVisitor mv;

    SimdEmitter(FunctionEmitter fe) {
        this.fe = fe;
        this.mv = fe.mv;
    }

    // ------------------------------------------------------------------ globals (called by FunctionEmitter)

    /** {@code [GlobalInstance] -> [lo hi]}. */
    static void getGlobal(MethodVisitor mv) {
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, FunctionEmitter.GLOBAL, "value", "J"); // [g lo]
        mv.visitInsn(DUP2_X1); // [lo g lo]
        mv.visitInsn(POP2); // [lo g]
        mv.visitFieldInsn(GETFIELD, FunctionEmitter.GLOBAL, "hi", "J");
    }

    /** {@code [GlobalInstance] -> []}, storing the v128 held in the 4-slot temp {@code t}. */
    static void setGlobal(MethodVisitor mv, int t) {
        mv.visitInsn(DUP);
        mv.visitVarInsn(LLOAD, t);
        mv.visitFieldInsn(PUTFIELD, FunctionEmitter.GLOBAL, "value", "J");
        mv.visitVarInsn(LLOAD, t + 2);
        mv.visitFieldInsn(PUTFIELD, FunctionEmitter.GLOBAL, "hi", "J");
    }

    // ------------------------------------------------------------------ dispatch

    void emit(InstructionReader r, int op) {
        if (op <= 0x0B || (op >= 0x54 && op <= 0x5D)) {
            memory(r, op);
            return;
        }
        if (op >= 0x15 && op <= 0x22) {
            lane(op, r.lane());
            return;
        }
        switch (op) {
            case 0x0C: // v128.const
                fe.lconst(r.v128Lo());
                fe.lconst(r.v128Hi());
                fe.push('V');
                return;
            case 0x0D: // i8x16.shuffle: lane indices are immediates
                fe.pop();
                fe.pop();
                scratch();
                fe.lconst(r.v128Lo());
                fe.lconst(r.v128Hi());
                helper("shuffle", "(JJJJ[JJJ)J");
                highFromScratch();
                fe.push('V');
                return;
            case 0x0F: splat("splat8"); return;
            case 0x10: splat("splat16"); return;
            case 0x11: case 0x13: splat("splat32"); return;
            case 0x12: case 0x14: splat(null); return;
            // integer equality (SWAR per half)
            case 0x23: binHalves(half("eq8")); return;
            case 0x24: binHalves(half("ne8")); return;
            case 0x2D: binHalves(half("eq16")); return;
            case 0x2E: binHalves(half("ne16")); return;
            case 0x37: binHalves(half("eq32")); return;
            case 0x38: binHalves(half("ne32")); return;
            case 0xD6: binHalves(half("eq64")); return;
            case 0xD7: binHalves(half("ne64")); return;
            // shifts: v128, i32 count
            case 0x6B: shiftHalves(shiftHelper("shl8")); return;
            case 0x6C: shiftHalves(shiftHelper("shrS8")); return;
            case 0x6D: shiftHalves(shiftHelper("shrU8")); return;
            case 0x8B: shiftHalves(shiftHelper("shl16")); return;
            case 0x8C: shiftHalves(shiftHelper("shrS16")); return;
            case 0x8D: shiftHalves(shiftHelper("shrU16")); return;
            case 0xAB: shiftHalves(shiftHelper("shl32")); return;
            case 0xAC: shiftHalves(shiftHelper("shrS32")); return;
            case 0xAD: shiftHalves(shiftHelper("shrU32")); return;
            case 0xCB: shiftHalves(() -> mv.visitInsn(LSHL)); return; // JVM long shifts take the count mod 64
            case 0xCC: shiftHalves(() -> mv.visitInsn(LSHR)); return;
            case 0xCD: shiftHalves(() -> mv.visitInsn(LUSHR)); return;
            case 0x64: fe.pop(); helper("bitmask8", "(JJ)I"); fe.push('I'); return;
            case 0xA4: fe.pop(); helper("bitmask32", "(JJ)I"); fe.push('I'); return;
            // bitwise
            case 0x4D: unHalves(() -> { fe.lconst(-1); mv.visitInsn(LXOR); }); return;
            case 0x4E: binHalves(() -> mv.visitInsn(LAND)); return;
            case 0x4F: binHalves(() -> { fe.lconst(-1); mv.visitInsn(LXOR); mv.visitInsn(LAND); }); return;
            case 0x50: binHalves(() -> mv.visitInsn(LOR)); return;
            case 0x51: binHalves(() -> mv.visitInsn(LXOR)); return;
            case 0x52: case 0x109: case 0x10A: case 0x10B: case 0x10C: // bitselect, relaxed_laneselect
                terHalves(() -> helper("bitselect", "(JJJ)J"));
                return;
            case 0x53: // v128.any_true
                fe.pop();
                helper("anyTrue", "(JJ)I");
                fe.push('I');
                return;
            // integer arithmetic, lane-wise on each half
            case 0x6E: binHalves(half("add8")); return;
            case 0x71: binHalves(half("sub8")); return;
            case 0x8E: binHalves(half("add16")); return;
            case 0x91: binHalves(half("sub16")); return;
            case 0xAE: binHalves(half("add32")); return;
            case 0xB1: binHalves(half("sub32")); return;
            case 0xB5: binHalves(half("mul32")); return;
            case 0xCE: binHalves(() -> mv.visitInsn(LADD)); return;
            case 0xD1: binHalves(() -> mv.visitInsn(LSUB)); return;
            case 0xD5: binHalves(() -> mv.visitInsn(LMUL)); return;
            // float arithmetic
            case 0xE4: binHalves(half("addF32")); return;
            case 0xE5: binHalves(half("subF32")); return;
            case 0xE6: binHalves(half("mulF32")); return;
            case 0xE7: binHalves(half("divF32")); return;
            case 0xF0: binHalves(half("addF64")); return;
            case 0xF1: binHalves(half("subF64")); return;
            case 0xF2: binHalves(half("mulF64")); return;
            case 0xF3: binHalves(half("divF64")); return;
            default:
                generic(op);
        }
    }

    // ------------------------------------------------------------------ generic path

    private void generic(int op) {
        if (!V128.isLaneFree(op)) {
            throw new IllegalStateException("weir internal error: SIMD sub-opcode 0x" + Integer.toHexString(op)
                    + " has no compiled form");
        }
        if (isTest(op)) { // v128 -> i32
            fe.pop();
            scratch();
            fe.iconst(op);
            helper("test", "(JJ[JI)I");
            fe.push('I');
            return;
        }
        if (isShift(op)) { // v128 i32 -> v128
            fe.pop();
            fe.pop();
            scratch();
            fe.iconst(op);
            helper("shift", "(JJI[JI)J");
            highFromScratch();
            fe.push('V');
            return;
        }
        int delta = V128.stackDelta(op);
        int operands = delta == 0 ? 1 : delta == -2 ? 2 : delta == -4 ? 3 : -1;
        if (operands < 0) {
            throw new IllegalStateException("weir internal error: SIMD sub-opcode 0x" + Integer.toHexString(op)
                    + " has an unexpected shape");
        }
        for (int i = 0; i < operands; i++) {
            fe.pop();
        }
        scratch();
        String[] direct = DIRECT[op];
        if (direct != null) { // put the operands in scratch, call the op's own method (inlinable), reload
            helper(operands == 1 ? "put2" : operands == 2 ? "put4" : "put6",
                    operands == 1 ? "(JJ[J)V" : operands == 2 ? "(JJJJ[J)V" : "(JJJJJJ[J)V");
            scratch();
            mv.visitInsn(ICONST_0);
            mv.visitMethodInsn(INVOKESTATIC, direct[0], direct[1], "([JI)V", false);
            scratch();
            mv.visitInsn(ICONST_0);
            mv.visitInsn(LALOAD);
            highFromScratch();
            fe.push('V');
            return;
        }
        fe.iconst(op);
        switch (operands) {
            case 1: helper("un", "(JJ[JI)J"); break;
            case 2: helper("bin", "(JJJJ[JI)J"); break;
            default: helper("ter", "(JJJJJJ[JI)J"); break;
        }
        highFromScratch();
        fe.push('V');
    }

    /**
     * Per sub-opcode, the interpreter's own implementation {@code static void m(long[] s, int i)}
     * ({@code {owner, name}}), found by V128's naming rule (class = shape, method = the op in camel
     * case); null where there is none (then {@link V128#execute} dispatches). Calling it directly
     * lets HotSpot inline the op into the generated method instead of going through the switch.
     */
    private static final String[][] DIRECT = new String[0x114][];

    static {
        for (int op = 0; op < DIRECT.length; op++) {
            String name = V128.opName(op);
            if (name == null || !V128.isLaneFree(op) || op >= 0x109 && op <= 0x10C) {
                continue; // relaxed_laneselect is bitselect in the dispatcher (and inlined above)
            }
            int dot = name.indexOf('.');
            String owner = Character.toUpperCase(name.charAt(0)) + name.substring(1, dot);
            StringBuilder method = new StringBuilder();
            for (String part : name.substring(dot + 1).split("_")) {
                method.append(method.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            try {
                Method m = Class.forName("dev.weir.internal.simd." + owner)
                        .getMethod(method.toString(), long[].class, int.class);
                if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == void.class) {
                    DIRECT[op] = new String[] {"dev/weir/internal/simd/" + owner, method.toString()};
                }
            } catch (ReflectiveOperationException e) {
                // no method by that name: the dispatcher handles the op
            }
        }
    }

    /** all_true, bitmask, any_true: v128 -> i32. */
    private static boolean isTest(int op) {
        switch (op) {
            case 0x53: case 0x63: case 0x64: case 0x83: case 0x84: case 0xA3: case 0xA4: case 0xC3: case 0xC4:
                return true;
            default:
                return false;
        }
    }

    private static boolean isShift(int op) {
        return (op >= 0x6B && op <= 0x6D) || (op >= 0x8B && op <= 0x8D) || (op >= 0xAB && op <= 0xAD)
                || (op >= 0xCB && op <= 0xCD);
    }

    private void scratch() {
        mv.visitVarInsn(ALOAD, fe.ctxSlot);
        mv.visitFieldInsn(GETFIELD, FunctionEmitter.CTX, "simdScratch", "[J");
    }

    /** After a generic helper returned the low half: pushes the high half it left in scratch[1]. */
    private void highFromScratch() {
        scratch();
        mv.visitInsn(ICONST_1);
        mv.visitInsn(LALOAD);
    }

    private void helper(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, SRT, name, desc, false);
    }

    private Runnable half(String name) {
        return () -> helper(name, "(JJ)J");
    }

    private Runnable shiftHelper(String name) {
        return () -> helper(name, "(JI)J");
    }

    /** {@code [lo hi n] -> [f(lo, n) f(hi, n)]}; f consumes a long and an int and produces a long. */
    private void shiftHalves(Runnable f) {
        fe.pop();
        int n = fe.temp('I');
        int hi = fe.temp('J');
        mv.visitVarInsn(ISTORE, n);
        mv.visitVarInsn(LSTORE, hi);
        mv.visitVarInsn(ILOAD, n);
        f.run();
        mv.visitVarInsn(LLOAD, hi);
        mv.visitVarInsn(ILOAD, n);
        f.run();
    }

    // ------------------------------------------------------------------ per-half patterns

    /** {@code [lo hi] -> [f(lo) f(hi)]}; f consumes one long and produces one. */
    private void unHalves(Runnable f) {
        int hi = fe.temp('J');
        mv.visitVarInsn(LSTORE, hi);
        f.run();
        mv.visitVarInsn(LLOAD, hi);
        f.run();
    }

    /** {@code [alo ahi blo bhi] -> [f(alo, blo) f(ahi, bhi)]}. */
    private void binHalves(Runnable f) {
        fe.pop();
        int bhi = fe.temp('J');
        int blo = fe.temp('J');
        int ahi = fe.temp('J');
        mv.visitVarInsn(LSTORE, bhi);
        mv.visitVarInsn(LSTORE, blo);
        mv.visitVarInsn(LSTORE, ahi);
        mv.visitVarInsn(LLOAD, blo);
        f.run();
        mv.visitVarInsn(LLOAD, ahi);
        mv.visitVarInsn(LLOAD, bhi);
        f.run();
    }

    /** {@code [a b c] -> [f(alo, blo, clo) f(ahi, bhi, chi)]}. */
    private void terHalves(Runnable f) {
        fe.pop();
        fe.pop();
        int c = fe.temp('V');
        int b = fe.temp('V');
        int ahi = fe.temp('J');
        fe.store('V', c);
        fe.store('V', b);
        mv.visitVarInsn(LSTORE, ahi);
        mv.visitVarInsn(LLOAD, b);
        mv.visitVarInsn(LLOAD, c);
        f.run();
        mv.visitVarInsn(LLOAD, ahi);
        mv.visitVarInsn(LLOAD, b + 2);
        mv.visitVarInsn(LLOAD, c + 2);
        f.run();
    }

    /** Scalar (int or long) -> v128 with the scalar's low w bits in every lane. */
    private void splat(String helper) {
        fe.pop();
        if (helper != null) {
            helper(helper, "(I)J");
        }
        mv.visitInsn(DUP2);
        fe.push('V');
    }

    /** {@code [lo hi] -> [lo]} or {@code [hi]}. */
    private void selectHalf(boolean high) {
        if (high) {
            mv.visitInsn(DUP2_X2); // [hi lo hi]
            mv.visitInsn(POP2);
        }
        mv.visitInsn(POP2);
    }

    // ------------------------------------------------------------------ lanes

    /** Lane width in bytes of the extract/replace_lane op (0x15-0x22). */
    private static int laneBytes(int op) {
        if (op <= 0x17) {
            return 1;
        }
        if (op <= 0x1A) {
            return 2;
        }
        return op == 0x1B || op == 0x1C || op == 0x1F || op == 0x20 ? 4 : 8;
    }

    private void lane(int op, int lane) {
        int w = laneBytes(op);
        boolean high = lane * w >= 8;
        int sh = (lane * w * 8) & 63;
        boolean replace = op == 0x17 || op == 0x1A || op == 0x1C || op == 0x1E || op == 0x20 || op == 0x22;
        if (!replace) {
            fe.pop();
            selectHalf(high);
            if (w == 8) {
                fe.push('J');
                return;
            }
            if (sh != 0) {
                fe.iconst(sh);
                mv.visitInsn(LUSHR);
            }
            mv.visitInsn(L2I);
            switch (op) {
                case 0x15: mv.visitInsn(I2B); break;
                case 0x16: fe.iconst(0xFF); mv.visitInsn(IAND); break;
                case 0x18: mv.visitInsn(I2S); break;
                case 0x19: fe.iconst(0xFFFF); mv.visitInsn(IAND); break;
                default: break; // i32 / f32 bits
            }
            fe.push('I');
            return;
        }
        char sk = fe.pop(); // the new lane value
        fe.pop();
        int x = fe.temp(sk);
        fe.store(sk, x);
        insert(w, high, sh, x, sk);
        fe.push('V');
    }

    /**
     * {@code [lo hi] -> [lo' hi']} with the lane of w bytes at bit {@code sh} of the chosen half
     * replaced by the scalar in temp {@code x} (kind {@code xk}).
     */
    private void insert(int w, boolean high, int sh, int x, char xk) {
        int hi = fe.temp('J');
        mv.visitVarInsn(LSTORE, hi); // [lo]
        if (high) {
            mv.visitVarInsn(LLOAD, hi); // [lo hi]
        }
        if (w == 8) {
            mv.visitInsn(POP2);
            fe.load(xk, x);
        } else {
            fe.load(xk, x);
            fe.iconst(sh);
            helper(w == 1 ? "repl8" : w == 2 ? "repl16" : "repl32", "(JII)J");
        }
        if (!high) {
            mv.visitVarInsn(LLOAD, hi);
        }
    }

    // ------------------------------------------------------------------ memory

    private void memory(InstructionReader r, int op) {
        int mi = r.memory();
        long off = r.memOffset();
        if (op == 0x0B || (op >= 0x54 && op <= 0x5B)) { // [addr v128] (+ lane)
            fe.pop();
            fe.pop();
            int v = fe.temp('V');
            fe.store('V', v);
            fe.ea(mi, off); // [mem ea]
            if (op == 0x0B) {
                fe.load('V', v);
                fe.memCall("storeV128", "(JJJ)V");
            } else if (op >= 0x58) {
                storeLane(op, r.lane(), v);
            } else {
                loadLane(op, r.lane(), v);
                fe.push('V');
            }
            return;
        }
        fe.pop();
        fe.ea(mi, off); // [mem ea]
        switch (op) {
            case 0x00: {
                int ea = fe.temp('J');
                mv.visitVarInsn(LSTORE, ea); // [mem]
                mv.visitInsn(DUP);
                mv.visitVarInsn(LLOAD, ea);
                fe.memCall("loadV128Lo", "(J)J"); // [mem lo]; checks all 16 bytes
                mv.visitInsn(DUP2_X1); // [lo mem lo]
                mv.visitInsn(POP2);
                mv.visitVarInsn(LLOAD, ea);
                fe.memCall("loadV128Hi", "(J)J");
                break;
            }
            case 0x01: extendLoad("ext8S"); break;
            case 0x02: extendLoad("ext8U"); break;
            case 0x03: extendLoad("ext16S"); break;
            case 0x04: extendLoad("ext16U"); break;
            case 0x05: extendLoad(null); break;
            case 0x06: extendLoad("ext32U"); break;
            case 0x07: fe.memCall("loadI8U", "(J)I"); helper("splat8", "(I)J"); mv.visitInsn(DUP2); break;
            case 0x08: fe.memCall("loadI16U", "(J)I"); helper("splat16", "(I)J"); mv.visitInsn(DUP2); break;
            case 0x09: fe.memCall("loadI32", "(J)I"); helper("splat32", "(I)J"); mv.visitInsn(DUP2); break;
            case 0x0A: fe.memCall("loadI64", "(J)J"); mv.visitInsn(DUP2); break;
            case 0x5C: fe.memCall("loadI32U", "(J)J"); mv.visitInsn(LCONST_0); break;
            case 0x5D: fe.memCall("loadI64", "(J)J"); mv.visitInsn(LCONST_0); break;
            default:
                throw new IllegalStateException("weir internal error: SIMD memory op 0x" + Integer.toHexString(op));
        }
        fe.push('V');
    }

    /**
     * {@code v128.loadMxN_s/u}: [mem ea] -> [lo hi] from the 8 bytes at ea; each 4-byte half of
     * them widens into one half of the vector. {@code ext == null}: 32x2_s (plain sign extension);
     * "ext32U" is done inline too.
     */
    private void extendLoad(String ext) {
        fe.memCall("loadI64", "(J)J");
        int t = fe.temp('J');
        mv.visitVarInsn(LSTORE, t);
        for (int h = 0; h < 2; h++) {
            mv.visitVarInsn(LLOAD, t);
            if (h == 1) {
                fe.iconst(32);
                mv.visitInsn(LUSHR);
            }
            if (ext == null || ext.equals("ext32U")) {
                if (ext == null) {
                    mv.visitInsn(L2I);
                    mv.visitInsn(I2L);
                } else if (h == 0) {
                    fe.lconst(0xFFFF_FFFFL);
                    mv.visitInsn(LAND);
                }
            } else {
                mv.visitInsn(L2I);
                helper(ext, "(I)J");
            }
        }
    }

    /** {@code v128.loadN_lane}: [mem ea] -> [lo' hi'] (the vector in temp v). */
    private void loadLane(int op, int lane, int v) {
        int w = 1 << (op - 0x54);
        char xk = w == 8 ? 'J' : 'I';
        switch (w) {
            case 1: fe.memCall("loadI8U", "(J)I"); break;
            case 2: fe.memCall("loadI16U", "(J)I"); break;
            case 4: fe.memCall("loadI32", "(J)I"); break;
            default: fe.memCall("loadI64", "(J)J"); break;
        }
        int x = fe.temp(xk);
        fe.store(xk, x);
        fe.load('V', v);
        insert(w, lane * w >= 8, (lane * w * 8) & 63, x, xk);
    }

    /** {@code v128.storeN_lane}: [mem ea] -> [] (the vector in temp v). */
    private void storeLane(int op, int lane, int v) {
        int w = 1 << (op - 0x58);
        boolean high = lane * w >= 8;
        int sh = (lane * w * 8) & 63;
        mv.visitVarInsn(LLOAD, high ? v + 2 : v);
        if (sh != 0) {
            fe.iconst(sh);
            mv.visitInsn(LUSHR);
        }
        switch (w) {
            case 1: mv.visitInsn(L2I); fe.memCall("storeI8", "(JI)V"); break;
            case 2: mv.visitInsn(L2I); fe.memCall("storeI16", "(JI)V"); break;
            case 4: mv.visitInsn(L2I); fe.memCall("storeI32", "(JI)V"); break;
            default: fe.memCall("storeI64", "(JJ)V"); break;
        }
    }
}
