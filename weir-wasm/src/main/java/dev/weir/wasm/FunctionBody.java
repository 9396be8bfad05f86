package dev.weir.wasm;

import java.util.List;

/**
 * A defined function's body: its declared locals (compressed as in the binary format, the
 * parameters are not included) and its code. {@code sourceOffset} is where the body (its size
 * field excluded) starts in the original binary.
 */
public record FunctionBody(List<Local> locals, Expression code, int sourceOffset) {
    public FunctionBody {
        locals = List.copyOf(locals);
    }

    /** Total number of declared locals (parameters excluded). */
    public long localCount() {
        long n = 0;
        for (Local l : locals) {
            n += Integer.toUnsignedLong(l.count());
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FunctionBody && locals.equals(((FunctionBody) o).locals)
                && code.equals(((FunctionBody) o).code);
    }

    @Override
    public int hashCode() {
        return locals.hashCode() * 31 + code.hashCode();
    }
}
