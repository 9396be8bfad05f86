package dev.weir.wasm;

/** An exception tag: the index of its function type (results must be empty). */
public record TagType(int typeIndex) implements ExternType {
    @Override
    public ExternKind kind() {
        return ExternKind.TAG;
    }
}
