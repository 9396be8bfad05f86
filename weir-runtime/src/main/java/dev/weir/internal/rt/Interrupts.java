package dev.weir.internal.rt;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * The process-wide "is any store interrupted?" switch that makes interrupt polls free while no
 * interrupt is pending.
 *
 * <p>Compiled Wasm polls at every function entry and loop header. Reading a per-store flag there
 * (even with an opaque read) is a memory load the JIT must keep in every iteration, and it stops
 * HotSpot from treating a Wasm loop as a counted loop (fib_iter ran up to 3x slower). Instead the
 * poll is an {@code invokedynamic} bound to {@link #PENDING}, a {@link MutableCallSite} whose
 * target is the constant {@code false}: C1 and C2 fold it away and record a dependency on the call
 * site. {@link #request} flips the target to {@code true}, which deoptimizes every method that
 * folded it ({@link MutableCallSite#syncAll} makes the new target visible to all threads); only then
 * do polls read the per-store flag ({@link ExecContext#interrupted}). When the last pending
 * interrupt has been consumed ({@link #clear}) the target goes back to {@code false} and the JIT
 * recompiles the hot code without the read.
 *
 * <p>Java code (the interpreter, compiled-function entries) polls through {@link #anyPending()},
 * which invokes the same call site through a constant handle and folds the same way.
 *
 * <p>Cost model: an interrupt deoptimizes all compiled Wasm twice (on request and after it was
 * consumed), so it is meant for timeouts and cancellation, not for frequent signalling. A store
 * interrupted while idle keeps the switch on until its next call consumes the interrupt (closing
 * the store does not drop it: code still running in it must stop); meanwhile polls cost what they
 * did before this class existed (one field read).
 */
public final class Interrupts {
    private static final MethodType POLL_TYPE = MethodType.methodType(boolean.class);
    private static final MethodHandle FALSE = MethodHandles.constant(boolean.class, false);
    private static final MethodHandle TRUE = MethodHandles.constant(boolean.class, true);
    private static final MutableCallSite PENDING = new MutableCallSite(FALSE);
    private static final MethodHandle POLL = PENDING.dynamicInvoker();
    private static final MutableCallSite[] ALL = {PENDING};
    /** Number of contexts whose {@code interrupted} flag is set; guarded by {@code Interrupts.class}. */
    private static int pending;

    private Interrupts() {
    }

    /**
     * Bootstrap method of the {@code invokedynamic} poll in generated code (name ignored, type
     * {@code ()Z}). Public and argument-free beyond the standard three, so classes reloaded from an
     * ahead-of-time jar link to it without any code generation.
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) {
        if (!type.equals(POLL_TYPE)) {
            throw new IllegalArgumentException("weir internal error: interrupt poll has type " + type);
        }
        return PENDING;
    }

    /** Whether any store has a pending interrupt; folds to {@code false} in JIT-compiled callers. */
    public static boolean anyPending() {
        try {
            return (boolean) POLL.invokeExact();
        } catch (Throwable t) {
            throw new AssertionError(t); // a constant handle cannot throw
        }
    }

    /** Sets {@code ctx}'s interrupt flag (from any thread) and turns the global switch on. */
    static synchronized void request(ExecContext ctx) {
        if (!ctx.interrupted) {
            // The flag first: a poll that sees the switch on must find the flag set.
            ctx.interrupted = true;
            if (pending++ == 0) {
                flip(TRUE);
            }
        }
    }

    /**
     * Clears {@code ctx}'s interrupt flag; returns whether it was set. Turns the global switch off
     * when no other store has an interrupt pending.
     */
    static synchronized boolean clear(ExecContext ctx) {
        if (!ctx.interrupted) {
            return false;
        }
        ctx.interrupted = false;
        if (--pending == 0) {
            flip(FALSE);
        }
        return true;
    }

    /** For tests: the number of stores with a pending interrupt. */
    public static synchronized int pendingCount() {
        return pending;
    }

    private static void flip(MethodHandle target) {
        PENDING.setTarget(target);
        MutableCallSite.syncAll(ALL);
    }
}
