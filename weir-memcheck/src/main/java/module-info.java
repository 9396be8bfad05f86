/** Guest memory checker: instruments a module, runs it with a shadow heap, reports memory errors. */
module dev.weir.memcheck {
    requires transitive dev.weir.exchange;
    requires transitive dev.weir.wasm;
    requires dev.weir.wasi;
    exports dev.weir.memcheck;
}
