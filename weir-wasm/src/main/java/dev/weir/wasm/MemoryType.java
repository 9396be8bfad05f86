package dev.weir.wasm;

/** A memory type: limits in pages, sharing, address type and page size. */
public record MemoryType(Limits limits) implements ExternType {
    @Override
    public ExternKind kind() {
        return ExternKind.MEMORY;
    }

    @Override
    public String toString() {
        return "(memory " + limits + ")";
    }
}
