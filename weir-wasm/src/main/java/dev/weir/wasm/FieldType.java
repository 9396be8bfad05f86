package dev.weir.wasm;

/** A struct field or array element: a storage type (value type or packed i8/i16) and mutability. */
public record FieldType(ValType storage, boolean mutable) {
    @Override
    public String toString() {
        return mutable ? "(mut " + storage + ")" : storage.toString();
    }
}
