package dev.weir.compiler.internal;

import dev.weir.Memory;
import dev.weir.Trap;
import dev.weir.internal.num.Conversions;
import dev.weir.internal.num.FloatOps;
import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.TableInstance;
import dev.weir.internal.rt.TagInstance;
import dev.weir.internal.rt.Traps;

/**
 * Static helpers called by generated code. Floats travel as their raw bits (f32 as int, f64 as
 * long) so that moving a value never touches a NaN payload (VALUES.md); only arithmetic converts
 * to {@code float}/{@code double}, where the spec allows any NaN result. Every helper is small so
 * HotSpot inlines it into the generated method.
 */
public final class Rt {
    private Rt() {
    }

    // ------------------------------------------------------------------ traps, calls

    /** Makes {@code ctx.regionS/regionR} hold at least {@code n} slots (RegionEmitter); contents are scratch. */
    public static void regionFrame(ExecContext ctx, int n) {
        if (ctx.regionS.length < n) {
            growRegionFrame(ctx, n);
        }
    }

    private static void growRegionFrame(ExecContext ctx, int n) {
        int size = Math.max(n, 2 * ctx.regionS.length);
        ctx.regionS = new long[size];
        ctx.regionR = new Object[size];
    }

    public static Trap stackExhausted() {
        return Traps.callStackExhausted();
    }

    public static Trap unreachable() {
        return Traps.unreachable();
    }

    /** A call to a function that is not compiled in the caller's class: arguments are at {@code s/r[base..)}. */
    public static void callOut(FunctionInstance f, ExecContext ctx, InstanceState inst, int depth, long[] s,
            Object[] r, int base) {
        ctx.depth = depth;
        if (f.host) {
            ctx.caller = inst;
        }
        f.call(ctx, s, r, base);
    }

    /**
     * A tail call that is not a jump (ControlEmitter): the callee is parked for the caller's
     * trampoline, host functions too (with the calling instance set), so that nothing it throws
     * reaches this frame's handlers: the frame is gone (spec 4.4.8 return_call).
     */
    public static void tailCall(FunctionInstance f, ExecContext ctx, InstanceState inst) {
        if (f.host) {
            ctx.caller = inst;
        }
        ctx.tailCall = f;
    }

    /** After a direct call that returned with a parked tail call: runs the chain in the free frame. */
    public static void finishTail(ExecContext ctx, int depth) {
        ctx.depth = depth;
        ctx.finishTailCalls(ctx.hostS, ctx.hostR, ctx.hostBase);
    }

    /** {@code throw}: a new exception with room for the tag's payload, which the caller fills in. */
    public static ExceptionInstance newException(InstanceState inst, int tagIndex) {
        TagInstance tag = inst.tags[tagIndex];
        int n = tag.payloadSlots;
        return new ExceptionInstance(tag, new long[n], new Object[n]);
    }

    /** {@code throw_ref}: the exception to rethrow ("null exception reference" for null). */
    public static RuntimeException throwRef(Object exn) {
        if (exn == null) {
            throw Traps.nullExn();
        }
        return (ExceptionInstance) exn;
    }

    /** Records a compiled function's frame in a trap unwinding through it, as the interpreter does. */
    public static Trap trapFrame(Trap t, InstanceState inst, int funcIndex, int functionOffset, int codeStart) {
        t.addCompiledWasmFrame(inst.module.names().moduleName(), funcIndex, inst.functionName(funcIndex),
                functionOffset, codeStart);
        return t;
    }

    /** {@code call_indirect} (spec 4.4.8): the checks and messages of the interpreter. */
    public static FunctionInstance indirect(int index, InstanceState inst, int typeIndex, int tableIndex) {
        return inst.indirectTarget(typeIndex, tableIndex, index & 0xFFFF_FFFFL);
    }

    public static FunctionInstance funcRef(Object ref) {
        if (ref == null) {
            throw Traps.nullFunction();
        }
        return (FunctionInstance) ref;
    }

    public static Object nonNull(Object ref) {
        if (ref == null) {
            throw Traps.nullReference();
        }
        return ref;
    }

    // ------------------------------------------------------------------ memory

    public static int memorySize(Memory m) {
        return (int) m.pages();
    }

    public static int memoryGrow(int delta, Memory m) {
        return (int) m.grow(delta & 0xFFFF_FFFFL);
    }

    public static void memoryFill(int d, int v, int n, Memory m) {
        m.fill(d & 0xFFFF_FFFFL, v, n & 0xFFFF_FFFFL);
    }

    public static void memoryCopy(int d, int s, int n, Memory dst, Memory src) {
        dst.copyFrom(src, s & 0xFFFF_FFFFL, d & 0xFFFF_FFFFL, n & 0xFFFF_FFFFL);
    }

