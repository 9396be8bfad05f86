package dev.weir;

import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;

/**
 * What a {@link HostFunction} knows about its caller: the store and, when called from Wasm, the
 * calling instance (to reach its memory). Do not keep it after the call returns.
 */
public final class Caller {
    private final Store store;
    private final InstanceState instance;

    Caller(Store store, InstanceState instance) {
        this.store = store;
        this.instance = instance;
    }

    /** The store, or null when a store-independent host function is called directly from Java. */
    public Store store() {
        return store;
    }

    /** The calling instance, or null when the host called the function directly. */
    public Instance instance() {
        return instance == null ? null : (Instance) instance.publicView;
    }

    /** The calling instance's memory 0 (defined or imported), or null. */
    public Memory memory() {
        return instance == null || instance.memories.length == 0 ? null : instance.memories[0];
    }

    /** The calling instance's exported memory of that name, or null. */
    public Memory memory(String exportName) {
        Instance i = instance();
        return i == null ? null : i.memory(exportName);
    }

    /** Converts a funcref argument (from {@code refs}) to a {@link Func}. */
    public static Func toFunc(Object funcref) {
        return funcref == null ? null : Func.view((FunctionInstance) funcref);
    }
}
