/** The WebAssembly text format (WAT) and script format (WAST). */
module dev.weir.text {
    requires transitive dev.weir.wasm;
    exports dev.weir.text;
}