    public static void memoryInit(int d, int s, int n, InstanceState inst, int dataIndex, int memIndex) {
        inst.memories[memIndex].init(d & 0xFFFF_FFFFL, inst.data[dataIndex], s & 0xFFFF_FFFFL, n & 0xFFFF_FFFFL);
    }

    public static void dataDrop(InstanceState inst, int i) {
        inst.dropData(i);
    }

    // ------------------------------------------------------------------ tables (32-bit tables only)

    public static Object tableGet(int i, TableInstance t) {
        if ((i & 0xFFFF_FFFFL) >= t.size) {
            throw Traps.tableOutOfBounds();
        }
        return t.elements[i];
    }

    public static void tableSet(int i, Object v, TableInstance t) {
        if ((i & 0xFFFF_FFFFL) >= t.size) {
            throw Traps.tableOutOfBounds();
        }
        t.elements[i] = v;
    }

    public static int tableSize(TableInstance t) {
        return t.size;
    }

    public static int tableGrow(Object init, int n, TableInstance t) {
        return (int) t.grow(n & 0xFFFF_FFFFL, init);
    }

    public static void tableFill(int i, Object v, int n, TableInstance t) {
        long a = i & 0xFFFF_FFFFL;
        long len = n & 0xFFFF_FFFFL;
        if (!t.inBounds(a, len)) {
            throw Traps.tableOutOfBounds();
        }
        java.util.Arrays.fill(t.elements, (int) a, (int) (a + len), v);
    }

    public static void tableCopy(int d, int s, int n, TableInstance dst, TableInstance src) {
        long da = d & 0xFFFF_FFFFL;
        long sa = s & 0xFFFF_FFFFL;
        long len = n & 0xFFFF_FFFFL;
        if (!src.inBounds(sa, len) || !dst.inBounds(da, len)) {
            throw Traps.tableOutOfBounds();
        }
        System.arraycopy(src.elements, (int) sa, dst.elements, (int) da, (int) len);
    }

    public static void tableInit(int d, int s, int n, InstanceState inst, int elemIndex, int tableIndex) {
        TableInstance t = inst.tables[tableIndex];
        Object[] seg = inst.elems[elemIndex];
        long da = d & 0xFFFF_FFFFL;
        long src = s & 0xFFFF_FFFFL;
        long len = n & 0xFFFF_FFFFL;
        if (src + len > seg.length || !t.inBounds(da, len)) {
            throw Traps.tableOutOfBounds();
        }
        System.arraycopy(seg, (int) src, t.elements, (int) da, (int) len);
    }

    public static void elemDrop(InstanceState inst, int i) {
        inst.dropElem(i);
    }

