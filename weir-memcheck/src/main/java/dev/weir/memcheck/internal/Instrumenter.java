package dev.weir.memcheck.internal;

import dev.weir.wasm.CustomSection;
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
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.InstructionWriter;
import dev.weir.wasm.Local;
import dev.weir.wasm.Names;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.SubType;
import dev.weir.wasm.Table;
import dev.weir.wasm.TagType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a module so that a host-side checker sees every heap-relevant event:
 * <ul>
 * <li>five imports {@code memcheck.access/copy/fill/enter/leave} are appended to the imports;
 *     imports come first in the function index space (spec 2.5.1), so every defined function's
 *     index shifts by five and every reference is remapped (calls, {@code ref.func}, elements,
 *     exports, start, names);</li>
 * <li>every plain/SIMD load and store of memory 0 (and memory.fill/copy/init) first calls
 *     {@code access(addr, site)} with the address saved in a fresh scratch local;</li>
 * <li>each allocator function ({@link AllocFn}) gets two wrappers — one for calls from guest code
 *     (the call site id is passed through a new global) and one for the export (origin "host") —
 *     that call {@code enter(kind, site, args...) -> proceed} before and {@code leave(kind, result)}
 *     after the real function. A double or invalid free answers proceed = 0 and is skipped.</li>
 * <li>each {@code global.set} of the guest's {@code __stack_pointer} compares the new value with the
 *     stack's lower bound inline and calls {@code stack(value, function, bound)} only when it is
 *     below (stack overflow into static data).</li>
 * </ul>
 * Instructions that need no change are copied byte for byte from the original body.
 */
public final class Instrumenter {
    public static final String HOOK_MODULE = "memcheck";
    /** Export of the guest's {@code __stack_pointer}, so the leak scan knows which stack is live. */
    public static final String SP_EXPORT = "memcheck$stack_pointer";
    static final String[] HOOKS = {"access", "copy", "fill", "enter", "leave", "stack", "fenter", "fleave", "wasi"};
    private static final int HOOK_COUNT = HOOKS.length;
    private static final int COPY_HOOK = 1;
    private static final int FILL_HOOK = 2;
    private static final int STACK_HOOK = 5;
    private static final int FENTER_HOOK = 6;
    private static final int FLEAVE_HOOK = 7;
    private static final int WASI_HOOK = 8;
    private static final int WASI_I32 = 8;
    private static final int WASI_I64 = 4;

    private final WasmModule m;
    private final int impF;
    private final int defined;
    private final int[] allocIndex;            // original function index -> position in allocs, or -1
    private final List<Integer> allocs = new ArrayList<>();
    private final List<AllocFn> allocKinds = new ArrayList<>();
    private final Sites sites = new Sites();
    private final String[] functionNames;
    private final boolean instrumentMemory;
    private int siteGlobal;
    private int hAccess;
    private int spGlobal = -1;   // __stack_pointer, or -1
    private int spBound;         // its lowest legal value (signed compare: a wrapped pointer is negative)
    private long scanStackLow;   // lowest address the leak scan treats as stack (see MemoryLayout)
    private MemoryLayout layout;
    private final boolean[] nonLeaf;           // original function index -> makes calls (gets a shadow frame)
    private final boolean[] callsWasi;         // original function index -> calls a WASI import that writes memory
    private final int[] wasiId;                // imported function index -> WasiWrites id, or -1
    private final Map<Integer, Integer> resultBlockType = new HashMap<>(); // function -> type [] -> results

    private Instrumenter(WasmModule m) {
        this.m = m;
        this.impF = m.importedFunctionCount();
        this.defined = m.definedFunctionCount();
        this.allocIndex = new int[m.functionCount()];
        java.util.Arrays.fill(allocIndex, -1);
        this.functionNames = new String[m.functionCount()];
        this.instrumentMemory = m.memoryCount() > 0 && !m.memoryType(0).limits().address64();
        this.nonLeaf = new boolean[m.functionCount()];
        this.callsWasi = new boolean[m.functionCount()];
        this.wasiId = new int[impF];
        java.util.Arrays.fill(wasiId, -1);
        int fi = 0;
        for (Import imp : m.imports()) {
            if (imp.type() instanceof ExternType.Func) {
                FuncType t = m.functionType(fi);
                if (instrumentMemory && wasiParamsFit(t)) {
                    wasiId[fi] = WasiWrites.id(imp.module(), imp.name());
                }
                fi++;
            }
        }
    }

