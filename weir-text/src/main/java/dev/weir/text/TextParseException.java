package dev.weir.text;

/**
 * Thrown when WebAssembly text (a {@code .wat} module or a {@code .wast} script) is malformed.
 *
 * <p>Carries the 1-based line and column of the offending text and the bare message, which uses
 * the spec reference interpreter's wording where one exists ("unknown operator", "unexpected
 * token", "unclosed comment", "constant out of range", "malformed UTF-8 encoding", ...), so spec
 * tests can match on {@link #reason()}. {@link #getMessage()} is {@code "line:column: reason"}.
 */
public final class TextParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param line 1-based line of the offending text (0 if unknown)
     * @param column 1-based column of the offending text (0 if unknown)
     * @param reason the message without position, e.g. {@code "unknown operator"}
     */
    public TextParseException(int line, int column, String reason) {
        super(line + ":" + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** Same as {@link #TextParseException(int, int, String)} with a cause (e.g. a number format error). */
    public TextParseException(int line, int column, String reason, Throwable cause) {
        super(line + ":" + column + ": " + reason, cause);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** 1-based line of the error, 0 if unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the error (counted in UTF-16 chars), 0 if unknown. */
    public int column() {
        return column;
    }

    /** The message without the position prefix, e.g. {@code "unclosed string literal"}. */
    public String reason() {
        return reason;
    }
}
