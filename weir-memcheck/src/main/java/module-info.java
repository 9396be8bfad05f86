/** Guest memory checker: instruments a module, runs it with a shadow heap, reports memory errors. */
module dev.weir.memcheck {
    requires transitive dev.weir.exchange;
    requires transitive dev.weir.wasm;
    requires dev.weir.wasi;
    // Only dev.weir.memcheck.junit uses JUnit; it is an optional dependency (not needed at run time
    // by users who do not use the extension).
    requires static org.junit.jupiter.api;
    exports dev.weir.memcheck;
    exports dev.weir.memcheck.junit;
}
