package dev.weir;

import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.Traps;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.List;

/**
 * A WebAssembly function: an export of an instance, or a host function made with {@link #of}.
 * The same function always has the same {@code Func} object (identity matters when functions
 * travel through tables and imports).
 *
 * <p>Typed calls ({@link #callInt(int, int)}, {@link #callLong(long)}, ...) do not box; the
 * general forms are {@link #callSlots(long...)} (raw stack slots) and {@link #call(Value...)}.
 * A call throws {@link Trap} when the guest traps, {@link WasmThrow} for an uncaught Wasm
 * exception, and {@link IllegalArgumentException} for arguments that do not fit the type.
 * Functions of one store must not be called from two threads at once.
 */
public final class Func {
    private static final int DEFAULT_MAX_DEPTH = 10_000;

    private final FunctionInstance fi;
    /** Number of parameters if all are i32, else -1 (for the typed fast paths). */
    private final int i32Params;
    private final int i64Params;
    private final ValType result;
    /** Whether a parameter / a result is a reference (raw-slot calls cannot carry them). */
    private final boolean refParams;
    private final boolean refResults;

    private Func(FunctionInstance fi) {
        this.fi = fi;
        List<ValType> ps = fi.type.params();
        this.refParams = ps.stream().anyMatch(ValType::isRef);
        this.refResults = fi.type.results().stream().anyMatch(ValType::isRef);
        this.i32Params = ps.stream().allMatch(ValType.I32::equals) ? ps.size() : -1;
        this.i64Params = ps.stream().allMatch(ValType.I64::equals) ? ps.size() : -1;
        List<ValType> rs = fi.type.results();
        this.result = rs.size() == 1 ? rs.get(0) : null;
    }

    /** The public view of a function instance (created once). */
    static Func view(FunctionInstance fi) {
        Object v = fi.publicView;
        if (v == null) {
            synchronized (fi) {
                v = fi.publicView;
                if (v == null) {
                    v = new Func(fi);
                    fi.publicView = v;
                }
            }
        }
        return (Func) v;
    }

    /** A host function, usable in any store (define it in a {@link Linker}). */
    public static Func of(FuncType type, HostFunction fn) {
        return of("host", type, fn);
    }

    /** A named host function; the name appears in traps. */
    public static Func of(String name, FuncType type, HostFunction fn) {
        return view(new HostFunctionInstance(type, fn, name));
    }

    public FuncType type() {
        return fi.type;
    }

    FunctionInstance instance() {
        return fi;
    }

    // ------------------------------------------------------------------ typed calls

    public int callInt() {
        checkInts(0, 32);
        ExecContext ctx = context();
        long[] s = ctx.hostS;
        int b = ctx.hostBase;
        if (!fits(s, b)) {
            return (int) firstResult(callSlots());
        }
        run(ctx, s, ctx.hostR, b);
        return (int) s[b];
    }

    public int callInt(int a) {
        checkInts(1, 32);
        ExecContext ctx = context();
        long[] s = ctx.hostS;
        int b = ctx.hostBase;
        if (!fits(s, b)) {
            return (int) firstResult(callSlots(a));
        }
        s[b] = a;
        run(ctx, s, ctx.hostR, b);
        return (int) s[b];
    }

    public int callInt(int a, int b2) {
        checkInts(2, 32);
        ExecContext ctx = context();
        long[] s = ctx.hostS;
        int b = ctx.hostBase;
        if (!fits(s, b)) {
            return (int) firstResult(callSlots(a, b2));
        }
        s[b] = a;
        s[b + 1] = b2;
        run(ctx, s, ctx.hostR, b);
        return (int) s[b];
    }

    public int callInt(int a, int b2, int c) {
        checkInts(3, 32);
        ExecContext ctx = context();
        long[] s = ctx.hostS;
        int b = ctx.hostBase;
        if (!fits(s, b)) {
            return (int) firstResult(callSlots(a, b2, c));
        }
        s[b] = a;
        s[b + 1] = b2;
        s[b + 2] = c;
        run(ctx, s, ctx.hostR, b);
        return (int) s[b];
    }

