package dev.weir.text.internal.print;

import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.Export;
import dev.weir.wasm.Expression;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.Global;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Import;
import dev.weir.wasm.Local;
import dev.weir.wasm.MemoryType;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.SubType;
import dev.weir.wasm.Table;
import dev.weir.wasm.TableType;
import dev.weir.wasm.TagType;
import dev.weir.wasm.WasmModule;
import java.io.IOException;

/**
 * Prints a {@link WasmModule} as one {@code (module ...)} in the layout of wasm2wat: one field per
 * line in binary section order (types, imports, functions, tables, memories, tags, globals,
 * exports, start, elements, data), every index space entry marked {@code $id} or
 * {@code (;N;)}.
 *
 * <p>The output is chosen so that parsing it gives back an equal module: functions, imports,
 * tags and {@code call_indirect} always name their type with {@code (type N)} (so no implicit
 * type is ever added), exports are separate fields in their original order, and every literal
 * denotes its exact bits. Custom sections (other than names) are not printed.
 *
 * <p>Output is flushed to the {@link Appendable} after each field, so a large module never needs
 * its whole text in memory twice.
 */
public final class ModulePrinter {
    private static final int FLUSH_AT = 1 << 16;

    private final WasmModule m;
    private final Ids ids;
    private final TypeText types;
    private final CodePrinter code;
    private final Appendable out;
    private final StringBuilder sb = new StringBuilder(FLUSH_AT * 2);

    private ModulePrinter(WasmModule m, Appendable out) {
        this.m = m;
        this.ids = new Ids(m);
        this.types = new TypeText(ids);
        this.code = new CodePrinter(ids, types);
        this.out = out;
    }

    /** Prints {@code m} to {@code out}. */
    public static void print(WasmModule m, Appendable out) throws IOException {
        new ModulePrinter(m, out).module();
    }

    private void flushIfLarge() throws IOException {
        if (sb.length() >= FLUSH_AT) {
            flush();
        }
    }

    private void flush() throws IOException {
        out.append(sb);
        sb.setLength(0);
    }

    /** Starts a module field on a new line. */
    private StringBuilder field(String kw) {
        return sb.append("\n  (").append(kw).append(' ');
    }

    private void module() throws IOException {
        sb.append("(module");
        if (ids.moduleId != null) {
            sb.append(' ').append(ids.moduleId);
        }
        typeSection();
        flushIfLarge();
        imports();
        int imported = m.importedFunctionCount();
        for (int i = 0; i < m.definedFunctionCount(); i++) {
            function(imported + i, m.definedFunctionType(i), i < m.code().size() ? m.code().get(i) : null);
            flushIfLarge();
        }
        for (int i = 0; i < m.tables().size(); i++) {
            Table t = m.tables().get(i);
            table(m.importedTableCount() + i, t.type(), false);
            if (t.init() != null) {
                sb.append(' ');
                code.constExpr(sb, t.init(), true);
            }
            sb.append(')');
        }
        for (int i = 0; i < m.memories().size(); i++) {
            memory(m.importedMemoryCount() + i, m.memories().get(i), false);
            sb.append(')');
        }
        for (int i = 0; i < m.tags().size(); i++) {
            tag(m.importedTagCount() + i, m.tags().get(i), false);
            sb.append(')');
        }
        for (int i = 0; i < m.globals().size(); i++) {
            Global g = m.globals().get(i);
            global(m.importedGlobalCount() + i, g.type(), false);
            sb.append(' ');
            code.constExpr(sb, g.init(), true);
            sb.append(')');
            flushIfLarge();
        }
        for (Export e : m.exports()) {
            field("export");
            Lits.string(sb, e.name());
            sb.append(" (").append(e.kind().keyword()).append(' ');
            Ids.ref(sb, space(e.kind()), e.index());
            sb.append("))");
            flushIfLarge();
        }
        if (m.start() >= 0) {
            field("start");
            Ids.ref(sb, ids.funcs, m.start());
            sb.append(')');
        }
        for (int i = 0; i < m.elements().size(); i++) {
            elem(i, m.elements().get(i));
            flushIfLarge();
        }
        for (int i = 0; i < m.data().size(); i++) {
            data(i, m.data().get(i));
            flushIfLarge();
        }
        sb.append(")\n");
        flush();
    }

    private String[] space(dev.weir.wasm.ExternKind k) {
        switch (k) {
            case FUNC: return ids.funcs;
            case TABLE: return ids.tables;
            case MEMORY: return ids.memories;
            case GLOBAL: return ids.globals;
            default: return ids.tags;
        }
    }

    // ------------------------------------------------------------------ types

    private void typeSection() throws IOException {
        int index = 0;
        for (RecGroup g : m.recGroups()) {
            if (g.types().size() == 1) {
                typeDef(index++, g.types().get(0), "\n  ");
            } else {
                sb.append("\n  (rec");
                for (SubType t : g.types()) {
                    typeDef(index++, t, "\n    ");
                }
                sb.append(')');
            }
            flushIfLarge();
        }
    }

    private void typeDef(int index, SubType t, String lead) {
        sb.append(lead).append("(type ");
        Ids.def(sb, ids.types, index);
        sb.append(' ');
        types.subType(sb, t);
        sb.append(')');
    }

    /** {@code (type N)} and, when N is a function type, its signature (with parameter names). */
    private void typeUse(int typeIndex, String[] localIds) {
        sb.append(" (type ");
        Ids.ref(sb, ids.types, typeIndex);
        sb.append(')');
        FuncType f = funcType(typeIndex);
        if (f != null) {
            types.signature(sb, f, localIds);
        }
    }

