package dev.weir;

import dev.weir.internal.interp.ConstEval;
import dev.weir.internal.interp.InterpretedFunction;
import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.GlobalInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.TableInstance;
import dev.weir.internal.rt.TagInstance;
import dev.weir.internal.rt.Traps;
import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.Export;
import dev.weir.wasm.Expression;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Import;
import dev.weir.wasm.Limits;
import dev.weir.wasm.MemoryType;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.TableType;
import dev.weir.wasm.TagType;
import dev.weir.wasm.Types;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Module instantiation, following spec 4.5.4 step by step: match imports, allocate functions,
 * evaluate globals in order (each may read earlier ones), tables with their initializers,
 * memories, tags, element segments; then apply active element segments, then active data
 * segments, in order (a trap leaves earlier writes to imported tables/memories in place), then
 * run the start function.
 */
final class Instantiator {
    private final Linker linker;
    private final Store store;
    private final Module module;
    private final WasmModule m;
    private final Types types;
    private final InstanceState st;
    private final ExecContext ctx;
    private final long[] s = new long[2];
    private final Object[] r = new Object[2];

    Instantiator(Linker linker, Store store, Module module) {
        this.linker = linker;
        this.store = store;
        this.module = module;
        this.m = module.wasm();
        this.types = module.types();
        this.st = new InstanceState(m, types, store);
        this.ctx = store.context();
    }

    Instance run() {
        store.countInstance();
        resolveImports();
        dev.weir.internal.rt.CodeCompiler.CompiledCode compiled = module.compiled();
        for (int i = m.importedFunctionCount(); i < m.functionCount(); i++) {
            FunctionInstance f = compiled == null ? null : compiled.instantiate(st, i);
            st.functions[i] = f != null ? f : new InterpretedFunction(st, i, module.code());
        }
        int ig = m.importedGlobalCount();
        for (int i = 0; i < m.globals().size(); i++) {
            GlobalType gt = m.globals().get(i).type();
            GlobalInstance g = new GlobalInstance(gt, types);
            eval(m.globals().get(i).init(), gt.type());
            g.value = s[0];
            g.hi = s[1];
            g.ref = r[0];
            st.globals[ig + i] = g;
        }
        long tableLimit = store.limits().maxTableElements();
        int it = m.importedTableCount();
        for (int i = 0; i < m.tables().size(); i++) {
            dev.weir.wasm.Table t = m.tables().get(i);
            long min = t.type().limits().min();
            if (Long.compareUnsigned(min, tableLimit) > 0) {
                throw new Trap("table minimum size " + Long.toUnsignedString(min) + " exceeds the store limit "
                        + tableLimit);
            }
            Object init = null;
            if (t.init() != null) {
                eval(t.init(), t.type().elementType());
                init = r[0];
            }
            st.tables[it + i] = new TableInstance(t.type(), types, (int) min, init, tableLimit);
        }
        int im = m.importedMemoryCount();
        for (int i = 0; i < m.memories().size(); i++) {
            Limits l = m.memories().get(i).limits();
            st.memories[im + i] = Memory.create(l.min(), l.hasMax() ? l.max() : -1, l.pageSizeLog2(), l.shared(),
                    l.address64(), store.limits().maxMemoryBytes());
        }
        int itg = m.importedTagCount();
        for (int i = 0; i < m.tags().size(); i++) {
            int ti = m.tags().get(i).typeIndex();
            st.tags[itg + i] = new TagInstance(types.funcType(ti), types.canonicalId(ti));
        }
        List<ElementSegment> elems = m.elements();
        for (int i = 0; i < elems.size(); i++) {
            st.elems[i] = evalElements(elems.get(i));
        }
        List<DataSegment> data = m.data();
        for (int i = 0; i < data.size(); i++) {
            st.data[i] = data.get(i).data();
        }
        Instance instance = new Instance(module, store, st, exports());

        for (int i = 0; i < elems.size(); i++) {
            ElementSegment e = elems.get(i);
            if (e.mode() == SegmentMode.ACTIVE) {
                TableInstance t = st.tables[e.tableIndex()];
                long off = offset(e.offset(), t.type.limits().address64());
                Object[] items = st.elems[i];
                if (!t.inBounds(off, items.length)) {
                    throw Traps.tableOutOfBounds();
                }
                System.arraycopy(items, 0, t.elements, (int) off, items.length);
            }
            if (e.mode() != SegmentMode.PASSIVE) {
                st.dropElem(i);
            }
        }
        for (int i = 0; i < data.size(); i++) {
            DataSegment d = data.get(i);
            if (d.mode() == SegmentMode.ACTIVE) {
                Memory mem = st.memories[d.memoryIndex()];
                long off = offset(d.offset(), mem.isAddress64());
                mem.init(off, d.data(), 0, d.data().length);
                st.dropData(i);
            }
        }
        if (m.start() >= 0) {
            Func.view(st.functions[m.start()]).call();
        }
        return instance;
    }

