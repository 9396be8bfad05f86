package dev.weir.wasm;

import java.util.List;

/** A recursion group of defined types (a single type outside {@code rec} is a group of one). */
public record RecGroup(List<SubType> types) {
    public RecGroup {
        types = List.copyOf(types);
    }
}
