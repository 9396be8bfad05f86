package dev.weir.exchange;

import dev.weir.Instance;
import dev.weir.MalformedStringException;
import dev.weir.Memory;
import dev.weir.Trap;
import dev.weir.exchange.internal.Exports;
import dev.weir.exchange.internal.StringCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A guest's heap seen from the host: its memory plus its allocator ({@link Allocators profiles}),
 * with ownership-safe handles for everything the host puts in or takes out.
 *
 * <pre>{@code
 * GuestHeap heap = GuestHeap.detect(instance);
 * try (GuestBuffer in = heap.copyIn(new byte[] {1, 2, 3, 4, 5})) {
 *     int sum = instance.func("array_sum").callInt(in.ptr(), in.length());      // 15
 * }
 * String up = heap.callString("upper", "this should be uppercase");             // allocate, copy, call, read, free
 * }</pre>
 *
 * <p>Every guest pointer is validated before use (allocator results, returned pointer/length
 * pairs), every host-owned block is tracked until it is freed exactly once, and no array of guest
 * memory is kept across calls (growth-safe). Unclosed handles that become unreachable are reported
 * through {@link #onLeak}; they are not freed behind the guest's back. Like a store, a heap is
 * used by one thread at a time.
 */
public final class GuestHeap {
    private static final System.Logger LOG = System.getLogger(GuestHeap.class.getName());
    private static final long MAX_U32 = 0xFFFF_FFFFL;

    private final Memory memory;
    private final GuestAllocator allocator;
    private final Instance instance;
    private final Object lock = new Object();
    /** Live host-owned / awaiting-release handles, in creation order (guarded by lock). */
    private final Set<Handle> live = Collections.newSetFromMap(new java.util.LinkedHashMap<>());
    /** Non-empty live blocks by start address, for overlap checks (guarded by lock). */
    private final TreeMap<Long, Handle> blocks = new TreeMap<>();
    private volatile Consumer<LiveAllocation> leakListener = GuestHeap::logLeak;
    private volatile boolean recordSites;

    private GuestHeap(Memory memory, GuestAllocator allocator, Instance instance) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.instance = instance;
    }

    /**
     * Picks the allocator profile from the instance's exports (wasm-bindgen, component model,
     * AssemblyScript, raw Rust, malloc/free, bump, in that order).
     *
     * @throws IllegalArgumentException naming every export combination looked for and the exports found
     */
    public static GuestHeap detect(Instance instance) {
        List<String> tried = new ArrayList<>();
        for (AllocatorProfile p : Allocators.detectionOrder()) {
            String why = p.mismatch(instance);
            if (why == null) {
                return of(instance, p);
            }
            tried.add(p.name() + " [" + p.requirement() + "]: " + why);
        }
        throw new IllegalArgumentException("no known guest allocator in the exports. Looked for:\n  "
                + String.join("\n  ", tried) + "\nexported functions: " + Exports.functionNames(instance));
    }

    /** A heap with a chosen profile over the instance's exported memory. */
    public static GuestHeap of(Instance instance, AllocatorProfile profile) {
        return new GuestHeap(Exports.memory(instance), profile.bind(instance), instance);
    }

    /** A heap over an instance with a custom allocator. */
    public static GuestHeap of(Instance instance, GuestAllocator allocator) {
        return new GuestHeap(Exports.memory(instance), allocator, instance);
    }

    /** A heap over a bare memory (no instance: the call helpers are unavailable). Useful with host-side allocators. */
    public static GuestHeap of(Memory memory, GuestAllocator allocator) {
        return new GuestHeap(memory, allocator, null);
    }

    public Memory memory() {
        return memory;
    }

    public GuestAllocator allocator() {
        return allocator;
    }

    /** The instance, or null for a heap over a bare memory. */
    public Instance instance() {
        return instance;
    }

    // ------------------------------------------------------------------ host-owned allocations

    /** An uninitialized host-owned block of {@code size} bytes (alignment 1). */
    public GuestBuffer allocate(int size) {
        return allocate(size, 1);
    }

    /** An uninitialized host-owned block; {@code align} is a power of two (ignored by profiles without alignment). */
    public GuestBuffer allocate(int size, int align) {
        long p = allocateBlock(size, align, null);
        return buffer(track(p, size, align, Ownership.HOST, "allocate", null), p, size);
    }

    /** Copies bytes into a new host-owned block: one copy. */
    public GuestBuffer copyIn(byte[] data) {
        return copyIn(data, 0, data.length);
    }

    public GuestBuffer copyIn(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        return copyInAligned(data, off, len, 1);
    }

    /** Little-endian {@code i16} elements (alignment 2). */
    public GuestBuffer copyIn(short[] data) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(data.length, 2)).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(data);
        return copyInAligned(b.array(), 0, b.capacity(), 2);
    }

    /** Little-endian {@code i32} elements (alignment 4, when the profile honours alignment). */
    public GuestBuffer copyIn(int[] data) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(data.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(data);
        return copyInAligned(b.array(), 0, b.capacity(), 4);
    }

    public GuestBuffer copyIn(long[] data) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(data.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(data);
        return copyInAligned(b.array(), 0, b.capacity(), 8);
    }

    public GuestBuffer copyIn(float[] data) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(data.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return copyInAligned(b.array(), 0, b.capacity(), 4);
    }

    public GuestBuffer copyIn(double[] data) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(data.length, 8)).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(data);
        return copyInAligned(b.array(), 0, b.capacity(), 8);
    }

    private GuestBuffer copyInAligned(byte[] data, int off, int len, int align) {
        long p = allocateBlock(len, align, null);
        Handle h = track(p, len, align, Ownership.HOST, "copyIn", null);
        writeOrFree(h, p, data, off, len);
        return buffer(h, p, len);
    }

    /** Encodes {@code s} in the guest language's charset (UTF-8; UTF-16LE for AssemblyScript). */
    public GuestString copyInString(String s) {
        return copyInString(s, allocator.stringCharset());
    }

    /**
     * Encodes {@code s} strictly (an unpaired surrogate is a {@link MalformedStringException}, never a
     * silent {@code '?'}) and copies it into a new host-owned block, without terminator.
     */
    public GuestString copyInString(String s, Charset charset) {
        byte[] b = StringCodec.encode(s, charset);
        long p = allocateBlock(b.length, 1, charset);
        Handle h = track(p, b.length, 1, Ownership.HOST, "copyInString", null);
        writeOrFree(h, p, b, 0, b.length);
        return new GuestString(h, memory, p, b.length, charset);
    }

    /** UTF-8 plus a NUL terminator (C strings); {@link GuestString#byteLength()} excludes the NUL. */
    public GuestString copyInCString(String s) {
        int z = s.indexOf('\0');
        if (z >= 0) {
            throw new MalformedStringException("host string contains NUL at char " + z + ": not a C string", z, -1);
        }
        byte[] b = StringCodec.encode(s, StandardCharsets.UTF_8);
        byte[] withNul = java.util.Arrays.copyOf(b, b.length + 1);
        long p = allocateBlock(withNul.length, 1, null);
        Handle h = track(p, withNul.length, 1, Ownership.HOST, "copyInCString", null);
        writeOrFree(h, p, withNul, 0, withNul.length);
        return new GuestString(h, memory, p, b.length, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ guest-returned blocks

    /**
     * Takes ownership of a block the guest returned: {@code close()} frees it with the guest's
     * allocator as a block of {@code len} bytes (the raw Rust convention: free with the same size).
     *
     * @throws GuestMemoryException if the range does not fit in memory, or is null with a length
     * @throws IllegalStateException if the range overlaps a block the host already owns (taking it would free it twice)
     */
    public GuestBuffer take(long ptr, int len) {
        return take(ptr, len, len, 1);
    }

    /** Takes a block whose allocation size or alignment differs from the data length (e.g. a NUL after the data). */
    public GuestBuffer take(long ptr, int len, long allocSize, int align) {
        checkGuestRange(ptr, len, "take");
        return buffer(track(ptr, Math.max(allocSize, len), align, Ownership.HOST, "take", null), ptr, len);
    }

    /** Reads a guest-returned string, then frees its block (size {@code len}) at once. */
    public String takeString(long ptr, int len, Charset charset) {
        checkGuestRange(ptr, len, "takeString");
        Handle h = track(ptr, len, 1, Ownership.HOST, "takeString", null);
        try (GuestString s = new GuestString(h, memory, ptr, len, charset)) {
            return s.read();
        }
    }

    /** A read-only view of guest-owned bytes; the host never frees it. */
    public GuestBuffer borrow(long ptr, int len) {
        checkGuestRange(ptr, len, "borrow");
        return new GuestBuffer(borrowHandle(ptr, len, "borrow"), memory, ptr, len);
    }

    public GuestString borrowString(long ptr, int len, Charset charset) {
        checkGuestRange(ptr, len, "borrowString");
        return new GuestString(borrowHandle(ptr, len, "borrowString"), memory, ptr, len, charset);
    }

    // ------------------------------------------------------------------ leak tracking

    /** Every block the host currently owns or must still release, oldest first. */
    public List<LiveAllocation> liveAllocations() {
        synchronized (lock) {
            List<LiveAllocation> out = new ArrayList<>(live.size());
            for (Handle h : live) {
                out.add(h.snapshot());
            }
            return out;
        }
    }

    /** Live blocks whose handle was garbage-collected without {@code close()}: definite leaks. */
    public List<LiveAllocation> leaks() {
        synchronized (lock) {
            List<LiveAllocation> out = new ArrayList<>();
            for (Handle h : live) {
                if (h.unreachable) {
                    out.add(h.snapshot());
                }
            }
            return out;
        }
    }

    /** Frees (on this thread, the store's) every block listed by {@link #leaks()}; returns how many. */
    public int freeLeaked() {
        List<Handle> victims = new ArrayList<>();
        synchronized (lock) {
            for (Handle h : live) {
                if (h.unreachable) {
                    victims.add(h);
                }
            }
        }
        victims.forEach(this::close);
        return victims.size();
    }

    /** Frees every live host-owned block (their handles become closed); returns how many. */
    public int freeAll() {
        List<Handle> victims;
        synchronized (lock) {
            victims = new ArrayList<>(live);
        }
        victims.forEach(this::close);
        return victims.size();
    }

    /**
     * Called (on the JVM's cleaner thread) for each handle found unreachable while still open. The
     * default logs a warning. The block stays allocated until {@link #freeLeaked()} or
     * {@link #freeAll()} runs on the store's thread.
     */
    public GuestHeap onLeak(Consumer<LiveAllocation> listener) {
        this.leakListener = listener == null ? a -> { } : listener;
        return this;
    }

    /** Records a stack trace per host-owned block (for leak reports); off by default because it is costly. */
    public GuestHeap recordAllocationSites(boolean on) {
        this.recordSites = on;
        return this;
    }

    // ------------------------------------------------------------------ call helpers

    /**
     * Calls a guest function on bytes lowered the profile's way ({@code (ptr, len)}; an
     * AssemblyScript {@code Uint8Array}) and returns its {@code i32} result. The argument is freed
     * (or handed to the guest, for wasm-bindgen and the component model) by the profile's rules.
     */
    public int callInt(String export, byte[] data) {
        return Calls.callInt(this, export, data);
    }

    /** Calls {@code export(string) -> string} with the profile's lowering and result convention. */
    public String callString(String export, String arg) {
        return Calls.callString(this, export, arg, allocator.defaultResultConvention());
    }

    /** Calls {@code export(string) -> string} reading the result with {@code convention}. */
    public String callString(String export, String arg, ResultConvention convention) {
        return Calls.callString(this, export, arg, convention);
    }

    /** Calls {@code export(bytes) -> bytes}, reading the result with {@code convention}. */
    public byte[] callBytes(String export, byte[] arg, ResultConvention convention) {
        return Calls.callBytes(this, export, arg, convention);
    }

    // ------------------------------------------------------------------ internals

    Instance requireInstance() {
        if (instance == null) {
            throw new IllegalStateException("this heap is over a bare memory: no instance to call");
        }
        return instance;
    }

    long allocateBlock(long size, int align, Charset stringCharset) {
        return allocateBlock(size, align, stringCharset, stringCharset == null
                ? () -> allocator.allocate(size, align) : () -> allocator.allocateString(size, stringCharset));
    }

    /** Runs an allocation and validates its result: trap, null and out-of-bounds become {@link GuestAllocationException}. */
    long allocateBlock(long size, int align, Charset stringCharset, LongSupplier call) {
        if (align <= 0 || (align & (align - 1)) != 0) {
            throw new IllegalArgumentException("alignment must be a power of two: " + align);
        }
        if (size < 0 || size > MAX_U32) {
            throw new GuestAllocationException("cannot allocate " + size + " bytes in a 32-bit guest", size);
        }
        long p;
        try {
            p = call.getAsLong();
        } catch (Trap t) {
            throw new GuestAllocationException(String.format(Locale.ROOT,
                    "%s trapped allocating %d bytes (align %d): %s", allocator.name(), size, align, t.getMessage()), size, t);
        }
        if (p == 0 && size > 0) {
            throw new GuestAllocationException(String.format(Locale.ROOT,
                    "%s returned 0 (null) for %d bytes (align %d): the guest is out of memory",
                    allocator.name(), size, align), size);
        }
        long mem = memory.byteSize();
        if (p < 0 || p > MAX_U32 || size > mem || p > mem - size) {
            throw new GuestAllocationException(String.format(Locale.ROOT,
                    "%s returned an out-of-bounds block: ptr=0x%x, size=%d, memory size=%d",
                    allocator.name(), p, size, mem), size);
        }
        return p;
    }

    private void writeOrFree(Handle h, long p, byte[] data, int off, int len) {
        try {
            memory.write(p, data, off, len);
        } catch (RuntimeException e) {
            close(h);
            throw e;
        }
    }

    /** Validates a guest-supplied range (whoever produced it is named in the message). */
    void checkGuestRange(long ptr, long len, String what) {
        long mem = memory.byteSize();
        if (len < 0 || ptr < 0 || ptr > MAX_U32 || len > mem || ptr > mem - len) {
            throw new GuestMemoryException(String.format(Locale.ROOT,
                    "%s: pointer/length out of bounds: addr=0x%x, len=%d, memory size=%d", what, ptr, len, mem),
                    ptr, len, mem);
        }
        if (ptr == 0 && len > 0) {
            throw new GuestMemoryException(String.format(Locale.ROOT,
                    "%s: null pointer with length %d", what, len), ptr, len, mem);
        }
    }

    /** Registers a new owned block; rejects overlap with a live one (a guest heap gone wrong, or a double take). */
    Handle track(long p, long size, int align, Ownership ownership, String origin, Runnable release) {
        Handle h = new Handle(this, p, size, align, ownership, origin, release,
                recordSites ? new Throwable("allocation site of " + origin) : null);
        synchronized (lock) {
            if (size > 0) {
                Handle clash = overlapping(p, size);
                if (clash != null) {
                    String msg = String.format(Locale.ROOT, "block 0x%x (%d bytes, %s) overlaps %s, which the host"
                            + " already owns", p, size, origin, clash);
                    if (origin.startsWith("copyIn") || origin.equals("allocate")) {
                        throw new GuestAllocationException(allocator.name() + " returned a block in use: " + msg
                                + " (guest heap corrupted?)", size);
                    }
                    throw new IllegalStateException(msg + ": taking it would free it twice");
                }
                blocks.put(p, h);
            }
            live.add(h);
        }
        return h;
    }

    private Handle overlapping(long p, long size) {
        Map.Entry<Long, Handle> below = blocks.floorEntry(p);
        if (below != null && below.getKey() + below.getValue().blockSize > p) {
            return below.getValue();
        }
        Map.Entry<Long, Handle> above = blocks.ceilingEntry(p);
        if (above != null && above.getKey() < p + size) {
            return above.getValue();
        }
        return null;
    }

    Handle borrowHandle(long p, long len, String origin) {
        return new Handle(this, p, len, 1, Ownership.BORROWED, origin, null, null);
    }

    GuestBuffer buffer(Handle h, long p, int len) {
        GuestBuffer b = new GuestBuffer(h, memory, p, len);
        h.cleanable = Handle.CLEANER.register(b, h);
        return b;
    }

    GuestString string(Handle h, long p, int len, Charset cs) {
        GuestString s = new GuestString(h, memory, p, len, cs);
        if (h.ownership != Ownership.BORROWED) {
            h.cleanable = Handle.CLEANER.register(s, h);
        }
        return s;
    }

    private void untrack(Handle h) {
        synchronized (lock) {
            live.remove(h);
            if (h.blockSize > 0 && blocks.get(h.blockAddress) == h) {
                blocks.remove(h.blockAddress);
            }
        }
    }

    void given(Handle h) {
        h.state = Handle.State.GIVEN;
        untrack(h);
        if (h.cleanable != null) {
            h.cleanable.clean();
        }
    }

    void close(Handle h) {
        if (h.state != Handle.State.OPEN) {
            return; // second close, or close after give: nothing to free
        }
        h.state = Handle.State.CLOSED;
        untrack(h);
        if (h.cleanable != null) {
            h.cleanable.clean();
        }
        switch (h.ownership) {
            case HOST:
                try {
                    allocator.free(h.blockAddress, h.blockSize, h.align);
                } finally {
                    if (h.release != null) {
                        h.release.run();
                    }
                }
                break;
            case GUEST_RELEASE:
                h.release.run();
                break;
            default:
                break;
        }
    }

    void reportUnreachable(Handle h) {
        try {
            leakListener.accept(h.snapshot());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "leak listener failed", e);
        }
    }

    private static void logLeak(LiveAllocation a) {
        LOG.log(System.Logger.Level.WARNING, "guest block " + a + " was never closed and its handle is unreachable;"
                + " it stays allocated until GuestHeap.freeLeaked() or freeAll()", a.allocationSite());
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "GuestHeap[" + allocator.name() + ", " + live.size() + " live blocks]";
        }
    }
}
