package dev.weir.wasm;

import java.util.List;

/**
 * A defined type with its subtyping information (spec 2.3.8). Types written without {@code sub}
 * are final with no supertypes.
 */
public record SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite) {
    public SubType {
        supertypes = List.copyOf(supertypes);
    }

    public static SubType of(CompositeType composite) {
        return new SubType(true, List.of(), composite);
    }
}
