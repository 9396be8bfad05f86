package dev.weir;

import dev.weir.wasm.FuncType;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves imports by module and field name, then instantiates modules (spec 4.5.4). Definitions
 * may be replaced (a later definition of the same name wins). Not thread-safe while being filled.
 */
public final class Linker {
    private final Map<String, Map<String, Object>> defs = new HashMap<>();

    public Linker() {
    }

    /** Defines an import: a {@link Func}, {@link Memory}, {@link Table}, {@link Global} or {@link Tag}. */
    public Linker define(String module, String name, Object extern) {
        if (!(extern instanceof Func || extern instanceof Memory || extern instanceof Table
                || extern instanceof Global || extern instanceof Tag)) {
            throw new IllegalArgumentException("not an external value: " + extern);
        }
        defs.computeIfAbsent(module, k -> new HashMap<>()).put(name, extern);
        return this;
    }

    /** Defines a host function. */
    public Linker define(String module, String name, FuncType type, HostFunction fn) {
        return define(module, name, Func.of(module + "." + name, type, fn));
    }

    /** Registers all exports of an instance under a module name (the spec's {@code register}). */
    public Linker defineInstance(String module, Instance instance) {
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            define(module, e.getKey(), e.getValue());
        }
        return this;
    }

    /** The definition, or null. */
    public Object get(String module, String name) {
        Map<String, Object> m = defs.get(module);
        return m == null ? null : m.get(name);
    }

    /**
     * Instantiates a module in a store: resolves and type-checks imports ({@link LinkException}),
     * initializes globals, tables, elements and data in order, and runs the start function
     * ({@link Trap} if any of that traps; effects on imported tables and memories remain).
     */
    public Instance instantiate(Store store, Module module) {
        return new Instantiator(this, store, module).run();
    }
}