    // ------------------------------------------------------------------ f32 on bits

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static int b(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long b(double v) {
        return Double.doubleToRawLongBits(v);
    }

    public static int f32Eq(int a, int c) { return f(a) == f(c) ? 1 : 0; }
    public static int f32Ne(int a, int c) { return f(a) != f(c) ? 1 : 0; }
    public static int f32Lt(int a, int c) { return f(a) < f(c) ? 1 : 0; }
    public static int f32Gt(int a, int c) { return f(a) > f(c) ? 1 : 0; }
    public static int f32Le(int a, int c) { return f(a) <= f(c) ? 1 : 0; }
    public static int f32Ge(int a, int c) { return f(a) >= f(c) ? 1 : 0; }
    public static int f64Eq(long a, long c) { return d(a) == d(c) ? 1 : 0; }
    public static int f64Ne(long a, long c) { return d(a) != d(c) ? 1 : 0; }
    public static int f64Lt(long a, long c) { return d(a) < d(c) ? 1 : 0; }
    public static int f64Gt(long a, long c) { return d(a) > d(c) ? 1 : 0; }
    public static int f64Le(long a, long c) { return d(a) <= d(c) ? 1 : 0; }
    public static int f64Ge(long a, long c) { return d(a) >= d(c) ? 1 : 0; }

    // abs, neg, copysign are bit operations (spec 4.3.3: they never canonicalize NaNs)
    public static int f32Abs(int a) { return FloatOps.f32AbsBits(a); }
    public static int f32Neg(int a) { return FloatOps.f32NegBits(a); }
    public static int f32Copysign(int a, int c) { return FloatOps.f32CopysignBits(a, c); }
    public static int f32Ceil(int a) { return b(FloatOps.f32Ceil(f(a))); }
    public static int f32Floor(int a) { return b(FloatOps.f32Floor(f(a))); }
    public static int f32Trunc(int a) { return b(FloatOps.f32Trunc(f(a))); }
    public static int f32Nearest(int a) { return b(FloatOps.f32Nearest(f(a))); }
    public static int f32Sqrt(int a) { return b(FloatOps.f32Sqrt(f(a))); }
    public static int f32Add(int a, int c) { return b(f(a) + f(c)); }
    public static int f32Sub(int a, int c) { return b(f(a) - f(c)); }
    public static int f32Mul(int a, int c) { return b(f(a) * f(c)); }
    public static int f32Div(int a, int c) { return b(f(a) / f(c)); }
    public static int f32Min(int a, int c) { return b(FloatOps.f32Min(f(a), f(c))); }
    public static int f32Max(int a, int c) { return b(FloatOps.f32Max(f(a), f(c))); }

    public static long f64Abs(long a) { return FloatOps.f64AbsBits(a); }
    public static long f64Neg(long a) { return FloatOps.f64NegBits(a); }
    public static long f64Copysign(long a, long c) { return FloatOps.f64CopysignBits(a, c); }
    public static long f64Ceil(long a) { return b(FloatOps.f64Ceil(d(a))); }
    public static long f64Floor(long a) { return b(FloatOps.f64Floor(d(a))); }
    public static long f64Trunc(long a) { return b(FloatOps.f64Trunc(d(a))); }
    public static long f64Nearest(long a) { return b(FloatOps.f64Nearest(d(a))); }
    public static long f64Sqrt(long a) { return b(Math.sqrt(d(a))); }
    public static long f64Add(long a, long c) { return b(d(a) + d(c)); }
    public static long f64Sub(long a, long c) { return b(d(a) - d(c)); }
    public static long f64Mul(long a, long c) { return b(d(a) * d(c)); }
    public static long f64Div(long a, long c) { return b(d(a) / d(c)); }
    public static long f64Min(long a, long c) { return b(FloatOps.f64Min(d(a), d(c))); }
    public static long f64Max(long a, long c) { return b(FloatOps.f64Max(d(a), d(c))); }

    // ------------------------------------------------------------------ conversions

    public static int i32TruncF32S(int a) { return Conversions.i32TruncF32S(f(a)); }
    public static int i32TruncF32U(int a) { return Conversions.i32TruncF32U(f(a)); }
    public static int i32TruncF64S(long a) { return Conversions.i32TruncF64S(d(a)); }
    public static int i32TruncF64U(long a) { return Conversions.i32TruncF64U(d(a)); }
    public static long i64TruncF32S(int a) { return Conversions.i64TruncF32S(f(a)); }
    public static long i64TruncF32U(int a) { return Conversions.i64TruncF32U(f(a)); }
    public static long i64TruncF64S(long a) { return Conversions.i64TruncF64S(d(a)); }
    public static long i64TruncF64U(long a) { return Conversions.i64TruncF64U(d(a)); }
    public static int f32ConvertI32S(int a) { return b((float) a); }
    public static int f32ConvertI32U(int a) { return b(Conversions.f32ConvertI32U(a)); }
    public static int f32ConvertI64S(long a) { return b(Conversions.f32ConvertI64S(a)); }
    public static int f32ConvertI64U(long a) { return b(Conversions.f32ConvertI64U(a)); }
    public static int f32DemoteF64(long a) { return b(Conversions.f32DemoteF64(d(a))); }
    public static long f64ConvertI32S(int a) { return b((double) a); }
    public static long f64ConvertI32U(int a) { return b(Conversions.f64ConvertI32U(a)); }
    public static long f64ConvertI64S(long a) { return b((double) a); }
    public static long f64ConvertI64U(long a) { return b(Conversions.f64ConvertI64U(a)); }
    public static long f64PromoteF32(int a) { return b(Conversions.f64PromoteF32(f(a))); }
    public static int i32TruncSatF32S(int a) { return Conversions.i32TruncSatF32S(f(a)); }
    public static int i32TruncSatF32U(int a) { return Conversions.i32TruncSatF32U(f(a)); }
    public static int i32TruncSatF64S(long a) { return Conversions.i32TruncSatF64S(d(a)); }
    public static int i32TruncSatF64U(long a) { return Conversions.i32TruncSatF64U(d(a)); }
    public static long i64TruncSatF32S(int a) { return Conversions.i64TruncSatF32S(f(a)); }
    public static long i64TruncSatF32U(int a) { return Conversions.i64TruncSatF32U(f(a)); }
    public static long i64TruncSatF64S(long a) { return Conversions.i64TruncSatF64S(d(a)); }
    public static long i64TruncSatF64U(long a) { return Conversions.i64TruncSatF64U(d(a)); }
}
