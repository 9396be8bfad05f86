package dev.weir.wasm;

import java.util.List;

/** A GC struct type. */
public record StructType(List<FieldType> fields) implements CompositeType {
    public StructType {
        fields = List.copyOf(fields);
    }
}
