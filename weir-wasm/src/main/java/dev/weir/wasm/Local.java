package dev.weir.wasm;

/** A run of {@code count} locals of one type, as declared in a function body. */
public record Local(int count, ValType type) {
}
