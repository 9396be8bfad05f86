/** Weir's embedding API: Engine, Module, Store, Linker, Instance, Memory and the interpreter. */
module dev.weir.runtime {
    requires transitive dev.weir.wasm;
    exports dev.weir;
}
