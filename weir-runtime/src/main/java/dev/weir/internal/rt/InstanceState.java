package dev.weir.internal.rt;

import dev.weir.Memory;
import dev.weir.wasm.Types;
import dev.weir.wasm.WasmModule;

/**
 * The runtime state of one module instance (spec 4.2 "module instances"): its index spaces
 * resolved to instances (imports first), its segments, and caches owned by the interpreter and
 * the GC code. Fields are filled during instantiation and then only read, except the segments
 * ({@code data.drop}, {@code elem.drop}) and {@link #gcCache}.
 */
public final class InstanceState {
    private static final byte[] NO_DATA = new byte[0];
    private static final Object[] NO_ELEMS = new Object[0];

    public final WasmModule module;
    public final Types types;
    /** Canonical id per type index. */
    public final int[] canonicalTypes;
    public final FunctionInstance[] functions;
    public final TableInstance[] tables;
    public final Memory[] memories;
    public final GlobalInstance[] globals;
    public final TagInstance[] tags;
    /** Data segments by index; an empty array once dropped. */
    public final byte[][] data;
    /** Element segments (evaluated references) by index; an empty array once dropped. */
    public final Object[][] elems;
    /** One slot per type index for the GC code's per-type layouts (VALUES.md). */
    public final Object[] gcCache;
    /** The owning public {@code Store} and the public {@code Instance} view. */
    public final Object store;
    public Object publicView;
    /** Cached public {@code Caller} for host functions called from this instance. */
    public Object callerView;

    public InstanceState(WasmModule module, Types types, Object store) {
        this.module = module;
        this.types = types;
        this.store = store;
        int nt = types.size();
        this.canonicalTypes = new int[nt];
        for (int i = 0; i < nt; i++) {
            canonicalTypes[i] = types.canonicalId(i);
        }
        this.functions = new FunctionInstance[module.functionCount()];
        this.tables = new TableInstance[module.tableCount()];
        this.memories = new Memory[module.memoryCount()];
        this.globals = new GlobalInstance[module.globalCount()];
        this.tags = new TagInstance[module.tagCount()];
        this.data = new byte[module.data().size()][];
        this.elems = new Object[module.elements().size()][];
        this.gcCache = new Object[nt];
    }

    public WasmModule module() {
        return module;
    }

    public int canonicalType(int typeIndex) {
        return canonicalTypes[typeIndex];
    }

    public byte[] dataSegment(int i) {
        return data[i];
    }

    public Object[] elemSegment(int i) {
        return elems[i];
    }

    public void dropData(int i) {
        data[i] = NO_DATA;
    }

    public void dropElem(int i) {
        elems[i] = NO_ELEMS;
    }

    /** The function's name from the name section, or null. */
    public String functionName(int index) {
        return module.functionName(index);
    }

    /**
     * The function {@code call_indirect} reaches through table {@code tableIndex} at the unsigned
     * {@code index}, checked against type {@code typeIndex} (spec 4.4.8: "undefined element",
     * "uninitialized element", "indirect call type mismatch"; with GC the function's type only has
     * to be a subtype of the expected one). Shared by the interpreter and compiled code.
     */
    public FunctionInstance indirectTarget(int typeIndex, int tableIndex, long index) {
        TableInstance t = tables[tableIndex];
        if (index < 0 || index >= t.size) {
            throw Traps.undefinedElement();
        }
        Object o = t.elements[(int) index];
        if (o == null) {
            throw Traps.uninitializedElement(index);
        }
        FunctionInstance f = (FunctionInstance) o;
        int expected = canonicalTypes[typeIndex];
        if (f.canonicalType != expected && !Types.isCanonicalSubtype(f.canonicalType, expected)) {
            throw Traps.indirectCallTypeMismatch();
        }
        return f;
    }
}
