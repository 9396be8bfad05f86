package dev.weir.text.internal.wast;

import dev.weir.wasm.HeapType;
import dev.weir.wasm.ValType;
import java.util.List;

/** One expected result of {@code assert_return}: an exact value, a pattern, or {@code (either ...)}. */
public sealed interface Expected
        permits Expected.Exact, Expected.Nan, Expected.VecPattern, Expected.RefNull, Expected.RefKind,
        Expected.Either {

    /** The value must be exactly this (numbers and floats compared bit for bit, host refs by number). */
    record Exact(Const value) implements Expected {
        @Override
        public String toString() {
            return value.toString();
        }
    }

    /**
     * {@code (f32.const nan:canonical)} / {@code nan:arithmetic} (spec 4.3.3 "NaN propagation"):
     * canonical means the quiet NaN with an empty payload (either sign), arithmetic means any
     * quiet NaN.
     */
    record Nan(ValType type, boolean canonical) implements Expected {
        @Override
        public String toString() {
            return "(" + type + ".const nan:" + (canonical ? "canonical" : "arithmetic") + ")";
        }
    }

    /**
     * {@code (v128.const SHAPE lane*)}: {@code lanes[i]} is lane i's expected bits (only the lane
     * width is significant); {@code nan[i]} is 0 for an exact lane, 1 for {@code nan:canonical},
     * 2 for {@code nan:arithmetic} (float shapes only).
     */
    record VecPattern(String shape, long[] lanes, byte[] nan) implements Expected {
        public static final byte EXACT = 0;
        public static final byte CANONICAL = 1;
        public static final byte ARITHMETIC = 2;

        /** Lane width in bits: 8, 16, 32 or 64. */
        public int laneBits() {
            return 128 / lanes.length;
        }

        public boolean isFloat() {
            return shape.charAt(0) == 'f';
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(v128.const ").append(shape);
            for (int i = 0; i < lanes.length; i++) {
                sb.append(' ');
                if (nan[i] == CANONICAL) {
                    sb.append("nan:canonical");
                } else if (nan[i] == ARITHMETIC) {
                    sb.append("nan:arithmetic");
                } else if (shape.equals("f32x4")) {
                    sb.append(Float.intBitsToFloat((int) lanes[i]));
                } else if (shape.equals("f64x2")) {
                    sb.append(Double.longBitsToDouble(lanes[i]));
                } else {
                    sb.append(lanes[i]);
                }
            }
            return sb.append(')').toString();
        }
    }

    /**
     * {@code (ref.null ht)} or {@code (ref.null)}: a null reference. {@code heapType} is a
     * {@link HeapType} constant, or {@link #ANY_HIERARCHY} when no heap type was written.
     */
    record RefNull(int heapType) implements Expected {
        public static final int ANY_HIERARCHY = Integer.MIN_VALUE;

        @Override
        public String toString() {
            return heapType == ANY_HIERARCHY ? "(ref.null)" : "(ref.null " + HeapType.name(heapType) + ")";
        }
    }

    /**
     * A non-null reference of a kind, value unspecified: {@code (ref.func)}, {@code (ref.extern)},
     * {@code (ref.struct)}, {@code (ref.array)}, {@code (ref.i31)}, {@code (ref.eq)}, {@code (ref.any)},
     * {@code (ref.exn)}; {@code heapType} is the {@link HeapType} constant of the kind. {@code (ref)}
     * (any non-null reference) uses {@link #ANY_REF}.
     */
    record RefKind(int heapType) implements Expected {
        public static final int ANY_REF = Integer.MIN_VALUE;

        @Override
        public String toString() {
            return heapType == ANY_REF ? "(ref)" : "(ref." + HeapType.name(heapType) + ")";
        }
    }

    /** {@code (either r1 r2 ...)}: the result must match one of the alternatives (relaxed SIMD). */
    record Either(List<Expected> alternatives) implements Expected {
        public Either {
            alternatives = List.copyOf(alternatives);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(either");
            for (Expected e : alternatives) {
                sb.append(' ').append(e);
            }
            return sb.append(')').toString();
        }
    }
}
