package dev.weir.wasm;

/** The type of an import: a function (by type index), table, memory, global or tag. */
public sealed interface ExternType permits ExternType.Func, TableType, MemoryType, GlobalType, TagType {
    ExternKind kind();

    /** An imported function of the given type index. */
    record Func(int typeIndex) implements ExternType {
        @Override
        public ExternKind kind() {
            return ExternKind.FUNC;
        }
    }
}
