package dev.weir.internal.rt;

import dev.weir.wasm.ValType;
import java.util.List;

/** Slot arithmetic for the value conventions of VALUES.md (a v128 takes two {@code long} slots). */
public final class Slots {
    private Slots() {
    }

    public static int of(List<ValType> types) {
        int n = 0;
        for (ValType t : types) {
            n += t.slots();
        }
        return n;
    }
}
