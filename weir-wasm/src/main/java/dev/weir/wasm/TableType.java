package dev.weir.wasm;

/** A table type: element reference type and limits (address64 for table64). */
public record TableType(ValType elementType, Limits limits) implements ExternType {
    @Override
    public ExternKind kind() {
        return ExternKind.TABLE;
    }

    @Override
    public String toString() {
        return "(table " + limits + " " + elementType + ")";
    }
}
