package dev.weir.wasm;

/** A global's value type and mutability. */
public record GlobalType(ValType type, boolean mutable) implements ExternType {
    @Override
    public ExternKind kind() {
        return ExternKind.GLOBAL;
    }

    @Override
    public String toString() {
        return "(global " + (mutable ? "(mut " + type + ")" : type.toString()) + ")";
    }
}
