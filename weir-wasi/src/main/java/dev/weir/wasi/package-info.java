/**
 * WASI preview 1: {@link dev.weir.wasi.WasiConfig} describes what a guest may see (arguments,
 * environment, standard streams, preopened directories, clocks, randomness), {@link dev.weir.wasi.Wasi}
 * defines the {@code wasi_snapshot_preview1} imports in a {@link dev.weir.Linker}, and
 * {@link dev.weir.wasi.WasiRunner} runs a command or reactor module end to end.
 */
package dev.weir.wasi;
