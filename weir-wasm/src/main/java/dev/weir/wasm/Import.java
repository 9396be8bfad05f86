package dev.weir.wasm;

/** An import: module name, field name and the expected type. */
public record Import(String module, String name, ExternType type) {
    public ExternKind kind() {
        return type.kind();
    }
}
