package dev.weir.internal.rt;

import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Types;

/**
 * A global's storage (spec 4.2 "global instances"), laid out like one stack slot: numbers in
 * {@link #value}, a v128 in {@link #value} (low) and {@link #hi}, references in {@link #ref}.
 */
public final class GlobalInstance {
    public final GlobalType type;
    public long value;
    public long hi;
    public Object ref;
    /** Types of the module that defined the global (for matching concrete reference types on import). */
    public final Types types;
    /** The public view ({@code dev.weir.Global}), created on demand. */
    public volatile Object publicView;

    public GlobalInstance(GlobalType type, Types types) {
        this.type = type;
        this.types = types;
    }
}
