package dev.weir.wasm.internal;

import dev.weir.wasm.Names;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses the {@code name} custom section (spec appendix 7.4.1, plus the extended-name-section
 * subsections for types, tables, memories, globals and tags). A custom section must never make a
 * module fail to decode, so a malformed subsection is skipped and the rest is kept, as engines do.
 */
public final class NameSectionReader {
    static final int MODULE = 0;
    static final int FUNCTIONS = 1;
    static final int LOCALS = 2;
    static final int TYPES = 4;
    static final int TABLES = 5;
    static final int MEMORIES = 6;
    static final int GLOBALS = 7;
    static final int TAGS = 11;

    private NameSectionReader() {
    }

    public static Names read(byte[] content, int sourceOffset) {
        String module = null;
        Map<Integer, String> functions = Map.of();
        Map<Integer, Map<Integer, String>> locals = Map.of();
        Map<Integer, String> types = Map.of();
        Map<Integer, String> tables = Map.of();
        Map<Integer, String> memories = Map.of();
        Map<Integer, String> globals = Map.of();
        Map<Integer, String> tags = Map.of();
        ByteReader in = new ByteReader(content, 0, content.length, sourceOffset);
        try {
            while (!in.atEnd()) {
                int id = in.u8();
                int size = in.len();
                int end = in.pos() + size;
                ByteReader sub = new ByteReader(content, in.pos(), end, in.offset());
                in.pos(end);
                try {
                    switch (id) {
                        case MODULE: module = sub.name(); break;
                        case FUNCTIONS: functions = nameMap(sub); break;
                        case LOCALS: locals = indirectNameMap(sub); break;
                        case TYPES: types = nameMap(sub); break;
                        case TABLES: tables = nameMap(sub); break;
                        case MEMORIES: memories = nameMap(sub); break;
                        case GLOBALS: globals = nameMap(sub); break;
                        case TAGS: tags = nameMap(sub); break;
                        default: break; // labels, elem, data, fields: not modelled
                    }
                } catch (RuntimeException e) {
                    // malformed subsection: ignored
                }
            }
        } catch (RuntimeException e) {
            // malformed subsection header: keep what was read so far
        }
        if (module == null && functions.isEmpty() && locals.isEmpty() && types.isEmpty() && tables.isEmpty()
                && memories.isEmpty() && globals.isEmpty() && tags.isEmpty()) {
            return Names.EMPTY;
        }
        return new Names(module, functions, locals, types, globals, memories, tables, tags);
    }

    private static Map<Integer, String> nameMap(ByteReader in) {
        int n = in.count(2);
        Map<Integer, String> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int idx = in.u32();
            String name = in.name();
            m.putIfAbsent(idx, name);
        }
        return m;
    }

    private static Map<Integer, Map<Integer, String>> indirectNameMap(ByteReader in) {
        int n = in.count(2);
        Map<Integer, Map<Integer, String>> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int idx = in.u32();
            Map<Integer, String> inner = nameMap(in);
            m.putIfAbsent(idx, Map.copyOf(inner));
        }
        return m;
    }
}
