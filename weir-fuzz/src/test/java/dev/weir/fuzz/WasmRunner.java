package dev.weir.fuzz;

import java.util.ArrayList;
import java.util.List;

/** One side of a differential comparison: runs {@code run} of generated modules. */
interface WasmRunner {
    String name();

    /** Null when this runner can run; otherwise why not (printed, never silently skipped). */
    default String unavailableReason() {
        return null;
    }

    Outcome run(byte[] wasm);

    /** Runs many modules; external runners override this to amortize process start-up. */
    default List<Outcome> runAll(List<byte[]> modules) {
        List<Outcome> out = new ArrayList<>();
        for (byte[] m : modules) {
            out.add(run(m));
        }
        return out;
    }
}
