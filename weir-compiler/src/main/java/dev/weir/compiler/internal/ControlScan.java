package dev.weir.compiler.internal;

import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.WasmModule;
import java.util.Arrays;

/** Quick passes over a function body that {@link ControlEmitter} needs before emitting it. */
final class ControlScan {
    private ControlScan() {
    }

    /**
     * Whether function {@code fi} may return with a parked tail call: it contains a tail call to
     * another function ({@code return_call} to itself is a jump, it never parks).
     */
    static boolean mayPark(WasmModule m, int fi) {
        InstructionReader r = m.code().get(fi - m.importedFunctionCount()).code().reader();
        while (r.hasNext()) {
            int c = r.next().code();
            if (c == 0x13 || c == 0x15 || (c == 0x12 && r.index() != fi)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The loads and stores (instructions with a memory argument) of function {@code fi}, or -1 when
     * it has no instruction that names a memory at all (neither these nor size, grow, bulk).
     */
    static int memoryAccesses(WasmModule m, int fi) {
        InstructionReader r = m.code().get(fi - m.importedFunctionCount()).code().reader();
        int n = 0;
        boolean any = false;
        while (r.hasNext()) {
            switch (r.next().immediate()) {
                case MEMARG: case MEMARG_LANE:
                    n++;
                    any = true;
                    break;
                case MEMORY: case MEMORY_INIT: case MEMORY_COPY:
                    any = true;
                    break;
                default:
                    break;
            }
        }
        return any ? n : -1;
    }

    /**
     * Whether an instruction may trap or call (so a trap's frame can be at it): loads and stores,
     * calls, integer division and truncation, unreachable, throws, table access, ref.as_non_null,
     * and every prefixed instruction (bulk memory, GC, SIMD memory, atomics).
     */
    static boolean mayTrap(int code) {
        if (code > 0xFF) {
            return true;
        }
        return code == 0x00 || (code >= 0x08 && code <= 0x0A) || (code >= 0x10 && code <= 0x15)
                || code == 0x25 || code == 0x26 || (code >= 0x28 && code <= 0x3E)
                || (code >= 0x6D && code <= 0x70) || (code >= 0x7F && code <= 0x82)
                || (code >= 0xA8 && code <= 0xAB) || (code >= 0xAE && code <= 0xB1) || code == 0xD4;
    }

    /** Instructions after which control never falls through (the interpreter's and the emitter's rule). */
    static boolean endsReachability(int c) {
        switch (c) {
            case 0x00: case 0x08: case 0x09: case 0x0A: case 0x0C: case 0x0E: case 0x0F:
            case 0x12: case 0x13: case 0x15:
                return true;
            default:
                return false;
        }
    }

    /**
     * The instruction count of each fuel block in emission order, mirroring the interpreter's
     * {@code Predecoder}: a block starts at the function start and after every reachable loop, if,
     * else, catch, catch_all, and end or delegate of a non-function block; every reachable
     * instruction counts in the block it is in; unreachable code is skipped the same way.
     */
    static int[] fuelCounts(WasmModule m, int fi) {
        InstructionReader r = m.code().get(fi - m.importedFunctionCount()).code().reader();
        int[] counts = new int[16];
        int cur = 0;
        int depth = 1; // open frames, the function's included
        int skip = -1;
        while (r.hasNext() && depth > 0) {
            int code = r.next().code();
            if (skip >= 0) {
                if (code == 0x02 || code == 0x03 || code == 0x04 || code == 0x06 || code == 0x1F) {
                    skip++;
                    continue;
                }
                if (code == 0x0B || code == 0x18) {
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                } else if (code == 0x05 || code == 0x07 || code == 0x19) {
                    if (skip > 0) {
                        continue;
                    }
                } else {
                    continue;
                }
                skip = -1;
            }
            counts[cur]++;
            boolean newBlock = false;
            switch (code) {
                case 0x02: case 0x06: case 0x1F:
                    depth++;
                    break;
                case 0x03: case 0x04:
                    depth++;
                    newBlock = true;
                    break;
                case 0x05: case 0x07: case 0x19:
                    newBlock = true;
                    break;
                case 0x0B: case 0x18:
                    depth--;
                    newBlock = depth > 0;
                    break;
                default:
                    break;
            }
            if (newBlock) {
                cur++;
                if (cur == counts.length) {
                    counts = Arrays.copyOf(counts, cur * 2);
                }
            }
            if (endsReachability(code)) {
                skip = 0;
            }
        }
        return Arrays.copyOf(counts, cur + 1);
    }
}
