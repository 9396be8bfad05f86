package dev.weir.wasm;

/** A GC array type. */
public record ArrayType(FieldType element) implements CompositeType {
}
