package dev.weir.wasm;

import dev.weir.wasm.internal.validate.ModuleValidator;

/**
 * Validates modules (spec chapter 3 and the appendix's validation algorithm) for WebAssembly 3.0
 * plus the testsuite's proposals (threads, relaxed SIMD, wide arithmetic, custom page sizes, legacy
 * exceptions).
 *
 * <p>Errors are {@link InvalidModuleException}s whose {@link WasmException#reason() reason} uses the
 * spec interpreter's wording ("type mismatch", "unknown local 3", ...), naming the function index and
 * the byte offset of the offending instruction when inside code. The one binary-format rule that can
 * only be checked while walking code, "data count section required", is reported as a
 * {@link MalformedModuleException} (only for modules decoded from a binary).
 *
 * <p>Thread-safe: each call uses its own state.
 */
public final class WasmValidator {
    private WasmValidator() {
    }

    /**
     * Validates a module and returns its canonicalized types (keep them: the runtime's
     * {@code call_indirect} and cast checks use {@link Types#canonicalId}).
     */
    public static Types validate(WasmModule module) {
        return ModuleValidator.validate(module);
    }
}
