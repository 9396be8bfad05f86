package dev.weir.wasm;

import java.util.Objects;

/**
 * A value type (or, for {@link Kind#I8}/{@link Kind#I16}, a packed storage type of a GC field).
 *
 * <p>Reference types carry a heap type encoded as in the binary format's {@code s33}: a
 * non-negative value is a type index, a negative value is one of the abstract heap types in
 * {@link HeapType}. Common types are interned constants; compare with {@link #equals}.
 */
public final class ValType {

    /** The shape of a value type. */
    public enum Kind { I32, I64, F32, F64, V128, REF, I8, I16 }

    public static final ValType I32 = new ValType(Kind.I32, false, 0);
    public static final ValType I64 = new ValType(Kind.I64, false, 0);
    public static final ValType F32 = new ValType(Kind.F32, false, 0);
    public static final ValType F64 = new ValType(Kind.F64, false, 0);
    public static final ValType V128 = new ValType(Kind.V128, false, 0);
    /** Packed storage type {@code i8}; only valid as a struct field or array element. */
    public static final ValType I8 = new ValType(Kind.I8, false, 0);
    /** Packed storage type {@code i16}; only valid as a struct field or array element. */
    public static final ValType I16 = new ValType(Kind.I16, false, 0);

    public static final ValType FUNCREF = new ValType(Kind.REF, true, HeapType.FUNC);
    public static final ValType EXTERNREF = new ValType(Kind.REF, true, HeapType.EXTERN);
    public static final ValType ANYREF = new ValType(Kind.REF, true, HeapType.ANY);
    public static final ValType EQREF = new ValType(Kind.REF, true, HeapType.EQ);
    public static final ValType I31REF = new ValType(Kind.REF, true, HeapType.I31);
    public static final ValType STRUCTREF = new ValType(Kind.REF, true, HeapType.STRUCT);
    public static final ValType ARRAYREF = new ValType(Kind.REF, true, HeapType.ARRAY);
    public static final ValType EXNREF = new ValType(Kind.REF, true, HeapType.EXN);
    public static final ValType NULLREF = new ValType(Kind.REF, true, HeapType.NONE);
    public static final ValType NULLFUNCREF = new ValType(Kind.REF, true, HeapType.NOFUNC);
    public static final ValType NULLEXTERNREF = new ValType(Kind.REF, true, HeapType.NOEXTERN);
    public static final ValType NULLEXNREF = new ValType(Kind.REF, true, HeapType.NOEXN);
    /** {@code (ref func)}: the type of element segments written as function indices. */
    public static final ValType REF_FUNC = new ValType(Kind.REF, false, HeapType.FUNC);

    // Abstract heap types are -23..-12; both nullabilities are interned.
    private static final ValType[] ABSTRACT_NULLABLE = new ValType[24];
    private static final ValType[] ABSTRACT_NON_NULL = new ValType[24];

    static {
        for (int h = HeapType.EXN; h <= HeapType.NOEXN; h++) {
            ABSTRACT_NON_NULL[-h] = h == HeapType.FUNC ? REF_FUNC : new ValType(Kind.REF, false, h);
        }
        for (ValType t : new ValType[] {FUNCREF, EXTERNREF, ANYREF, EQREF, I31REF, STRUCTREF, ARRAYREF,
                EXNREF, NULLREF, NULLFUNCREF, NULLEXTERNREF, NULLEXNREF}) {
            ABSTRACT_NULLABLE[-t.heapType] = t;
        }
    }

    private final Kind kind;
    private final boolean nullable;
    private final int heapType;

    private ValType(Kind kind, boolean nullable, int heapType) {
        this.kind = kind;
        this.nullable = nullable;
        this.heapType = heapType;
    }

    /** A reference type {@code (ref null? heapType)}. */
    public static ValType ref(boolean nullable, int heapType) {
        if (heapType < 0) {
            if (!HeapType.isAbstract(heapType)) {
                throw new IllegalArgumentException("not a heap type: " + heapType);
            }
            return nullable ? ABSTRACT_NULLABLE[-heapType] : ABSTRACT_NON_NULL[-heapType];
        }
        return new ValType(Kind.REF, nullable, heapType);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRef() {
        return kind == Kind.REF;
    }

    public boolean isNumeric() {
        return kind == Kind.I32 || kind == Kind.I64 || kind == Kind.F32 || kind == Kind.F64;
    }

    public boolean isPacked() {
        return kind == Kind.I8 || kind == Kind.I16;
    }

    /** Whether a reference type admits null; false for non-reference types. */
    public boolean nullable() {
        return nullable;
    }

    /** The heap type of a reference type: a type index (&ge; 0) or a {@link HeapType} constant. */
    public int heapType() {
        return heapType;
    }

    /** Whether the heap type is a concrete type index. */
    public boolean isConcreteRef() {
        return kind == Kind.REF && heapType >= 0;
    }

    /** The same reference type with the given nullability. */
    public ValType withNullable(boolean n) {
        if (kind != Kind.REF) {
            throw new IllegalStateException("not a reference type: " + this);
        }
        return n == nullable ? this : ref(n, heapType);
    }

    /** Whether the type has a default value (numbers, vectors and nullable references do). */
    public boolean isDefaultable() {
        return kind != Kind.REF || nullable;
    }

    /** Size in bytes when stored in memory or as a GC field. */
    public int byteSize() {
        switch (kind) {
            case I8: return 1;
            case I16: return 2;
            case I32: case F32: return 4;
            case V128: return 16;
            default: return 8;
        }
    }

    /** Number of {@code long} slots the value occupies on the interpreter's operand stack. */
    public int slots() {
        return kind == Kind.V128 ? 2 : 1;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ValType)) {
            return false;
        }
        ValType t = (ValType) o;
        return kind == t.kind && nullable == t.nullable && heapType == t.heapType;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, nullable, heapType);
    }

    /** The text-format spelling, e.g. {@code i32}, {@code funcref}, {@code (ref null 3)}. */
    @Override
    public String toString() {
        switch (kind) {
            case I32: return "i32";
            case I64: return "i64";
            case F32: return "f32";
            case F64: return "f64";
            case V128: return "v128";
            case I8: return "i8";
            case I16: return "i16";
            default:
                if (nullable && heapType < 0) {
                    return HeapType.name(heapType) + "ref";
                }
                return "(ref " + (nullable ? "null " : "") + HeapType.name(heapType) + ")";
        }
    }
}
