package dev.weir.wasm;

/** A defined global: its type and constant initializer. */
public record Global(GlobalType type, Expression init) {
}
