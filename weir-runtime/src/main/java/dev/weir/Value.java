package dev.weir;

import dev.weir.internal.gc.GcOps;
import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.ValType;
import java.util.Objects;

/**
 * A typed WebAssembly value for the general (boxed) API: numbers, v128 and references.
 * The typed call paths ({@link Func#callInt(int)} ...) avoid it.
 *
 * <p>Floats keep their exact bits (NaN payloads included). References: {@code null} is the null
 * reference; a {@code funcref} is a {@link Func}; an {@code externref} is any Java object the host
 * passed in; GC and exception references are opaque objects (see {@link #refKind()}).
 */
public final class Value {
    private final ValType type;
    private final long bits;
    private final long hi;
    private final Object ref;

    private Value(ValType type, long bits, long hi, Object ref) {
        this.type = type;
        this.bits = bits;
        this.hi = hi;
        this.ref = ref;
    }

    public static Value i32(int v) {
        return new Value(ValType.I32, v, 0, null);
    }

    public static Value i64(long v) {
        return new Value(ValType.I64, v, 0, null);
    }

    public static Value f32(float v) {
        return f32Bits(Float.floatToRawIntBits(v));
    }

    public static Value f32Bits(int bits) {
        return new Value(ValType.F32, bits, 0, null);
    }

    public static Value f64(double v) {
        return f64Bits(Double.doubleToRawLongBits(v));
    }

    public static Value f64Bits(long bits) {
        return new Value(ValType.F64, bits, 0, null);
    }

    /** A v128 from its little-endian halves. */
    public static Value v128(long lo, long hi) {
        return new Value(ValType.V128, lo, hi, null);
    }

    /** A {@code funcref}; null gives the null funcref. */
    public static Value funcref(Func f) {
        return new Value(ValType.FUNCREF, 0, 0, f);
    }

    /** An {@code externref} holding any host object; null gives the null externref. */
    public static Value externref(Object o) {
        return new Value(ValType.EXTERNREF, 0, 0, o);
    }

    /** A reference of the given reference type. */
    public static Value ref(ValType type, Object o) {
        if (!type.isRef()) {
            throw new IllegalArgumentException("not a reference type: " + type);
        }
        return new Value(type, 0, 0, o);
    }

    /** The null reference of a reference type. */
    public static Value nullRef(ValType type) {
        return ref(type, null);
    }

    /** The default value of a type: zero, or null for (nullable) references. */
    public static Value defaultOf(ValType type) {
        return new Value(type, 0, 0, null);
    }

    public ValType type() {
        return type;
    }

    public int i32() {
        return (int) bits;
    }

    public long i64() {
        return bits;
    }

    public float f32() {
        return Float.intBitsToFloat((int) bits);
    }

    public int f32Bits() {
        return (int) bits;
    }

    public double f64() {
        return Double.longBitsToDouble(bits);
    }

    public long f64Bits() {
        return bits;
    }

    public long v128Lo() {
        return bits;
    }

    public long v128Hi() {
        return hi;
    }

    /** The reference ({@link Func} for functions, the host object for externrefs), or null. */
    public Object ref() {
        return ref;
    }

    public boolean isNull() {
        return type.isRef() && ref == null;
    }

    /** The function of a non-null funcref, else null. */
    public Func func() {
        return ref instanceof Func ? (Func) ref : null;
    }

    /**
     * What a non-null reference points to, as an abstract heap type: {@link HeapType#FUNC},
     * {@link HeapType#EXN}, {@link HeapType#STRUCT}, {@link HeapType#ARRAY}, {@link HeapType#I31},
     * or {@link HeapType#EXTERN} for a host object; {@link HeapType#NONE} for null.
     */
    public int refKind() {
        if (ref == null) {
            return HeapType.NONE;
        }
        if (ref instanceof Func) {
            return HeapType.FUNC;
        }
        if (ref instanceof WasmThrow || ref instanceof ExceptionInstance) {
            return HeapType.EXN;
        }
        return GcOps.heapKindOf(ref);
    }

    // ------------------------------------------------------------------ stack conversions

    /** Writes this value into stack slots at {@code i} (v128 takes two). */
    void store(long[] s, Object[] r, int i) {
        if (type.isRef()) {
            r[i] = toInternal(ref);
        } else {
            s[i] = bits;
            if (type.kind() == ValType.Kind.V128) {
                s[i + 1] = hi;
            }
        }
    }

    /** Reads a value of type {@code t} from stack slots at {@code i}. */
    static Value load(ValType t, long[] s, Object[] r, int i) {
        switch (t.kind()) {
            case I32: case F32: return new Value(t, (int) s[i], 0, null);
            case V128: return new Value(t, s[i], s[i + 1], null);
            case REF: return new Value(t, 0, 0, toPublic(r[i]));
            default: return new Value(t, s[i], 0, null);
        }
    }

    /** Host-side object to stack object: a {@link Func} becomes its function instance. */
    static Object toInternal(Object o) {
        if (o instanceof Func) {
            return ((Func) o).instance();
        }
        if (o instanceof WasmThrow) {
            return ((WasmThrow) o).exception();
        }
        return o;
    }

    /** Stack object to host-side object: a function instance becomes its {@link Func}. */
    static Object toPublic(Object o) {
        if (o instanceof FunctionInstance) {
            return Func.view((FunctionInstance) o);
        }
        return o;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Value)) {
            return false;
        }
        Value v = (Value) o;
        return type.equals(v.type) && bits == v.bits && hi == v.hi && Objects.equals(ref, v.ref);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, bits, hi, ref);
    }

    @Override
    public String toString() {
        switch (type.kind()) {
            case I32: return "i32:" + (int) bits;
            case I64: return "i64:" + bits;
            case F32: return "f32:" + f32();
            case F64: return "f64:" + f64();
            case V128: return String.format("v128:0x%016x%016x", hi, bits);
            default: return type + ":" + (ref == null ? "null" : ref.toString());
        }
    }
}
