package dev.weir.cli.internal;

import dev.weir.wasm.CompositeType;
import dev.weir.wasm.CustomSection;
import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.Export;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Import;
import dev.weir.wasm.InvalidModuleException;
import dev.weir.wasm.Limits;
import dev.weir.wasm.MemoryType;
import dev.weir.wasm.Names;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.SectionInfo;
import dev.weir.wasm.SubType;
import dev.weir.wasm.TableType;
import dev.weir.wasm.TagType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code weir inspect} reports about a module, as one JSON-shaped tree (LinkedHashMaps,
 * lists, strings, numbers, booleans, nulls). {@code --json} prints the tree as it is and
 * {@link SummaryText} lays the same tree out for people, so both always say the same thing.
 *
 * <p>The module may be unvalidated (inspect still shows a module that fails validation), so
 * every index is range-checked before it is resolved.
 */
public final class ModuleSummary {
    private final WasmModule m;
    private final Map<String, List<String>> exportsByItem = new LinkedHashMap<>();
    private final Map<String, String> importsByItem = new LinkedHashMap<>();

    private ModuleSummary(WasmModule m) {
        this.m = m;
        for (Export e : m.exports()) {
            exportsByItem.computeIfAbsent(key(e.kind(), e.index()), k -> new ArrayList<>()).add(e.name());
        }
        int[] next = new int[ExternKind.values().length];
        for (Import i : m.imports()) {
            importsByItem.put(key(i.kind(), next[i.kind().ordinal()]++), i.module() + "." + i.name());
        }
    }

    /**
     * Builds the summary.
     *
     * @param file the file name as the user gave it
     * @param size the file size in bytes
     * @param format {@code "binary"} or {@code "text"}
     * @param validationError null when the module validated
     */
    public static Map<String, Object> of(String file, long size, String format, WasmModule module,
                                         InvalidModuleException validationError) {
        return new ModuleSummary(module).build(file, size, format, validationError);
    }

