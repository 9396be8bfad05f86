package dev.weir.wasm;

/** How an element or data segment is used (spec 2.5.12-2.5.13). */
public enum SegmentMode {
    /** Copied into a table or memory at instantiation. */
    ACTIVE,
    /** Used by {@code table.init}/{@code memory.init} and friends. */
    PASSIVE,
    /** Only declares functions referenceable by {@code ref.func}; dropped at instantiation. */
    DECLARATIVE
}