    private void eval(Expression e, ValType type) {
        s[0] = 0;
        s[1] = 0;
        r[0] = null;
        ConstEval.eval(ctx, st, e, type, s, r);
    }

    private long offset(Expression e, boolean address64) {
        eval(e, address64 ? ValType.I64 : ValType.I32);
        return address64 ? s[0] : s[0] & 0xFFFF_FFFFL;
    }

    private Object[] evalElements(ElementSegment e) {
        Object[] items = new Object[e.size()];
        if (e.functionIndices() != null) {
            int[] f = e.functionIndices();
            for (int k = 0; k < f.length; k++) {
                items[k] = st.functions[f[k]];
            }
        } else {
            List<Expression> xs = e.expressions();
            for (int k = 0; k < xs.size(); k++) {
                eval(xs.get(k), e.type());
                items[k] = r[0];
            }
        }
        return items;
    }

    private Map<String, Object> exports() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Export e : m.exports()) {
            Object v;
            switch (e.kind()) {
                case FUNC: v = Func.view(st.functions[e.index()]); break;
                case TABLE: v = Table.view(st.tables[e.index()]); break;
                case MEMORY: v = st.memories[e.index()]; break;
                case GLOBAL: v = Global.view(st.globals[e.index()]); break;
                default: v = Tag.view(st.tags[e.index()]); break;
            }
            out.put(e.name(), v);
        }
        return out;
    }

    // ------------------------------------------------------------------ imports (spec 3.5 "import matching")

    private void resolveImports() {
        int f = 0;
        int t = 0;
        int mem = 0;
        int g = 0;
        int tag = 0;
        for (Import imp : m.imports()) {
            Object ext = linker.get(imp.module(), imp.name());
            if (ext == null) {
                throw new LinkException("unknown import " + imp.module() + "." + imp.name());
            }
            ExternType type = imp.type();
            if (type instanceof ExternType.Func) {
                st.functions[f++] = importFunc(imp, ((ExternType.Func) type).typeIndex(), ext);
            } else if (type instanceof TableType) {
                st.tables[t++] = importTable(imp, (TableType) type, ext);
            } else if (type instanceof MemoryType) {
                st.memories[mem++] = importMemory(imp, (MemoryType) type, ext);
            } else if (type instanceof GlobalType) {
                st.globals[g++] = importGlobal(imp, (GlobalType) type, ext);
            } else {
                st.tags[tag++] = importTag(imp, (TagType) type, ext);
            }
        }
    }

    private LinkException incompatible(Import imp, Object expected, Object found) {
        return new LinkException("incompatible import type for " + imp.module() + "." + imp.name() + ": expected "
                + expected + ", found " + found);
    }

    private static String kindOf(Object ext) {
        if (ext instanceof Func) {
            return ((Func) ext).type().toString();
        }
        return ext.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private FunctionInstance importFunc(Import imp, int typeIndex, Object ext) {
        FuncType expected = types.funcType(typeIndex);
        if (!(ext instanceof Func)) {
            throw incompatible(imp, expected, kindOf(ext));
        }
        FunctionInstance fi = ((Func) ext).instance();
        int want = types.canonicalId(typeIndex);
        if (fi.canonicalType != want && !Types.isCanonicalSubtype(fi.canonicalType, want)) {
            throw incompatible(imp, expected, fi.type);
        }
        return fi;
    }

    private TableInstance importTable(Import imp, TableType expected, Object ext) {
        if (!(ext instanceof Table)) {
            throw incompatible(imp, expected, kindOf(ext));
        }
        TableInstance ti = ((Table) ext).instance();
        Limits el = expected.limits();
        Limits pl = ti.type.limits();
        boolean ok = el.address64() == pl.address64()
                && limitsMatch(ti.size, pl.hasMax(), pl.max(), el)
                && valSub(ti.type.elementType(), ti.types, expected.elementType(), types)
                && valSub(expected.elementType(), types, ti.type.elementType(), ti.types);
        if (!ok) {
            throw incompatible(imp, expected, ((Table) ext).type());
        }
        return ti;
    }

    private Memory importMemory(Import imp, MemoryType expected, Object ext) {
        if (!(ext instanceof Memory)) {
            throw incompatible(imp, expected, kindOf(ext));
        }
        Memory mem = (Memory) ext;
        Limits el = expected.limits();
        boolean ok = el.address64() == mem.isAddress64() && el.shared() == mem.isShared()
                && (1 << el.pageSizeLog2()) == mem.pageSize()
                && limitsMatch(mem.pages(), mem.maxPages() >= 0, mem.maxPages(), el);
        if (!ok) {
            throw incompatible(imp, expected, new MemoryType(new Limits(mem.pages(), mem.maxPages() >= 0,
                    Math.max(mem.maxPages(), 0), mem.isShared(), mem.isAddress64(),
                    Integer.numberOfTrailingZeros(mem.pageSize()))));
        }
        return mem;
    }

    private GlobalInstance importGlobal(Import imp, GlobalType expected, Object ext) {
        if (!(ext instanceof Global)) {
            throw incompatible(imp, expected, kindOf(ext));
        }
        GlobalInstance gi = ((Global) ext).instance();
        ValType pt = gi.type.type();
        ValType et = expected.type();
        boolean ok = gi.type.mutable() == expected.mutable() && valSub(pt, gi.types, et, types)
                && (!expected.mutable() || valSub(et, types, pt, gi.types));
        if (!ok) {
            throw incompatible(imp, expected, gi.type);
        }
        return gi;
    }

    private TagInstance importTag(Import imp, TagType expected, Object ext) {
        FuncType et = types.funcType(expected.typeIndex());
        if (!(ext instanceof Tag)) {
            throw incompatible(imp, "(tag " + et + ")", kindOf(ext));
        }
        TagInstance ti = ((Tag) ext).instance();
        if (ti.canonicalType != types.canonicalId(expected.typeIndex())) {
            throw incompatible(imp, "(tag " + et + ")", "(tag " + ti.type + ")");
        }
        return ti;
    }

    /** Limits matching (spec 3.5.x): at least the minimum, and within the maximum if one is expected. */
    private static boolean limitsMatch(long min, boolean hasMax, long max, Limits expected) {
        if (Long.compareUnsigned(min, expected.min()) < 0) {
            return false;
        }
        return !expected.hasMax() || (hasMax && Long.compareUnsigned(max, expected.max()) <= 0);
    }

    /** Value subtyping across two modules' type spaces (concrete heap types compared by canonical id). */
    static boolean valSub(ValType a, Types ta, ValType b, Types tb) {
        if (!a.isRef() || !b.isRef()) {
            return a.kind() == b.kind();
        }
        if (a.nullable() && !b.nullable()) {
            return false;
        }
        int ha = a.heapType();
        int hb = b.heapType();
        if (ha >= 0 && hb >= 0) {
            int ca = ta.canonicalId(ha);
            int cb = tb.canonicalId(hb);
            return ca == cb || Types.isCanonicalSubtype(ca, cb);
        }
        if (ha >= 0) {
            return ta.isHeapSubtype(ha, hb);
        }
        if (hb >= 0) {
            return ha == tb.bottom(hb);
        }
        return tb.isHeapSubtype(ha, hb);
    }
}
