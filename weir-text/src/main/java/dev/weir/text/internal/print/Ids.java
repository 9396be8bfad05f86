package dev.weir.text.internal.print;

import dev.weir.wasm.Names;
import dev.weir.wasm.WasmModule;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The identifiers the printer uses for each index space, from the module's {@link Names}. A name
 * made only of idchars prints as {@code $name}; any other non-empty name uses the Wasm 3.0 quoted
 * form {@code $"..."} (spec 6.3.5), so names survive exactly. Identifiers must be unique per
 * space (the parser rejects "duplicate func $x"), so a repeated name gets a {@code _N} suffix;
 * names of indices outside the space are ignored.
 */
final class Ids {
    /** idchar (spec 6.3.5): 0-9 A-Z a-z ! # $ % & ' * + - . / : < = > ? @ \ ^ _ ` | ~ */
    private static final boolean[] IDCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            IDCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            IDCHAR[c] = true;
            IDCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-./:<=>?@\\^_`|~".toCharArray()) {
            IDCHAR[c] = true;
        }
    }

    final String moduleId;
    final String[] funcs;
    final String[] types;
    final String[] globals;
    final String[] memories;
    final String[] tables;
    final String[] tags;
    private final Map<Integer, Map<Integer, String>> locals;

    Ids(WasmModule m) {
        Names n = m.names();
        moduleId = n.moduleName() == null || n.moduleName().isEmpty() ? null : token(n.moduleName());
        funcs = space(n.functions(), m.functionCount());
        types = space(n.types(), m.types().size());
        globals = space(n.globals(), m.globalCount());
        memories = space(n.memories(), m.memoryCount());
        tables = space(n.tables(), m.tableCount());
        tags = space(n.tags(), m.tagCount());
        locals = n.locals();
    }

    /** Identifiers of a function's parameters and locals ({@code count} of them), or null if none. */
    String[] locals(int funcIndex, long count) {
        Map<Integer, String> names = locals.get(funcIndex);
        if (names == null || names.isEmpty()) {
            return null;
        }
        return space(names, (int) Math.min(count, Integer.MAX_VALUE - 8));
    }

    private static String[] space(Map<Integer, String> names, int count) {
        if (names.isEmpty()) {
            return null;
        }
        String[] out = new String[count];
        Set<String> used = new HashSet<>();
        // Ascending index order, so the lower index keeps its name when two collide.
        names.entrySet().stream().filter(e -> e.getKey() >= 0 && e.getKey() < count
                        && e.getValue() != null && !e.getValue().isEmpty())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    String name = e.getValue();
                    if (!used.add(name)) {
                        String base = name + "_" + e.getKey();
                        name = base;
                        for (int k = 1; !used.add(name); k++) {
                            name = base + "_" + k;
                        }
                    }
                    out[e.getKey()] = token(name);
                });
        return out;
    }

    /** The identifier token for a non-empty name: {@code $name} or {@code $"..."}. */
    static String token(String name) {
        boolean plain = true;
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = c < 128 && IDCHAR[c];
        }
        if (plain) {
            return "$" + name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 3).append('$');
        Lits.string(sb, name);
        return sb.toString();
    }

    /** Appends the identifier of {@code index} in {@code space}, or the index itself. */
    static void ref(StringBuilder sb, String[] space, int index) {
        if (space != null && index >= 0 && index < space.length && space[index] != null) {
            sb.append(space[index]);
        } else {
            Lits.u32(sb, index);
        }
    }

    /** Appends {@code $id} or {@code (;index;)} after a definition's keyword. */
    static void def(StringBuilder sb, String[] space, int index) {
        if (space != null && index >= 0 && index < space.length && space[index] != null) {
            sb.append(space[index]);
        } else {
            sb.append("(;").append(index).append(";)");
        }
    }
}