    /** The instrumented module and what the checker needs to interpret the hooks. */
    public record Result(WasmModule module, Sites sites, String[] functionNames, Map<Integer, AllocFn> allocators,
                         long heapBase, boolean[] nonLeaf, long stackLow) {
    }

    public static Result instrument(WasmModule module) {
        for (Import i : module.imports()) {
            if (i.module().equals(HOOK_MODULE)) {
                throw new IllegalArgumentException("module is already instrumented (imports " + HOOK_MODULE + "."
                        + i.name() + ")");
            }
        }
        return new Instrumenter(module).run();
    }

    private Result run() {
        findNamesAndAllocators();
        layout = new MemoryLayout(m);
        spGlobal = layout.spGlobal();
        spBound = layout.spBound();
        scanStackLow = layout.scanStackLow();
        findNonLeaves();
        WasmModule.Builder b = WasmModule.builder();
        for (RecGroup g : m.recGroups()) {
            b.addRecGroup(g);
        }
        int t0 = m.types().size();
        ValType i = ValType.I32;
        b.addType(SubType.of(FuncType.of(new ValType[] {i, i}, new ValType[0])));             // access, leave
        b.addType(SubType.of(FuncType.of(new ValType[] {i, i, i, i}, new ValType[0])));       // copy
        b.addType(SubType.of(FuncType.of(new ValType[] {i, i, i}, new ValType[0])));          // fill
        b.addType(SubType.of(FuncType.of(new ValType[] {i, i, i, i, i, i}, new ValType[] {i}))); // enter
        b.addType(SubType.of(FuncType.of(new ValType[] {i}, new ValType[] {i})));             // fenter
        b.addType(SubType.of(FuncType.of(new ValType[] {i}, new ValType[0])));                // fleave
        b.addType(SubType.of(FuncType.of(new ValType[] {i, i, i, i, i, i, i, i, i}, new ValType[0]))); // wasi
        int[] hookTypes = {t0, t0 + 1, t0 + 2, t0 + 3, t0, t0 + 2, t0 + 4, t0 + 5, t0 + 6};
        // Block types [] -> results of non-leaf functions with several results (see rewriteBody).
        int nextType = t0 + 7;
        for (int k = 0; k < defined; k++) {
            int f = impF + k;
            FuncType ft = m.functionType(f);
            if (nonLeaf[f] && ft.results().size() > 1) {
                b.addType(SubType.of(FuncType.of(new ValType[0], ft.results().toArray(new ValType[0]))));
                resultBlockType.put(f, nextType++);
            }
        }

        for (Import imp : m.imports()) {
            b.addImport(imp);
        }
        for (int k = 0; k < HOOK_COUNT; k++) {
            b.addImport(new Import(HOOK_MODULE, HOOKS[k], new ExternType.Func(hookTypes[k])));
        }
        hAccess = impF;
        for (int k = 0; k < defined; k++) {
            b.addFunction(m.definedFunctionType(k));
        }
        for (int a : allocs) {
            b.addFunction(m.functionTypeIndex(a));
            b.addFunction(m.functionTypeIndex(a));
        }
        for (Table t : m.tables()) {
            b.addTable(t.init() == null ? t : new Table(t.type(), rewriteConst(t.init())));
        }
        m.memories().forEach(b::addMemory);
        for (TagType t : m.tags()) {
            b.addTag(t);
        }
        for (Global g : m.globals()) {
            b.addGlobal(new Global(g.type(), rewriteConst(g.init())));
        }
        siteGlobal = m.globalCount();
        b.addGlobal(new Global(new GlobalType(ValType.I32, true), constI32(-1)));
        for (Export e : m.exports()) {
            if (e.kind() == ExternKind.FUNC) {
                int a = allocIndex[e.index()];
                b.addExport(new Export(e.name(), e.kind(), a >= 0 ? hostWrapper(a) : remap(e.index())));
            } else {
                b.addExport(e);
            }
        }
        if (spGlobal >= 0 && spGlobal >= m.importedGlobalCount() && m.globalType(spGlobal).mutable()) {
            b.addExport(new Export(SP_EXPORT, ExternKind.GLOBAL, spGlobal));
        }
        if (m.start() >= 0) {
            b.start(remap(m.start()));
        }
        for (ElementSegment e : m.elements()) {
            b.addElement(rewriteElement(e));
        }
        if (m.dataCount() >= 0) {
            b.dataCount(m.dataCount());
        }
        for (int k = 0; k < defined; k++) {
            b.addCode(rewriteBody(impF + k, m.code().get(k)));
        }
        for (int a = 0; a < allocs.size(); a++) {
            b.addCode(wrapper(a, false));
            b.addCode(wrapper(a, true));
        }
        for (DataSegment d : m.data()) {
            b.addData(d);
        }
        for (CustomSection c : m.customSections()) {
            // The raw name section has the old indices (a new one is generated from Names); DWARF
            // describes code offsets that no longer exist.
            if (!c.name().equals("name") && !c.name().startsWith(".debug")) {
                b.addCustomSection(c);
            }
        }
        b.names(names());
        Map<Integer, AllocFn> kinds = new LinkedHashMap<>();
        for (int a = 0; a < allocs.size(); a++) {
            kinds.put(allocs.get(a), allocKinds.get(a));
        }
        return new Result(b.build(), sites, functionNames, kinds, layout.heapBase(), nonLeaf,
                spGlobal >= 0 ? scanStackLow : -1);
    }

