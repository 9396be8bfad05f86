/** Host/guest data exchange: allocator profiles, ownership-safe buffers and strings, result conventions. */
module dev.weir.exchange {
    requires transitive dev.weir.runtime;
    exports dev.weir.exchange;
}
