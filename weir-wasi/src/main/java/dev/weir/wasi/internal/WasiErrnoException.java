package dev.weir.wasi.internal;

/**
 * Ends a WASI call early with an errno. Internal control flow only: never escapes a host function
 * (the dispatcher turns it into the function's result), so it carries no stack trace.
 */
public final class WasiErrnoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    public WasiErrnoException(int errno) {
        super(Errno.name(errno), null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    public static WasiErrnoException of(int errno) {
        return new WasiErrnoException(errno);
    }
}