    /** Any number of i32 parameters (allocates the varargs array). */
    public int callInt(int... args) {
        checkInts(args.length, 32);
        long[] slots = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            slots[i] = args[i];
        }
        return (int) firstResult(callSlots(slots));
    }

    public long callLong() {
        checkInts(0, 64);
        ExecContext ctx = context();
        long[] s = ctx.hostS;
        int b = ctx.hostBase;
        if (!fits(s, b)) {
            return firstResult(callSlots());
        }
        run(ctx, s, ctx.hostR, b);
        return s[b];
    }

    public long callLong(long a) {
        checkInts(1, 64);
        ExecContext ctx = context();
        long[] s = ctx.hostS;
        int b = ctx.hostBase;
        if (!fits(s, b)) {
            return firstResult(callSlots(a));
        }
        s[b] = a;
        run(ctx, s, ctx.hostR, b);
        return s[b];
    }

    public long callLong(long a, long b2) {
        checkInts(2, 64);
        ExecContext ctx = context();
        long[] s = ctx.hostS;
        int b = ctx.hostBase;
        if (!fits(s, b)) {
            return firstResult(callSlots(a, b2));
        }
        s[b] = a;
        s[b + 1] = b2;
        run(ctx, s, ctx.hostR, b);
        return s[b];
    }

    /** Any number of i64 parameters, one i64 result. */
    public long callLong(long... args) {
        checkInts(args.length, 64);
        return firstResult(callSlots(args));
    }

    /**
     * Calls with raw stack slots (VALUES.md): one slot per parameter (i32 as an int value, f32/f64 as
     * raw bits), two for a v128. Returns the result slots. Only for functions without reference
     * parameters or results; use {@link #call(Value...)} for those.
     */
    public long[] callSlots(long... slots) {
        checkSlots(slots.length, fi.resultSlots);
        ExecContext ctx = context();
        Frame f = frame(ctx);
        System.arraycopy(slots, 0, f.s, f.base, slots.length);
        run(ctx, f.s, f.r, f.base);
        long[] out = new long[fi.resultSlots];
        System.arraycopy(f.s, f.base, out, 0, out.length);
        return out;
    }

    /**
     * The allocation-free raw call for any signature without references: reads {@code paramSlots}
     * argument slots from {@code args} and writes the result slots to {@code results} (both reused
     * by the caller across calls; layout as {@link #callSlots(long...)}).
     */
    public void callInto(long[] args, long[] results) {
        if (refResults) {
            throw new IllegalArgumentException("function has reference results; use call(Value...): " + fi.type);
        }
        checkSlots(args.length, results.length);
        ExecContext ctx = context();
        long[] s = ctx.hostS;
        int b = ctx.hostBase;
        if (fits(s, b)) {
            System.arraycopy(args, 0, s, b, fi.paramSlots);
            run(ctx, s, ctx.hostR, b);
            System.arraycopy(s, b, results, 0, fi.resultSlots);
        } else {
            System.arraycopy(callSlots(args), 0, results, 0, fi.resultSlots);
        }
    }

    private void checkSlots(int argSlots, int resultRoom) {
        if (refParams) {
            throw new IllegalArgumentException("function has reference parameters; use call(Value...): " + fi.type);
        }
        if (argSlots != fi.paramSlots) {
            throw new IllegalArgumentException("expected " + fi.paramSlots + " argument slots for " + fi.type
                    + ", got " + argSlots);
        }
        if (resultRoom < fi.resultSlots) {
            throw new IllegalArgumentException("room for " + resultRoom + " result slots, " + fi.type + " needs "
                    + fi.resultSlots);
        }
    }

    /** The general call: typed values in, typed values out (references and v128 included). */
    public Value[] call(Value... args) {
        List<ValType> ps = fi.type.params();
        if (args.length != ps.size()) {
            throw new IllegalArgumentException("expected " + ps.size() + " arguments for " + fi.type + ", got "
                    + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            ValType t = ps.get(i);
            ValType a = args[i].type();
            if (t.isRef() ? !a.isRef() : t.kind() != a.kind()) {
                throw new IllegalArgumentException("argument " + i + " is " + a + ", expected " + t);
            }
        }
        ExecContext ctx = context();
        Frame f = frame(ctx);
        int i = f.base;
        for (Value v : args) {
            v.store(f.s, f.r, i);
            i += v.type().slots();
        }
        run(ctx, f.s, f.r, f.base);
        List<ValType> rs = fi.type.results();
        Value[] out = new Value[rs.size()];
        i = f.base;
        for (int k = 0; k < out.length; k++) {
            out[k] = Value.load(rs.get(k), f.s, f.r, i);
            i += rs.get(k).slots();
        }
        return out;
    }

    // ------------------------------------------------------------------ plumbing

    private void checkInts(int count, int bits) {
        int n = bits == 32 ? i32Params : i64Params;
        boolean resultOk = bits == 32 ? (result == null || result.equals(ValType.I32))
                : (result == null || result.equals(ValType.I64));
        if (n != count || !resultOk || fi.type.results().size() > 1) {
            throw new IllegalArgumentException("cannot call " + fi.type + " with " + count + " i" + bits
                    + " argument(s) and an i" + bits + " result");
        }
    }

    private static long firstResult(long[] results) {
        return results.length == 0 ? 0 : results[0];
    }

    private boolean fits(long[] s, int b) {
        return b + fi.paramSlots + fi.resultSlots <= s.length;
    }

    private ExecContext context() {
        Store st = (Store) fi.store();
        if (st != null) {
            return st.context();
        }
        // A host function not bound to any store: give the call its own context.
        ExecContext ctx = new ExecContext(null, DEFAULT_MAX_DEPTH, false, 0);
        ctx.rootChunk();
        return ctx;
    }

    /** Where the arguments go: above any running host function, in a chunk with room. */
    private static final class Frame {
        final long[] s;
        final Object[] r;
        final int base;

        Frame(long[] s, Object[] r, int base) {
            this.s = s;
            this.r = r;
            this.base = base;
        }
    }

    private Frame frame(ExecContext ctx) {
        int need = fi.paramSlots + fi.resultSlots;
        if (ctx.hostBase + need <= ctx.hostS.length) {
            return new Frame(ctx.hostS, ctx.hostR, ctx.hostBase);
        }
        ExecContext.Chunk c = ctx.chunkAbove(ctx.hostS, need);
        return new Frame(c.s, c.r, 0);
    }

    /** Runs the function on the given frame, turning JVM-level failures into the public exceptions. */
    private void run(ExecContext ctx, long[] s, Object[] r, int b) {
        ctx.caller = null;
        try {
            fi.call(ctx, s, r, b);
        } catch (ExceptionInstance e) {
            throw new WasmThrow(e);
        } catch (StackOverflowError e) {
            // The Wasm call-depth limit normally trips first; a small thread stack can still overflow.
            throw Traps.callStackExhausted();
        }
    }

    @Override
    public String toString() {
        return "Func[" + fi.debugName() + " " + fi.type + "]";
    }
}