    /** Functions containing a call of any kind get a shadow stack frame; leaves do not need one. */
    private void findNonLeaves() {
        for (int k = 0; k < defined; k++) {
            Expression code = m.code().get(k).code();
            byte[] b = code.bytes();
            InstructionReader r = new InstructionReader(b, 0, b.length, code.sourceOffset());
            while (r.hasNext()) {
                Opcode op = r.next();
                if (isCall(op)) {
                    nonLeaf[impF + k] = true;
                    if ((op == Opcode.CALL || op == Opcode.RETURN_CALL) && r.index() < impF && wasiId[r.index()] >= 0) {
                        callsWasi[impF + k] = true;
                    }
                }
            }
        }
    }

    /** WASI imports take i32 and i64 parameters only; the hook has room for 8 and 4 of them. */
    private static boolean wasiParamsFit(FuncType t) {
        int n32 = 0;
        int n64 = 0;
        for (ValType v : t.params()) {
            if (v.equals(ValType.I32)) {
                n32++;
            } else if (v.equals(ValType.I64)) {
                n64++;
            } else {
                return false;
            }
        }
        return n32 <= WASI_I32 && n64 <= WASI_I64;
    }

    private static boolean isCall(Opcode op) {
        return op == Opcode.CALL || op == Opcode.CALL_INDIRECT || op == Opcode.CALL_REF || op == Opcode.RETURN_CALL
                || op == Opcode.RETURN_CALL_INDIRECT || op == Opcode.RETURN_CALL_REF;
    }

    private void findNamesAndAllocators() {
        for (Export e : m.exports()) {
            if (e.kind() == ExternKind.FUNC && functionNames[e.index()] == null) {
                functionNames[e.index()] = e.name();
            }
        }
        for (int f = 0; f < functionNames.length; f++) {
            String n = m.functionName(f);
            if (n != null) {
                functionNames[f] = n;
            }
        }
        for (int f = 0; f < functionNames.length; f++) {
            if (functionNames[f] == null) {
                functionNames[f] = "func[" + f + "]";
            }
        }
        for (int f = 0; f < m.functionCount(); f++) {
            AllocFn k = AllocFn.match(m.functionName(f), m.functionType(f));
            if (k != null) {
                addAlloc(f, k);
            }
        }
        for (Export e : m.exports()) {
            if (e.kind() == ExternKind.FUNC && allocIndex[e.index()] < 0) {
                AllocFn k = AllocFn.match(e.name(), m.functionType(e.index()));
                if (k != null) {
                    addAlloc(e.index(), k);
                }
            }
        }
    }

    private void addAlloc(int f, AllocFn k) {
        allocIndex[f] = allocs.size();
        allocs.add(f);
        allocKinds.add(k);
    }

    private int remap(int old) {
        return old < impF ? old : old + HOOK_COUNT;
    }

