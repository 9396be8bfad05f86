package dev.weir.compiler.internal;

import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.Types;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Small functions that a chunk class gets a private copy of because its functions call them.
 *
 * <p>Why: chunks are separate (hidden) classes, so a {@code call} to a function of another chunk
 * cannot be an {@code invokestatic}; it goes through {@link CallEmitter#callOut}, an inline-cached
 * {@code invokedynamic} behind a type test, with a tail-call check after it: ~140 bytes of bytecode
 * per call site instead of ~15. Compilers from C and Rust call small helpers everywhere (ed25519's
 * field multiplication calls {@code __multi3} 15 times, its main loop hundreds of times), and the
 * chunk boundaries fall between them and their callers (large functions get a class of their own).
 * A copy makes those calls direct again: same bytecode as the original (traps and fuel name the
 * same function index), registered nowhere, so the function's own class stays its entry point.
 */
final class CalleeCopies {
    /** Largest function body (Wasm bytes) copied. */
    static final int MAX_BODY = 512;
    /** Most Wasm bytes copied into one class. */
    static final int BUDGET = 32 * 1024;

    private CalleeCopies() {
    }

    /**
     * The small functions outside [from, to) called directly from the functions marked in
     * {@code local} (and, within the budget, from those copies), that the compiler supports; marks
     * them in {@code local}.
     */
    static int[] choose(WasmModule m, Types types, int from, int to, boolean[] local) {
        int first = m.importedFunctionCount();
        int[] out = new int[16];
        int count = 0;
        int bytes = 0;
        ArrayDeque<Integer> scan = new ArrayDeque<>();
        for (int i = from; i < to; i++) {
            if (local[i]) {
                scan.add(i);
            }
        }
        boolean[] seen = new boolean[local.length];
        while (!scan.isEmpty()) {
            InstructionReader r = m.code().get(scan.poll() - first).code().reader();
            while (r.hasNext()) {
                if (r.next().code() != 0x10) {
                    continue;
                }
                int j = r.index();
                if (j < first || local[j] || seen[j]) {
                    continue;
                }
                seen[j] = true;
                int size = m.code().get(j - first).code().length();
                if (size > MAX_BODY || bytes + size > BUDGET || !supported(m, types, j)) {
                    continue;
                }
                local[j] = true;
                bytes += size;
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = j;
                scan.add(j);
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static boolean supported(WasmModule m, Types types, int j) {
        try {
            return Support.check(m, types, j) == null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