    private FuncType funcType(int typeIndex) {
        if (typeIndex < 0 || typeIndex >= m.types().size()) {
            return null;
        }
        return m.types().get(typeIndex).composite() instanceof FuncType f ? f : null;
    }

    // ------------------------------------------------------------------ imports and definitions

    private void imports() throws IOException {
        // Imports come first in every index space; number each kind as they appear.
        int funcs = 0;
        int tables = 0;
        int memories = 0;
        int globals = 0;
        int tags = 0;
        for (Import i : m.imports()) {
            field("import");
            Lits.string(sb, i.module());
            sb.append(' ');
            Lits.string(sb, i.name());
            sb.append(" (");
            ExternType t = i.type();
            switch (t.kind()) {
                case FUNC:
                    def("func", ids.funcs, funcs++, true);
                    typeUse(((ExternType.Func) t).typeIndex(), null);
                    break;
                case TABLE:
                    table(tables++, (TableType) t, true);
                    break;
                case MEMORY:
                    memory(memories++, (MemoryType) t, true);
                    break;
                case GLOBAL:
                    global(globals++, (GlobalType) t, true);
                    break;
                default:
                    tag(tags++, (TagType) t, true);
            }
            sb.append("))");
            flushIfLarge();
        }
    }

    /** Head of a table definition ({@code table id limits reftype}), no closing paren. */
    private void table(int index, TableType t, boolean imported) {
        def("table", ids.tables, index, imported);
        TypeText.limits(sb, t.limits(), false);
        sb.append(' ');
        types.valType(sb, t.elementType());
    }

    private void memory(int index, MemoryType t, boolean imported) {
        def("memory", ids.memories, index, imported);
        TypeText.limits(sb, t.limits(), true);
    }

    private void global(int index, GlobalType t, boolean imported) {
        def("global", ids.globals, index, imported);
        sb.append(' ');
        if (t.mutable()) {
            sb.append("(mut ");
            types.valType(sb, t.type());
            sb.append(')');
        } else {
            types.valType(sb, t.type());
        }
    }

    private void tag(int index, TagType t, boolean imported) {
        def("tag", ids.tags, index, imported);
        typeUse(t.typeIndex(), null);
    }

    /**
     * {@code kw id}: inside an import the caller already opened the description's paren,
     * otherwise this starts a new module field.
     */
    private void def(String kw, String[] space, int index, boolean inImport) {
        if (inImport) {
            sb.append(kw).append(' ');
        } else {
            field(kw);
        }
        Ids.def(sb, space, index);
    }

    private void function(int index, int typeIndex, FunctionBody body) {
        FuncType f = funcType(typeIndex);
        long params = f == null ? 0 : f.params().size();
        String[] localIds = ids.locals(index, params + (body == null ? 0 : body.localCount()));
        field("func");
        Ids.def(sb, ids.funcs, index);
        typeUse(typeIndex, localIds);
        if (body != null) {
            locals(body, (int) params, localIds);
            code.body(sb, body.code(), localIds, 4);
        }
        sb.append(')');
    }

    /** {@code (local t t ...)} on one line, named locals as {@code (local $x t)}. */
    private void locals(FunctionBody body, int first, String[] localIds) {
        if (body.locals().isEmpty()) {
            return;
        }
        sb.append("\n   ");
        boolean open = false;
        long index = first;
        for (Local l : body.locals()) {
            long count = Integer.toUnsignedLong(l.count());
            for (long k = 0; k < count; k++, index++) {
                String id = localIds != null && index < localIds.length ? localIds[(int) index] : null;
                if (id != null) {
                    if (open) {
                        sb.append(')');
                        open = false;
                    }
                    sb.append(" (local ").append(id).append(' ');
                    types.valType(sb, l.type());
                    sb.append(')');
                } else {
                    sb.append(open ? " " : " (local ");
                    open = true;
                    types.valType(sb, l.type());
                }
            }
        }
        if (open) {
            sb.append(')');
        }
    }

    // ------------------------------------------------------------------ segments

    /** An offset: the folded single instruction, or {@code (offset instr*)}. */
    private void offset(Expression e) {
        sb.append(' ');
        int start = sb.length();
        int n = code.constExpr(sb, e, true);
        if (n != 1) {
            sb.insert(start, "(offset ").append(')');
        }
    }

    private void elem(int index, ElementSegment e) {
        field("elem");
        sb.append("(;").append(index).append(";)");
        if (e.mode() == SegmentMode.DECLARATIVE) {
            sb.append(" declare");
        } else if (e.mode() == SegmentMode.ACTIVE) {
            if (e.tableIndex() != 0) {
                sb.append(" (table ");
                Ids.ref(sb, ids.tables, e.tableIndex());
                sb.append(')');
            }
            offset(e.offset());
        }
        if (e.functionIndices() != null) {
            sb.append(" func");
            for (int f : e.functionIndices()) {
                sb.append(' ');
                Ids.ref(sb, ids.funcs, f);
            }
        } else {
            sb.append(' ');
            types.valType(sb, e.type());
            for (Expression item : e.expressions()) {
                sb.append(' ');
                int start = sb.length();
                if (code.constExpr(sb, item, true) != 1) {
                    sb.insert(start, "(item ").append(')');
                }
            }
        }
        sb.append(')');
    }

    private void data(int index, DataSegment d) {
        field("data");
        sb.append("(;").append(index).append(";)");
        if (d.mode() == SegmentMode.ACTIVE) {
            if (d.memoryIndex() != 0) {
                sb.append(" (memory ");
                Ids.ref(sb, ids.memories, d.memoryIndex());
                sb.append(')');
            }
            offset(d.offset());
        }
        sb.append(' ');
        Lits.string(sb, d.data());
        sb.append(')');
    }
}
