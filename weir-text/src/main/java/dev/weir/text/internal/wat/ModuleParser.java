package dev.weir.text.internal.wat;

import dev.weir.text.internal.Literals;
import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.Token;
import dev.weir.text.internal.TokenKind;
import dev.weir.text.internal.wat.ModuleContext.TypeUse;
import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.Export;
import dev.weir.wasm.Expression;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.Global;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Import;
import dev.weir.wasm.Limits;
import dev.weir.wasm.Local;
import dev.weir.wasm.MemoryType;
import dev.weir.wasm.Names;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.SubType;
import dev.weir.wasm.Table;
import dev.weir.wasm.TableType;
import dev.weir.wasm.TagType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the fields of one text-format module (spec 6.6) into a {@link WasmModule}.
 *
 * <p>Three passes over the fields: (1) bind every identifier in every index space, so fields
 * may refer forward; (2) parse all type definitions, so type uses can be checked against them
 * and inline function types can reuse them; (3) everything else in text order, which is also
 * the binary order of imports, functions, segments, exports and implicitly inserted types.
 */
public final class ModuleParser {
    private final ModuleContext m = new ModuleContext();
    private final TypeParser tp = new TypeParser(m);
    private final ExprParser ep = new ExprParser(m, tp);
    private final SegmentParser segments = new SegmentParser(m, tp, ep);

    private final List<Import> imports = new ArrayList<>();
    private final List<Integer> functions = new ArrayList<>();
    private final List<FunctionBody> code = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<TagType> tags = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();
    private int start = -1;
    private boolean hasStart;

    private int funcCount;
    private int tableCount;
    private int memoryCount;
    private int globalCount;
    private int tagCount;

    /** Position after the last item consumed by a helper that returns something else. */
    private int pos;

    private ModuleParser() {}

    /**
     * Parses module fields {@code fields[from..]} ({@code (type ...)}, {@code (func ...)}, ...).
     *
     * @param name the module's {@code $id} (without {@code $}), or null
     */
    public static WasmModule parseFields(List<SExpr> fields, int from, String name) {
        return new ModuleParser().run(fields, from, name);
    }

    private WasmModule run(List<SExpr> fields, int from, String name) {
        declare(fields, from);
        defineTypes(fields, from);
        for (int i = from; i < fields.size(); i++) {
            field((SExpr.Node) fields.get(i));
        }
        WasmModule.Builder b = WasmModule.builder();
        for (RecGroup g : m.recGroups()) {
            b.addRecGroup(g);
        }
        imports.forEach(b::addImport);
        functions.forEach(b::addFunction);
        tables.forEach(b::addTable);
        memories.forEach(b::addMemory);
        tags.forEach(b::addTag);
        globals.forEach(b::addGlobal);
        exports.forEach(b::addExport);
        if (hasStart) {
            b.start(start);
        }
        elements.forEach(b::addElement);
        code.forEach(b::addCode);
        data.forEach(b::addData);
        if (ep.usesDataIndex) {
            b.dataCount(data.size());
        }
        b.names(new Names(name, m.funcs.names(), localNames, m.types.names(), m.globals.names(),
                m.memories.names(), m.tables.names(), m.tags.names()));
        return b.build();
    }

    // ------------------------------------------------------------------ pass 1: identifiers

    private static Token optId(SExpr.Node n, int p) {
        return p < n.size() && Sx.isKind(n.get(p), TokenKind.ID) ? Sx.atom(n.get(p)) : null;
    }

    private int definedFuncs;
    private int definedTables;
    private int definedMemories;
    private int definedGlobals;
    private int definedTags;

    /** Imports must precede definitions of every kind (reference interpreter, "import after X"). */
    private void checkImportOrder(SExpr at) {
        if (definedFuncs > 0) {
            throw at.error("import after function");
        }
        if (definedTables > 0) {
            throw at.error("import after table");
        }
        if (definedMemories > 0) {
            throw at.error("import after memory");
        }
        if (definedGlobals > 0) {
            throw at.error("import after global");
        }
        if (definedTags > 0) {
            throw at.error("import after tag");
        }
    }

    private IndexSpace spaceOf(String kind) {
        switch (kind) {
            case "func": return m.funcs;
            case "table": return m.tables;
            case "memory": return m.memories;
            case "global": return m.globals;
            case "tag": return m.tags;
            default: return null;
        }
    }

