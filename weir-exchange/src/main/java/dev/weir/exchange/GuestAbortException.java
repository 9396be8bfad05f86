package dev.weir.exchange;

/**
 * The guest called its abort import (AssemblyScript's {@code env.abort(msg, file, line, col)}),
 * decoded into a readable message such as {@code "weir: deliberate failure (assembly/index.ts:47:3)"}.
 *
 * <p>Thrown by the host function, it reaches the embedder as the {@linkplain Throwable#getCause()
 * cause} of the {@link dev.weir.Trap} that unwinds the guest; {@link #unwrap(Throwable)} finds it.
 * The typed call helpers of this package rethrow it directly.
 */
public class GuestAbortException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String guestMessage;
    private final String fileName;
    private final int line;
    private final int column;

    public GuestAbortException(String guestMessage, String fileName, int line, int column) {
        super(guestMessage + " (" + fileName + ":" + line + ":" + column + ")");
        this.guestMessage = guestMessage;
        this.fileName = fileName;
        this.line = line;
        this.column = column;
    }

    /** The message the guest passed (or {@code "null"}). */
    public String guestMessage() {
        return guestMessage;
    }

    /** The guest source file (or {@code "null"}). */
    public String fileName() {
        return fileName;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The abort exception in {@code t}'s cause chain (a trap raised by the abort import), or null. */
    public static GuestAbortException unwrap(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof GuestAbortException) {
                return (GuestAbortException) c;
            }
        }
        return null;
    }
}
