package dev.weir.wasm.internal.validate;

import dev.weir.wasm.HeapType;
import dev.weir.wasm.ValType;

/**
 * Value types encoded as ints for the validator's operand stack (no allocation per instruction).
 * 0 is the unknown/bottom value type of unreachable code (spec appendix, "Validation Algorithm");
 * 1..5 are i32 i64 f32 f64 v128; 6 and 7 the packed storage types i8 and i16 (never on the stack);
 * references are {@code REF_BASE + ((heap + 24) << 1 | nullable)}, where heap is a type index or a
 * {@link HeapType} constant, and heap -24 is the bottom heap type (a reference popped from an
 * unknown operand).
 */
public final class Vt {
    public static final int UNKNOWN = 0;
    public static final int I32 = 1;
    public static final int I64 = 2;
    public static final int F32 = 3;
    public static final int F64 = 4;
    public static final int V128 = 5;
    public static final int I8 = 6;
    public static final int I16 = 7;
    public static final int REF_BASE = 16;
    /** The bottom heap type. */
    public static final int HEAP_BOT = -24;

    private Vt() {
    }

    public static int ref(int heap, boolean nullable) {
        return REF_BASE + (((heap + 24) << 1) | (nullable ? 1 : 0));
    }

    public static boolean isRef(int t) {
        return t >= REF_BASE;
    }

    public static int heap(int t) {
        return ((t - REF_BASE) >> 1) - 24;
    }

    public static boolean nullable(int t) {
        return ((t - REF_BASE) & 1) != 0;
    }

    public static int withNullable(int t, boolean n) {
        return ref(heap(t), n);
    }

    public static int of(ValType v) {
        switch (v.kind()) {
            case I32: return I32;
            case I64: return I64;
            case F32: return F32;
            case F64: return F64;
            case V128: return V128;
            case I8: return I8;
            case I16: return I16;
            default: return ref(v.heapType(), v.nullable());
        }
    }

    /** Packed storage types read as i32. */
    public static int unpacked(int t) {
        return t == I8 || t == I16 ? I32 : t;
    }

    public static String name(int t) {
        switch (t) {
            case UNKNOWN: return "bot";
            case I32: return "i32";
            case I64: return "i64";
            case F32: return "f32";
            case F64: return "f64";
            case V128: return "v128";
            case I8: return "i8";
            case I16: return "i16";
            default:
                int h = heap(t);
                String hn = h == HEAP_BOT ? "bot" : HeapType.name(h);
                if (nullable(t) && h < 0 && h != HEAP_BOT) {
                    return hn + "ref";
                }
                return "(ref " + (nullable(t) ? "null " : "") + hn + ")";
        }
    }
}