    private void declare(List<SExpr> fields, int from) {
        for (int i = from; i < fields.size(); i++) {
            SExpr e = fields.get(i);
            String h = Sx.head(e);
            if (h == null) {
                throw Sx.unexpected(e instanceof SExpr.Node n && !n.isEmpty() ? n.get(0) : e);
            }
            SExpr.Node n = (SExpr.Node) e;
            switch (h) {
                case "type":
                    m.types.add(optId(n, 1));
                    break;
                case "rec":
                    for (int j = 1; j < n.size(); j++) {
                        if (!Sx.isNode(n.get(j), "type")) {
                            throw Sx.unexpected(n.get(j));
                        }
                        m.types.add(optId((SExpr.Node) n.get(j), 1));
                    }
                    break;
                case "import": {
                    if (n.size() != 4) {
                        throw n.size() < 4 ? Sx.missing(n) : Sx.unexpected(n.get(4));
                    }
                    Sx.name(n.get(1));
                    Sx.name(n.get(2));
                    String k = Sx.head(n.get(3));
                    IndexSpace s = k == null ? null : spaceOf(k);
                    if (s == null) {
                        throw Sx.unexpected(n.get(3));
                    }
                    checkImportOrder(n);
                    s.add(optId((SExpr.Node) n.get(3), 1));
                    break;
                }
                case "func":
                case "table":
                case "memory":
                case "global":
                case "tag": {
                    Token id = optId(n, 1);
                    int p = id == null ? 1 : 2;
                    while (p < n.size() && Sx.isNode(n.get(p), "export")) {
                        p++;
                    }
                    boolean isImport = p < n.size() && Sx.isNode(n.get(p), "import");
                    if (isImport) {
                        checkImportOrder(n);
                    } else {
                        switch (h) {
                            case "func": definedFuncs++; break;
                            case "table": definedTables++; break;
                            case "memory": definedMemories++; break;
                            case "global": definedGlobals++; break;
                            default: definedTags++;
                        }
                    }
                    spaceOf(h).add(id);
                    if (!isImport && h.equals("table") && hasChild(n, p, "elem")) {
                        m.elems.addAnonymous(1);
                    }
                    if (!isImport && h.equals("memory") && hasChild(n, p, "data")) {
                        m.datas.addAnonymous(1);
                    }
                    break;
                }
                case "elem":
                    m.elems.add(optId(n, 1));
                    break;
                case "data":
                    m.datas.add(optId(n, 1));
                    break;
                case "export":
                case "start":
                    break;
                default:
                    throw Sx.unexpected(n.get(0));
            }
        }
    }

