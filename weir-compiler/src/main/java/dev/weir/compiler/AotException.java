package dev.weir.compiler;

/**
 * An ahead-of-time artifact cannot be written or used: it belongs to another module, another compiler
 * build or another fuel setting, or it is unreadable. The message says which.
 */
public final class AotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AotException(String message) {
        super(message);
    }

    public AotException(String message, Throwable cause) {
        super(message, cause);
    }
}
