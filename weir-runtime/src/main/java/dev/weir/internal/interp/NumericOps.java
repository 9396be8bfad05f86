package dev.weir.internal.interp;

import dev.weir.internal.num.Conversions;
import dev.weir.internal.num.FloatOps;
import dev.weir.internal.num.IntOps;

/**
 * Floating-point arithmetic and comparisons, conversions and wide arithmetic, kept out of the
 * interpreter's main method: that method must stay small enough for HotSpot to compile it well
 * (and under the 8000-byte limit beyond which it is not compiled at all).
 */
final class NumericOps {
    private NumericOps() {
    }

    private static float f32(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static long f32b(float f) {
        return Float.floatToRawIntBits(f);
    }

    private static double f64(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long f64b(double d) {
        return Double.doubleToRawLongBits(d);
    }

    /** Executes one instruction on the operand stack; returns the new stack pointer. */
    static int execute(int op, long[] s, int sp) {
        switch (op) {
            case 0x5B: sp--; s[sp - 1] = f32(s[sp - 1]) == f32(s[sp]) ? 1 : 0; return sp;
            case 0x5C: sp--; s[sp - 1] = f32(s[sp - 1]) != f32(s[sp]) ? 1 : 0; return sp;
            case 0x5D: sp--; s[sp - 1] = f32(s[sp - 1]) < f32(s[sp]) ? 1 : 0; return sp;
            case 0x5E: sp--; s[sp - 1] = f32(s[sp - 1]) > f32(s[sp]) ? 1 : 0; return sp;
            case 0x5F: sp--; s[sp - 1] = f32(s[sp - 1]) <= f32(s[sp]) ? 1 : 0; return sp;
            case 0x60: sp--; s[sp - 1] = f32(s[sp - 1]) >= f32(s[sp]) ? 1 : 0; return sp;
            case 0x61: sp--; s[sp - 1] = f64(s[sp - 1]) == f64(s[sp]) ? 1 : 0; return sp;
            case 0x62: sp--; s[sp - 1] = f64(s[sp - 1]) != f64(s[sp]) ? 1 : 0; return sp;
            case 0x63: sp--; s[sp - 1] = f64(s[sp - 1]) < f64(s[sp]) ? 1 : 0; return sp;
            case 0x64: sp--; s[sp - 1] = f64(s[sp - 1]) > f64(s[sp]) ? 1 : 0; return sp;
            case 0x65: sp--; s[sp - 1] = f64(s[sp - 1]) <= f64(s[sp]) ? 1 : 0; return sp;
            case 0x66: sp--; s[sp - 1] = f64(s[sp - 1]) >= f64(s[sp]) ? 1 : 0; return sp;
            case 0x8B: s[sp - 1] = FloatOps.f32AbsBits((int) s[sp - 1]); return sp;
            case 0x8C: s[sp - 1] = FloatOps.f32NegBits((int) s[sp - 1]); return sp;
            case 0x8D: s[sp - 1] = f32b(FloatOps.f32Ceil(f32(s[sp - 1]))); return sp;
            case 0x8E: s[sp - 1] = f32b(FloatOps.f32Floor(f32(s[sp - 1]))); return sp;
            case 0x8F: s[sp - 1] = f32b(FloatOps.f32Trunc(f32(s[sp - 1]))); return sp;
            case 0x90: s[sp - 1] = f32b(FloatOps.f32Nearest(f32(s[sp - 1]))); return sp;
            case 0x91: s[sp - 1] = f32b(FloatOps.f32Sqrt(f32(s[sp - 1]))); return sp;
            case 0x92: sp--; s[sp - 1] = f32b(f32(s[sp - 1]) + f32(s[sp])); return sp;
            case 0x93: sp--; s[sp - 1] = f32b(f32(s[sp - 1]) - f32(s[sp])); return sp;
            case 0x94: sp--; s[sp - 1] = f32b(f32(s[sp - 1]) * f32(s[sp])); return sp;
            case 0x95: sp--; s[sp - 1] = f32b(f32(s[sp - 1]) / f32(s[sp])); return sp;
            case 0x96: sp--; s[sp - 1] = f32b(FloatOps.f32Min(f32(s[sp - 1]), f32(s[sp]))); return sp;
            case 0x97: sp--; s[sp - 1] = f32b(FloatOps.f32Max(f32(s[sp - 1]), f32(s[sp]))); return sp;
            case 0x98: sp--; s[sp - 1] = FloatOps.f32CopysignBits((int) s[sp - 1], (int) s[sp]); return sp;
            case 0x99: s[sp - 1] = FloatOps.f64AbsBits(s[sp - 1]); return sp;
            case 0x9A: s[sp - 1] = FloatOps.f64NegBits(s[sp - 1]); return sp;
            case 0x9B: s[sp - 1] = f64b(FloatOps.f64Ceil(f64(s[sp - 1]))); return sp;
            case 0x9C: s[sp - 1] = f64b(FloatOps.f64Floor(f64(s[sp - 1]))); return sp;
            case 0x9D: s[sp - 1] = f64b(FloatOps.f64Trunc(f64(s[sp - 1]))); return sp;
            case 0x9E: s[sp - 1] = f64b(FloatOps.f64Nearest(f64(s[sp - 1]))); return sp;
            case 0x9F: s[sp - 1] = f64b(Math.sqrt(f64(s[sp - 1]))); return sp;
            case 0xA0: sp--; s[sp - 1] = f64b(f64(s[sp - 1]) + f64(s[sp])); return sp;
            case 0xA1: sp--; s[sp - 1] = f64b(f64(s[sp - 1]) - f64(s[sp])); return sp;
            case 0xA2: sp--; s[sp - 1] = f64b(f64(s[sp - 1]) * f64(s[sp])); return sp;
            case 0xA3: sp--; s[sp - 1] = f64b(f64(s[sp - 1]) / f64(s[sp])); return sp;
            case 0xA4: sp--; s[sp - 1] = f64b(FloatOps.f64Min(f64(s[sp - 1]), f64(s[sp]))); return sp;
            case 0xA5: sp--; s[sp - 1] = f64b(FloatOps.f64Max(f64(s[sp - 1]), f64(s[sp]))); return sp;
            case 0xA6: sp--; s[sp - 1] = FloatOps.f64CopysignBits(s[sp - 1], s[sp]); return sp;
            case 0xA8: s[sp - 1] = Conversions.i32TruncF32S(f32(s[sp - 1])); return sp;
            case 0xA9: s[sp - 1] = Conversions.i32TruncF32U(f32(s[sp - 1])); return sp;
            case 0xAA: s[sp - 1] = Conversions.i32TruncF64S(f64(s[sp - 1])); return sp;
            case 0xAB: s[sp - 1] = Conversions.i32TruncF64U(f64(s[sp - 1])); return sp;
            case 0xAE: s[sp - 1] = Conversions.i64TruncF32S(f32(s[sp - 1])); return sp;
            case 0xAF: s[sp - 1] = Conversions.i64TruncF32U(f32(s[sp - 1])); return sp;
            case 0xB0: s[sp - 1] = Conversions.i64TruncF64S(f64(s[sp - 1])); return sp;
            case 0xB1: s[sp - 1] = Conversions.i64TruncF64U(f64(s[sp - 1])); return sp;
            case 0xB2: s[sp - 1] = f32b((float) (int) s[sp - 1]); return sp;
            case 0xB3: s[sp - 1] = f32b(Conversions.f32ConvertI32U((int) s[sp - 1])); return sp;
            case 0xB4: s[sp - 1] = f32b(Conversions.f32ConvertI64S(s[sp - 1])); return sp;
            case 0xB5: s[sp - 1] = f32b(Conversions.f32ConvertI64U(s[sp - 1])); return sp;
            case 0xB6: s[sp - 1] = f32b(Conversions.f32DemoteF64(f64(s[sp - 1]))); return sp;
            case 0xB7: s[sp - 1] = f64b((int) s[sp - 1]); return sp;
            case 0xB8: s[sp - 1] = f64b(Conversions.f64ConvertI32U((int) s[sp - 1])); return sp;
            case 0xB9: s[sp - 1] = f64b((double) s[sp - 1]); return sp;
            case 0xBA: s[sp - 1] = f64b(Conversions.f64ConvertI64U(s[sp - 1])); return sp;
            case 0xBB: s[sp - 1] = f64b(Conversions.f64PromoteF32(f32(s[sp - 1]))); return sp;
            case Op.FC + 0: s[sp - 1] = Conversions.i32TruncSatF32S(f32(s[sp - 1])); return sp;
            case Op.FC + 1: s[sp - 1] = Conversions.i32TruncSatF32U(f32(s[sp - 1])); return sp;
            case Op.FC + 2: s[sp - 1] = Conversions.i32TruncSatF64S(f64(s[sp - 1])); return sp;
            case Op.FC + 3: s[sp - 1] = Conversions.i32TruncSatF64U(f64(s[sp - 1])); return sp;
            case Op.FC + 4: s[sp - 1] = Conversions.i64TruncSatF32S(f32(s[sp - 1])); return sp;
            case Op.FC + 5: s[sp - 1] = Conversions.i64TruncSatF32U(f32(s[sp - 1])); return sp;
            case Op.FC + 6: s[sp - 1] = Conversions.i64TruncSatF64S(f64(s[sp - 1])); return sp;
            case Op.FC + 7: s[sp - 1] = Conversions.i64TruncSatF64U(f64(s[sp - 1])); return sp;
            case Op.I64_ADD128: IntOps.i64Add128(s, sp - 4); sp -= 2; return sp;
            case Op.I64_SUB128: IntOps.i64Sub128(s, sp - 4); sp -= 2; return sp;
            case Op.I64_MUL_WIDE_S: IntOps.i64MulWideS(s, sp - 2); return sp;
            case Op.I64_MUL_WIDE_U: IntOps.i64MulWideU(s, sp - 2); return sp;
            default:
                throw new IllegalStateException("weir internal error: not a numeric op " + op);
        }
    }
}
