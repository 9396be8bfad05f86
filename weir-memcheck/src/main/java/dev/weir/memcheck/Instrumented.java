package dev.weir.memcheck;

import dev.weir.memcheck.internal.AllocFn;
import dev.weir.memcheck.internal.Instrumenter;
import dev.weir.memcheck.internal.Sites;
import dev.weir.wasm.WasmEncoder;
import dev.weir.wasm.WasmModule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module rewritten for memcheck ({@link MemCheck#instrument}): it imports the {@code memcheck}
 * hooks and must be run with a {@link MemCheckSession}. Immutable; one instrumented module can be
 * run in any number of sessions.
 */
public final class Instrumented {
    private final Instrumenter.Result result;
    private final WasmModule original;
    private byte[] bytes;

    Instrumented(WasmModule original, Instrumenter.Result result) {
        this.original = original;
        this.result = result;
    }

    /** The instrumented module model. */
    public WasmModule module() {
        return result.module();
    }

    public WasmModule original() {
        return original;
    }

    /** The instrumented module in the binary format (encoded on first use). */
    public synchronized byte[] bytes() {
        if (bytes == null) {
            bytes = WasmEncoder.encode(result.module());
        }
        return bytes.clone();
    }

    /** Wrapped allocator functions: guest function name → the allocator API it was recognized as. */
    public Map<String, String> allocatorFunctions() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<Integer, AllocFn> e : result.allocators().entrySet()) {
            m.put(result.functionNames()[e.getKey()], e.getValue().symbol());
        }
        return m;
    }

    /** Lowest checked address: {@code __heap_base}, or the end of static data and stack. */
    public long heapBase() {
        return result.heapBase();
    }

    /** Number of instrumented sites (memory accesses and allocator calls). */
    public int siteCount() {
        return result.sites().count();
    }

    Sites sites() {
        return result.sites();
    }

    String[] functionNames() {
        return result.functionNames();
    }

    long stackLow() {
        return result.stackLow();
    }

    boolean[] nonLeaf() {
        return result.nonLeaf();
    }
}