    private int internalWrapper(int a) {
        return impF + HOOK_COUNT + defined + 2 * a;
    }

    private int hostWrapper(int a) {
        return internalWrapper(a) + 1;
    }

    /** Where a reference to the function goes: allocators are reached through their guest wrapper. */
    private int redirect(int old) {
        int a = old >= 0 && old < allocIndex.length ? allocIndex[old] : -1;
        return a >= 0 ? internalWrapper(a) : remap(old);
    }

    private static Expression constI32(int v) {
        InstructionWriter w = new InstructionWriter();
        w.op(Opcode.I32_CONST).s32(v).op(Opcode.END);
        return w.toExpression();
    }

    /** Constant expressions: only ref.func carries a function index. */
    private Expression rewriteConst(Expression e) {
        if (e == null) {
            return null;
        }
        byte[] b = e.bytes();
        InstructionReader r = new InstructionReader(b, 0, b.length, e.sourceOffset());
        InstructionWriter w = new InstructionWriter(b.length + 8);
        int start = 0;
        while (r.hasNext()) {
            Opcode op = r.next();
            int pos = r.position();
            if (op == Opcode.REF_FUNC) {
                w.op(op).u32(Integer.toUnsignedLong(redirect(r.index())));
            } else {
                w.bytes(b, start, pos - start);
            }
            start = pos;
        }
        return new Expression(w.toByteArray(), e.sourceOffset());
    }

