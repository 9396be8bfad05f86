package dev.weir.internal.rt;

import dev.weir.wasm.FuncType;

/**
 * A callable function (spec 4.2 "function instances"): interpreted, compiled or host. This is the
 * value of a {@code funcref} (see VALUES.md) and the unit the compiler replaces per function.
 *
 * <p>Calling convention: arguments are at {@code s/r[base ..)} (a v128 takes two slots, references
 * are in {@code r}); the callee leaves its results at {@code s/r[base ..)}. The callee may use the
 * arrays above {@code base} freely and switches to a new stack chunk itself when they are too small.
 */
public abstract class FunctionInstance {
    public final FuncType type;
    /** Canonical id of the function's defined type ({@link dev.weir.wasm.Types#canonicalId}). */
    public final int canonicalType;
    public final int paramSlots;
    public final int resultSlots;
    /** Host functions want to know the calling instance ({@link ExecContext#caller}). */
    public final boolean host;
    /** The public view ({@code dev.weir.Func}), created on demand. */
    public volatile Object publicView;

    protected FunctionInstance(FuncType type, int canonicalType, boolean host) {
        this.type = type;
        this.canonicalType = canonicalType;
        this.paramSlots = Slots.of(type.params());
        this.resultSlots = Slots.of(type.results());
        this.host = host;
    }

    public abstract void call(ExecContext ctx, long[] s, Object[] r, int base);

    /**
     * One step of a tail-call chain: like {@link #call}, but the function may return early with
     * {@link ExecContext#tailCall} set and the next callee's arguments at {@code s/r[base ..)}
     * (see {@link ExecContext#finishTailCalls}). The default runs the call to completion.
     */
    public void enter(ExecContext ctx, long[] s, Object[] r, int base) {
        call(ctx, s, r, base);
    }

    /** Canonical id of the function's type, for casts ({@code ref.test (ref $t)}). */
    public final int canonicalType() {
        return canonicalType;
    }

    /** The public {@code Store} this function belongs to, or null for a store-independent host function. */
    public Object store() {
        return null;
    }

    /** A name for stack traces and messages. */
    public abstract String debugName();

    @Override
    public String toString() {
        return "func " + debugName() + " " + type;
    }
}
