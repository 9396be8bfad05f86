package dev.weir;

import dev.weir.internal.memory.Atomics;
import dev.weir.internal.memory.Chunks;
import dev.weir.internal.memory.Growth;
import dev.weir.internal.memory.Raw;
import dev.weir.internal.memory.Strings;
import dev.weir.internal.memory.Waiters;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A WebAssembly linear memory: a little-endian byte array of {@code pages() * pageSize()} bytes
 * that only grows (spec 4.2.8 "Memory Instances").
 *
 * <h2>Three faces</h2>
 * <ul>
 *   <li><b>Wasm hot path</b> ({@code loadI32}, {@code storeI64}, {@code fill}, {@code copy}, atomics,
 *       ...) for the interpreter and compiler. The effective address {@code ea} is an
 *       <em>unsigned</em> 64-bit value (base + offset computed by the caller); a negative
 *       {@code long} is therefore beyond any memory. Failures throw
 *       {@link Trap}{@code ("out of bounds memory access")} and change nothing.</li>
 *   <li><b>Host API</b> ({@code read/write}, {@code readInt}, {@code readString}, ...) for embedders.
 *       Failures throw {@link MemoryAccessException} or {@link MalformedStringException} and
 *       change nothing.</li>
 *   <li><b>Views</b>: {@link #view(long, long)} returns a {@link MemoryView} that never goes stale.</li>
 * </ul>
 *
 * <h2>Storage (why it looks like this)</h2>
 * A Java array holds at most ~2^31 bytes, but a wasm32 memory must be able to reach 65536 pages =
 * 4 GiB. So there are two layouts behind this one final class:
 * <ol>
 *   <li><b>Flat</b> (unshared memories up to {@code 2^31 - 64 KiB} bytes): one {@code byte[]} read
 *       little-endian through {@link Raw} (an Unsafe intrinsic where safe, else VarHandle views).
 *       The hot path is {@code flat != null && ea >= 0 && ea <= size - N}, then one access; the
 *       segmented code lives in separate (non-inlined) methods, so the flat path stays small
 *       enough for the JIT to inline into the interpreter loop and compiled code.</li>
 *   <li><b>Segmented</b>: a table of {@code byte[]} chunks of {@code 2^chunkShift} bytes (1 GiB
 *       for large unshared memories). Accesses straddling a chunk boundary are assembled byte by
 *       byte; bulk operations split at chunk boundaries.</li>
 * </ol>
 * The byte capacity is kept separate from the size: a flat array grows geometrically (x1.5, capped
 * by the maximum), as does the last chunk of a segmented memory, so growing page by page does not
 * copy every time. Bounds checks always use the current size; bytes between size and capacity are
 * never written and therefore stay zero, as freshly grown memory must be.
 *
 * <p><b>Shared memories</b> (threads proposal) are always segmented with small chunks (at most 1 MiB)
 * that are <em>never reallocated</em>: growing only appends chunks and then publishes the new size
 * with release semantics, so a thread racing with {@code memory.grow} can never write into a
 * discarded array. Unshared memories, like wasm itself, are confined to one thread at a time.
 *
 * <p>Every reallocation of a backing array increments an internal generation counter; views do not
 * need it because they hold no array, only this memory and an address range.
 *
 * <h2>Bounds arithmetic</h2>
 * All checks are overflow-safe: {@code addr + len} is never computed before both are known to be
 * within the size, which is below 2^62. Compare {@code addr <= size - len} after {@code len <= size}.
 */
public final class Memory extends Wasm32Access {

    /** Called after a successful {@code grow}; keep it cheap: it runs on the growing thread. */
    @FunctionalInterface
    public interface GrowListener {
        void onGrow(Memory memory, long oldPages, long newPages);
    }

    /** Largest flat size: the last 64 KiB multiple below the JVM's array length limit. */
    static final long DEFAULT_FLAT_LIMIT = (1L << 31) - (1L << 16);
    /** Chunk size of large unshared memories: 1 GiB. */
    static final int DEFAULT_CHUNK_SHIFT = 30;
    /** Upper bound of shared-memory chunk size: small, so growth never has to move data. */
    static final int SHARED_MAX_CHUNK_SHIFT = 20;
    /** memory64 sizes beyond this cannot be represented by the chunk table; grow fails first. */
    static final long MAX_BYTES_64 = 1L << 60;

    private static final String OOB = "out of bounds memory access";

    private static final VarHandle SIZE;
    private static final VarHandle CHUNKS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SIZE = l.findVarHandle(Memory.class, "size", long.class);
            CHUNKS = l.findVarHandle(Memory.class, "chunks", byte[][].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ---- type (immutable) ----
    private final long minPages;
    private final long maxPages;      // declared, -1 if none
    private final long maxPagesEff;   // min(declared max, address space, store limit)
    private final long maxBytes;      // maxPagesEff << pageLog2
    private final int pageLog2;
    private final boolean shared;
    private final boolean address64;
    private final long flatLimit;
    private final int segShift;

    // ---- storage; written only under growLock, published by the release-store of size ----
    // flat (non-null iff flat layout; then chunks == {flat}) is in Wasm32Access
    private byte[][] chunks;      // never null; chunk i covers [i << chunkShift, ...)
    private int chunkShift;       // Chunks.FLAT_SHIFT for the flat layout
    private long chunkMask;
    private long size;            // current byte size (a page multiple)
    private long capacity;        // bytes backed by arrays, >= size
    private long generation;      // incremented whenever a backing array is replaced
    private GrowListener growListener;
    private volatile Waiters waiters;
    private final Object growLock = new Object();

    private Memory(long minPages, long maxPages, int pageLog2, boolean shared, boolean address64,
                   long maxBytesLimit, long flatLimit, int segShift) {
        if (pageLog2 < 0 || pageLog2 > 16) {
            throw new IllegalArgumentException("page size must be 2^0 .. 2^16 bytes, got 2^" + pageLog2);
        }
        if (minPages < 0 || maxPages < -1 || (maxPages != -1 && maxPages < minPages)) {
            throw new IllegalArgumentException("invalid memory limits: min=" + minPages + ", max=" + maxPages);
        }
        if (maxBytesLimit < 0) {
            throw new IllegalArgumentException("negative memory byte limit " + maxBytesLimit);
        }
        if (shared && maxPages == -1) {
            throw new IllegalArgumentException("shared memory must have a maximum");
        }
        long spacePages = (address64 ? MAX_BYTES_64 : 1L << 32) >>> pageLog2;
        if (!address64 && (minPages > spacePages || maxPages > spacePages)) {
            throw new IllegalArgumentException("memory size must be at most " + spacePages + " pages ("
                    + "4 GiB), got min=" + minPages + ", max=" + maxPages);
        }
        this.minPages = minPages;
        this.maxPages = maxPages;
        this.pageLog2 = pageLog2;
        this.shared = shared;
        this.address64 = address64;
        this.flatLimit = flatLimit;
        this.segShift = segShift;
        long eff = maxPages == -1 ? spacePages : Math.min(maxPages, spacePages);
        this.maxPagesEff = Math.min(eff, maxBytesLimit >>> pageLog2);
        this.maxBytes = maxPagesEff << pageLog2;
        if (minPages > maxPagesEff) {
            throw new Trap("memory minimum size of " + minPages + " pages exceeds memory limits ("
                    + maxBytes + " bytes)");
        }
        long minBytes = minPages << pageLog2;
        if (minBytes > Runtime.getRuntime().maxMemory()) {
            throw new Trap("memory minimum size of " + minPages + " pages could not be allocated: larger than the heap");
        }
        try {
            if (shared) {
                int sh = Math.max(3, 64 - Long.numberOfLeadingZeros(Math.max(maxBytes, 8) - 1));
                sh = Math.min(sh, Math.min(SHARED_MAX_CHUNK_SHIFT, segShift));
                setSegmented(Growth.shared(new byte[0][], minBytes, sh), sh);
            } else if (minBytes <= flatLimit) {
                setFlat(new byte[(int) Chunks.roundUp8(minBytes)]);
            } else {
                setSegmented(Growth.segmented(null, new byte[0][], 0, minBytes, segShift, maxBytes), segShift);
            }
        } catch (OutOfMemoryError e) {
            throw new Trap("memory minimum size of " + minPages + " pages could not be allocated", e);
        }
        SIZE.setRelease(this, minBytes);
        setEnds(size);
    }

    /**
     * Creates a memory of {@code minPages} zeroed pages.
     *
     * @param minPages      initial size in pages
     * @param maxPages      declared maximum in pages, or -1 for none (required when {@code shared})
     * @param pageSizeLog2  16 for standard 64 KiB pages; 0 for 1-byte pages (custom-page-sizes proposal)
     * @param shared        a shared memory (threads proposal): safe for concurrent use, never moves
     * @param address64     a memory64 memory (i64 addresses); otherwise limited to 2^32 bytes
     * @param maxBytesLimit store limit in bytes ({@link Long#MAX_VALUE} = none); growth beyond it fails
     * @throws IllegalArgumentException if the limits are not a valid memory type
     * @throws Trap if the minimum exceeds {@code maxBytesLimit} or cannot be allocated
     */
    public static Memory create(long minPages, long maxPages, int pageSizeLog2, boolean shared,
                                boolean address64, long maxBytesLimit) {
        return new Memory(minPages, maxPages, pageSizeLog2, shared, address64, maxBytesLimit,
                DEFAULT_FLAT_LIMIT, DEFAULT_CHUNK_SHIFT);
    }

    /** Test factory: chooses the flat-layout limit and the chunk size so small memories take the segmented path. */
    static Memory create(long minPages, long maxPages, int pageSizeLog2, boolean shared, boolean address64,
                         long maxBytesLimit, long flatLimit, int chunkShift) {
        if (flatLimit < 0 || flatLimit > DEFAULT_FLAT_LIMIT || (flatLimit & 7) != 0
                || chunkShift < 3 || chunkShift > DEFAULT_CHUNK_SHIFT) {
            throw new IllegalArgumentException("bad layout parameters");
        }
        return new Memory(minPages, maxPages, pageSizeLog2, shared, address64, maxBytesLimit, flatLimit, chunkShift);
    }

    // ------------------------------------------------------------------ type and size

    /** Current size in pages (the value of {@code memory.size}). */
    public long pages() {
        return (long) SIZE.getAcquire(this) >>> pageLog2;
    }

    /** Current size in bytes. */
    public long byteSize() {
        return (long) SIZE.getAcquire(this);
    }

    /** Declared minimum in pages. */
    public long minPages() {
        return minPages;
    }

    /** Declared maximum in pages, or -1 if none. */
    public long maxPages() {
        return maxPages;
    }

    /** Page size in bytes: 65536, or 1 with the custom-page-sizes proposal. */
    public int pageSize() {
        return 1 << pageLog2;
    }

    /** Whether this is a shared memory (threads proposal). */
    public boolean isShared() {
        return shared;
    }

    /** Whether this is a memory64 memory. */
    public boolean isAddress64() {
        return address64;
    }

    /** Installs (or with {@code null} removes) the listener called after each successful grow. */
    public void setGrowListener(GrowListener listener) {
        synchronized (growLock) {
            this.growListener = listener;
        }
    }

    /**
     * {@code memory.grow}: adds {@code deltaPages} zeroed pages (spec 4.4.7).
     *
     * @param deltaPages pages to add, an unsigned value (a negative {@code long} always fails)
     * @return the old size in pages, or -1 if the memory cannot grow: past the declared maximum, the
     *         address space (2^32 bytes for wasm32), the store limit, or the host's heap
     */
    public long grow(long deltaPages) {
        long oldPages;
        long newPages;
        GrowListener l;
        synchronized (growLock) {
            long oldSize = size;
            oldPages = oldSize >>> pageLog2;
            if (deltaPages < 0 || deltaPages > maxPagesEff - oldPages) {
                return -1;
            }
            if (deltaPages == 0) {
                return oldPages;
            }
            newPages = oldPages + deltaPages;
            long newSize = newPages << pageLog2;
            try {
                ensureCapacity(newSize, oldSize);
            } catch (OutOfMemoryError e) {
                return -1; // the spec lets memory.grow fail for any reason; state is unchanged
            }
            SIZE.setRelease(this, newSize);
            setEnds(size);
            l = growListener;
        }
        if (l != null) {
            l.onGrow(this, oldPages, newPages);
        }
        return oldPages;
    }

    /** Allocates first and publishes last, so an OutOfMemoryError leaves the memory untouched. */
    private void ensureCapacity(long newSize, long oldSize) {
        if (newSize - capacity > Runtime.getRuntime().maxMemory()) {
            // Certain to fail: do not fill the heap (and run full GCs) only to catch the error.
            throw new OutOfMemoryError("memory growth larger than the maximum heap");
        }
        if (shared) {
            byte[][] t = Growth.shared(chunks, newSize, chunkShift);
            CHUNKS.setRelease(this, t); // existing chunks stay: no generation change
            capacity = Growth.capacity(t);
        } else if (newSize <= capacity) {
            // bytes in [size, capacity) were never written: already zero
        } else if (flat != null && newSize <= flatLimit) {
            setFlat(Arrays.copyOf(flat, (int) Growth.flatCapacity(capacity, newSize, maxBytes, flatLimit)));
            generation++;
        } else {
            setSegmented(Growth.segmented(flat, chunks, oldSize, newSize, segShift, maxBytes), segShift);
            generation++;
        }
    }

    private void setFlat(byte[] a) {
        flat = a;
        chunks = new byte[][] {a};
        chunkShift = Chunks.FLAT_SHIFT;
        chunkMask = (1L << Chunks.FLAT_SHIFT) - 1;
        capacity = a.length;
    }

    private void setSegmented(byte[][] t, int shift) {
        flat = null;
        chunkShift = shift;
        chunkMask = (1L << shift) - 1;
        CHUNKS.setRelease(this, t);
        capacity = Growth.capacity(t);
    }

    /** Bytes currently backed by arrays (>= byteSize()); for tests. */
    long capacity() {
        synchronized (growLock) {
            return capacity;
        }
    }

    /** Number of backing-array reallocations so far; for tests and stale-view diagnostics. */
    long generation() {
        synchronized (growLock) {
            return generation;
        }
    }

    /** Whether the flat single-array layout is in use; for tests. */
    boolean isFlat() {
        synchronized (growLock) {
            return flat != null;
        }
    }

    // ------------------------------------------------------------------ wasm hot path: loads
    // Fast path: flat layout and in bounds. Anything else (segmented, shared, out of bounds) goes
    // to a separate method so the fast path stays small. ea is unsigned: ea < 0 is out of bounds.

    /** {@code i32.load}. */
    public int loadI32(long ea) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 4) {
            return Raw.getInt(f, ea);
        }
        return (int) slowLoad(ea, 4);
    }

    /** {@code i64.load}. */
    public long loadI64(long ea) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 8) {
            return Raw.getLong(f, ea);
        }
        return slowLoad(ea, 8);
    }

    /**
     * {@code f32.load}. Note {@link Float#intBitsToFloat} may quiet signalling NaNs on some
     * platforms; engines that must preserve NaN bits should keep floats as raw bits via {@link #loadI32}.
     */
    public float loadF32(long ea) {
        return Float.intBitsToFloat(loadI32(ea));
    }

    /** {@code f64.load}; see {@link #loadF32} about NaN bits. */
    public double loadF64(long ea) {
        return Double.longBitsToDouble(loadI64(ea));
    }

    /** {@code i32.load8_s}. */
    public int loadI8S(long ea) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea < size) {
            return f[(int) ea];
        }
        return (int) slowLoad(ea, 1);
    }

    /** {@code i32.load8_u}. */
    public int loadI8U(long ea) {
        return loadI8S(ea) & 0xFF;
    }

    /** {@code i32.load16_s}. */
    public int loadI16S(long ea) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 2) {
            return Raw.getShort(f, ea);
        }
        return (int) slowLoad(ea, 2);
    }

    /** {@code i32.load16_u}. */
    public int loadI16U(long ea) {
        return loadI16S(ea) & 0xFFFF;
    }

    /** {@code i64.load32_u}. (For {@code i64.load8/16/32_s} widen the int-returning loads.) */
    public long loadI32U(long ea) {
        return loadI32(ea) & 0xFFFF_FFFFL;
    }

    /** Low 8 bytes of {@code v128.load}; checks all 16 bytes, so a trap happens before any read. */
    public long loadV128Lo(long ea) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 16) {
            return Raw.getLong(f, ea);
        }
        checkWasm(ea, 16);
        return segLoad(ea, 8);
    }

    /** High 8 bytes of {@code v128.load} (bytes ea+8 .. ea+15); checks all 16 bytes. */
    public long loadV128Hi(long ea) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 16) {
            return Raw.getLong(f, ea + 8);
        }
        checkWasm(ea, 16);
        return segLoad(ea + 8, 8);
    }

    // ------------------------------------------------------------------ wasm hot path: stores

    /** {@code i32.store8} / {@code i64.store8}: stores the low 8 bits. */
    public void storeI8(long ea, int v) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea < size) {
            f[(int) ea] = (byte) v;
            return;
        }
        slowStore(ea, 1, v);
    }

    /** {@code i32.store16} / {@code i64.store16}: stores the low 16 bits. */
    public void storeI16(long ea, int v) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 2) {
            Raw.putShort(f, ea, (short) v);
            return;
        }
        slowStore(ea, 2, v);
    }

    /** {@code i32.store} / {@code i64.store32}. */
    public void storeI32(long ea, int v) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 4) {
            Raw.putInt(f, ea, v);
            return;
        }
        slowStore(ea, 4, v);
    }

    /** {@code i64.store}. */
    public void storeI64(long ea, long v) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 8) {
            Raw.putLong(f, ea, v);
            return;
        }
        slowStore(ea, 8, v);
    }

    /** {@code f32.store}. */
    public void storeF32(long ea, float v) {
        storeI32(ea, Float.floatToRawIntBits(v));
    }

    /** {@code f64.store}. */
    public void storeF64(long ea, double v) {
        storeI64(ea, Double.doubleToRawLongBits(v));
    }

    /** {@code v128.store}: all 16 bytes are checked before either half is written. */
    public void storeV128(long ea, long lo, long hi) {
        byte[] f = flat;
        if (f != null && ea >= 0 && ea <= size - 16) {
            Raw.putLong(f, ea, lo);
            Raw.putLong(f, ea + 8, hi);
            return;
        }
        checkWasm(ea, 16);
        segStore(ea, 8, lo);
        segStore(ea + 8, 8, hi);
    }

    // ------------------------------------------------------------------ slow and segmented paths

    private static Trap oob() {
        return new Trap(OOB);
    }

    /** Traps unless {@code [ea, ea+n)} is inside the memory; reads the size with acquire semantics. */
    private void checkWasm(long ea, int n) {
        if (ea < 0 || ea > (long) SIZE.getAcquire(this) - n) {
            throw oob();
        }
    }

    private long slowLoad(long ea, int n) {
        checkWasm(ea, n);
        return segLoad(ea, n);
    }

    private void slowStore(long ea, int n, long v) {
        checkWasm(ea, n);
        segStore(ea, n, v);
    }

    /** In-bounds load of n bytes, sign-extended; ea already checked. */
    private long segLoad(long ea, int n) {
        byte[][] t = chunks;
        int ci = (int) (ea >>> chunkShift);
        int off = (int) (ea & chunkMask);
        if (ci < t.length) {
            byte[] c = t[ci];
            if (c != null && off <= c.length - n) {
                switch (n) {
                    case 1: return c[off];
                    case 2: return Raw.getShort(c, off);
                    case 4: return Raw.getInt(c, off);
                    default: return Raw.getLong(c, off);
                }
            }
        }
        long r = 0; // straddles a chunk boundary
        for (int i = 0; i < n; i++) {
            long a = ea + i;
            r |= (chunkAt(a)[(int) (a & chunkMask)] & 0xFFL) << (8 * i);
        }
        switch (n) {
            case 1: return (byte) r;
            case 2: return (short) r;
            case 4: return (int) r;
            default: return r;
        }
    }

    /** In-bounds store of the low n bytes of v; ea already checked, so it never writes partially. */
    private void segStore(long ea, int n, long v) {
        byte[][] t = chunks;
        int ci = (int) (ea >>> chunkShift);
        int off = (int) (ea & chunkMask);
        if (ci < t.length) {
            byte[] c = t[ci];
            if (c != null && off <= c.length - n) {
                switch (n) {
                    case 1: c[off] = (byte) v; return;
                    case 2: Raw.putShort(c, off, (short) v); return;
                    case 4: Raw.putInt(c, off, (int) v); return;
                    default: Raw.putLong(c, off, v); return;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            long a = ea + i;
            chunkAt(a)[(int) (a & chunkMask)] = (byte) (v >>> (8 * i));
        }
    }

    /** The chunk holding in-bounds address a. */
    private byte[] chunkAt(long a) {
        byte[][] t = chunks;
        int ci = (int) (a >>> chunkShift);
        if (ci < t.length && t[ci] != null && (a & chunkMask) < t[ci].length) {
            return t[ci];
        }
        synchronized (growLock) { // a racing grow of a shared memory: re-read under the lock
            t = chunks;
            ci = (int) (a >>> chunkShift);
            if (ci < t.length && t[ci] != null && (a & chunkMask) < t[ci].length) {
                return t[ci];
            }
        }
        throw new IllegalStateException("weir internal error: address 0x" + Long.toHexString(a)
                + " is within the memory size but not backed");
    }

    // ------------------------------------------------------------------ bulk memory (spec 4.4.7)

    /** Whether unsigned {@code [addr, addr+len)} lies within {@code [0, limit)}, without overflow. */
    private static boolean inBounds(long addr, long len, long limit) {
        return Long.compareUnsigned(len, limit) <= 0 && Long.compareUnsigned(addr, limit - len) <= 0;
    }

    /** {@code memory.fill}: sets {@code len} bytes (unsigned) at {@code dst}; traps before writing if out of bounds. */
    public void fill(long dst, int value, long len) {
        if (!inBounds(dst, len, (long) SIZE.getAcquire(this))) {
            throw oob();
        }
        Chunks.fill(chunks, chunkShift, dst, (byte) value, len);
    }

    /** {@code memory.copy} within this memory, with memmove semantics for overlapping ranges. */
    public void copy(long dst, long src, long len) {
        long s = (long) SIZE.getAcquire(this);
        if (!inBounds(dst, len, s) || !inBounds(src, len, s)) {
            throw oob();
        }
        byte[][] t = chunks;
        Chunks.copy(t, chunkShift, dst, t, chunkShift, src, len, dst > src);
    }

    /** {@code memory.copy} between two memories (multi-memory): copies from {@code src} into this memory. */
    public void copyFrom(Memory src, long srcAddr, long dst, long len) {
        if (src == this) {
            copy(dst, srcAddr, len);
            return;
        }
        if (!inBounds(dst, len, (long) SIZE.getAcquire(this))
                || !inBounds(srcAddr, len, (long) SIZE.getAcquire(src))) {
            throw oob();
        }
        Chunks.copy(chunks, chunkShift, dst, src.chunks, src.chunkShift, srcAddr, len, false);
    }

    /**
     * {@code memory.init}: copies {@code data[srcOffset .. srcOffset+len)} to {@code dst}. Both ranges
     * (unsigned) are checked before anything is written; a dropped segment is an empty array.
     */
    public void init(long dst, byte[] data, long srcOffset, long len) {
        if (!inBounds(srcOffset, len, data.length) || !inBounds(dst, len, (long) SIZE.getAcquire(this))) {
            throw oob();
        }
        Chunks.write(chunks, chunkShift, dst, data, (int) srcOffset, (int) len);
    }

    // ------------------------------------------------------------------ atomics (threads proposal)

    /** Traps "unaligned atomic" or "out of bounds memory access"; returns the chunk offset of ea. */
    private byte[] atomicChunk(long ea, int n) {
        if ((ea & (n - 1)) != 0) {
            throw new Trap("unaligned atomic");
        }
        checkWasm(ea, n);
        return chunkAt(ea);
    }

    private long atomicLoad(long ea, int n) {
        byte[] c = atomicChunk(ea, n);
        return Atomics.load(c, (int) (ea & chunkMask), n, shared);
    }

    private void atomicStore(long ea, int n, long v) {
        byte[] c = atomicChunk(ea, n);
        Atomics.store(c, (int) (ea & chunkMask), n, v, shared);
    }

    private long rmw(long ea, int n, int op, long v) {
        byte[] c = atomicChunk(ea, n);
        return Atomics.rmw(c, (int) (ea & chunkMask), n, op, v, shared);
    }

    private long cmpxchg(long ea, int n, long expected, long replacement) {
        byte[] c = atomicChunk(ea, n);
        return Atomics.cmpxchg(c, (int) (ea & chunkMask), n, expected, replacement, shared);
    }

    /** Atomic 8-bit load, zero-extended. */
    public int atomicLoadI8(long ea) { return (int) atomicLoad(ea, 1); }
    /** Atomic 16-bit load, zero-extended. */
    public int atomicLoadI16(long ea) { return (int) atomicLoad(ea, 2); }
    /** Atomic 32-bit load. */
    public int atomicLoadI32(long ea) { return (int) atomicLoad(ea, 4); }
    /** Atomic 64-bit load. */
    public long atomicLoadI64(long ea) { return atomicLoad(ea, 8); }
    /** Atomic store of the low 8 bits. */
    public void atomicStoreI8(long ea, int v) { atomicStore(ea, 1, v); }
    /** Atomic store of the low 16 bits. */
    public void atomicStoreI16(long ea, int v) { atomicStore(ea, 2, v); }
    /** Atomic 32-bit store. */
    public void atomicStoreI32(long ea, int v) { atomicStore(ea, 4, v); }
    /** Atomic 64-bit store. */
    public void atomicStoreI64(long ea, long v) { atomicStore(ea, 8, v); }

    // Read-modify-write: each returns the old value; 8/16-bit results are zero-extended (rmwN.*_u).
    public int atomicRmwAddI8(long ea, int v) { return (int) rmw(ea, 1, Atomics.ADD, v); }
    public int atomicRmwAddI16(long ea, int v) { return (int) rmw(ea, 2, Atomics.ADD, v); }
    public int atomicRmwAddI32(long ea, int v) { return (int) rmw(ea, 4, Atomics.ADD, v); }
    public long atomicRmwAddI64(long ea, long v) { return rmw(ea, 8, Atomics.ADD, v); }
    public int atomicRmwSubI8(long ea, int v) { return (int) rmw(ea, 1, Atomics.SUB, v); }
    public int atomicRmwSubI16(long ea, int v) { return (int) rmw(ea, 2, Atomics.SUB, v); }
    public int atomicRmwSubI32(long ea, int v) { return (int) rmw(ea, 4, Atomics.SUB, v); }
    public long atomicRmwSubI64(long ea, long v) { return rmw(ea, 8, Atomics.SUB, v); }
    public int atomicRmwAndI8(long ea, int v) { return (int) rmw(ea, 1, Atomics.AND, v); }
    public int atomicRmwAndI16(long ea, int v) { return (int) rmw(ea, 2, Atomics.AND, v); }
    public int atomicRmwAndI32(long ea, int v) { return (int) rmw(ea, 4, Atomics.AND, v); }
    public long atomicRmwAndI64(long ea, long v) { return rmw(ea, 8, Atomics.AND, v); }
    public int atomicRmwOrI8(long ea, int v) { return (int) rmw(ea, 1, Atomics.OR, v); }
    public int atomicRmwOrI16(long ea, int v) { return (int) rmw(ea, 2, Atomics.OR, v); }
    public int atomicRmwOrI32(long ea, int v) { return (int) rmw(ea, 4, Atomics.OR, v); }
    public long atomicRmwOrI64(long ea, long v) { return rmw(ea, 8, Atomics.OR, v); }
    public int atomicRmwXorI8(long ea, int v) { return (int) rmw(ea, 1, Atomics.XOR, v); }
    public int atomicRmwXorI16(long ea, int v) { return (int) rmw(ea, 2, Atomics.XOR, v); }
    public int atomicRmwXorI32(long ea, int v) { return (int) rmw(ea, 4, Atomics.XOR, v); }
    public long atomicRmwXorI64(long ea, long v) { return rmw(ea, 8, Atomics.XOR, v); }
    public int atomicRmwXchgI8(long ea, int v) { return (int) rmw(ea, 1, Atomics.XCHG, v); }
    public int atomicRmwXchgI16(long ea, int v) { return (int) rmw(ea, 2, Atomics.XCHG, v); }
    public int atomicRmwXchgI32(long ea, int v) { return (int) rmw(ea, 4, Atomics.XCHG, v); }
    public long atomicRmwXchgI64(long ea, long v) { return rmw(ea, 8, Atomics.XCHG, v); }

    /** 8-bit compare-exchange: compares with {@code expected} wrapped to 8 bits; returns the old value zero-extended. */
    public int atomicCmpxchgI8(long ea, int expected, int replacement) { return (int) cmpxchg(ea, 1, expected, replacement); }
    /** 16-bit compare-exchange (expected wrapped to 16 bits). */
    public int atomicCmpxchgI16(long ea, int expected, int replacement) { return (int) cmpxchg(ea, 2, expected, replacement); }
    /** 32-bit compare-exchange. */
    public int atomicCmpxchgI32(long ea, int expected, int replacement) { return (int) cmpxchg(ea, 4, expected, replacement); }
    /** 64-bit compare-exchange. */
    public long atomicCmpxchgI64(long ea, long expected, long replacement) { return cmpxchg(ea, 8, expected, replacement); }

    /**
     * {@code memory.atomic.notify}: wakes up to {@code count} (unsigned) threads waiting at {@code ea}.
     *
     * @return the number of threads woken (always 0 for an unshared memory)
     */
    public int atomicNotify(long ea, int count) {
        atomicChunk(ea, 4);
        Waiters w = waiters;
        return !shared || w == null ? 0 : w.notify(ea, Integer.toUnsignedLong(count));
    }

    /**
     * {@code memory.atomic.wait32}. Traps "expected shared memory" on an unshared memory.
     *
     * @param timeoutNanos relative timeout; negative waits forever
     * @return 0 "ok" (notified), 1 "not-equal", 2 "timed-out"
     */
    public int atomicWait32(long ea, int expected, long timeoutNanos) {
        atomicChunk(ea, 4);
        if (!shared) {
            throw new Trap("expected shared memory");
        }
        return waiters().await(ea, () -> atomicLoadI32(ea) == expected, timeoutNanos);
    }

    /** {@code memory.atomic.wait64}; see {@link #atomicWait32}. */
    public int atomicWait64(long ea, long expected, long timeoutNanos) {
        atomicChunk(ea, 8);
        if (!shared) {
            throw new Trap("expected shared memory");
        }
        return waiters().await(ea, () -> atomicLoadI64(ea) == expected, timeoutNanos);
    }

    /** Threads currently waiting at {@code ea}; for tests. */
    int waitingAt(long ea) {
        Waiters w = waiters;
        return w == null ? 0 : w.waiting(ea);
    }

    private Waiters waiters() {
        Waiters w = waiters;
        if (w == null) {
            synchronized (growLock) {
                w = waiters;
                if (w == null) {
                    waiters = w = new Waiters();
                }
            }
        }
        return w;
    }

    // ------------------------------------------------------------------ host API
    // All-or-nothing: the whole range is checked first. Addresses are signed here: a host passing a
    // negative address or length gets an exception, never a wrap-around.

    private MemoryAccessException hostOob(long addr, long len, long s) {
        return new MemoryAccessException(String.format(Locale.ROOT,
                "pointer/length out of bounds: addr=0x%x, len=%d, memory size=%d", addr, len, s), addr, len, s);
    }

    private void checkHost(long addr, long len) {
        long s = (long) SIZE.getAcquire(this);
        if (len < 0 || addr < 0 || len > s || addr > s - len) {
            throw hostOob(addr, len, s);
        }
    }

    /** Copies {@code len} bytes at {@code addr} into {@code dst[off..off+len)}. */
    public void read(long addr, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        checkHost(addr, len);
        Chunks.read(chunks, chunkShift, addr, dst, off, len);
    }

    /** Copies {@code src[off..off+len)} to memory at {@code addr}. */
    public void write(long addr, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        checkHost(addr, len);
        Chunks.write(chunks, chunkShift, addr, src, off, len);
    }

    /** Copies all of {@code src} to memory at {@code addr}. */
    public void write(long addr, byte[] src) {
        write(addr, src, 0, src.length);
    }

    /** Returns a copy of {@code len} bytes at {@code addr}. */
    public byte[] readBytes(long addr, int len) {
        checkHost(addr, len);
        byte[] b = new byte[len];
        Chunks.read(chunks, chunkShift, addr, b, 0, len);
        return b;
    }

    // Host accessors take the same flat fast path as the Wasm loads and stores (shared and
    // segmented memories have no flat array); everything else is checked and goes through chunks.

    public byte readByte(long addr) {
        byte[] f = flat;
        if (f != null && addr >= 0 && addr < size) {
            return f[(int) addr];
        }
        checkHost(addr, 1);
        return (byte) segLoad(addr, 1);
    }

    public int readUnsignedByte(long addr) { return readByte(addr) & 0xFF; }

    /** Little-endian. */
    public short readShort(long addr) {
        byte[] f = flat;
        if (f != null && addr >= 0 && addr <= size - 2) {
            return Raw.getShort(f, addr);
        }
        checkHost(addr, 2);
        return (short) segLoad(addr, 2);
    }

    public int readUnsignedShort(long addr) { return readShort(addr) & 0xFFFF; }

    /** Little-endian. */
    public int readInt(long addr) {
        byte[] f = flat;
        if (f != null && addr >= 0 && addr <= size - 4) {
            return Raw.getInt(f, addr);
        }
        checkHost(addr, 4);
        return (int) segLoad(addr, 4);
    }

    public long readUnsignedInt(long addr) { return readInt(addr) & 0xFFFF_FFFFL; }

    /** Little-endian. */
    public long readLong(long addr) {
        byte[] f = flat;
        if (f != null && addr >= 0 && addr <= size - 8) {
            return Raw.getLong(f, addr);
        }
        checkHost(addr, 8);
        return segLoad(addr, 8);
    }

    public float readFloat(long addr) { return Float.intBitsToFloat(readInt(addr)); }
    public double readDouble(long addr) { return Double.longBitsToDouble(readLong(addr)); }

    /** Writes the low 8 bits of {@code v}. */
    public void writeByte(long addr, int v) {
        byte[] f = flat;
        if (f != null && addr >= 0 && addr < size) {
            f[(int) addr] = (byte) v;
            return;
        }
        checkHost(addr, 1);
        segStore(addr, 1, v);
    }

    /** Writes the low 16 bits of {@code v}, little-endian. */
    public void writeShort(long addr, int v) {
        byte[] f = flat;
        if (f != null && addr >= 0 && addr <= size - 2) {
            Raw.putShort(f, addr, (short) v);
            return;
        }
        checkHost(addr, 2);
        segStore(addr, 2, v);
    }

    public void writeInt(long addr, int v) {
        byte[] f = flat;
        if (f != null && addr >= 0 && addr <= size - 4) {
            Raw.putInt(f, addr, v);
            return;
        }
        checkHost(addr, 4);
        segStore(addr, 4, v);
    }

    public void writeLong(long addr, long v) {
        byte[] f = flat;
        if (f != null && addr >= 0 && addr <= size - 8) {
            Raw.putLong(f, addr, v);
            return;
        }
        checkHost(addr, 8);
        segStore(addr, 8, v);
    }

    public void writeFloat(long addr, float v) { writeInt(addr, Float.floatToRawIntBits(v)); }
    public void writeDouble(long addr, double v) { writeLong(addr, Double.doubleToRawLongBits(v)); }

    /**
     * Decodes {@code len} bytes at {@code addr} strictly.
     *
     * @throws MemoryAccessException if the range is out of bounds
     * @throws MalformedStringException at the first malformed byte, e.g. "invalid utf-8 at byte 3 (address 0x...)"
     */
    public String readString(long addr, int len, Charset cs) {
        return Strings.decode(readBytes(addr, len), cs, addr);
    }

    /** {@link #readString(long, int, Charset)} in UTF-8. */
    public String readString(long addr, int len) {
        return readString(addr, len, StandardCharsets.UTF_8);
    }

    /**
     * Reads a NUL-terminated UTF-8 string starting at {@code addr}; the NUL is not part of the result.
     *
     * @param maxLen the most bytes to scan, NUL excluded
     * @throws MalformedStringException if no NUL occurs within {@code maxLen} bytes, or on invalid UTF-8
     * @throws MemoryAccessException if the memory ends before a NUL (or {@code addr} is out of bounds)
     */
    public String readCString(long addr, int maxLen) {
        if (maxLen < 0) {
            throw new IllegalArgumentException("negative maxLen " + maxLen);
        }
        long s = (long) SIZE.getAcquire(this);
        if (addr < 0 || addr >= s) {
            throw hostOob(addr, 1, s);
        }
        long scan = Math.min((long) maxLen + 1, s - addr); // the NUL may sit at addr + maxLen
        long nul = Chunks.indexOf(chunks, chunkShift, addr, scan, (byte) 0);
        if (nul < 0) {
            if (scan <= maxLen) {
                throw new MemoryAccessException(String.format(Locale.ROOT,
                        "unterminated C string: no NUL from addr=0x%x to the end of memory (memory size=%d)",
                        addr, s), addr, scan, s);
            }
            throw new MalformedStringException(String.format(Locale.ROOT,
                    "unterminated C string: no NUL within %d bytes (address 0x%x)", maxLen, addr), maxLen, addr);
        }
        return readString(addr, (int) nul, StandardCharsets.UTF_8);
    }

    /**
     * Reads {@code byteLen} bytes of UTF-16LE (AssemblyScript / JavaScript strings). Lone surrogates
     * are preserved, as JavaScript allows them.
     *
     * @throws MalformedStringException if {@code byteLen} is odd
     */
    public String readUtf16String(long addr, int byteLen) {
        checkHost(addr, byteLen);
        if ((byteLen & 1) != 0) {
            throw new MalformedStringException(String.format(Locale.ROOT,
                    "odd utf-16 byte length %d (address 0x%x)", byteLen, addr), byteLen - 1, addr + byteLen - 1);
        }
        return Strings.decodeUtf16LeLenient(readBytes(addr, byteLen));
    }

    /**
     * Encodes {@code s} strictly and writes it at {@code addr} (no terminator).
     *
     * @return the number of bytes written
     * @throws MalformedStringException if {@code s} cannot be encoded (e.g. an unpaired surrogate); nothing written
     * @throws MemoryAccessException if the bytes do not fit; nothing written
     */
    public int writeString(long addr, String s, Charset cs) {
        byte[] b = Strings.encode(s, cs, addr);
        write(addr, b, 0, b.length);
        return b.length;
    }

    /** {@link #writeString(long, String, Charset)} in UTF-8. */
    public int writeString(long addr, String s) {
        return writeString(addr, s, StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code s} as UTF-8 followed by a NUL byte.
     *
     * @return bytes written including the NUL
     * @throws MalformedStringException if {@code s} contains U+0000 or an unpaired surrogate
     */
    public int writeCString(long addr, String s) {
        int z = s.indexOf('\0');
        if (z >= 0) {
            throw new MalformedStringException(String.format(Locale.ROOT,
                    "host string contains NUL at char %d (for address 0x%x)", z, addr), z, addr);
        }
        byte[] b = Strings.encode(s, StandardCharsets.UTF_8, addr);
        byte[] withNul = Arrays.copyOf(b, b.length + 1);
        write(addr, withNul, 0, withNul.length);
        return withNul.length;
    }

    /** Writes every UTF-16 code unit of {@code s} little-endian (lone surrogates kept); returns the byte count. */
    public int writeUtf16String(long addr, String s) {
        long n = 2L * s.length();
        if (n > Integer.MAX_VALUE - 8) {
            throw hostOob(addr, n, byteSize());
        }
        checkHost(addr, n);
        byte[] b = Strings.encodeUtf16LeLenient(s);
        write(addr, b, 0, b.length);
        return b.length;
    }

    /**
     * A live window on {@code [addr, addr+len)}. Every access through it re-resolves this memory's
     * current storage, so it stays correct after {@code memory.grow} (memories never shrink, so a
     * range valid once stays valid).
     *
     * @throws MemoryAccessException if the range is not inside the memory now
     */
    public MemoryView view(long addr, long len) {
        checkHost(addr, len);
        return new MemoryView(this, addr, len);
    }

    @Override
    public String toString() {
        return "Memory[pages=" + pages() + ", max=" + maxPages + ", pageSize=" + pageSize()
                + (shared ? ", shared" : "") + (address64 ? ", i64" : "") + "]";
    }
}
