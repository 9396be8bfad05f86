package dev.weir.wasm;

import dev.weir.wasm.internal.ModuleDecoder;

/**
 * Decodes the WebAssembly binary format (spec chapter 5, Wasm 3.0 plus threads, memory64,
 * custom page sizes, wide arithmetic, relaxed SIMD and legacy exception handling) into a
 * {@link WasmModule}. Decoding checks well-formedness only (every function body and constant
 * expression is walked once); validation is {@code WasmValidator}'s job.
 */
public final class WasmDecoder {
    private WasmDecoder() {
    }

    /**
     * Decodes a module. Throws {@link MalformedModuleException} with the spec interpreter's
     * wording and a byte offset for any malformed input; never reads outside the array and
     * allocates at most in proportion to its length.
     */
    public static WasmModule decode(byte[] bytes) {
        return new ModuleDecoder(bytes).decode();
    }
}
