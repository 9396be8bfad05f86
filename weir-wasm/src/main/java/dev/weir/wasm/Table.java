package dev.weir.wasm;

/** A defined table, with an optional constant initializer for its elements (null = ref.null). */
public record Table(TableType type, Expression init) {
}
