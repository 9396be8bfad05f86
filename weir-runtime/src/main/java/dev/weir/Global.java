package dev.weir;

import dev.weir.internal.rt.GlobalInstance;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Types;
import dev.weir.wasm.ValType;
import java.util.List;

/** A global variable: exported by an instance, or created by the host with {@link #create}. */
public final class Global {
    private static final Types NO_TYPES = Types.of(List.of());

    private final GlobalInstance g;

    private Global(GlobalInstance g) {
        this.g = g;
    }

    static Global view(GlobalInstance g) {
        Object v = g.publicView;
        if (v == null) {
            synchronized (g) {
                v = g.publicView;
                if (v == null) {
                    v = new Global(g);
                    g.publicView = v;
                }
            }
        }
        return (Global) v;
    }

    /** A host global (abstract reference types only). */
    public static Global create(GlobalType type, Value value) {
        Global gl = view(new GlobalInstance(type, NO_TYPES));
        gl.write(value);
        return gl;
    }

    GlobalInstance instance() {
        return g;
    }

    public GlobalType type() {
        return g.type;
    }

    public Value get() {
        ValType t = g.type.type();
        switch (t.kind()) {
            case I32: return Value.i32((int) g.value);
            case I64: return Value.i64(g.value);
            case F32: return Value.f32Bits((int) g.value);
            case F64: return Value.f64Bits(g.value);
            case V128: return Value.v128(g.value, g.hi);
            default: return Value.ref(t, Value.toPublic(g.ref));
        }
    }

    public int getInt() {
        return (int) g.value;
    }

    public long getLong() {
        return g.value;
    }

    public float getFloat() {
        return Float.intBitsToFloat((int) g.value);
    }

    public double getDouble() {
        return Double.longBitsToDouble(g.value);
    }

    /** Sets a mutable global. */
    public void set(Value v) {
        if (!g.type.mutable()) {
            throw new IllegalStateException("global is immutable");
        }
        write(v);
    }

    private void write(Value v) {
        ValType t = g.type.type();
        if (t.isRef() ? !v.type().isRef() : t.kind() != v.type().kind()) {
            throw new IllegalArgumentException("value " + v + " does not fit global of type " + t);
        }
        if (t.isRef()) {
            g.ref = Value.toInternal(v.ref());
        } else {
            g.value = t.kind() == ValType.Kind.I32 || t.kind() == ValType.Kind.F32 ? (int) v.i64() : v.i64();
            g.hi = v.v128Hi();
        }
    }
}
