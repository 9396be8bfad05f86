package dev.weir.compiler.internal;

import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import java.lang.invoke.MethodHandle;

/**
 * The entry into a compiled function from outside its class (the host, the interpreter,
 * {@code call_indirect}, other classes). It makes the region above its own frame the free frame
 * for calls out of compiled code ({@code ctx.hostS/hostR/hostBase}, as host functions do) and
 * restores it and the call depth afterwards, also when a trap unwinds through it.
 */
public final class CompiledFunction extends FunctionInstance {
    /** The instance the code runs in (read by compiled callers entering through {@link #direct}). */
    public final InstanceState inst;
    private final int index;
    /** {@code f<i>} with its own signature ({@link FunctionEmitter#methodDesc}), for compiled callers. */
    public final MethodHandle direct;
    /** {@code b<i>(long[] s, Object[] r, int base, ExecContext ctx, InstanceState inst, int depth)}. */
    private final MethodHandle bridge;
    /** Slots of this frame (max of parameters and results). */
    private final int frame;
    /** Slots needed above {@code base}: this frame plus the largest call frame out of compiled code. */
    private final int needed;

    CompiledFunction(InstanceState inst, int index, MethodHandle bridge, MethodHandle direct, int maxCallSlots) {
        super(inst.module.functionType(index), inst.canonicalType(inst.module.functionTypeIndex(index)), false);
        this.inst = inst;
        this.index = index;
        this.bridge = bridge;
        this.direct = direct;
        this.frame = Math.max(paramSlots, resultSlots);
        this.needed = frame + maxCallSlots;
    }

    @Override
    public void call(ExecContext ctx, long[] s, Object[] r, int base) {
        enter(ctx, s, r, base);
        if (ctx.tailCall != null) {
            ctx.finishTailCalls(s, r, base);
        }
    }

    /**
     * Runs the function once. A tail call out of it (other than to itself, which is a jump) returns
     * early with {@code ctx.tailCall} set and the arguments in the free frame above this frame;
     * they are moved down to {@code base}, where the caller's trampoline expects them.
     */
    @Override
    public void enter(ExecContext ctx, long[] s, Object[] r, int base) {
        if (base + needed > s.length) {
            ctx.callInNewChunk(this, s, r, base, needed);
            return;
        }
        if (ctx.interruptRequested()) {
            ctx.checkInterrupt();
        }
        long[] hs = ctx.hostS;
        Object[] hr = ctx.hostR;
        int hb = ctx.hostBase;
        int depth = ctx.depth;
        ctx.hostS = s;
        ctx.hostR = r;
        ctx.hostBase = base + frame;
        try {
            bridge.invokeExact(s, r, base, ctx, inst, depth + 1);
            FunctionInstance next = ctx.tailCall;
            if (next != null) {
                System.arraycopy(s, base + frame, s, base, next.paramSlots);
                System.arraycopy(r, base + frame, r, base, next.paramSlots);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("weir internal error: " + t, t);
        } finally {
            ctx.hostS = hs;
            ctx.hostR = hr;
            ctx.hostBase = hb;
            ctx.depth = depth;
        }
    }

    @Override
    public Object store() {
        return inst.store;
    }

    @Override
    public String debugName() {
        String n = inst.functionName(index);
        return n != null ? n : "func[" + index + "]";
    }
}