    private ElementSegment rewriteElement(ElementSegment e) {
        Expression offset = rewriteConst(e.offset());
        if (e.functionIndices() != null) {
            int[] src = e.functionIndices();
            int[] idx = new int[src.length];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = redirect(src[k]);
            }
            return new ElementSegment(e.mode(), e.tableIndex(), offset, e.type(), idx, null);
        }
        List<Expression> items = new ArrayList<>(e.expressions().size());
        for (Expression x : e.expressions()) {
            items.add(rewriteConst(x));
        }
        return new ElementSegment(e.mode(), e.tableIndex(), offset, e.type(), null, items);
    }

    private FunctionBody rewriteBody(int f, FunctionBody body) {
        FuncType ft = m.functionType(f);
        long firstScratch = ft.params().size() + body.localCount();
        if (firstScratch + 8 + WASI_I32 + WASI_I64 > 50_000) {
            // The spec allows up to 2^32 locals but engines cap them (50,000 in V8 and Weir); leave such
            // a function uninstrumented rather than produce an invalid module.
            return rewriteCallsOnly(f, body);
        }
        int x0 = (int) firstScratch;
        int x1 = x0 + 1;
        int x2 = x0 + 2;
        int xd = x0 + 3;
        int xI64 = x0 + 4;
        int xF32 = x0 + 5;
        int xF64 = x0 + 6;
        boolean wasi = callsWasi[f];
        int w32 = x0 + 7;               // WASI call arguments (only in functions that make such calls)
        int w64 = w32 + WASI_I32;
        int xV128 = wasi ? w64 + WASI_I64 : x0 + 7;
        boolean usedV128 = false;
        Expression code = body.code();
        byte[] b = code.bytes();
        InstructionReader r = new InstructionReader(b, 0, b.length, code.sourceOffset());
        InstructionWriter w = new InstructionWriter(b.length * 2 + 16);
        boolean frame = nonLeaf[f];
        if (frame) {
            // Shadow frame: d = fenter(f); block $outer (results) BODY end; fleave(d). Branches to the
            // function's label now target $outer (same relative depth), so only return and the
            // return_call family need rewriting; the block makes every normal exit pass fleave.
            w.op(Opcode.I32_CONST).s32(f);
            w.op(Opcode.CALL).u32(impF + FENTER_HOOK);
            local(w, Opcode.LOCAL_SET, xd);
            List<ValType> res = ft.results();
            w.op(Opcode.BLOCK);
            if (res.size() > 1) {
                w.blockTypeIndex(resultBlockType.get(f));
            } else {
                w.blockType(res.isEmpty() ? null : res.get(0));
            }
        }
        int nesting = 0; // open blocks inside the body (the function's own label not counted)
        int start = 0;
        while (r.hasNext()) {
            Opcode op = r.next();
            int pos = r.position();
            if (frame) {
                if (op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF || op == Opcode.TRY
                        || op == Opcode.TRY_TABLE) {
                    nesting++;
                } else if (op == Opcode.END || op == Opcode.DELEGATE) {
                    if (op == Opcode.END && nesting == 0) { // the function's end: close $outer first
                        w.op(Opcode.END);
                        local(w, Opcode.LOCAL_GET, xd);
                        w.op(Opcode.CALL).u32(impF + FLEAVE_HOOK);
                    } else {
                        nesting--;
                    }
                } else if (op == Opcode.RETURN) {
                    // br to $outer carries the results like return does (spec 4.4.8: both unwind the operand stack)
                    w.op(Opcode.BR).u32(nesting);
                    start = pos;
                    continue;
                } else if (op == Opcode.RETURN_CALL || op == Opcode.RETURN_CALL_INDIRECT
                        || op == Opcode.RETURN_CALL_REF) {
                    local(w, Opcode.LOCAL_GET, xd);
                    w.op(Opcode.CALL).u32(impF + FLEAVE_HOOK);
                }
            }
            switch (op.immediate()) {
                case FUNC:
                    if (op != Opcode.REF_FUNC && r.index() < impF && wasiId[r.index()] >= 0) {
                        wasiCall(w, r.index(), w32, w64);
                    }
                    emitFuncRef(w, op, r, f);
                    start = pos;
                    continue;
                case MEMARG:
                case MEMARG_LANE: {
                    if (!instrumentMemory || r.memory() != 0 || op.isAtomic()) {
                        break;
                    }
                    int valueLocal = valueLocal(op, x1, xI64, xF32, xF64, xV128);
                    boolean store = isStore(op);
                    int site = sites.add(store ? Sites.STORE : Sites.LOAD, f, r.offset(), r.memOffset(),
                            1 << op.naturalAlignment());
                    if (valueLocal == xV128) {
                        usedV128 = true;
                    }
                    if (valueLocal >= 0) {
                        local(w, Opcode.LOCAL_SET, valueLocal);
                    }
                    local(w, Opcode.LOCAL_TEE, x0);
                    w.op(Opcode.I32_CONST).s32(site);
                    w.op(Opcode.CALL).u32(hAccess);
                    local(w, Opcode.LOCAL_GET, x0);
                    if (valueLocal >= 0) {
                        local(w, Opcode.LOCAL_GET, valueLocal);
                    }
                    break;
                }
                case GLOBAL:
                    if (op == Opcode.GLOBAL_SET && r.index() == spGlobal) {
                        // [v] -> v < bound ? stack(v, f, bound) : ();  [v]   (i32.lt_s: a wrapped pointer counts)
                        local(w, Opcode.LOCAL_TEE, x0);
                        w.op(Opcode.I32_CONST).s32(spBound);
                        w.op(Opcode.I32_LT_S);
                        w.op(Opcode.IF).blockType(null);
                        local(w, Opcode.LOCAL_GET, x0);
                        w.op(Opcode.I32_CONST).s32(f);
                        w.op(Opcode.I32_CONST).s32(spBound);
                        w.op(Opcode.CALL).u32(impF + STACK_HOOK);
                        w.op(Opcode.END);
                        local(w, Opcode.LOCAL_GET, x0);
                    }
                    break;
                case MEMORY: // memory.fill [d, val, n]; memory.size/grow take no addresses
                    if (op == Opcode.MEMORY_FILL && instrumentMemory && r.index() == 0) {
                        threeOperands(w, x0, x1, x2, FILL_HOOK, sites.add(Sites.FILL, f, r.offset(), 0, 0));
                    }
                    break;
                case MEMORY_COPY:
                    if (instrumentMemory && r.index() == 0 && r.index2() == 0) {
                        threeOperands(w, x0, x1, x2, COPY_HOOK, sites.add(Sites.COPY, f, r.offset(), 0, 0));
                    }
                    break;
                case MEMORY_INIT:
                    if (instrumentMemory && r.index2() == 0) {
                        threeOperands(w, x0, x1, x2, FILL_HOOK, sites.add(Sites.FILL, f, r.offset(), 0, 0));
                    }
                    break;
                default:
                    break;
            }
            w.bytes(b, start, pos - start);
            start = pos;
        }
        List<Local> locals = new ArrayList<>(body.locals());
        locals.add(new Local(4, ValType.I32));
        locals.add(new Local(1, ValType.I64));
        locals.add(new Local(1, ValType.F32));
        locals.add(new Local(1, ValType.F64));
        if (wasi) {
            locals.add(new Local(WASI_I32, ValType.I32));
            locals.add(new Local(WASI_I64, ValType.I64));
        }
        if (usedV128) {
            locals.add(new Local(1, ValType.V128));
        }
        return new FunctionBody(locals, new Expression(w.toByteArray(), code.sourceOffset()), body.sourceOffset());
    }

    private FunctionBody rewriteCallsOnly(int f, FunctionBody body) {
        Expression code = body.code();
        byte[] b = code.bytes();
        InstructionReader r = new InstructionReader(b, 0, b.length, code.sourceOffset());
        InstructionWriter w = new InstructionWriter(b.length + 16);
        int start = 0;
        while (r.hasNext()) {
            Opcode op = r.next();
            int pos = r.position();
            if (op.immediate() == dev.weir.wasm.ImmediateKind.FUNC) {
                emitFuncRef(w, op, r, f);
            } else {
                w.bytes(b, start, pos - start);
            }
            start = pos;
        }
        return new FunctionBody(body.locals(), new Expression(w.toByteArray(), code.sourceOffset()), body.sourceOffset());
    }

    /** call / return_call / ref.func: remap; calls to an allocator pass their site id through the site global. */
    private void emitFuncRef(InstructionWriter w, Opcode op, InstructionReader r, int f) {
        int target = r.index();
        boolean alloc = target >= 0 && target < allocIndex.length && allocIndex[target] >= 0;
        if (alloc && op != Opcode.REF_FUNC) {
            int site = sites.add(Sites.CALL, f, r.offset(), 0, 0);
            w.op(Opcode.I32_CONST).s32(site);
            w.op(Opcode.GLOBAL_SET).u32(Integer.toUnsignedLong(siteGlobal));
        }
        w.op(op).u32(Integer.toUnsignedLong(redirect(target)));
    }

    /**
     * Before a call to WASI import {@code callee}: saves its arguments, calls
     * {@code wasi(id, i32 arguments..., 0...)} (see {@link WasiWrites}) and pushes them back.
     */
    private void wasiCall(InstructionWriter w, int callee, int w32, int w64) {
        List<ValType> ps = m.functionType(callee).params();
        int[] slot = new int[ps.size()];
        int n32 = 0;
        int n64 = 0;
        for (int k = 0; k < ps.size(); k++) {
            slot[k] = ps.get(k).equals(ValType.I32) ? w32 + n32++ : w64 + n64++;
        }
        for (int k = ps.size() - 1; k >= 0; k--) {
            local(w, Opcode.LOCAL_SET, slot[k]);
        }
        w.op(Opcode.I32_CONST).s32(wasiId[callee]);
        int pushed = 0;
        for (int k = 0; k < ps.size(); k++) {
            if (ps.get(k).equals(ValType.I32)) {
                local(w, Opcode.LOCAL_GET, slot[k]);
                pushed++;
            }
        }
        for (; pushed < WASI_I32; pushed++) {
            w.op(Opcode.I32_CONST).s32(0);
        }
        w.op(Opcode.CALL).u32(impF + WASI_HOOK);
        for (int k = 0; k < ps.size(); k++) {
            local(w, Opcode.LOCAL_GET, slot[k]);
        }
    }

    /**
     * [d, x, n] on the stack: saves them, calls {@code hook(d, x, n, site)} (copy) or
     * {@code hook(d, n, site)} (fill/init), then pushes them back for the original instruction.
     */
    private void threeOperands(InstructionWriter w, int x0, int x1, int x2, int hookKind, int site) {
        local(w, Opcode.LOCAL_SET, x2);
        local(w, Opcode.LOCAL_SET, x1);
        local(w, Opcode.LOCAL_TEE, x0);
        if (hookKind == COPY_HOOK) {
            local(w, Opcode.LOCAL_GET, x1);
        }
        local(w, Opcode.LOCAL_GET, x2);
        w.op(Opcode.I32_CONST).s32(site);
        w.op(Opcode.CALL).u32(hookKind == COPY_HOOK ? impF + 1 : impF + 2);
        local(w, Opcode.LOCAL_GET, x0);
        local(w, Opcode.LOCAL_GET, x1);
        local(w, Opcode.LOCAL_GET, x2);
    }

    private static void local(InstructionWriter w, Opcode op, int index) {
        w.op(op).u32(index);
    }

    private static boolean isStore(Opcode op) {
        return op.mnemonic().contains("store");
    }

    /** The scratch local for a store's value operand (lane loads also take a v128), or -1 for plain loads. */
    private static int valueLocal(Opcode op, int xI32, int xI64, int xF32, int xF64, int xV128) {
        if (op.immediate() == dev.weir.wasm.ImmediateKind.MEMARG_LANE) {
            return xV128;
        }
        if (!isStore(op)) {
            return -1;
        }
        String n = op.mnemonic();
        if (n.startsWith("i32.")) {
            return xI32;
        }
        if (n.startsWith("i64.")) {
            return xI64;
        }
        if (n.startsWith("f32.")) {
            return xF32;
        }
        if (n.startsWith("f64.")) {
            return xF64;
        }
        return xV128;
    }

    /** The wrapper of allocator {@code a}: enter hook, the real call (unless told not to), leave hook. */
    private FunctionBody wrapper(int a, boolean host) {
        int old = allocs.get(a);
        AllocFn k = allocKinds.get(a);
        int p = k.params();
        InstructionWriter w = new InstructionWriter(64);
        w.op(Opcode.I32_CONST).s32(k.ordinal());
        if (host) {
            w.op(Opcode.I32_CONST).s32(-1);
        } else {
            w.op(Opcode.GLOBAL_GET).u32(Integer.toUnsignedLong(siteGlobal));
        }
        for (int i = 0; i < 4; i++) {
            if (i < p) {
                local(w, Opcode.LOCAL_GET, i);
            } else {
                w.op(Opcode.I32_CONST).s32(0);
            }
        }
        w.op(Opcode.CALL).u32(impF + 3);
        w.op(Opcode.IF).blockType(k.returnsPointer() ? ValType.I32 : null);
        for (int i = 0; i < p; i++) {
            local(w, Opcode.LOCAL_GET, i);
        }
        w.op(Opcode.CALL).u32(remap(old));
        if (k.returnsPointer()) {
            local(w, Opcode.LOCAL_SET, p);
        }
        w.op(Opcode.I32_CONST).s32(k.ordinal());
        if (k.returnsPointer()) {
            local(w, Opcode.LOCAL_GET, p);
        } else {
            w.op(Opcode.I32_CONST).s32(0);
        }
        w.op(Opcode.CALL).u32(impF + 4);
        if (k.returnsPointer()) {
            local(w, Opcode.LOCAL_GET, p);
            w.op(Opcode.ELSE);
            w.op(Opcode.I32_CONST).s32(0);
        }
        w.op(Opcode.END);
        w.op(Opcode.END);
        List<Local> locals = k.returnsPointer() ? List.of(new Local(1, ValType.I32)) : List.of();
        return new FunctionBody(locals, w.toExpression(), 0);
    }

    private Names names() {
        Names n = m.names();
        Map<Integer, String> fs = new HashMap<>();
        for (int f = 0; f < functionNames.length; f++) {
            fs.put(remap(f), functionNames[f]);
        }
        for (int k = 0; k < HOOK_COUNT; k++) {
            fs.put(impF + k, HOOK_MODULE + "." + HOOKS[k]);
        }
        for (int a = 0; a < allocs.size(); a++) {
            String base = functionNames[allocs.get(a)];
            fs.put(internalWrapper(a), base + "$memcheck");
            fs.put(hostWrapper(a), base + "$memcheck_host");
        }
        Map<Integer, Map<Integer, String>> locals = new HashMap<>();
        n.locals().forEach((f, l) -> locals.put(remap(f), l));
        Map<Integer, String> globals = new HashMap<>(n.globals());
        globals.put(siteGlobal, "memcheck$site");
        return new Names(n.moduleName(), fs, locals, n.types(), globals, n.memories(), n.tables(), n.tags());
    }
}
