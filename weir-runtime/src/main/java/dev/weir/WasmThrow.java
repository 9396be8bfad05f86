package dev.weir;

import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.wasm.ValType;
import java.util.List;

/**
 * A WebAssembly exception (exception-handling proposal) that no Wasm handler caught: thrown by
 * {@link Func} calls. Its {@link #tag()} identifies the exception; {@link #payload()} holds the
 * values it carries. A host function may rethrow it to let Wasm handlers see it again.
 */
public final class WasmThrow extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ExceptionInstance exception;

    WasmThrow(ExceptionInstance exception) {
        super("uncaught wasm exception", null, false, false);
        this.exception = exception;
    }

    /** Creates an exception a host function can throw into Wasm. */
    public static WasmThrow of(Tag tag, Value... payload) {
        List<ValType> params = tag.type().params();
        if (payload.length != params.size()) {
            throw new IllegalArgumentException("tag takes " + params.size() + " values, got " + payload.length);
        }
        int slots = 0;
        for (ValType t : params) {
            slots += t.slots();
        }
        long[] s = new long[slots];
        Object[] r = new Object[slots];
        int i = 0;
        for (Value v : payload) {
            v.store(s, r, i);
            i += v.type().slots();
        }
        return new WasmThrow(new ExceptionInstance(tag.instance(), s, r));
    }

    public Tag tag() {
        return Tag.view(exception.tag);
    }

    /** The exception's values, typed by the tag's parameters. */
    public Value[] payload() {
        List<ValType> params = exception.tag.type.params();
        Value[] out = new Value[params.size()];
        int i = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = Value.load(params.get(k), exception.values, exception.refs, i);
            i += params.get(k).slots();
        }
        return out;
    }

    ExceptionInstance exception() {
        return exception;
    }
}
