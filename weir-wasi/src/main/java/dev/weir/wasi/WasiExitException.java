package dev.weir.wasi;

import dev.weir.Trap;

/**
 * Thrown by {@code proc_exit}: the guest asked to terminate with an exit status. It is a
 * {@link Trap} so that the runtime lets it through unchanged (host exceptions of other types are
 * wrapped) and Wasm code cannot catch it; every frame between the guest's call and the embedder's
 * {@code Func.call} is unwound. {@link WasiRunner} turns it into the returned exit code.
 */
public final class WasiExitException extends Trap {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public WasiExitException(int exitCode) {
        super("exit status " + exitCode);
        this.exitCode = exitCode;
    }

    /** The status passed to {@code proc_exit} (a u32 in WASI; values above 2^31-1 are negative here). */
    public int exitCode() {
        return exitCode;
    }

    /** Finds the exit request in a throwable or its causes, or returns null. */
    public static WasiExitException find(Throwable t) {
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof WasiExitException) {
                return (WasiExitException) t;
            }
        }
        return null;
    }
}
