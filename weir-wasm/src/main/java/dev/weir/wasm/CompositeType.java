package dev.weir.wasm;

/** The structure a defined type describes: a function signature, a struct or an array (GC). */
public sealed interface CompositeType permits FuncType, StructType, ArrayType {
}
