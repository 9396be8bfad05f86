package dev.weir.wasm;

/** The kinds of entities a module imports or exports. */
public enum ExternKind {
    FUNC, TABLE, MEMORY, GLOBAL, TAG;

    /** Text-format keyword. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
