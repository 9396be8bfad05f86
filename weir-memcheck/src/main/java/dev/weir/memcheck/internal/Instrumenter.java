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
import dev.weir.wasm.SegmentMode;
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
    static final String[] HOOKS = {"access", "copy", "fill", "enter", "leave", "stack"};
    private static final int HOOK_COUNT = HOOKS.length;
    private static final int COPY_HOOK = 1;
    private static final int FILL_HOOK = 2;
    private static final int STACK_HOOK = 5;

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

    private Instrumenter(WasmModule m) {
        this.m = m;
        this.impF = m.importedFunctionCount();
        this.defined = m.definedFunctionCount();
        this.allocIndex = new int[m.functionCount()];
        java.util.Arrays.fill(allocIndex, -1);
        this.functionNames = new String[m.functionCount()];
        this.instrumentMemory = m.memoryCount() > 0 && !m.memoryType(0).limits().address64();
    }

    /** The instrumented module and what the checker needs to interpret the hooks. */
    public record Result(WasmModule module, Sites sites, String[] functionNames, Map<Integer, AllocFn> allocators,
                         long heapBase) {
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
        findStackPointer();
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
        int[] hookTypes = {t0, t0 + 1, t0 + 2, t0 + 3, t0, t0 + 2};

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
        return new Result(b.build(), sites, functionNames, kinds, heapBase());
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
        if (firstScratch + 7 > 50_000) {
            // The spec allows up to 2^32 locals but engines cap them (50,000 in V8 and Weir); leave such
            // a function uninstrumented rather than produce an invalid module.
            return rewriteCallsOnly(f, body);
        }
        int x0 = (int) firstScratch;
        int x1 = x0 + 1;
        int x2 = x0 + 2;
        int xI64 = x0 + 3;
        int xF32 = x0 + 4;
        int xF64 = x0 + 5;
        int xV128 = x0 + 6;
        boolean usedV128 = false;
        Expression code = body.code();
        byte[] b = code.bytes();
        InstructionReader r = new InstructionReader(b, 0, b.length, code.sourceOffset());
        InstructionWriter w = new InstructionWriter(b.length * 2 + 16);
        int start = 0;
        while (r.hasNext()) {
            Opcode op = r.next();
            int pos = r.position();
            switch (op.immediate()) {
                case FUNC:
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
        locals.add(new Local(3, ValType.I32));
        locals.add(new Local(1, ValType.I64));
        locals.add(new Local(1, ValType.F32));
        locals.add(new Local(1, ValType.F64));
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

    /**
     * Lowest heap address: the {@code __heap_base} linker symbol when exported or named, else the
     * higher of the end of the active data segments and the initial {@code __stack_pointer}
     * (wasm-ld puts the heap after both, whatever the stack/data order). Accesses below it are
     * stack or static data and are not checked.
     */
    private long heapBase() {
        int hb = globalNamed("__heap_base");
        long v = hb >= 0 ? constGlobal(hb) : -1;
        if (v >= 0) {
            return v;
        }
        long base = 0;
        int sp = globalNamed("__stack_pointer");
        if (sp >= 0) {
            base = Math.max(base, constGlobal(sp));
        }
        for (DataSegment d : m.data()) {
            if (d.mode() == SegmentMode.ACTIVE && d.memoryIndex() == 0) {
                long off = constValue(d.offset());
                if (off >= 0) {
                    base = Math.max(base, off + d.data().length);
                }
            }
        }
        return base;
    }

    /**
     * The stack pointer global: named {@code __stack_pointer} (export or name section), or, in a
     * stripped LLVM module, global 0 when it is a defined mutable i32 whose initial value is a
     * positive multiple of 16 (wasm-ld always emits it first, 16-byte aligned per the C ABI). Its
     * lower bound is {@code __stack_low} when known; else, when the stack sits above the data
     * (wasm-ld's default layout), the end of the data ({@code __data_end}); else 0 (stack first).
     */
    private void findStackPointer() {
        int sp = globalNamed("__stack_pointer");
        if (sp < 0 && m.names().globals().isEmpty() && m.importedGlobalCount() == 0 && m.globalCount() > 0
                && m.memoryCount() > 0) {
            long init = constGlobal(0);
            if (init > 0 && (init & 15) == 0) {
                sp = 0;
            }
        }
        if (sp < 0 || sp >= m.globalCount()) {
            return;
        }
        GlobalType t = m.globalType(sp);
        if (!t.mutable() || t.type() != ValType.I32) {
            return;
        }
        long low = globalValue("__stack_low");
        if (low < 0) {
            long dataEnd = globalValue("__data_end");
            if (dataEnd < 0) {
                dataEnd = dataEnd();
            }
            long init = constGlobal(sp);
            low = init < 0 || init > dataEnd ? dataEnd : 0;
        }
        spGlobal = sp;
        spBound = (int) Math.min(low, Integer.MAX_VALUE);
    }

    private long globalValue(String name) {
        int g = globalNamed(name);
        return g >= 0 ? constGlobal(g) : -1;
    }

    /** The end of the highest active data segment of memory 0 (0 without data). */
    private long dataEnd() {
        long end = 0;
        for (DataSegment d : m.data()) {
            if (d.mode() == SegmentMode.ACTIVE && d.memoryIndex() == 0) {
                long off = constValue(d.offset());
                if (off >= 0) {
                    end = Math.max(end, off + d.data().length);
                }
            }
        }
        return end;
    }

    private int globalNamed(String name) {
        for (Export e : m.exports()) {
            if (e.kind() == ExternKind.GLOBAL && e.name().equals(name)) {
                return e.index();
            }
        }
        for (Map.Entry<Integer, String> e : m.names().globals().entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return -1;
    }

    private long constGlobal(int index) {
        int d = index - m.importedGlobalCount();
        if (d < 0 || d >= m.globals().size()) {
            return -1;
        }
        return constValue(m.globals().get(d).init());
    }

    /** The value of an {@code i32.const c; end} expression as unsigned, or -1. */
    private static long constValue(Expression e) {
        if (e == null) {
            return -1;
        }
        InstructionReader r = e.reader();
        if (r.hasNext() && r.next() == Opcode.I32_CONST) {
            return Integer.toUnsignedLong(r.i32());
        }
        return -1;
    }
}
