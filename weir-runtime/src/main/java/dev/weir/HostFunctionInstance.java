package dev.weir;

import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.SubType;
import dev.weir.wasm.Types;
import dev.weir.wasm.WasmException;
import java.util.List;

/** A {@link HostFunction} as a function instance: the host side of the calling convention. */
final class HostFunctionInstance extends FunctionInstance {
    private final HostFunction fn;
    private final String name;

    HostFunctionInstance(FuncType type, HostFunction fn, String name) {
        super(type, canonicalId(type), true);
        this.fn = fn;
        this.name = name;
    }

    /** Canonical id of a standalone function type (a final type in a rec group of its own). */
    static int canonicalId(FuncType type) {
        try {
            return Types.of(List.of(new RecGroup(List.of(SubType.of(type))))).canonicalId(0);
        } catch (WasmException e) {
            throw new IllegalArgumentException("host function types may only use abstract reference types: "
                    + type, e);
        }
    }

    @Override
    public void call(ExecContext ctx, long[] s, Object[] r, int base) {
        InstanceState callerInstance = ctx.caller;
        ctx.caller = null;
        long[] hs = ctx.hostS;
        Object[] hr = ctx.hostR;
        int hb = ctx.hostBase;
        // Calls back into Wasm start above this frame.
        ctx.hostS = s;
        ctx.hostR = r;
        ctx.hostBase = base + Math.max(paramSlots, resultSlots);
        try {
            fn.call(caller(ctx, callerInstance), s, r, base);
        } catch (Trap | ExceptionInstance e) {
            throw e;
        } catch (WasmThrow e) {
            throw e.exception();
        } catch (Exception e) {
            throw new Trap("host function " + name + " failed: " + e, e);
        } finally {
            ctx.hostS = hs;
            ctx.hostR = hr;
            ctx.hostBase = hb;
        }
    }

    private static Caller caller(ExecContext ctx, InstanceState inst) {
        if (inst != null) {
            Object c = inst.callerView;
            if (c == null) {
                c = new Caller((Store) inst.store, inst);
                inst.callerView = c;
            }
            return (Caller) c;
        }
        Object c = ctx.callerCache;
        if (c == null) {
            c = new Caller((Store) ctx.store, null);
            ctx.callerCache = c;
        }
        return (Caller) c;
    }

    @Override
    public String debugName() {
        return name;
    }
}
