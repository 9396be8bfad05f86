package dev.weir;

import dev.weir.internal.rt.ExecContext;

/**
 * Owns instances and their state (memories, tables, globals) and executes their code, one thread
 * at a time. {@link #interrupt()} may be called from any thread.
 */
public final class Store implements AutoCloseable {
    private final Engine engine;
    private final StoreLimits limits;
    private final ExecContext ctx;
    private int instances;
    private volatile boolean closed;

    Store(Engine engine, StoreLimits limits) {
        this.engine = engine;
        this.limits = limits;
        this.ctx = new ExecContext(this, engine.maxCallDepth(), engine.fuelEnabled(), limits.fuel());
        ctx.rootChunk();
    }

    public Engine engine() {
        return engine;
    }

    public StoreLimits limits() {
        return limits;
    }

    /**
     * Stops the Wasm code running in this store (from any thread): it traps with "interrupted" at
     * its next loop iteration or call. If nothing runs, the next call traps. Host functions are
     * not interrupted.
     */
    public void interrupt() {
        ctx.requestInterrupt();
    }

    /** Sets the remaining fuel (only consumed when the engine was built with {@code fuel(true)}). */
    public void setFuel(long fuel) {
        if (fuel < 0) {
            throw new IllegalArgumentException("negative fuel");
        }
        ctx.fuel = fuel;
    }

    public long getFuel() {
        return ctx.fuel;
    }

    /** Releases the store: its functions can no longer be called. */
    @Override
    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    ExecContext context() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        return ctx;
    }

    void countInstance() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
        if (instances >= limits.maxInstances()) {
            throw new Trap("instance limit exceeded: " + limits.maxInstances());
        }
        instances++;
    }
}
