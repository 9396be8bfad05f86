package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Numeric instructions (0x45..0xC4 and the saturating truncations 0xFC 0..7). Integer arithmetic
 * maps to JVM instructions (JVM shifts mask the count like Wasm, spec 4.3.2); division and
 * remainder go through {@code IntOps} for the traps; floats go through {@link Rt} on raw bits.
 */
final class Numeric {
    private Numeric() {
    }

    /** The type-stack effect: pops n values and pushes one of the given kind (0: none). */
    interface Effect {
        void apply(int pops, char result);
    }

    private static final String INTOPS = "dev/weir/internal/num/IntOps";

    private static final String[] F32_UNARY = {"f32Abs", "f32Neg", "f32Ceil", "f32Floor", "f32Trunc", "f32Nearest", "f32Sqrt"};
    private static final String[] F32_BINARY = {"f32Add", "f32Sub", "f32Mul", "f32Div", "f32Min", "f32Max", "f32Copysign"};
    private static final String[] F64_UNARY = {"f64Abs", "f64Neg", "f64Ceil", "f64Floor", "f64Trunc", "f64Nearest", "f64Sqrt"};
    private static final String[] F64_BINARY = {"f64Add", "f64Sub", "f64Mul", "f64Div", "f64Min", "f64Max", "f64Copysign"};
    private static final String[] FCMP = {"Eq", "Ne", "Lt", "Gt", "Le", "Ge"};

    /** 0xA8..0xBB conversions: helper name and descriptor (null: inline). */
    private static final String[][] CONV = {
        {"i32TruncF32S", "(I)I"}, {"i32TruncF32U", "(I)I"}, {"i32TruncF64S", "(J)I"}, {"i32TruncF64U", "(J)I"},
        null, null,
        {"i64TruncF32S", "(I)J"}, {"i64TruncF32U", "(I)J"}, {"i64TruncF64S", "(J)J"}, {"i64TruncF64U", "(J)J"},
        {"f32ConvertI32S", "(I)I"}, {"f32ConvertI32U", "(I)I"}, {"f32ConvertI64S", "(J)I"}, {"f32ConvertI64U", "(J)I"},
        {"f32DemoteF64", "(J)I"},
        {"f64ConvertI32S", "(I)J"}, {"f64ConvertI32U", "(I)J"}, {"f64ConvertI64S", "(J)J"}, {"f64ConvertI64U", "(J)J"},
        {"f64PromoteF32", "(I)J"},
    };

    private static final String[][] SAT = {
        {"i32TruncSatF32S", "(I)I"}, {"i32TruncSatF32U", "(I)I"}, {"i32TruncSatF64S", "(J)I"}, {"i32TruncSatF64U", "(J)I"},
        {"i64TruncSatF32S", "(I)J"}, {"i64TruncSatF32U", "(I)J"}, {"i64TruncSatF64S", "(J)J"}, {"i64TruncSatF64U", "(J)J"},
    };

