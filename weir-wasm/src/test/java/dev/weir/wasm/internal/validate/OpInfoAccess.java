package dev.weir.wasm.internal.validate;

import dev.weir.wasm.Opcode;
import java.util.ArrayList;
import java.util.List;

/** Test access to the validator's opcode tables. */
public final class OpInfoAccess {
    private OpInfoAccess() {
    }

    public static List<String> missingMnemonics() {
        return OpInfo.MISSING;
    }

    public static List<String> unhandledOpcodes() {
        List<String> r = new ArrayList<>();
        for (Opcode op : Opcode.values()) {
            if (OpInfo.KIND[op.ordinal()] == 0) {
                r.add(op.mnemonic());
            }
        }
        return r;
    }
}
