package dev.weir.memcheck.internal;

import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.HashMap;
import java.util.Map;

/**
 * Guest allocator entry points memcheck wraps, recognized by function name (name section) or
 * export name, with the signature each must have. The names follow the profiles of
 * {@code dev.weir.exchange.Allocators} (malloc/free, raw Rust {@code alloc/dealloc}, wasm-bindgen,
 * component model) plus the internal functions toolchains route every allocation through
 * ({@code __rust_alloc} and friends, {@code calloc/realloc}), and AssemblyScript's GC runtime
 * ({@code __new/__pin/__unpin/__collect}: objects are collected, not freed, so only pins are
 * checked for balance; see ShadowHeap).
 */
public enum AllocFn {
    MALLOC("malloc", 1, true),
    FREE("free", 1, false),
    CALLOC("calloc", 2, true),
    REALLOC("realloc", 2, true),
    RUST_ALLOC("__rust_alloc", 2, true),
    RUST_ALLOC_ZEROED("__rust_alloc_zeroed", 2, true),
    RUST_DEALLOC("__rust_dealloc", 3, false),
    RUST_REALLOC("__rust_realloc", 4, true),
    RAW_ALLOC("alloc", 1, true),
    RAW_DEALLOC("dealloc", 2, false),
    WBG_MALLOC("__wbindgen_malloc", 2, true),
    WBG_FREE("__wbindgen_free", 3, false),
    WBG_REALLOC("__wbindgen_realloc", 4, true),
    CABI_REALLOC("cabi_realloc", 4, true),
    /** AssemblyScript {@code __new(size, classId)}: a garbage-collected object (see ShadowHeap). */
    AS_NEW("__new", 2, true),
    /** AssemblyScript {@code __pin(ptr) -> ptr}: the host keeps the object alive. */
    AS_PIN("__pin", 1, true),
    /** AssemblyScript {@code __unpin(ptr)}. */
    AS_UNPIN("__unpin", 1, false),
    /** AssemblyScript {@code __collect()}: a full collection; wrapped so the GC's own accesses are not checked. */
    AS_COLLECT("__collect", 0, false);

    private static final Map<String, AllocFn> BY_NAME = new HashMap<>();
    private static final AllocFn[] VALUES = values();

    static {
        for (AllocFn f : VALUES) {
            BY_NAME.put(f.symbol, f);
        }
        // Implementations the public names forward to; optimizers (wasm-opt -O2) inline the
        // forwarding function, so guest code calls these directly.
        BY_NAME.put("dlmalloc", MALLOC);
        BY_NAME.put("dlfree", FREE);
        BY_NAME.put("dlcalloc", CALLOC);
        BY_NAME.put("dlrealloc", REALLOC);
        BY_NAME.put("__rdl_alloc", RUST_ALLOC);
        BY_NAME.put("__rdl_alloc_zeroed", RUST_ALLOC_ZEROED);
        BY_NAME.put("__rdl_dealloc", RUST_DEALLOC);
        BY_NAME.put("__rdl_realloc", RUST_REALLOC);
        // AssemblyScript runtime functions by their internal names (incremental and minimal GC).
        for (String rt : new String[] {"~lib/rt/itcms/", "~lib/rt/tcms/"}) {
            BY_NAME.put(rt + "__new", AS_NEW);
            BY_NAME.put(rt + "__pin", AS_PIN);
            BY_NAME.put(rt + "__unpin", AS_UNPIN);
            BY_NAME.put(rt + "__collect", AS_COLLECT);
        }
    }

    private final String symbol;
    private final int params;
    private final boolean returnsPointer;

    AllocFn(String symbol, int params, boolean returnsPointer) {
        this.symbol = symbol;
        this.params = params;
        this.returnsPointer = returnsPointer;
    }

    public String symbol() {
        return symbol;
    }

    public int params() {
        return params;
    }

    public boolean returnsPointer() {
        return returnsPointer;
    }

    /** The kind for a name whose function has the expected all-i32 signature, or null. */
    public static AllocFn match(String name, FuncType type) {
        AllocFn f = name == null ? null : BY_NAME.get(name);
        if (f == null || type.params().size() != f.params || type.results().size() != (f.returnsPointer ? 1 : 0)) {
            return null;
        }
        for (ValType t : type.params()) {
            if (!t.equals(ValType.I32)) {
                return null;
            }
        }
        return f.returnsPointer && !type.results().get(0).equals(ValType.I32) ? null : f;
    }

    public static AllocFn byOrdinal(int ordinal) {
        return ordinal >= 0 && ordinal < VALUES.length ? VALUES[ordinal] : null;
    }
}
