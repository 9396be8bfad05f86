package dev.weir.cli.internal;

/**
 * A failure the user can act on (missing file, malformed module, ...). The command prints
 * {@code "weir: " + getMessage()} as one line and exits with {@link #exitCode()}; the stack
 * trace is shown only with {@code --verbose}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(String message) {
        this(message, 1, null);
    }

    public CliException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
