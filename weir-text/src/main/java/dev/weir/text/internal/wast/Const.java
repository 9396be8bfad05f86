package dev.weir.text.internal.wast;

import dev.weir.wasm.HeapType;
import dev.weir.wasm.ValType;

/**
 * An argument value of a script action: {@code (i32.const 1)}, {@code (v128.const i8x16 ...)},
 * {@code (ref.null func)}, {@code (ref.extern 7)}, {@code (ref.host 7)}.
 */
public sealed interface Const permits Const.Num, Const.Vec, Const.RefNull, Const.HostRef {

    /** i32/i64 value or f32/f64 raw IEEE bits (an f32 or i32 in the low 32 bits). */
    record Num(ValType type, long bits) implements Const {
        @Override
        public String toString() {
            switch (type.kind()) {
                case I32: return "(i32.const " + (int) bits + ")";
                case F32: return "(f32.const " + Float.intBitsToFloat((int) bits) + ")";
                case F64: return "(f64.const " + Double.longBitsToDouble(bits) + ")";
                default: return "(i64.const " + bits + ")";
            }
        }
    }

    /** A v128 as its little-endian halves (lane 0 in the low bits of {@code lo}). */
    record Vec(long lo, long hi) implements Const {
        @Override
        public String toString() {
            return String.format("(v128.const i64x2 0x%x 0x%x)", lo, hi);
        }
    }

    /** {@code (ref.null ht)}: {@code heapType} is a {@link HeapType} constant. */
    record RefNull(int heapType) implements Const {
        @Override
        public String toString() {
            return "(ref.null " + HeapType.name(heapType) + ")";
        }
    }

    /**
     * A host reference number {@code n}: {@code (ref.extern n)} (an externref, {@code extern} true)
     * or {@code (ref.host n)} (the same host object seen as an anyref, GC proposal scripts).
     */
    record HostRef(long n, boolean extern) implements Const {
        @Override
        public String toString() {
            return (extern ? "(ref.extern " : "(ref.host ") + n + ")";
        }
    }
}
