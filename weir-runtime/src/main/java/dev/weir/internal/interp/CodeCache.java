package dev.weir.internal.interp;

import dev.weir.Trap;
import dev.weir.wasm.Types;
import dev.weir.wasm.WasmModule;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Pre-decoded code of one module's functions, shared by all its instances (the form depends only
 * on the module and the engine's options). Functions are pre-decoded lazily on first call;
 * concurrent first calls may both decode, and one result wins.
 */
public final class CodeCache {
    private final WasmModule module;
    private final Types types;
    private final boolean fuel;
    private final AtomicReferenceArray<Code> codes;

    public CodeCache(WasmModule module, Types types, boolean fuel) {
        this.module = module;
        this.types = types;
        this.fuel = fuel;
        this.codes = new AtomicReferenceArray<>(module.definedFunctionCount());
    }

    Code get(int funcIndex) {
        int i = funcIndex - module.importedFunctionCount();
        Code c = codes.get(i);
        if (c == null) {
            try {
                c = new Predecoder(module, types, funcIndex, fuel).run();
            } catch (RuntimeException e) {
                // Only reachable for modules the validator let through by mistake.
                throw new Trap("weir: cannot pre-decode function " + funcIndex + ": " + e, e);
            }
            if (!codes.compareAndSet(i, null, c)) {
                c = codes.get(i);
            }
        }
        return c;
    }

    /** Pre-decodes every function now (e.g. to report problems before the first call). */
    public void predecodeAll() {
        for (int f = module.importedFunctionCount(); f < module.functionCount(); f++) {
            get(f);
        }
    }
}
