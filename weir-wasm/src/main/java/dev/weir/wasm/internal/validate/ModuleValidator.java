package dev.weir.wasm.internal.validate;

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
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.InvalidModuleException;
import dev.weir.wasm.Limits;
import dev.weir.wasm.MemoryType;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.Table;
import dev.weir.wasm.TableType;
import dev.weir.wasm.TagType;
import dev.weir.wasm.Types;
import dev.weir.wasm.WasmModule;
import java.util.HashSet;
import java.util.Set;

/** Module-level validation (spec 3.4.x "Modules"): index spaces, limits, segments, exports, start, code. */
public final class ModuleValidator {
    private static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final int OP_REF_FUNC = 0xD2;

    private final WasmModule module;
    private final Types types;
    private final ModuleCtx c;
    private final CodeValidator code;

    private ModuleValidator(WasmModule module, Types types) {
        this.module = module;
        this.types = types;
        this.c = new ModuleCtx(module, types);
        this.code = new CodeValidator(c);
    }

    /** Validates the module; returns its canonicalized types. */
    public static Types validate(WasmModule module) {
        Types types = Types.of(module);
        new ModuleValidator(module, types).run();
        return types;
    }

    private static InvalidModuleException err(String msg) {
        return new InvalidModuleException(msg);
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private void checkFuncType(int x) {
        if (!c.isFunc(x)) {
            throw err("unknown type " + Integer.toUnsignedString(x));
        }
    }

    private int valType(dev.weir.wasm.ValType v) {
        int t = Vt.of(v);
        if (Vt.isRef(t) && Vt.heap(t) >= types.size()) {
            throw err("unknown type " + Vt.heap(t));
        }
        return t;
    }

    private void run() {
        int nf = module.functionCount();
        c.funcType = new int[nf];
        c.nFuncs = nf;
        for (int i = 0; i < nf; i++) {
            int x = module.functionTypeIndex(i);
            checkFuncType(x);
            c.funcType[i] = x;
        }
        for (Import im : module.imports()) {
            ExternType t = im.type();
            if (t instanceof TableType) {
                checkTableType((TableType) t);
            } else if (t instanceof MemoryType) {
                checkMemoryType((MemoryType) t);
            } else if (t instanceof GlobalType) {
                valType(((GlobalType) t).type());
            } else if (t instanceof TagType) {
                checkTag((TagType) t);
            }
        }
        // Tables, memories, tags.
        int nt = module.tableCount();
        c.nTables = nt;
        c.tableElem = new int[nt];
        c.table64 = new boolean[nt];
        for (int i = 0; i < nt; i++) {
            TableType t = module.tableType(i);
            if (i >= module.importedTableCount()) {
                checkTableType(t);
            }
            c.tableElem[i] = Vt.of(t.elementType());
            c.table64[i] = t.limits().address64();
        }
        int nm = module.memoryCount();
        c.nMems = nm;
        c.mem64 = new boolean[nm];
        for (int i = 0; i < nm; i++) {
            MemoryType mt = module.memoryType(i);
            if (i >= module.importedMemoryCount()) {
                checkMemoryType(mt);
            }
            c.mem64[i] = mt.limits().address64();
        }
        int ntags = module.tagCount();
        c.nTags = ntags;
        c.tagType = new int[ntags];
        for (int i = 0; i < ntags; i++) {
            TagType t = module.tagType(i);
            if (i >= module.importedTagCount()) {
                checkTag(t);
            }
            c.tagType[i] = t.typeIndex();
        }
        // Globals: types first, so constant expressions can name earlier ones.
        int ng = module.globalCount();
        c.nGlobals = ng;
        c.globalType = new int[ng];
        c.globalMut = new boolean[ng];
        for (int i = 0; i < ng; i++) {
            GlobalType g = module.globalType(i);
            c.globalType[i] = valType(g.type());
            c.globalMut[i] = g.mutable();
        }
        // Element segment types and data count, needed by instructions.
        c.nElems = module.elements().size();
        c.elemType = new int[c.nElems];
        for (int i = 0; i < c.nElems; i++) {
            ElementSegment e = module.elements().get(i);
            c.elemType[i] = valType(e.type());
        }
        if (module.dataCount() >= 0) {
            c.nData = module.dataCount();
        } else {
            // The binary format requires the data count section for data indices in code (spec 5.5.16);
            // modules from text have no sections and carry their segments directly.
            c.nData = module.sections().isEmpty() ? module.data().size() : -1;
        }
        collectDeclaredRefs();

        int importedGlobals = module.importedGlobalCount();
        for (int i = 0; i < module.tables().size(); i++) {
            Table t = module.tables().get(i);
            int et = c.tableElem[module.importedTableCount() + i];
            if (t.init() != null) {
                // Tables precede globals in the module, so their initializers see only imported
                // globals (spec 3.4.x, context C'; testsuite global.wast).
                code.validateConst(t.init(), et, importedGlobals);
            } else if (Vt.isRef(et) && !Vt.nullable(et)) {
                throw err("type mismatch: table of non-nullable element type needs an initializer");
            }
        }
        for (int i = 0; i < module.globals().size(); i++) {
            Global g = module.globals().get(i);
            // Wasm 3.0: a global initializer may read imported and earlier defined immutable globals.
            code.validateConst(g.init(), c.globalType[importedGlobals + i], importedGlobals + i);
        }
        for (int i = 0; i < c.nElems; i++) {
            checkElem(module.elements().get(i), c.elemType[i]);
        }
        for (DataSegment d : module.data()) {
            if (d.mode() == SegmentMode.ACTIVE) {
                int addr = memAddr(d.memoryIndex());
                code.validateConst(d.offset(), addr, ng);
            }
        }
        // Function bodies.
        if (module.code().size() != module.definedFunctionCount()) {
            throw err("function and code section have inconsistent lengths");
        }
        int imported = module.importedFunctionCount();
        for (int i = 0; i < module.code().size(); i++) {
            FunctionBody b = module.code().get(i);
            int f = imported + i;
            code.validateFunction(f, c.funcType[f], b.locals(), b.code());
        }
        if (module.start() >= 0) {
            int s = module.start();
            if (s >= nf) {
                throw err("unknown function " + Integer.toUnsignedString(s));
            }
            FuncType ft = types.funcType(c.funcType[s]);
            if (!ft.params().isEmpty() || !ft.results().isEmpty()) {
                throw err("start function must not have parameters or results");
            }
        }
        checkExports();
    }

    private int memAddr(int mem) {
        if (mem < 0 || mem >= c.nMems) {
            throw err("unknown memory " + Integer.toUnsignedString(mem));
        }
        return c.mem64[mem] ? Vt.I64 : Vt.I32;
    }

    private void checkElem(ElementSegment e, int et) {
        if (e.functionIndices() != null) {
            for (int f : e.functionIndices()) {
                if (f < 0 || f >= c.nFuncs) {
                    throw err("unknown function " + Integer.toUnsignedString(f));
                }
                if (!code.matches(Vt.ref(c.funcType[f], false), et)) {
                    throw err("type mismatch: function " + f + " does not match element type");
                }
            }
        } else {
            for (Expression x : e.expressions()) {
                code.validateConst(x, et, c.nGlobals);
            }
        }
        if (e.mode() == SegmentMode.ACTIVE) {
            int t = e.tableIndex();
            if (t < 0 || t >= c.nTables) {
                throw err("unknown table " + Integer.toUnsignedString(t));
            }
            code.validateConst(e.offset(), c.table64[t] ? Vt.I64 : Vt.I32, c.nGlobals);
            if (!code.matches(et, c.tableElem[t])) {
                throw err("type mismatch: element segment type does not match table element type");
            }
        }
    }

    private void checkExports() {
        Set<String> names = new HashSet<>();
        for (Export e : module.exports()) {
            int x = e.index();
            switch (e.kind()) {
                case FUNC:
                    if (x < 0 || x >= c.nFuncs) {
                        throw err("unknown function " + Integer.toUnsignedString(x));
                    }
                    break;
                case TABLE:
                    if (x < 0 || x >= c.nTables) {
                        throw err("unknown table " + Integer.toUnsignedString(x));
                    }
                    break;
                case MEMORY:
                    if (x < 0 || x >= c.nMems) {
                        throw err("unknown memory " + Integer.toUnsignedString(x));
                    }
                    break;
                case GLOBAL:
                    if (x < 0 || x >= c.nGlobals) {
                        throw err("unknown global " + Integer.toUnsignedString(x));
                    }
                    break;
                default:
                    if (x < 0 || x >= c.nTags) {
                        throw err("unknown tag " + Integer.toUnsignedString(x));
                    }
            }
            if (!names.add(e.name())) {
                throw err("duplicate export name");
            }
        }
    }

    private void checkTag(TagType t) {
        checkFuncType(t.typeIndex());
        if (!types.funcType(t.typeIndex()).results().isEmpty()) {
            throw err("non-empty tag result type");
        }
    }

    private void checkTableType(TableType t) {
        valType(t.elementType());
        if (!t.elementType().isRef()) {
            throw err("type mismatch: table element type must be a reference type");
        }
        Limits l = t.limits();
        long range = l.address64() ? -1L : MAX_U32;
        checkLimits(l, range, "table size must be at most " + (l.address64() ? "2^64-1" : "2^32-1"));
    }

    private void checkMemoryType(MemoryType m) {
        Limits l = m.limits();
        int ps = l.pageSizeLog2();
        if (ps != 0 && ps != Limits.DEFAULT_PAGE_SIZE_LOG2) {
            throw err("invalid custom page size");
        }
        long range;
        String msg;
        if (!l.address64()) {
            // 2^32 bytes, but the page count itself must fit the 32-bit address type.
            range = Math.min(1L << (32 - ps), MAX_U32);
            msg = ps == 16 ? "memory size must be at most 65536 pages (4GiB)"
                    : "memory size must be at most " + range + " pages";
        } else {
            range = ps == 16 ? 1L << 48 : -1L;
            msg = ps == 16 ? "memory size must be at most 2^48 pages (256TiB)"
                    : "memory size must be at most 2^64-1 pages";
        }
        checkLimits(l, range, msg);
        if (l.shared() && !l.hasMax()) {
            throw err("shared memory must have maximum");
        }
    }

    private static void checkLimits(Limits l, long range, String msg) {
        if (Long.compareUnsigned(l.min(), range) > 0) {
            throw err(msg);
        }
        if (l.hasMax()) {
            if (Long.compareUnsigned(l.max(), range) > 0) {
                throw err(msg);
            }
            if (Long.compareUnsigned(l.min(), l.max()) > 0) {
                throw err("size minimum must not be greater than maximum");
            }
        }
    }

    /** C.refs (spec 3.4.x): functions referenced outside function bodies may be named by ref.func. */
    private void collectDeclaredRefs() {
        boolean[] refs = new boolean[c.nFuncs];
        c.declaredRef = refs;
        for (ElementSegment e : module.elements()) {
            if (e.functionIndices() != null) {
                for (int f : e.functionIndices()) {
                    if (f >= 0 && f < refs.length) {
                        refs[f] = true;
                    }
                }
            } else {
                for (Expression x : e.expressions()) {
                    scanRefs(x, refs);
                }
            }
            if (e.offset() != null) {
                scanRefs(e.offset(), refs);
            }
        }
        for (Global g : module.globals()) {
            scanRefs(g.init(), refs);
        }
        for (Table t : module.tables()) {
            if (t.init() != null) {
                scanRefs(t.init(), refs);
            }
        }
        for (Export e : module.exports()) {
            if (e.kind() == dev.weir.wasm.ExternKind.FUNC && e.index() >= 0 && e.index() < refs.length) {
                refs[e.index()] = true;
            }
        }
    }

    private static void scanRefs(Expression x, boolean[] refs) {
        if (x == null) {
            return;
        }
        InstructionReader r = x.reader();
        while (r.hasNext()) {
            Opcode op = r.next();
            if (op.code() == OP_REF_FUNC) {
                int f = r.index();
                if (f >= 0 && f < refs.length) {
                    refs[f] = true;
                }
            }
        }
    }
}
