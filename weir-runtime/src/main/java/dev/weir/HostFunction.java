package dev.weir;

import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * A function implemented by the host, called from Wasm without boxing.
 *
 * <p>The function works directly on the Wasm operand stack window (see VALUES.md): parameter
 * {@code k} is at {@code stack[base + slot(k)]} where a v128 takes two slots and every other type
 * one (i32 as {@code (int) stack[i]}, i64 as is, f32/f64 as raw bits, v128 low then high half);
 * reference parameters are at the same indices of {@code refs} (a {@code funcref} is an internal
 * function object: convert with {@link Caller#toFunc}). Results are written the same way starting
 * at {@code base}, after all parameters have been read.
 *
 * <p>Any exception it throws becomes a {@link Trap} whose cause is that exception; a
 * {@link Trap} or a {@link WasmThrow} propagates unchanged (a WasmThrow can be caught by Wasm
 * handlers). Use {@link #ofValues} or the typed factories for convenience.
 */
@FunctionalInterface
public interface HostFunction {
    void call(Caller caller, long[] stack, Object[] refs, int base) throws Exception;

    /** {@code (i32) -> i32}. */
    static HostFunction i32(IntUnaryOperator f) {
        return (c, s, r, b) -> s[b] = f.applyAsInt((int) s[b]);
    }

    /** {@code (i32, i32) -> i32}. */
    static HostFunction i32(IntBinaryOperator f) {
        return (c, s, r, b) -> s[b] = f.applyAsInt((int) s[b], (int) s[b + 1]);
    }

    /** {@code (i64, i64) -> i64}. */
    static HostFunction i64(LongBinaryOperator f) {
        return (c, s, r, b) -> s[b] = f.applyAsLong(s[b], s[b + 1]);
    }

    /** A function on boxed {@link Value}s (convenient, allocates per call). */
    static HostFunction ofValues(FuncType type, Function<Value[], Value[]> f) {
        List<ValType> params = type.params();
        List<ValType> results = type.results();
        return (c, s, r, b) -> {
            Value[] args = new Value[params.size()];
            int i = b;
            for (int k = 0; k < args.length; k++) {
                args[k] = Value.load(params.get(k), s, r, i);
                i += params.get(k).slots();
            }
            Value[] res = f.apply(args);
            int n = res == null ? 0 : res.length;
            if (n != results.size()) {
                throw new IllegalStateException("host function returned " + n + " values, expected " + results.size());
            }
            i = b;
            for (int k = 0; k < n; k++) {
                res[k].store(s, r, i);
                i += results.get(k).slots();
            }
        };
    }
}
