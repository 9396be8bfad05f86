package dev.weir;

import dev.weir.internal.rt.InstanceState;
import java.util.Collections;
import java.util.Map;

/**
 * An instantiated module. Exports are looked up by name; the same entity is always the same
 * object ({@link Func}, {@link Memory}, {@link Table}, {@link Global}, {@link Tag}).
 */
public final class Instance {
    private final Module module;
    private final Store store;
    private final InstanceState state;
    private final Map<String, Object> exports;

    Instance(Module module, Store store, InstanceState state, Map<String, Object> exports) {
        this.module = module;
        this.store = store;
        this.state = state;
        this.exports = Collections.unmodifiableMap(exports);
        state.publicView = this;
    }

    public Module module() {
        return module;
    }

    public Store store() {
        return store;
    }

    /** All exports by name, in export order. */
    public Map<String, Object> exports() {
        return exports;
    }

    /** The export of that name (a Func, Memory, Table, Global or Tag), or null. */
    public Object export(String name) {
        return exports.get(name);
    }

    public Func func(String name) {
        return get(name, Func.class);
    }

    public Memory memory(String name) {
        return get(name, Memory.class);
    }

    public Table table(String name) {
        return get(name, Table.class);
    }

    public Global global(String name) {
        return get(name, Global.class);
    }

    public Tag tag(String name) {
        return get(name, Tag.class);
    }

    private <T> T get(String name, Class<T> kind) {
        Object o = exports.get(name);
        if (o == null) {
            throw new IllegalArgumentException("no export named \"" + name + "\"");
        }
        if (!kind.isInstance(o)) {
            throw new IllegalArgumentException("export \"" + name + "\" is a " + o.getClass().getSimpleName()
                    + ", not a " + kind.getSimpleName());
        }
        return kind.cast(o);
    }

    InstanceState state() {
        return state;
    }
}
