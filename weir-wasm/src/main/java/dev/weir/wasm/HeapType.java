package dev.weir.wasm;

/**
 * Heap types as {@code int}s: a non-negative value is a type index; the abstract heap types are
 * the negative values their one-byte binary encodings have when read as a signed LEB128 {@code s33}
 * (so decoding needs no translation table).
 */
public final class HeapType {
    public static final int EXN = -23;      // 0x69
    public static final int ARRAY = -22;    // 0x6A
    public static final int STRUCT = -21;   // 0x6B
    public static final int I31 = -20;      // 0x6C
    public static final int EQ = -19;       // 0x6D
    public static final int ANY = -18;      // 0x6E
    public static final int EXTERN = -17;   // 0x6F
    public static final int FUNC = -16;     // 0x70
    public static final int NONE = -15;     // 0x71
    public static final int NOEXTERN = -14; // 0x72
    public static final int NOFUNC = -13;   // 0x73
    public static final int NOEXN = -12;    // 0x74

    private HeapType() {
    }

    public static boolean isAbstract(int heapType) {
        return heapType >= EXN && heapType <= NOEXN;
    }

    /** The one-byte binary encoding of an abstract heap type. */
    public static int toByte(int heapType) {
        return heapType & 0x7F;
    }

    /** Text name: {@code func}, {@code any}, ... or the type index in decimal. */
    public static String name(int heapType) {
        switch (heapType) {
            case EXN: return "exn";
            case ARRAY: return "array";
            case STRUCT: return "struct";
            case I31: return "i31";
            case EQ: return "eq";
            case ANY: return "any";
            case EXTERN: return "extern";
            case FUNC: return "func";
            case NONE: return "none";
            case NOEXTERN: return "noextern";
            case NOFUNC: return "nofunc";
            case NOEXN: return "noexn";
            default: return Integer.toString(heapType);
        }
    }

    /** The abstract heap type with this text name ({@code func}, {@code any}, ...), or 0 if none. */
    public static int byName(String name) {
        for (int h = EXN; h <= NOEXN; h++) {
            if (name(h).equals(name)) {
                return h;
            }
        }
        return 0;
    }

    /**
     * The top of the hierarchy a heap type belongs to ({@code any}, {@code func}, {@code extern}
     * or {@code exn}); concrete indices need the module's types, so callers resolve those first.
     */
    public static int topOfAbstract(int heapType) {
        switch (heapType) {
            case FUNC: case NOFUNC: return FUNC;
            case EXTERN: case NOEXTERN: return EXTERN;
            case EXN: case NOEXN: return EXN;
            default: return ANY;
        }
    }

    /** The bottom type of the hierarchy whose top is given. */
    public static int bottomOf(int top) {
        switch (top) {
            case FUNC: return NOFUNC;
            case EXTERN: return NOEXTERN;
            case EXN: return NOEXN;
            default: return NONE;
        }
    }
}
