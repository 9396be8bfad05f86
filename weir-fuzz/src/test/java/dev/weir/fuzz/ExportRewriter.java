package dev.weir.fuzz;

import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.WasmDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Rewrites the export section (spec 5.5.10) of a binary module without touching anything else:
 * exports every global (binaryen's fuzz modules export none, but their final values are part of
 * what the engines must agree on) or keeps only some exports (the reducer).
 */
final class ExportRewriter {
    /** Prefix of the names given to the added global exports, in global index order. */
    static final String GLOBAL_PREFIX = "__weir_g";

    record Exp(String name, int kind, long index) {
    }

    private ExportRewriter() {
    }

    /** The module with every global (imported or defined) also exported as {@code __weir_g<i>}. */
    static byte[] exportAllGlobals(byte[] wasm) {
        int globals = WasmDecoder.decode(wasm).globalCount();
        List<Exp> exps = exports(wasm);
        for (int i = 0; i < globals; i++) {
            exps.add(new Exp(GLOBAL_PREFIX + i, 3, i));
        }
        return withExports(wasm, exps);
    }

    /** The module with only the exports {@code keep} accepts. */
    static byte[] keepExports(byte[] wasm, Predicate<String> keep) {
        List<Exp> exps = exports(wasm);
        exps.removeIf(e -> !keep.test(e.name()));
        return withExports(wasm, exps);
    }

    static List<Exp> exports(byte[] wasm) {
        List<Exp> out = new ArrayList<>();
        int[] pos = {8};
        while (pos[0] < wasm.length) {
            int id = wasm[pos[0]++] & 0xFF;
            int size = (int) leb(wasm, pos);
            int start = pos[0];
            if (id == 7) {
                int[] p = {start};
                long n = leb(wasm, p);
                for (long i = 0; i < n; i++) {
                    int len = (int) leb(wasm, p);
                    String name = new String(wasm, p[0], len, StandardCharsets.UTF_8);
                    p[0] += len;
                    int kind = wasm[p[0]++] & 0xFF;
                    out.add(new Exp(name, kind, leb(wasm, p)));
                }
            }
            pos[0] = start + size;
        }
        return out;
    }

    /** Replaces (or inserts, in section order) the export section. */
    private static byte[] withExports(byte[] wasm, List<Exp> exps) {
        Bytes sec = new Bytes().u32(exps.size());
        for (Exp e : exps) {
            sec.name(e.name()).u8(e.kind()).u32(e.index());
        }
        Bytes out = new Bytes();
        for (int i = 0; i < 8; i++) {
            out.u8(wasm[i]);
        }
        boolean written = false;
        int[] pos = {8};
        while (pos[0] < wasm.length) {
            int sectionStart = pos[0];
            int id = wasm[pos[0]++] & 0xFF;
            int size = (int) leb(wasm, pos);
            int end = pos[0] + size;
            if (id == 7) {
                out.section(7, sec);
                written = true;
            } else {
                // Sections after exports in the binary order: start, element, data count, code, data.
                boolean after = id == 8 || id == 9 || id == 12 || id == 10 || id == 11;
                if (after && !written) {
                    out.section(7, sec);
                    written = true;
                }
                for (int i = sectionStart; i < end; i++) {
                    out.u8(wasm[i]);
                }
            }
            pos[0] = end;
        }
        if (!written) {
            out.section(7, sec);
        }
        return out.toArray();
    }

    private static long leb(byte[] b, int[] pos) {
        long v = 0;
        int shift = 0;
        while (true) {
            if (pos[0] >= b.length || shift > 35) {
                throw new MalformedModuleException("bad LEB128 while rewriting exports", pos[0]);
            }
            int x = b[pos[0]++] & 0xFF;
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }
}
