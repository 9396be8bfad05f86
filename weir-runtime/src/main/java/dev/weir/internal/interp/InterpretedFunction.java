package dev.weir.internal.interp;

import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.Traps;
import dev.weir.wasm.FuncType;

/** A defined function run by the interpreter; its code is pre-decoded on the first call. */
public final class InterpretedFunction extends FunctionInstance {
    final InstanceState inst;
    final int index;
    private final CodeCache cache;
    private Code code; // benign race: every thread computes or sees an equivalent Code

    public InterpretedFunction(InstanceState inst, int index, CodeCache cache) {
        super(inst.module.functionType(index), inst.canonicalType(inst.module.functionTypeIndex(index)), false);
        this.inst = inst;
        this.index = index;
        this.cache = cache;
    }

    /** A constant expression run as a function (index -1); see {@link ConstEval}. */
    InterpretedFunction(InstanceState inst, FuncType type, Code code) {
        super(type, -1, false);
        this.inst = inst;
        this.index = -1;
        this.cache = null;
        this.code = code;
    }

    Code code() {
        Code c = code;
        if (c == null) {
            c = cache.get(index);
            code = c;
        }
        return c;
    }

    @Override
    public void call(ExecContext ctx, long[] s, Object[] r, int base) {
        enter(ctx, s, r, base);
        if (ctx.tailCall != null) {
            ctx.finishTailCalls(s, r, base);
        }
    }

    /** Runs the function; a tail call to another engine's function is left pending (ExecContext.tailCall). */
    @Override
    public void enter(ExecContext ctx, long[] s, Object[] r, int base) {
        Code c = code();
        if (base + c.frameSlots > s.length) {
            ctx.callInNewChunk(this, s, r, base, c.frameSlots);
            return;
        }
        if (ctx.interruptRequested()) {
            ctx.checkInterrupt();
        }
        if (++ctx.depth > ctx.maxDepth) {
            ctx.depth--;
            throw Traps.callStackExhausted();
        }
        try {
            Interpreter.execute(ctx, this, c, s, r, base);
        } finally {
            ctx.depth--;
        }
    }

    public InstanceState instance() {
        return inst;
    }

    public int index() {
        return index;
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
