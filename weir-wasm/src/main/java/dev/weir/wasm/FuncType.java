package dev.weir.wasm;

import java.util.List;
import java.util.stream.Collectors;

/** A function signature. */
public record FuncType(List<ValType> params, List<ValType> results) implements CompositeType {
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FuncType of(ValType[] params, ValType[] results) {
        return new FuncType(List.of(params), List.of(results));
    }

    /** Text-format spelling, e.g. {@code (func (param i32 i32) (result i32))}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(func");
        if (!params.isEmpty()) {
            sb.append(" (param ").append(params.stream().map(ValType::toString).collect(Collectors.joining(" "))).append(')');
        }
        if (!results.isEmpty()) {
            sb.append(" (result ").append(results.stream().map(ValType::toString).collect(Collectors.joining(" "))).append(')');
        }
        return sb.append(')').toString();
    }
}
