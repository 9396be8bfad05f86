package dev.weir.internal.rt;

import dev.weir.wasm.Types;
import dev.weir.wasm.WasmModule;

/**
 * Service interface of the bytecode compiler ({@code weir-compiler}), found with
 * {@link java.util.ServiceLoader} when an engine is built with {@code compiler(true)}. The runtime
 * only knows this interface, so it works unchanged without the compiler module.
 */
public interface CodeCompiler {
    /**
     * Compiles a validated module once (shared by all its instances), or returns null to run the
     * whole module in the interpreter.
     */
    CompiledCode compile(WasmModule module, Types types);

    /**
     * As {@link #compile(WasmModule, Types)}; with {@code fuel}, compiled code must charge fuel as the
     * interpreter does. The default compiles nothing when fuel is on (the interpreter runs).
     */
    default CompiledCode compile(WasmModule module, Types types, boolean fuel) {
        return fuel ? null : compile(module, types);
    }

    /** The compiled form of one module. */
    interface CompiledCode {
        /** The compiled defined function {@code funcIndex} of {@code inst}, or null to interpret it. */
        FunctionInstance instantiate(InstanceState inst, int funcIndex);
    }
}