    private Map<String, Object> build(String file, long size, String format, InvalidModuleException error) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file);
        r.put("size", size);
        r.put("format", format);
        r.put("valid", error == null);
        if (error != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("reason", error.reason());
            // Offsets of a module parsed from text do not point into any file.
            e.put("offset", error.offset() < 0 || !"binary".equals(format) ? null : error.offset());
            e.put("function", error.functionIndex() < 0 ? null : error.functionIndex());
            r.put("validationError", e);
        }
        r.put("moduleName", m.names().moduleName());
        r.put("sections", sections());
        r.put("types", types());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("count", m.functionCount());
        f.put("imported", m.importedFunctionCount());
        f.put("defined", m.definedFunctionCount());
        r.put("functions", f);
        r.put("imports", imports());
        r.put("exports", exports());
        r.put("memories", memories());
        r.put("tables", tables());
        r.put("globals", globals());
        r.put("tags", tags());
        r.put("start", m.start() < 0 ? null : funcRef(m.start()));
        r.put("dataSegments", dataSegments());
        r.put("dataCount", m.dataCount() < 0 ? null : Integer.toUnsignedLong(m.dataCount()));
        r.put("elementSegments", elementSegments());
        r.put("customSections", customSections());
        r.put("names", names());
        return r;
    }

    private List<Object> sections() {
        List<Object> out = new ArrayList<>();
        for (SectionInfo s : m.sections()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", s.id());
            o.put("name", SectionInfo.nameOf(s.id()));
            if (s.id() == 0) {
                o.put("customName", s.name());
            }
            o.put("offset", s.offset());
            o.put("size", s.size());
            out.add(o);
        }
        return out;
    }

    private List<Object> types() {
        List<Object> out = new ArrayList<>();
        int index = 0;
        int group = 0;
        for (RecGroup g : m.recGroups()) {
            for (SubType t : g.types()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("index", index);
                o.put("recGroup", group);
                o.put("kind", WatText.kind(t.composite()));
                o.put("type", WatText.subType(t));
                o.put("name", m.names().types().get(index));
                if (t.composite() instanceof FuncType) {
                    FuncType ft = (FuncType) t.composite();
                    o.put("params", strings(ft.params()));
                    o.put("results", strings(ft.results()));
                }
                out.add(o);
                index++;
            }
            group++;
        }
        return out;
    }

    private static List<Object> strings(List<ValType> types) {
        List<Object> out = new ArrayList<>(types.size());
        for (ValType t : types) {
            out.add(t.toString());
        }
        return out;
    }

    private List<Object> imports() {
        List<Object> out = new ArrayList<>();
        int[] next = new int[ExternKind.values().length];
        for (Import i : m.imports()) {
            int index = next[i.kind().ordinal()]++;
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("module", i.module());
            o.put("name", i.name());
            o.put("kind", i.kind().keyword());
            o.put("index", index);
            o.put("type", externTypeText(i.type()));
            if (i.type() instanceof ExternType.Func) {
                o.put("typeIndex", ((ExternType.Func) i.type()).typeIndex());
            }
            o.put("itemName", itemName(i.kind(), index));
            out.add(o);
        }
        return out;
    }

    private List<Object> exports() {
        List<Object> out = new ArrayList<>();
        for (Export e : m.exports()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", e.name());
            o.put("kind", e.kind().keyword());
            o.put("index", e.index());
            o.put("type", itemTypeText(e.kind(), e.index()));
            o.put("itemName", itemName(e.kind(), e.index()));
            out.add(o);
        }
        return out;
    }

    private List<Object> memories() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < m.memoryCount(); i++) {
            Map<String, Object> o = item(ExternKind.MEMORY, i);
            Limits l = m.memoryType(i).limits();
            o.put("min", WatText.unsigned(l.min()));
            o.put("max", l.hasMax() ? WatText.unsigned(l.max()) : null);
            o.put("pageSize", WatText.pageSize(l));
            o.put("minBytes", WatText.bytes(l.min(), l));
            o.put("maxBytes", l.hasMax() ? WatText.bytes(l.max(), l) : null);
            o.put("shared", l.shared());
            o.put("address", l.address64() ? "i64" : "i32");
            o.put("type", m.memoryType(i).toString());
            out.add(o);
        }
        return out;
    }

    private List<Object> tables() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < m.tableCount(); i++) {
            Map<String, Object> o = item(ExternKind.TABLE, i);
            TableType t = m.tableType(i);
            o.put("elementType", t.elementType().toString());
            o.put("min", WatText.unsigned(t.limits().min()));
            o.put("max", t.limits().hasMax() ? WatText.unsigned(t.limits().max()) : null);
            o.put("address", t.limits().address64() ? "i64" : "i32");
            o.put("type", t.toString());
            out.add(o);
        }
        return out;
    }

    private List<Object> globals() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < m.globalCount(); i++) {
            Map<String, Object> o = item(ExternKind.GLOBAL, i);
            GlobalType g = m.globalType(i);
            o.put("valueType", g.type().toString());
            o.put("mutable", g.mutable());
            o.put("type", g.toString());
            out.add(o);
        }
        return out;
    }

    private List<Object> tags() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < m.tagCount(); i++) {
            Map<String, Object> o = item(ExternKind.TAG, i);
            o.put("typeIndex", m.tagType(i).typeIndex());
            o.put("type", externTypeText(m.tagType(i)));
            out.add(o);
        }
        return out;
    }

    /** The common fields of an indexed memory, table, global or tag. */
    private Map<String, Object> item(ExternKind kind, int index) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("index", index);
        o.put("name", itemName(kind, index));
        o.put("import", importsByItem.get(key(kind, index)));
        o.put("exports", new ArrayList<Object>(exportsByItem.getOrDefault(key(kind, index), List.of())));
        return o;
    }

    private Map<String, Object> dataSegments() {
        int active = 0;
        long bytes = 0;
        for (DataSegment d : m.data()) {
            if (d.offset() != null) {
                active++;
            }
            bytes += d.data().length;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("count", m.data().size());
        o.put("active", active);
        o.put("passive", m.data().size() - active);
        o.put("bytes", bytes);
        return o;
    }

    private Map<String, Object> elementSegments() {
        int[] byMode = new int[3];
        long items = 0;
        for (ElementSegment e : m.elements()) {
            byMode[e.mode().ordinal()]++;
            items += e.size();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("count", m.elements().size());
        o.put("active", byMode[0]);
        o.put("passive", byMode[1]);
        o.put("declarative", byMode[2]);
        o.put("items", items);
        return o;
    }

    private List<Object> customSections() {
        List<Object> out = new ArrayList<>();
        if (!m.sections().isEmpty()) {
            for (SectionInfo s : m.sections()) {
                if (s.id() == 0) {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("name", s.name());
                    o.put("offset", s.offset());
                    o.put("size", s.size());
                    out.add(o);
                }
            }
        } else {
            // Parsed from text: no layout, only contents.
            for (CustomSection c : m.customSections()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", c.name());
                o.put("offset", null);
                o.put("size", c.content().length);
                out.add(o);
            }
        }
        return out;
    }

    private Map<String, Object> names() {
        Names n = m.names();
        long locals = 0;
        for (Map<Integer, String> f : n.locals().values()) {
            locals += f.size();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("module", n.moduleName());
        o.put("functions", n.functions().size());
        o.put("locals", locals);
        o.put("types", n.types().size());
        o.put("globals", n.globals().size());
        o.put("memories", n.memories().size());
        o.put("tables", n.tables().size());
        o.put("tags", n.tags().size());
        return o;
    }

    private Map<String, Object> funcRef(int index) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("index", Integer.toUnsignedLong(index));
        o.put("name", itemName(ExternKind.FUNC, index));
        o.put("type", itemTypeText(ExternKind.FUNC, index));
        return o;
    }

    // ---- resolution, guarded against out-of-range indices of unvalidated modules ----

    private String itemName(ExternKind kind, int index) {
        Names n = m.names();
        switch (kind) {
            case FUNC: return n.functionName(index);
            case TABLE: return n.tables().get(index);
            case MEMORY: return n.memories().get(index);
            case GLOBAL: return n.globals().get(index);
            default: return n.tags().get(index);
        }
    }

    private String itemTypeText(ExternKind kind, int index) {
        switch (kind) {
            case FUNC:
                return index >= 0 && index < m.functionCount() ? typeText(m.functionTypeIndex(index)) : outOfRange(kind, index);
            case TABLE:
                return index >= 0 && index < m.tableCount() ? m.tableType(index).toString() : outOfRange(kind, index);
            case MEMORY:
                return index >= 0 && index < m.memoryCount() ? m.memoryType(index).toString() : outOfRange(kind, index);
            case GLOBAL:
                return index >= 0 && index < m.globalCount() ? m.globalType(index).toString() : outOfRange(kind, index);
            default:
                return index >= 0 && index < m.tagCount() ? externTypeText(m.tagType(index)) : outOfRange(kind, index);
        }
    }

    private static String outOfRange(ExternKind kind, int index) {
        return "(unknown " + kind.keyword() + " " + Integer.toUnsignedString(index) + ")";
    }

    private String externTypeText(ExternType t) {
        if (t instanceof ExternType.Func) {
            return typeText(((ExternType.Func) t).typeIndex());
        }
        if (t instanceof TagType) {
            return "(tag " + typeText(((TagType) t).typeIndex()) + ")";
        }
        if (t instanceof MemoryType || t instanceof TableType || t instanceof GlobalType) {
            return t.toString();
        }
        throw new IllegalStateException("unknown extern type " + t);
    }

    /** The defined type at {@code typeIndex} in text form, e.g. {@code (func (param i32) (result i32))}. */
    private String typeText(int typeIndex) {
        if (typeIndex < 0 || typeIndex >= m.types().size()) {
            return "(unknown type " + Integer.toUnsignedString(typeIndex) + ")";
        }
        CompositeType c = m.types().get(typeIndex).composite();
        return WatText.composite(c);
    }

    private static String key(ExternKind kind, int index) {
        return kind.ordinal() + ":" + index;
    }
}
