package dev.weir.wasm;

import java.util.Map;

/**
 * Names from the {@code name} custom section (or from text identifiers): used in traps, stack
 * traces and reports. Maps are immutable; missing entries mean "no name".
 */
public record Names(String moduleName, Map<Integer, String> functions, Map<Integer, Map<Integer, String>> locals,
                    Map<Integer, String> types, Map<Integer, String> globals, Map<Integer, String> memories,
                    Map<Integer, String> tables, Map<Integer, String> tags) {
    public static final Names EMPTY = new Names(null, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public Names {
        functions = Map.copyOf(functions);
        locals = Map.copyOf(locals);
        types = Map.copyOf(types);
        globals = Map.copyOf(globals);
        memories = Map.copyOf(memories);
        tables = Map.copyOf(tables);
        tags = Map.copyOf(tags);
    }

    public String functionName(int index) {
        return functions.get(index);
    }

    public String localName(int function, int local) {
        Map<Integer, String> m = locals.get(function);
        return m == null ? null : m.get(local);
    }
}
