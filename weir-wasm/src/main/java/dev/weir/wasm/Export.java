package dev.weir.wasm;

/** An export: its name, kind and index in that kind's index space. */
public record Export(String name, ExternKind kind, int index) {
}
