package dev.weir.internal.rt;

/**
 * A thrown WebAssembly exception: the value of an {@code exnref} and, at the same time, the Java
 * throwable that unwinds interpreter frames until a {@code try_table} handler catches it. It has
 * no Java stack trace (creating one per {@code throw} would dominate the cost of Wasm exceptions).
 */
public final class ExceptionInstance extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final transient TagInstance tag;
    /** Payload slots, laid out as on the operand stack. */
    public final long[] values;
    /** Reference payload slots, same indices as {@link #values}. */
    public final transient Object[] refs;

    public ExceptionInstance(TagInstance tag, long[] values, Object[] refs) {
        super("uncaught wasm exception", null, false, false);
        this.tag = tag;
        this.values = values;
        this.refs = refs;
    }
}
