package dev.weir.wasm.internal.validate;

import dev.weir.wasm.Opcode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Per-opcode validation data, indexed by {@link Opcode#ordinal()} so the validator dispatches with
 * one array load and a dense {@code switch}. Instructions with a fixed signature (numeric, vector,
 * conversions) are described by their spec mnemonics; the others by their binary codes.
 */
final class OpInfo {
    // Kinds. 0 = not handled (reported as an unsupported instruction).
    static final byte SIMPLE = 1;     // fixed [params] -> [results]
    static final byte MEM = 2;        // memarg; align <= natural; [addr params] -> [results]
    static final byte MEM_ATOMIC = 3; // memarg; align == natural
    static final byte MEM_LANE = 4;   // memarg + lane
    static final byte LANE = 5;       // lane immediate; fixed signature
    static final byte SHUFFLE = 6;
    static final byte UNREACHABLE = 10, NOP = 11, BLOCK = 12, LOOP = 13, IF = 14, ELSE = 15, END = 16,
            BR = 17, BR_IF = 18, BR_TABLE = 19, RETURN = 20, CALL = 21, CALL_INDIRECT = 22,
            RETURN_CALL = 23, RETURN_CALL_INDIRECT = 24, CALL_REF = 25, RETURN_CALL_REF = 26,
            DROP = 27, SELECT = 28, SELECT_T = 29, LOCAL_GET = 30, LOCAL_SET = 31, LOCAL_TEE = 32,
            GLOBAL_GET = 33, GLOBAL_SET = 34, TABLE_GET = 35, TABLE_SET = 36, TABLE_SIZE = 37,
            TABLE_GROW = 38, TABLE_FILL = 39, TABLE_COPY = 40, TABLE_INIT = 41, ELEM_DROP = 42,
            MEMORY_SIZE = 43, MEMORY_GROW = 44, MEMORY_FILL = 45, MEMORY_COPY = 46, MEMORY_INIT = 47,
            DATA_DROP = 48, REF_NULL = 49, REF_IS_NULL = 50, REF_FUNC = 51, REF_EQ = 52,
            REF_AS_NON_NULL = 53, BR_ON_NULL = 54, BR_ON_NON_NULL = 55, REF_TEST = 56, REF_TEST_NULL = 57,
            REF_CAST = 58, REF_CAST_NULL = 59, BR_ON_CAST = 60, BR_ON_CAST_FAIL = 61,
            ANY_CONVERT_EXTERN = 62, EXTERN_CONVERT_ANY = 63, REF_I31 = 64, I31_GET = 65,
            STRUCT_NEW = 66, STRUCT_NEW_DEFAULT = 67, STRUCT_GET = 68, STRUCT_GET_S = 69, STRUCT_GET_U = 70,
            STRUCT_SET = 71, ARRAY_NEW = 72, ARRAY_NEW_DEFAULT = 73, ARRAY_NEW_FIXED = 74,
            ARRAY_NEW_DATA = 75, ARRAY_NEW_ELEM = 76, ARRAY_GET = 77, ARRAY_GET_S = 78, ARRAY_GET_U = 79,
            ARRAY_SET = 80, ARRAY_LEN = 81, ARRAY_FILL = 82, ARRAY_COPY = 83, ARRAY_INIT_DATA = 84,
            ARRAY_INIT_ELEM = 85, THROW = 86, THROW_REF = 87, TRY_TABLE = 88, TRY = 89, CATCH = 90,
            CATCH_ALL = 91, DELEGATE = 92, RETHROW = 93, ATOMIC_FENCE = 94;

    static final int N = Opcode.values().length;
    static final byte[] KIND = new byte[N];
    static final int[][] PARAMS = new int[N][];
    static final int[][] RESULTS = new int[N][];
    /** Natural alignment (log2) of memory instructions. */
    static final byte[] NAT_ALIGN = new byte[N];
    /** Lane count of lane instructions. */
    static final byte[] LANES = new byte[N];
    /** Whether the instruction is allowed in a constant expression (spec 3.4.x, extended-const, GC). */
    static final boolean[] CONST = new boolean[N];

    /** Mnemonics or codes listed here that {@link Opcode} does not know (a test asserts it is empty). */
    static final List<String> MISSING;

    private static final int[] NONE = new int[0];
    private static final List<String> missing = new ArrayList<>();

    private OpInfo() {
    }

    private static Opcode byMnemonic(String m) {
        Opcode op;
        try {
            op = Opcode.byMnemonic(m);
        } catch (RuntimeException e) {
            op = null;
        }
        if (op == null) {
            missing.add(m);
        }
        return op;
    }

    private static Opcode byCode(int code) {
        Opcode op;
        try {
            op = Opcode.byCode(code);
        } catch (RuntimeException e) {
            op = null;
        }
        if (op == null) {
            missing.add("0x" + Integer.toHexString(code));
        }
        return op;
    }

    private static int vt(String s) {
        switch (s) {
            case "i32": return Vt.I32;
            case "i64": return Vt.I64;
            case "f32": return Vt.F32;
            case "f64": return Vt.F64;
            case "v": return Vt.V128;
            default: throw new IllegalArgumentException(s);
        }
    }

    private static int[] types(String s) {
        s = s.trim();
        if (s.isEmpty()) {
            return NONE;
        }
        String[] p = s.split(" +");
        int[] r = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            r[i] = vt(p[i]);
        }
        return r;
    }

    /** Registers mnemonics with kind and signature "params -> results". */
    private static void def(byte kind, String sig, String mnemonics, int natAlign, int lanes) {
        int arrow = sig.indexOf("->");
        int[] ps = types(sig.substring(0, arrow));
        int[] rs = types(sig.substring(arrow + 2));
        for (String m : mnemonics.trim().split("\\s+")) {
            Opcode op = byMnemonic(m);
            if (op == null) {
                continue;
            }
            int o = op.ordinal();
            KIND[o] = kind;
            PARAMS[o] = ps;
            RESULTS[o] = rs;
            NAT_ALIGN[o] = (byte) natAlign;
            LANES[o] = (byte) lanes;
        }
    }

    private static void simple(String sig, String mnemonics) {
        def(SIMPLE, sig, mnemonics, 0, 0);
    }

    private static void special(int code, byte kind) {
        Opcode op = byCode(code);
        if (op != null) {
            KIND[op.ordinal()] = kind;
            PARAMS[op.ordinal()] = NONE;
            RESULTS[op.ordinal()] = NONE;
        }
    }

    private static void constOk(String mnemonics) {
        for (String m : mnemonics.trim().split("\\s+")) {
            Opcode op = byMnemonic(m);
            if (op != null) {
                CONST[op.ordinal()] = true;
            }
        }
    }

    static {
        NumericOps.define();
        SimdOps.define();
        MemoryOps.define();
        defineSpecials();
        constOk("i32.const i64.const f32.const f64.const v128.const i32.add i32.sub i32.mul i64.add i64.sub"
                + " i64.mul global.get ref.null ref.func ref.i31 struct.new struct.new_default array.new"
                + " array.new_default array.new_fixed any.convert_extern extern.convert_any end");
        MISSING = Collections.unmodifiableList(new ArrayList<>(missing));
    }

    // Package-level registration hooks for the family tables.
    static void simpleOps(String sig, String mnemonics) {
        simple(sig, mnemonics);
    }

    static void memOps(byte kind, String sig, int natAlign, String mnemonics) {
        def(kind, sig, mnemonics, natAlign, 0);
    }

    static void laneOps(byte kind, String sig, int natAlign, int lanes, String mnemonics) {
        def(kind, sig, mnemonics, natAlign, lanes);
    }

    private static void defineSpecials() {
        special(0x00, UNREACHABLE);
        special(0x01, NOP);
        special(0x02, BLOCK);
        special(0x03, LOOP);
        special(0x04, IF);
        special(0x05, ELSE);
        special(0x06, TRY);
        special(0x07, CATCH);
        special(0x08, THROW);
        special(0x09, RETHROW);
        special(0x0A, THROW_REF);
        special(0x0B, END);
        special(0x0C, BR);
        special(0x0D, BR_IF);
        special(0x0E, BR_TABLE);
        special(0x0F, RETURN);
        special(0x10, CALL);
        special(0x11, CALL_INDIRECT);
        special(0x12, RETURN_CALL);
        special(0x13, RETURN_CALL_INDIRECT);
        special(0x14, CALL_REF);
        special(0x15, RETURN_CALL_REF);
        special(0x18, DELEGATE);
        special(0x19, CATCH_ALL);
        special(0x1A, DROP);
        special(0x1B, SELECT);
        special(0x1C, SELECT_T);
        special(0x1F, TRY_TABLE);
        special(0x20, LOCAL_GET);
        special(0x21, LOCAL_SET);
        special(0x22, LOCAL_TEE);
        special(0x23, GLOBAL_GET);
        special(0x24, GLOBAL_SET);
        special(0x25, TABLE_GET);
        special(0x26, TABLE_SET);
        special(0x3F, MEMORY_SIZE);
        special(0x40, MEMORY_GROW);
        special(0xD0, REF_NULL);
        special(0xD1, REF_IS_NULL);
        special(0xD2, REF_FUNC);
        special(0xD3, REF_EQ);
        special(0xD4, REF_AS_NON_NULL);
        special(0xD5, BR_ON_NULL);
        special(0xD6, BR_ON_NON_NULL);
        int fc = 0xFC << 16;
        special(fc | 8, MEMORY_INIT);
        special(fc | 9, DATA_DROP);
        special(fc | 10, MEMORY_COPY);
        special(fc | 11, MEMORY_FILL);
        special(fc | 12, TABLE_INIT);
        special(fc | 13, ELEM_DROP);
        special(fc | 14, TABLE_COPY);
        special(fc | 15, TABLE_GROW);
        special(fc | 16, TABLE_SIZE);
        special(fc | 17, TABLE_FILL);
        int fb = 0xFB << 16;
        byte[] gc = {STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U, STRUCT_SET,
            ARRAY_NEW, ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED, ARRAY_NEW_DATA, ARRAY_NEW_ELEM, ARRAY_GET,
            ARRAY_GET_S, ARRAY_GET_U, ARRAY_SET, ARRAY_LEN, ARRAY_FILL, ARRAY_COPY, ARRAY_INIT_DATA,
            ARRAY_INIT_ELEM, REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL, BR_ON_CAST, BR_ON_CAST_FAIL,
            ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY, REF_I31, I31_GET, I31_GET};
        for (int i = 0; i < gc.length; i++) {
            special(fb | i, gc[i]);
        }
        special((0xFE << 16) | 3, ATOMIC_FENCE);
    }
}
