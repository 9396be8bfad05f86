package dev.weir.spec;

import dev.weir.Value;
import dev.weir.text.internal.wast.Const;
import dev.weir.text.internal.wast.Expected;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.ValType;

/** Script constants to runtime values, and runtime values against expected results. */
final class Values {
    private Values() {}

    /**
     * The host object a script writes as {@code (ref.extern n)} or {@code (ref.host n)}. Externref
     * and anyref conversions are the identity in Weir, so both spellings denote the same object.
     */
    record HostObject(long n) {
        @Override
        public String toString() {
            return "host:" + n;
        }
    }

    /** A script argument as a value of parameter type {@code t}. */
    static Value toValue(Const c, ValType t) {
        if (c instanceof Const.Num n) {
            switch (n.type().kind()) {
                case I32: return Value.i32((int) n.bits());
                case I64: return Value.i64(n.bits());
                case F32: return Value.f32Bits((int) n.bits());
                default: return Value.f64Bits(n.bits());
            }
        }
        if (c instanceof Const.Vec v) {
            return Value.v128(v.lo(), v.hi());
        }
        if (c instanceof Const.RefNull r) {
            return Value.nullRef(t.isRef() ? t : ValType.ref(true, r.heapType()));
        }
        Const.HostRef h = (Const.HostRef) c;
        ValType rt = t.isRef() ? t : (h.extern() ? ValType.EXTERNREF : ValType.ANYREF);
        return Value.ref(rt, new HostObject(h.n()));
    }

    /** Whether {@code v} matches the expected result {@code e}. */
    static boolean matches(Expected e, Value v) {
        if (e instanceof Expected.Either either) {
            for (Expected alt : either.alternatives()) {
                if (matches(alt, v)) {
                    return true;
                }
            }
            return false;
        }
        if (e instanceof Expected.Exact exact) {
            return matchesConst(exact.value(), v);
        }
        if (e instanceof Expected.Nan nan) {
            if (v.type().kind() != nan.type().kind()) {
                return false;
            }
            return nan.type().kind() == ValType.Kind.F32
                    ? nan32(v.f32Bits(), nan.canonical() ? Expected.VecPattern.CANONICAL : Expected.VecPattern.ARITHMETIC)
                    : nan64(v.f64Bits(), nan.canonical() ? Expected.VecPattern.CANONICAL : Expected.VecPattern.ARITHMETIC);
        }
        if (e instanceof Expected.VecPattern p) {
            return v.type().kind() == ValType.Kind.V128 && matchesVec(p, v.v128Lo(), v.v128Hi());
        }
        if (!v.type().isRef()) {
            return false;
        }
        if (e instanceof Expected.RefNull) {
            // Null references carry no heap type at run time; any null of a reference type matches.
            return v.isNull();
        }
        Expected.RefKind k = (Expected.RefKind) e;
        if (v.isNull()) {
            return false;
        }
        int kind = v.refKind();
        switch (k.heapType()) {
            case Expected.RefKind.ANY_REF:
                return true;
            case HeapType.FUNC:
                return kind == HeapType.FUNC;
            case HeapType.EXN:
                return kind == HeapType.EXN;
            case HeapType.STRUCT:
            case HeapType.ARRAY:
            case HeapType.I31:
                return kind == k.heapType();
            case HeapType.EQ:
                return kind == HeapType.STRUCT || kind == HeapType.ARRAY || kind == HeapType.I31;
            case HeapType.EXTERN:
            case HeapType.ANY:
                // extern.convert_any / any.convert_extern are the identity: any non-function,
                // non-exception object is both an extern and an any reference.
                return kind != HeapType.FUNC && kind != HeapType.EXN;
            default:
                return false;
        }
    }

    private static boolean matchesConst(Const c, Value v) {
        if (c instanceof Const.Num n) {
            if (v.type().kind() != n.type().kind()) {
                return false;
            }
            switch (n.type().kind()) {
                case I32: return v.i32() == (int) n.bits();
                case I64: return v.i64() == n.bits();
                case F32: return v.f32Bits() == (int) n.bits();
                default: return v.f64Bits() == n.bits();
            }
        }
        if (c instanceof Const.Vec vec) {
            return v.type().kind() == ValType.Kind.V128 && v.v128Lo() == vec.lo() && v.v128Hi() == vec.hi();
        }
        if (!v.type().isRef()) {
            return false;
        }
        if (c instanceof Const.RefNull) {
            return v.isNull();
        }
        Const.HostRef h = (Const.HostRef) c;
        return v.ref() instanceof HostObject o && o.n() == h.n();
    }

    /** Lane-wise comparison of a v128 (lanes little-endian, lane 0 lowest). */
    static boolean matchesVec(Expected.VecPattern p, long lo, long hi) {
        int bits = p.laneBits();
        int n = p.lanes().length;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int i = 0; i < n; i++) {
            int bit = i * bits;
            long lane = ((bit < 64 ? lo >>> bit : hi >>> (bit - 64))) & mask;
            byte nan = p.nan()[i];
            boolean ok;
            if (nan == Expected.VecPattern.EXACT) {
                ok = lane == (p.lanes()[i] & mask);
            } else {
                ok = bits == 32 ? nan32((int) lane, nan) : nan64(lane, nan);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Spec 4.3.3 (NaN propagation): a canonical NaN has payload 2^(signif-1) (only the quiet
     * bit), either sign; an arithmetic NaN has at least the quiet bit set.
     */
    static boolean nan32(int bits, byte pattern) {
        int mag = bits & 0x7fff_ffff;
        return pattern == Expected.VecPattern.CANONICAL ? mag == 0x7fc0_0000 : (mag & 0x7fc0_0000) == 0x7fc0_0000;
    }

    static boolean nan64(long bits, byte pattern) {
        long mag = bits & 0x7fff_ffff_ffff_ffffL;
        long q = 0x7ff8_0000_0000_0000L;
        return pattern == Expected.VecPattern.CANONICAL ? mag == q : (mag & q) == q;
    }

    /** Script-like rendering of a value for failure messages. */
    static String show(Value v) {
        switch (v.type().kind()) {
            case I32: return "(i32.const " + v.i32() + ")";
            case I64: return "(i64.const " + v.i64() + ")";
            case F32: return String.format("(f32.const %s [0x%08x])", v.f32(), v.f32Bits());
            case F64: return String.format("(f64.const %s [0x%016x])", v.f64(), v.f64Bits());
            case V128: return String.format("(v128.const i64x2 0x%016x 0x%016x)", v.v128Lo(), v.v128Hi());
            default:
                if (v.isNull()) {
                    return "(ref.null)";
                }
                return "(ref " + HeapType.name(v.refKind()) + " " + v.ref() + ")";
        }
    }
}