    private static void rt(MethodVisitor mv, String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, Rt.class.getName().replace('.', '/'), name, desc, false);
    }

    private static void call(MethodVisitor mv, String owner, String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
    }

    /** Replaces the condition consumed by {@code jumpOp} with 1 (taken) or 0. */
    private static void bool(MethodVisitor mv, int jumpOp) {
        // BoolLabels: CompareFusion may fuse this with a br_if/if that tests the value right away.
        Label t = new CompareFusion.BoolLabel();
        Label end = new CompareFusion.BoolLabel();
        mv.visitJumpInsn(jumpOp, t);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, end);
        mv.visitLabel(t);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(end);
    }

    private static final int[] SIGNED_ICMP = {IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, 0, IF_ICMPGT, 0, IF_ICMPLE, 0, IF_ICMPGE, 0};
    private static final int[] ZERO_CMP = {IFEQ, IFNE, IFLT, IFLT, IFGT, IFGT, IFLE, IFLE, IFGE, IFGE};
    /** For lt_u, gt_u, le_u, ge_u (odd k): the signed test of (b ^ MIN) against (a ^ MIN). */
    private static final int[] MIRRORED_UNSIGNED_ICMP = {0, 0, 0, IF_ICMPGT, 0, IF_ICMPLT, 0, IF_ICMPGE, 0, IF_ICMPLE};
    private static final int[] MIRRORED_UNSIGNED_ZERO_CMP = {0, 0, 0, IFGT, 0, IFLT, 0, IFGE, 0, IFLE};

    static void emitSat(MethodVisitor mv, int sub, Effect e) {
        rt(mv, SAT[sub][0], SAT[sub][1]);
        e.apply(1, SAT[sub][1].charAt(3));
    }

    static void emit(MethodVisitor mv, int op, Effect e) {
        if (op == 0x45) {
            bool(mv, IFEQ);
            e.apply(1, 'I');
        } else if (op <= 0x4F) { // i32 comparisons: eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u
            int k = op - 0x46;
            if (SIGNED_ICMP[k] != 0) {
                bool(mv, SIGNED_ICMP[k]);
            } else {
                // Unsigned as signed with both sign bits flipped; b' goes below a', so the test is
                // mirrored. Cheaper than Integer.compareUnsigned's -1/0/1 diamond, which Java 17's C1
                // does not fold into the branch.
                mv.visitLdcInsn(Integer.MIN_VALUE);
                mv.visitInsn(IXOR);
                mv.visitInsn(SWAP);
                mv.visitLdcInsn(Integer.MIN_VALUE);
                mv.visitInsn(IXOR);
                bool(mv, MIRRORED_UNSIGNED_ICMP[k]);
            }
            e.apply(2, 'I');
        } else if (op == 0x50) {
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
            bool(mv, IFEQ);
            e.apply(1, 'I');
        } else if (op <= 0x5A) {
            int k = op - 0x51;
            if (k == 0 || k == 1 || (k % 2) == 0) {
                mv.visitInsn(LCMP);
                bool(mv, ZERO_CMP[k]);
            } else { // as for i32: flip the sign bits, b' below a', mirrored test
                mv.visitLdcInsn(Long.MIN_VALUE);
                mv.visitInsn(LXOR);
                mv.visitInsn(DUP2_X2);
                mv.visitInsn(POP2);
                mv.visitLdcInsn(Long.MIN_VALUE);
                mv.visitInsn(LXOR);
                mv.visitInsn(LCMP);
                bool(mv, MIRRORED_UNSIGNED_ZERO_CMP[k]);
            }
            e.apply(2, 'I');
        } else if (op <= 0x60) {
            rt(mv, "f32" + FCMP[op - 0x5B], "(II)I");
            e.apply(2, 'I');
        } else if (op <= 0x66) {
            rt(mv, "f64" + FCMP[op - 0x61], "(JJ)I");
            e.apply(2, 'I');
        } else if (op <= 0x69) {
            String[] n = {"numberOfLeadingZeros", "numberOfTrailingZeros", "bitCount"};
            call(mv, "java/lang/Integer", n[op - 0x67], "(I)I");
            e.apply(1, 'I');
        } else if (op <= 0x78) {
            i32Binary(mv, op);
            e.apply(2, 'I');
        } else if (op <= 0x7B) {
            String[] n = {"numberOfLeadingZeros", "numberOfTrailingZeros", "bitCount"};
            call(mv, "java/lang/Long", n[op - 0x79], "(J)I");
            mv.visitInsn(I2L);
            e.apply(1, 'J');
        } else if (op <= 0x8A) {
            i64Binary(mv, op);
            e.apply(2, 'J');
        } else if (op <= 0x91) {
            rt(mv, F32_UNARY[op - 0x8B], "(I)I");
            e.apply(1, 'I');
        } else if (op <= 0x98) {
            rt(mv, F32_BINARY[op - 0x92], "(II)I");
            e.apply(2, 'I');
        } else if (op <= 0x9F) {
            rt(mv, F64_UNARY[op - 0x99], "(J)J");
            e.apply(1, 'J');
        } else if (op <= 0xA6) {
            rt(mv, F64_BINARY[op - 0xA0], "(JJ)J");
            e.apply(2, 'J');
        } else if (op == 0xA7) {
            mv.visitInsn(L2I);
            e.apply(1, 'I');
        } else if (op == 0xAC) {
            mv.visitInsn(I2L);
            e.apply(1, 'J');
        } else if (op == 0xAD) {
            mv.visitInsn(I2L);
            mv.visitLdcInsn(0xFFFF_FFFFL);
            mv.visitInsn(LAND);
            e.apply(1, 'J');
        } else if (op <= 0xBB) {
            String[] c = CONV[op - 0xA8];
            rt(mv, c[0], c[1]);
            e.apply(1, c[1].charAt(3));
        } else if (op <= 0xBF) { // reinterpret: the bits are the representation
            e.apply(1, op == 0xBC || op == 0xBE ? 'I' : 'J');
        } else {
            switch (op) {
                case 0xC0: mv.visitInsn(I2B); e.apply(1, 'I'); break;
                case 0xC1: mv.visitInsn(I2S); e.apply(1, 'I'); break;
                case 0xC2: mv.visitInsn(L2I); mv.visitInsn(I2B); mv.visitInsn(I2L); e.apply(1, 'J'); break;
                case 0xC3: mv.visitInsn(L2I); mv.visitInsn(I2S); mv.visitInsn(I2L); e.apply(1, 'J'); break;
                default: mv.visitInsn(L2I); mv.visitInsn(I2L); e.apply(1, 'J'); break;
            }
        }
    }

    private static void i32Binary(MethodVisitor mv, int op) {
        switch (op) {
            case 0x6A: mv.visitInsn(IADD); break;
            case 0x6B: mv.visitInsn(ISUB); break;
            case 0x6C: mv.visitInsn(IMUL); break;
            case 0x6D: call(mv, INTOPS, "i32DivS", "(II)I"); break;
            case 0x6E: call(mv, INTOPS, "i32DivU", "(II)I"); break;
            case 0x6F: call(mv, INTOPS, "i32RemS", "(II)I"); break;
            case 0x70: call(mv, INTOPS, "i32RemU", "(II)I"); break;
            case 0x71: mv.visitInsn(IAND); break;
            case 0x72: mv.visitInsn(IOR); break;
            case 0x73: mv.visitInsn(IXOR); break;
            case 0x74: mv.visitInsn(ISHL); break;
            case 0x75: mv.visitInsn(ISHR); break;
            case 0x76: mv.visitInsn(IUSHR); break;
            case 0x77: call(mv, "java/lang/Integer", "rotateLeft", "(II)I"); break;
            default: call(mv, "java/lang/Integer", "rotateRight", "(II)I"); break;
        }
    }

    private static void i64Binary(MethodVisitor mv, int op) {
        switch (op) {
            case 0x7C: mv.visitInsn(LADD); break;
            case 0x7D: mv.visitInsn(LSUB); break;
            case 0x7E: mv.visitInsn(LMUL); break;
            case 0x7F: call(mv, INTOPS, "i64DivS", "(JJ)J"); break;
            case 0x80: call(mv, INTOPS, "i64DivU", "(JJ)J"); break;
            case 0x81: call(mv, INTOPS, "i64RemS", "(JJ)J"); break;
            case 0x82: call(mv, INTOPS, "i64RemU", "(JJ)J"); break;
            case 0x83: mv.visitInsn(LAND); break;
            case 0x84: mv.visitInsn(LOR); break;
            case 0x85: mv.visitInsn(LXOR); break;
            // JVM long shifts take an int count and mask it with 63, as Wasm does
            case 0x86: mv.visitInsn(L2I); mv.visitInsn(LSHL); break;
            case 0x87: mv.visitInsn(L2I); mv.visitInsn(LSHR); break;
            case 0x88: mv.visitInsn(L2I); mv.visitInsn(LUSHR); break;
            case 0x89: mv.visitInsn(L2I); call(mv, "java/lang/Long", "rotateLeft", "(JI)J"); break;
            default: mv.visitInsn(L2I); call(mv, "java/lang/Long", "rotateRight", "(JI)J"); break;
        }
    }
}
