package dev.weir.wasm.internal.validate;

import dev.weir.wasm.FuncType;
import dev.weir.wasm.Types;
import dev.weir.wasm.WasmModule;

/**
 * The module context C of spec 3.1.6 in the validator's int encoding: index spaces resolved to
 * encoded types so instruction checks are array loads.
 */
final class ModuleCtx {
    final WasmModule module;
    final Types types;
    /** Per type index: encoded params/results of function types (null for struct/array types). */
    final int[][] fParams;
    final int[][] fResults;
    int[] funcType;
    int nFuncs;
    int[] tableElem;
    boolean[] table64;
    int nTables;
    boolean[] mem64;
    int nMems;
    int[] globalType;
    boolean[] globalMut;
    int nGlobals;
    int[] tagType;
    int nTags;
    int[] elemType;
    int nElems;
    /** Number of data segments instructions may name; -1 when the data count section is required but absent. */
    int nData;
    boolean[] declaredRef;

    ModuleCtx(WasmModule module, Types types) {
        this.module = module;
        this.types = types;
        int n = types.size();
        fParams = new int[n][];
        fResults = new int[n][];
        for (int i = 0; i < n; i++) {
            FuncType f = types.funcType(i);
            if (f != null) {
                fParams[i] = encode(f.params());
                fResults[i] = encode(f.results());
            }
        }
    }

    static int[] encode(java.util.List<dev.weir.wasm.ValType> ts) {
        int[] r = new int[ts.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = Vt.of(ts.get(i));
        }
        return r;
    }

    boolean isFunc(int typeIndex) {
        return typeIndex >= 0 && typeIndex < fParams.length && fParams[typeIndex] != null;
    }
}
