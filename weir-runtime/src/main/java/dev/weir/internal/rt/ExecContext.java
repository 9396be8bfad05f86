package dev.weir.internal.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-store execution state: call depth, fuel, the interrupt flag and the operand stack chunks
 * (VALUES.md). A store executes on one thread at a time; only {@link #interrupted} is written by
 * other threads.
 */
public final class ExecContext {
    /** Slots of the first stack chunk; later chunks double. */
    private static final int FIRST_CHUNK = 1 << 14;

    public int depth;
    public final int maxDepth;
    public final boolean fuelEnabled;
    /** Remaining fuel; execution traps "all fuel consumed" when it goes negative. */
    public long fuel;
    /**
     * Set by another thread ({@code Store.interrupt()}, through {@link #requestInterrupt()}); checked
     * at loop headers and calls through {@link #interruptRequested()}. Written only by
     * {@link Interrupts}, which keeps the global poll switch in step with it.
     */
    public volatile boolean interrupted;
    private static final VarHandle INTERRUPTED;

    static {
        try {
            INTERRUPTED = MethodHandles.lookup().findVarHandle(ExecContext.class, "interrupted", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** The instance whose code called the host function now running (null when called by the host). */
    public InstanceState caller;
    /** The owning public {@code Store}, for host functions' {@code Caller}. */
    public final Object store;

    private Chunk chunk;
    /**
     * Where a call from the host starts: the root chunk at 0, or, while a host function runs, just
     * above its frame (so a host function can call back into Wasm without clobbering its caller).
     */
    public long[] hostS;
    public Object[] hostR;
    public int hostBase;
    /**
     * Scratch frame of compiled code for the locals and values crossing into and out of an outlined
     * block (weir-compiler's RegionEmitter): written just before a call or return, read right after,
     * so it is always used from index 0 and only grows.
     */
    public long[] regionS = new long[0];
    public Object[] regionR = new Object[0];
    /** Per-store cache of the public {@code Caller} used when no instance is calling. */
    public Object callerCache;
    /**
     * A pending tail call (spec 4.4.8 {@code return_call}): set by a function that returned early
     * to let its caller run {@code tailCall} in its place, with the arguments left at the
     * returning function's {@code s/r[base ..)}. Callers that need the call complete run
     * {@link #finishTailCalls}, so chains of tail calls across engines use constant Java stack.
     */
    public FunctionInstance tailCall;
    /**
     * Scratch slots for compiled SIMD code (weir-compiler's SimdRt): v128 operands are spilled here
     * to run the interpreter's {@code V128} implementations without allocating. No Wasm code runs
     * while it is in use, so one array per store suffices.
     */
    public final long[] simdScratch = new long[8];

    /** One pair of stack arrays; chunks form a list reused across calls. */
    public static final class Chunk {
        public final long[] s;
        public final Object[] r;
        Chunk prev;
        Chunk next;

        Chunk(int size, Chunk prev) {
            this.s = new long[size];
            this.r = new Object[size];
            this.prev = prev;
        }
    }

    static {
        // Load the classes a trap needs now: a StackOverflowError inside a class initializer deep
        // in a recursion would leave the class unusable for the rest of the process.
        Traps.callStackExhausted();
        new ExceptionInstance(null, new long[0], new Object[0]);
    }

    public ExecContext(Object store, int maxDepth, boolean fuelEnabled, long fuel) {
        this.store = store;
        this.maxDepth = maxDepth;
        this.fuelEnabled = fuelEnabled;
        this.fuel = fuel;
    }

    /** The bottom chunk, where calls from the host start. */
    public Chunk rootChunk() {
        if (chunk == null) {
            chunk = new Chunk(FIRST_CHUNK, null);
            hostS = chunk.s;
            hostR = chunk.r;
        }
        return chunk;
    }

    /** A chunk with room for {@code needed} slots above the one holding {@code s}. */
    public Chunk chunkAbove(long[] s, int needed) {
        return enterChunk(chunkOf(s), needed);
    }

    /**
     * Moves to a chunk with at least {@code needed} slots above the current one; pair with
     * {@link #leaveChunk} in a finally block. The arrays of the current chunk stay valid.
     */
    public Chunk enterChunk(Chunk current, int needed) {
        Chunk n = current.next;
        if (n == null || n.s.length < needed) {
            n = new Chunk(Math.max(needed, current.s.length * 2), current);
            n.next = current.next == null ? null : current.next.next;
            current.next = n;
        }
        return n;
    }

    /** Runs {@code f} on a fresh chunk because {@code s} has no room for {@code needed} slots above {@code base}. */
    public void callInNewChunk(FunctionInstance f, long[] s, Object[] r, int base, int needed) {
        Chunk cur = chunkOf(s);
        Chunk n = enterChunk(cur, needed);
        System.arraycopy(s, base, n.s, 0, f.paramSlots);
        System.arraycopy(r, base, n.r, 0, f.paramSlots);
        f.call(this, n.s, n.r, 0);
        System.arraycopy(n.s, 0, s, base, f.resultSlots);
        System.arraycopy(n.r, 0, r, base, f.resultSlots);
    }

    private Chunk chunkOf(long[] s) {
        for (Chunk c = rootChunk(); c != null; c = c.next) {
            if (c.s == s) {
                return c;
            }
        }
        throw new IllegalStateException("weir internal error: stack array not owned by this store");
    }

    /**
     * The trampoline: runs pending tail calls one after another at {@code s/r[base ..)} until one
     * returns normally; its results are then at {@code s/r[base ..)}.
     */
    public void finishTailCalls(long[] s, Object[] r, int base) {
        FunctionInstance f;
        while ((f = tailCall) != null) {
            tailCall = null;
            f.enter(this, s, r, base);
        }
    }

    /** Charges fuel; traps "all fuel consumed" when it runs out. */
    public void consumeFuel(long n) {
        if ((fuel -= n) < 0) {
            fuel = 0;
            throw Traps.outOfFuel();
        }
    }

    /**
     * The hot-path check. While no store in the process is interrupted, {@link Interrupts#anyPending()}
     * is a constant {@code false} for the JIT and the check costs nothing. Otherwise an opaque read
     * sees another thread's {@code interrupt()} eventually (it is never hoisted out of a loop) but,
     * unlike a volatile read, does not order the loads around it.
     */
    public boolean interruptRequested() {
        return Interrupts.anyPending() && (boolean) INTERRUPTED.getOpaque(this);
    }

    /** Traps "interrupted" (and clears the flag, so the store can run again). */
    public void checkInterrupt() {
        if (interrupted && Interrupts.clear(this)) {
            throw Traps.interrupted();
        }
    }

    /** Asks the code running in this store (from any thread) to trap "interrupted" at its next poll. */
    public void requestInterrupt() {
        Interrupts.request(this);
    }
}