    private static boolean hasChild(SExpr.Node n, int from, String head) {
        for (int i = from; i < n.size(); i++) {
            if (Sx.isNode(n.get(i), head)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ pass 2: types

    private void defineTypes(List<SExpr> fields, int from) {
        int index = 0;
        for (int i = from; i < fields.size(); i++) {
            SExpr.Node n = (SExpr.Node) fields.get(i);
            if (n.isHead("type")) {
                m.addGroup(List.of(tp.typeDef(n, index++)));
            } else if (n.isHead("rec")) {
                List<SubType> g = new ArrayList<>();
                for (int j = 1; j < n.size(); j++) {
                    g.add(tp.typeDef((SExpr.Node) n.get(j), index++));
                }
                m.addGroup(g);
            }
        }
    }

    // ------------------------------------------------------------------ pass 3: the rest

    private void field(SExpr.Node n) {
        switch (Sx.head(n)) {
            case "type":
            case "rec":
                return;
            case "import":
                importField(n);
                return;
            case "func":
                func(n);
                return;
            case "table":
                table(n);
                return;
            case "memory":
                memory(n);
                return;
            case "global":
                global(n);
                return;
            case "tag":
                tag(n);
                return;
            case "export":
                exportField(n);
                return;
            case "start":
                if (n.size() != 2) {
                    throw n.size() < 2 ? Sx.missing(n) : Sx.unexpected(n.get(2));
                }
                if (hasStart) {
                    throw n.error("multiple start sections");
                }
                start = m.funcs.resolve(n.get(1));
                hasStart = true;
                return;
            case "elem":
                elem(n);
                return;
            case "data":
                data(n);
                return;
            default:
                throw Sx.unexpected(n);
        }
    }

    /** Inline {@code (export "name")*} abbreviations at {@code p}; returns the next index. */
    private int inlineExports(SExpr.Node n, int p, ExternKind kind, int index) {
        while (p < n.size() && Sx.isNode(n.get(p), "export")) {
            SExpr.Node x = (SExpr.Node) n.get(p++);
            if (x.size() != 2) {
                throw x.size() < 2 ? Sx.missing(x) : Sx.unexpected(x.get(2));
            }
            exports.add(new Export(Sx.name(x.get(1)), kind, index));
        }
        return p;
    }

    /** An inline {@code (import "m" "n")} at {@code n[p]}, or null. */
    private static String[] inlineImport(SExpr.Node n, int p) {
        if (p < n.size() && Sx.isNode(n.get(p), "import")) {
            SExpr.Node x = (SExpr.Node) n.get(p);
            if (x.size() != 3) {
                throw x.size() < 3 ? Sx.missing(x) : Sx.unexpected(x.get(3));
            }
            return new String[] {Sx.name(x.get(1)), Sx.name(x.get(2))};
        }
        return null;
    }

    private int afterId(SExpr.Node n) {
        return optId(n, 1) == null ? 1 : 2;
    }

    private void importField(SExpr.Node n) {
        String module = Sx.name(n.get(1));
        String name = Sx.name(n.get(2));
        SExpr.Node d = (SExpr.Node) n.get(3);
        int p = afterId(d);
        ExternType type;
        switch (Sx.head(d)) {
            case "func": {
                funcCount++;
                TypeUse u = tp.typeUse(d.children(), p, d.size(), true);
                Sx.expectEnd(d, u.end);
                type = new ExternType.Func(m.resolve(u));
                break;
            }
            case "tag": {
                tagCount++;
                TypeUse u = tp.typeUse(d.children(), p, d.size(), true);
                Sx.expectEnd(d, u.end);
                type = new TagType(m.resolve(u));
                break;
            }
            case "table":
                tableCount++;
                type = tableType(d, p);
                Sx.expectEnd(d, pos);
                break;
            case "memory":
                memoryCount++;
                type = new MemoryType(memoryType(d, p));
                Sx.expectEnd(d, pos);
                break;
            default:
                globalCount++;
                if (p >= d.size()) {
                    throw Sx.missing(d);
                }
                type = tp.globalType(d.get(p));
                Sx.expectEnd(d, p + 1);
        }
        imports.add(new Import(module, name, type));
    }

    private void exportField(SExpr.Node n) {
        if (n.size() != 3) {
            throw n.size() < 3 ? Sx.missing(n) : Sx.unexpected(n.get(3));
        }
        String name = Sx.name(n.get(1));
        SExpr.Node d = Sx.node(n.get(2));
        String h = Sx.head(n.get(2));
        IndexSpace s = h == null ? null : spaceOf(h);
        if (s == null) {
            throw Sx.unexpected(n.get(2));
        }
        if (d.size() != 2) {
            throw d.size() < 2 ? Sx.missing(d) : Sx.unexpected(d.get(2));
        }
        ExternKind kind = ExternKind.valueOf(h.toUpperCase(java.util.Locale.ROOT));
        exports.add(new Export(name, kind, s.resolve(d.get(1))));
    }

    private void func(SExpr.Node n) {
        int index = funcCount++;
        List<SExpr> c = n.children();
        int p = inlineExports(n, afterId(n), ExternKind.FUNC, index);
        String[] imp = inlineImport(n, p);
        if (imp != null) {
            TypeUse u = tp.typeUse(c, p + 1, n.size(), true);
            Sx.expectEnd(n, u.end);
            imports.add(new Import(imp[0], imp[1], new ExternType.Func(m.resolve(u))));
            return;
        }
        TypeUse u = tp.typeUse(c, p, n.size(), true);
        int type = m.resolve(u);
        IndexSpace locals = new IndexSpace("local", "local");
        if (u.typeRef != null && !u.hasInlineSignature()) {
            FuncType ft = m.funcType(type);
            locals.addAnonymous(ft == null ? 0 : ft.params().size());
        } else {
            for (Token id : u.paramIds) {
                locals.add(id);
            }
        }
        p = u.end;
        List<Local> runs = new ArrayList<>();
        while (p < n.size() && Sx.isNode(c.get(p), "local")) {
            SExpr.Node ln = (SExpr.Node) c.get(p++);
            if (ln.size() > 1 && Sx.isKind(ln.get(1), TokenKind.ID)) {
                if (ln.size() != 3) {
                    throw ln.size() < 3 ? Sx.missing(ln) : Sx.unexpected(ln.get(3));
                }
                locals.add(Sx.atom(ln.get(1)));
                addLocal(runs, tp.valType(ln.get(2)));
            } else {
                for (int i = 1; i < ln.size(); i++) {
                    locals.addAnonymous(1);
                    addLocal(runs, tp.valType(ln.get(i)));
                }
            }
        }
        Expression body = ep.expression(c, p, n.size(), locals);
        functions.add(type);
        code.add(new FunctionBody(runs, body, 0));
        if (!locals.names().isEmpty()) {
            localNames.put(index, locals.names());
        }
    }

    /** Adjacent locals of one type share a run, as the binary format's compressed form. */
    private static void addLocal(List<Local> runs, ValType t) {
        int last = runs.size() - 1;
        if (last >= 0 && runs.get(last).type().equals(t)) {
            runs.set(last, new Local(runs.get(last).count() + 1, t));
        } else {
            runs.add(new Local(1, t));
        }
    }

    // ------------------------------------------------------------------ tables and memories

    /** {@code i32|i64} at {@code n[p]}: 1 for i64, 0 for i32, -1 if absent. */
    private static int addressType(SExpr.Node n, int p) {
        if (p < n.size()) {
            if (Sx.isKeyword(n.get(p), "i64")) {
                return 1;
            }
            if (Sx.isKeyword(n.get(p), "i32")) {
                return 0;
            }
        }
        return -1;
    }

    private long limitValue(SExpr e, boolean a64) {
        Token t = Sx.atom(e);
        if (t == null) {
            throw Sx.unexpected(e);
        }
        // Limits are read as u64 whatever the address type: a too-large i32 limit is a validation
        // error ("memory size must be at most ..."), as the Wasm 3.0 testsuite expects.
        return Literals.parseU64(t);
    }

    /** {@code min max?} at {@code n[p]}; sets {@link #pos}. Returns {min, hasMax (0/1), max}. */
    private long[] limits(SExpr.Node n, int p, boolean a64) {
        if (p >= n.size()) {
            throw Sx.missing(n);
        }
        long min = limitValue(n.get(p++), a64);
        long max = 0;
        long hasMax = 0;
        if (p < n.size() && Sx.isKind(n.get(p), TokenKind.NAT)) {
            max = limitValue(n.get(p++), a64);
            hasMax = 1;
        }
        pos = p;
        return new long[] {min, hasMax, max};
    }

    /** {@code addrtype? limits reftype} at {@code n[p]}; sets {@link #pos}. */
    private TableType tableType(SExpr.Node n, int p) {
        int at = addressType(n, p);
        if (at >= 0) {
            p++;
        }
        long[] lim = limits(n, p, at == 1);
        p = pos;
        if (p >= n.size()) {
            throw Sx.missing(n);
        }
        ValType rt = tp.refType(n.get(p++));
        pos = p;
        return new TableType(rt, new Limits(lim[0], lim[1] != 0, lim[2], false, at == 1,
                Limits.DEFAULT_PAGE_SIZE_LOG2));
    }

    /** {@code addrtype? limits shared? (pagesize n)?} at {@code n[p]}; sets {@link #pos}. */
    private Limits memoryType(SExpr.Node n, int p) {
        int at = addressType(n, p);
        if (at >= 0) {
            p++;
        }
        long[] lim = limits(n, p, at == 1);
        p = pos;
        boolean shared = false;
        int pageLog2 = Limits.DEFAULT_PAGE_SIZE_LOG2;
        if (p < n.size() && (Sx.isKeyword(n.get(p), "shared") || Sx.isKeyword(n.get(p), "unshared"))) {
            shared = Sx.isKeyword(n.get(p++), "shared");
        }
        if (p < n.size() && Sx.isNode(n.get(p), "pagesize")) {
            pageLog2 = pageSize((SExpr.Node) n.get(p++));
        }
        pos = p;
        return new Limits(lim[0], lim[1] != 0, lim[2], shared, at == 1, pageLog2);
    }

    /** {@code (pagesize N)} (custom page sizes proposal): N must be a power of two. */
    private static int pageSize(SExpr.Node n) {
        if (n.size() != 2) {
            throw n.size() < 2 ? Sx.missing(n) : Sx.unexpected(n.get(2));
        }
        Token t = Sx.atom(n.get(1));
        if (t == null) {
            throw Sx.unexpected(n.get(1));
        }
        long v = Literals.parseU64(t);
        if (v == 0 || (v & (v - 1)) != 0) {
            throw t.error("invalid custom page size");
        }
        return Long.numberOfTrailingZeros(v);
    }

    private void table(SExpr.Node n) {
        int index = tableCount++;
        int p = inlineExports(n, afterId(n), ExternKind.TABLE, index);
        String[] imp = inlineImport(n, p);
        if (imp != null) {
            TableType tt = tableType(n, p + 1);
            Sx.expectEnd(n, pos);
            imports.add(new Import(imp[0], imp[1], tt));
            return;
        }
        int at = addressType(n, p);
        if (at >= 0 && p + 1 < n.size() && TypeParser.isRefType(n.get(p + 1))
                || at < 0 && p < n.size() && TypeParser.isRefType(n.get(p))) {
            // (table addrtype? reftype (elem ...)): size fixed by the element count (spec 6.6.7).
            if (at >= 0) {
                p++;
            }
            ValType rt = tp.refType(n.get(p++));
            if (p >= n.size() || !Sx.isNode(n.get(p), "elem")) {
                throw p >= n.size() ? Sx.missing(n) : Sx.unexpected(n.get(p));
            }
            SExpr.Node el = (SExpr.Node) n.get(p++);
            Sx.expectEnd(n, p);
            ElementSegment seg = segments.elemItems(el, 1, SegmentMode.ACTIVE, index, SegmentParser.zeroOffset(at == 1), rt, true);
            long size = seg.size();
            tables.add(new Table(new TableType(rt, new Limits(size, true, size, false, at == 1,
                    Limits.DEFAULT_PAGE_SIZE_LOG2)), null));
            elements.add(seg);
            return;
        }
        TableType tt = tableType(n, p);
        p = pos;
        Expression init = p < n.size() ? ep.constExpr(n.children(), p, n.size()) : null;
        tables.add(new Table(tt, init));
    }

    private void memory(SExpr.Node n) {
        int index = memoryCount++;
        int p = inlineExports(n, afterId(n), ExternKind.MEMORY, index);
        String[] imp = inlineImport(n, p);
        if (imp != null) {
            Limits l = memoryType(n, p + 1);
            Sx.expectEnd(n, pos);
            imports.add(new Import(imp[0], imp[1], new MemoryType(l)));
            return;
        }
        if (hasChild(n, p, "data")) {
            // (memory addrtype? (pagesize n)? (data string*)): min = max = pages needed.
            int at = addressType(n, p);
            if (at >= 0) {
                p++;
            }
            int pageLog2 = Limits.DEFAULT_PAGE_SIZE_LOG2;
            if (p < n.size() && Sx.isNode(n.get(p), "pagesize")) {
                pageLog2 = pageSize((SExpr.Node) n.get(p++));
            }
            if (!Sx.isNode(n.get(p), "data")) {
                throw Sx.unexpected(n.get(p));
            }
            SExpr.Node d = (SExpr.Node) n.get(p++);
            Sx.expectEnd(n, p);
            byte[] bytes = SegmentParser.strings(d, 1);
            long pages = (bytes.length + (1L << pageLog2) - 1) >>> pageLog2;
            memories.add(new MemoryType(new Limits(pages, true, pages, false, at == 1, pageLog2)));
            data.add(new DataSegment(SegmentMode.ACTIVE, index, SegmentParser.zeroOffset(at == 1), bytes));
            return;
        }
        Limits l = memoryType(n, p);
        Sx.expectEnd(n, pos);
        memories.add(new MemoryType(l));
    }

    private void global(SExpr.Node n) {
        int index = globalCount++;
        int p = inlineExports(n, afterId(n), ExternKind.GLOBAL, index);
        String[] imp = inlineImport(n, p);
        if (imp != null) {
            p++;
            if (p >= n.size()) {
                throw Sx.missing(n);
            }
            GlobalType gt = tp.globalType(n.get(p));
            Sx.expectEnd(n, p + 1);
            imports.add(new Import(imp[0], imp[1], gt));
            return;
        }
        if (p >= n.size()) {
            throw Sx.missing(n);
        }
        GlobalType gt = tp.globalType(n.get(p++));
        globals.add(new Global(gt, ep.constExpr(n.children(), p, n.size())));
    }

    private void tag(SExpr.Node n) {
        int index = tagCount++;
        int p = inlineExports(n, afterId(n), ExternKind.TAG, index);
        String[] imp = inlineImport(n, p);
        if (imp != null) {
            p++;
        }
        TypeUse u = tp.typeUse(n.children(), p, n.size(), true);
        Sx.expectEnd(n, u.end);
        TagType t = new TagType(m.resolve(u));
        if (imp != null) {
            imports.add(new Import(imp[0], imp[1], t));
        } else {
            tags.add(t);
        }
    }

    private void elem(SExpr.Node n) {
        elements.add(segments.elem(n));
    }

    private void data(SExpr.Node n) {
        data.add(segments.data(n));
    }
}
