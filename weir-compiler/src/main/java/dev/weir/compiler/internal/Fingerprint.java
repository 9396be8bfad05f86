package dev.weir.compiler.internal;

import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.Interrupts;
import java.util.List;

/** The classes whose bytes shape or are linked by generated code: an ahead-of-time artifact's compiler identity. */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static List<Class<?>> classes() {
        return List.of(JvmCodeCompiler.class, FunctionEmitter.class, ControlEmitter.class, ControlScan.class,
                CallEmitter.class, CallSites.class, CompareFusion.class, MemoryEmitter.class, VariableEmitter.class, Interrupts.class, dev.weir.Memory.class,
                GcEmitter.class, SimdEmitter.class, AtomicEmitter.class, LeafEmitter.class, Numeric.class,
                Support.class, Rt.class, SimdRt.class, LeafRt.class, CompiledFunction.class, ExecContext.class,
                InstanceState.class, FunctionInstance.class);
    }
}
