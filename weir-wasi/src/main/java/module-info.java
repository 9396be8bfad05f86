/** WASI preview 1 ({@code wasi_snapshot_preview1}) for Weir, sandboxed to preopened directories. */
module dev.weir.wasi {
    requires transitive dev.weir.runtime;
    exports dev.weir.wasi;
}
