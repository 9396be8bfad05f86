package dev.weir.fuzz;

import dev.weir.wasm.Export;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * Which exports a binaryen fuzz module's run calls, in export order, with which arguments; every
 * engine follows the same plan. Before each call {@code hangLimitInitializer} (when exported)
 * resets binaryen's hang counter, as binaryen's own fuzz harness does. Arguments are
 * deterministic per (export, parameter) and exactly representable as JS numbers.
 */
record CallPlan(List<Call> calls, List<Character> globalTypes, boolean hangInit) {
    /** Types as characters: i=i32 I=i64 f=f32 F=f64 v=v128 r=reference. */
    record Call(String name, String params, String results, long[] args) {
        boolean jsCompatible() {
            return params.indexOf('v') < 0 && params.indexOf('r') < 0 && results.indexOf('v') < 0
                    && results.indexOf('r') < 0;
        }
    }

    static final String HANG_INIT = "hangLimitInitializer";
    private static final long[] I32S = {0, 1, -1, 42, 0x7FFFFFFF, 0x80000000L, 65535, -65536, 7, 1024};
    private static final long[] I64S = {0, 1, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE, 0x100000000L, -7, 65536, 3};
    private static final float[] F32S = {0f, -0f, 1.5f, -2f, 1e10f, Float.POSITIVE_INFINITY, -3.4e38f, 0.25f, 7f, -1f};
    private static final double[] F64S = {0d, -0d, 1.5, -1e300, Double.NEGATIVE_INFINITY, 9007199254740992d, 0.1, -7d,
        65536.5, 1d};

    static CallPlan of(byte[] wasm) {
        WasmModule m = WasmDecoder.decode(wasm);
        List<Call> calls = new ArrayList<>();
        boolean hang = false;
        int ordinal = 0;
        for (Export e : m.exports()) {
            if (e.kind() != ExternKind.FUNC) {
                continue;
            }
            if (e.name().equals(HANG_INIT)) {
                hang = true;
                continue;
            }
            FuncType t = m.functionType(e.index());
            String params = types(t.params());
            long[] args = new long[params.length() * 2];
            for (int k = 0; k < params.length(); k++) {
                int pick = (ordinal * 7 + k * 3) % 10;
                switch (params.charAt(k)) {
                    case 'i': args[2 * k] = (int) I32S[pick]; break;
                    case 'I': args[2 * k] = I64S[pick]; break;
                    case 'f': args[2 * k] = Float.floatToRawIntBits(F32S[pick]); break;
                    case 'F': args[2 * k] = Double.doubleToRawLongBits(F64S[pick]); break;
                    case 'v': args[2 * k] = I64S[pick]; args[2 * k + 1] = ~I64S[(pick + 1) % 10]; break;
                    default: break; // references: null
                }
            }
            calls.add(new Call(e.name(), params, types(t.results()), args));
            ordinal++;
        }
        List<Character> globals = new ArrayList<>();
        for (int i = 0; i < m.globalCount(); i++) {
            globals.add(type(m.globalType(i).type()));
        }
        return new CallPlan(calls, globals, hang);
    }

    private static String types(List<ValType> ts) {
        StringBuilder sb = new StringBuilder();
        for (ValType t : ts) {
            sb.append(type(t));
        }
        return sb.toString();
    }

    static char type(ValType t) {
        switch (t.kind()) {
            case I32: return 'i';
            case I64: return 'I';
            case F32: return 'f';
            case F64: return 'F';
            case V128: return 'v';
            default: return 'r';
        }
    }
}
