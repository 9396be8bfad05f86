/** The WebAssembly binary format: module model, decoder, validator, encoder. No execution. */
module dev.weir.wasm {
    exports dev.weir.wasm;
}
