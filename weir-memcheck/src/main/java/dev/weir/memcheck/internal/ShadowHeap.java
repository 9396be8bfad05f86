package dev.weir.memcheck.internal;

import dev.weir.memcheck.HeapTimeline;
import dev.weir.memcheck.MemError;
import dev.weir.memcheck.MemError.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host side of the instrumentation: a shadow of the guest heap driven by the allocator hooks
 * (live blocks with per-byte initialized bits, recently freed blocks) and checked on every
 * memory access the guest makes above the heap base.
 *
 * <p>While an allocator function runs ({@link #depth} &gt; 0) nothing is checked or recorded: the
 * allocator legitimately reads and writes its own metadata in free and unallocated memory, and
 * calls itself (realloc → malloc + free). Like the instance it serves, it is single-threaded.
 */
public final class ShadowHeap {
    /** Bytes around a block in which a stray access counts as an overflow (not a wild access). */
    static final long REDZONE = 16;
    private static final int MAX_ERRORS = 10_000;
    private static final int MAX_FREED = 100_000;

    private static final int OP_NONE = 0;
    private static final int OP_ALLOC = 1;
    private static final int OP_REALLOC = 2;

    private final Sites sites;
    private final String[] names;
    private final long heapBase;
    private final BlockIndex live = new BlockIndex();
    private final BlockIndex freed = new BlockIndex();
    private final List<ErrorRecord> errors = new ArrayList<>();
    private final Map<Long, ErrorRecord> bySite = new HashMap<>();
    private int suppressed;
    private long serial;
    private long allocations;
    private long frees;
    private long bytesAllocated;
    private String hostCall;
    private boolean stackOverflowReported;

    // The heap's history for pictures: one entry per block (up to HeapTimeline.CAP), in parallel
    // arrays indexed by Block.serial so that recording costs no allocation per block.
    private long[] tlAddress = new long[64];
    private long[] tlSize = new long[64];
    private long[] tlAlloc = new long[64];
    private long[] tlFree = new long[64];
    private long clock;

    private int depth;
    private int pendingOp;
    private AllocFn pendingKind;
    private int pendingSite;
    private long pendingSize;
    private boolean pendingZeroed;
    private Block pendingBlock;

    public ShadowHeap(Sites sites, String[] functionNames, long heapBase) {
        this.sites = sites;
        this.names = functionNames;
        this.heapBase = heapBase;
    }

    /** Names the host call in progress (shown at the bottom of stacks); null when unknown. */
    public void setHostCall(String exportName) {
        this.hostCall = exportName;
        this.depth = 0; // a trap out of an allocator never ran its leave hook
        this.pendingOp = OP_NONE;
    }

    public long heapBase() {
        return heapBase;
    }

    // ------------------------------------------------------------------ hooks

    /** A load or store of {@code sites.size(site)} bytes at {@code addr + memarg offset}. */
    public void access(int addr, int site) {
        if (depth != 0 || !sites.valid(site)) {
            return;
        }
        long ea = Integer.toUnsignedLong(addr) + sites.memOffset(site);
        if (ea < heapBase) {
            return;
        }
        check(ea, sites.size(site), sites.kind(site) == Sites.STORE, false, site);
    }

    /** memory.copy of {@code len} bytes: the source is read, the destination written. */
    public void copy(int dst, int src, int len, int site) {
        if (depth != 0 || len == 0 || !sites.valid(site)) {
            return;
        }
        long s = Integer.toUnsignedLong(src);
        long d = Integer.toUnsignedLong(dst);
        long n = Integer.toUnsignedLong(len);
        if (s + n > heapBase) {
            check(Math.max(s, heapBase), n - Math.max(0, heapBase - s), false, true, site);
        }
        if (d + n > heapBase) {
            check(Math.max(d, heapBase), n - Math.max(0, heapBase - d), true, true, site);
        }
    }

    /** memory.fill / memory.init of {@code len} bytes at {@code dst}. */
    public void fill(int dst, int len, int site) {
        if (depth != 0 || len == 0 || !sites.valid(site)) {
            return;
        }
        long d = Integer.toUnsignedLong(dst);
        long n = Integer.toUnsignedLong(len);
        if (d + n > heapBase) {
            check(Math.max(d, heapBase), n - Math.max(0, heapBase - d), true, true, site);
        }
    }

    private void check(long ea, long size, boolean store, boolean range, int site) {
        int i = live.floor(ea);
        Block b = i >= 0 ? live.get(i) : null;
        if (b != null && b.contains(ea)) {
            if (ea + size <= b.end) {
                if (store) {
                    b.markInitialized(ea, size);
                } else if (!range && b.allUninitialized(ea, size)) {
                    error(Kind.UNINIT_READ, site, ea, size, b, size + " bytes inside a block of size " + b.size
                            + " that were never written", store);
                }
                return;
            }
            // Aligned word loads that start inside a block may run past its end: optimized strlen and
            // memchr do so on purpose (Valgrind's --partial-loads-ok, on by default).
            if (!store && !range && size > 1 && (ea & (size - 1)) == 0) {
                return;
            }
            if (store) {
                b.markInitialized(ea, size);
            }
            error(Kind.HEAP_OVERFLOW, site, ea, size, b, (b.end - ea) + " of " + size + " bytes inside a block of size "
                    + b.size + ", the rest past its end", store);
            return;
        }
        Block f = freed.containing(ea);
        if (f != null) {
            error(Kind.USE_AFTER_FREE, site, ea, size, f, (ea - f.start) + " bytes inside a block of size " + f.size
                    + " free'd", store);
            return;
        }
        if (b != null && ea < b.end + REDZONE) {
            error(Kind.HEAP_OVERFLOW, site, ea, size, b, (ea - b.end) + " bytes after a block of size " + b.size, store);
            return;
        }
        if (i + 1 < live.size()) {
            Block next = live.get(i + 1);
            if (ea + size > next.start - REDZONE && ea < next.start) {
                error(Kind.HEAP_OVERFLOW, site, ea, size, next, (next.start - ea) + " bytes before a block of size "
                        + next.size, store);
            }
        }
    }

    /**
     * Before an allocator function runs. Returns 1 to run it, 0 to skip it (double or invalid
     * free: the guest's allocator would corrupt its heap or trap far from the bug).
     */
    public int enter(int kind, int site, int a, int b, int c, int d) {
        if (site == -1) {
            depth = 0; // called by the host: nothing of the guest can be on the stack
        }
        if (depth > 0) {
            depth++;
            return 1;
        }
        AllocFn k = AllocFn.byOrdinal(kind);
        pendingOp = OP_NONE;
        pendingKind = k;
        pendingSite = site;
        long ua = Integer.toUnsignedLong(a);
        long ub = Integer.toUnsignedLong(b);
        long uc = Integer.toUnsignedLong(c);
        long ud = Integer.toUnsignedLong(d);
        if (k != null) {
            switch (k) {
                case MALLOC:
                    pendAlloc(ua, false);
                    break;
                case CALLOC:
                    pendAlloc(Math.min(ua * ub, 0xFFFF_FFFFL), true);
                    break;
                case RAW_ALLOC: case RUST_ALLOC: case WBG_MALLOC:
                    if (ua != 0) { // size 0: a dangling, never-dereferenced pointer
                        pendAlloc(ua, false);
                    }
                    break;
                case RUST_ALLOC_ZEROED:
                    if (ua != 0) {
                        pendAlloc(ua, true);
                    }
                    break;
                case FREE:
                    if (ua != 0 && !release(ua, site)) {
                        return 0;
                    }
                    break;
                case RUST_DEALLOC: case RAW_DEALLOC: case WBG_FREE:
                    if (ub != 0 && !release(ua, site)) {
                        return 0;
                    }
                    break;
                case REALLOC:
                    if (ua == 0) {
                        pendAlloc(ub, false);
                    } else if (!pendRealloc(ua, ub, site)) {
                        return 0;
                    }
                    break;
                case RUST_REALLOC:
                    if (!pendRealloc(ua, ud, site)) {
                        return 0;
                    }
                    break;
                case WBG_REALLOC:
                    if (!reallocLike(ua, ub, uc, site)) {
                        return 0;
                    }
                    break;
                case CABI_REALLOC:
                    if (!reallocLike(ua, ub, ud, site)) {
                        return 0;
                    }
                    break;
                default:
                    break;
            }
        }
        depth = 1;
        return 1;
    }

    /** Realloc with explicit old size (wasm-bindgen, canonical ABI): size 0 means "allocate" / "free". */
    private boolean reallocLike(long ptr, long oldSize, long newSize, int site) {
        if (oldSize == 0) {
            if (newSize != 0) {
                pendAlloc(newSize, false);
            }
            return true;
        }
        if (newSize == 0) {
            return release(ptr, site);
        }
        return pendRealloc(ptr, newSize, site);
    }

    private void pendAlloc(long size, boolean zeroed) {
        pendingOp = OP_ALLOC;
        pendingSize = size;
        pendingZeroed = zeroed;
    }

    private boolean pendRealloc(long ptr, long size, int site) {
        Block b = checkFree(ptr, site, "realloc()");
        if (b == null) {
            return false;
        }
        pendingOp = OP_REALLOC;
        pendingBlock = b;
        pendingSize = size;
        return true;
    }

    /** After an allocator function returned {@code result} (0 for functions without a result). */
    public void leave(int kind, int result) {
        if (depth == 0 || --depth > 0) {
            return;
        }
        long res = Integer.toUnsignedLong(result);
        boolean host = pendingSite == -1;
        if (pendingOp == OP_ALLOC && res != 0) {
            addBlock(res, pendingSize, pendingZeroed || host);
        } else if (pendingOp == OP_REALLOC) {
            Block old = pendingBlock;
            if (res == 0) {
                if (pendingSize == 0 && pendingKind == AllocFn.REALLOC) {
                    markFreed(old, pendingSite); // realloc(p, 0) freed p (dlmalloc REALLOC_ZERO_BYTES_FREES)
                }
            } else {
                markFreed(old, pendingSite);
                Block nb = addBlock(res, pendingSize, host);
                for (long x = 0; x < Math.min(old.size, pendingSize); x++) {
                    if (old.initialized(old.start + x)) {
                        nb.markInitialized(res + x, 1);
                    }
                }
            }
        }
        pendingOp = OP_NONE;
        pendingBlock = null;
    }

    private Block addBlock(long ptr, long size, boolean initialized) {
        freed.removeOverlapping(ptr, ptr + size);
        Block b = new Block(ptr, size, initialized, allocStack(pendingSite), serial++);
        live.add(b);
        recordTimeline(b);
        allocations++;
        bytesAllocated += size;
        return b;
    }

    private void recordTimeline(Block b) {
        if (b.serial < HeapTimeline.CAP) {
            int i = (int) b.serial;
            if (i == tlAddress.length) {
                int n = Math.min(HeapTimeline.CAP, i * 2);
                tlAddress = Arrays.copyOf(tlAddress, n);
                tlSize = Arrays.copyOf(tlSize, n);
                tlAlloc = Arrays.copyOf(tlAlloc, n);
                tlFree = Arrays.copyOf(tlFree, n);
            }
            tlAddress[i] = b.start;
            tlSize[i] = b.size;
            tlAlloc[i] = clock;
            tlFree[i] = -1;
        }
        clock++;
    }

    /**
     * {@code global.set __stack_pointer} stored {@code value}, below the stack's lower bound (the
     * instrumentation compares inline and calls only then). Reported once: after the first
     * overflow every frame is below the bound.
     */
    public void stackOverflow(int value, int function, int bound) {
        if (stackOverflowReported) {
            return;
        }
        stackOverflowReported = true;
        List<String> s = new ArrayList<>(2);
        String fn = function >= 0 && function < names.length ? Demangle.name(names[function]) : "func[" + function + "]";
        s.add(fn + " (guest, sets __stack_pointer)");
        if (hostCall != null) {
            s.add("host call " + hostCall);
        }
        record(Kind.STACK_OVERFLOW, s, Integer.toUnsignedLong(value), 0, null, "__stack_pointer set to 0x"
                + Integer.toHexString(value) + (bound > 0 ? ", below the stack's lower bound 0x" + Integer.toHexString(bound)
                + " (the end of static data): the stack grew into it" : ": the stack wrapped below address 0"));
    }

    /** The heap's history so far (blocks still allocated have free time -1). */
    public HeapTimeline timeline() {
        int n = (int) Math.min(serial, HeapTimeline.CAP);
        long[] et = new long[errors.size()];
        for (int i = 0; i < et.length; i++) {
            et[i] = errors.get(i).time;
        }
        return new HeapTimeline(Arrays.copyOf(tlAddress, n), Arrays.copyOf(tlSize, n), Arrays.copyOf(tlAlloc, n),
                Arrays.copyOf(tlFree, n), serial - n, clock, et);
    }

    private boolean release(long ptr, int site) {
        Block b = checkFree(ptr, site, "free()");
        if (b == null) {
            return false;
        }
        markFreed(b, site);
        return true;
    }

    private void markFreed(Block b, int site) {
        live.remove(b);
        b.freeStack = allocStack(site);
        if (b.serial < HeapTimeline.CAP) {
            tlFree[(int) b.serial] = clock;
        }
        clock++;
        freed.add(b);
        freed.trimTo(MAX_FREED);
        frees++;
    }

    /** The live block starting at ptr, or null after reporting a double or invalid free. */
    private Block checkFree(long ptr, int site, String what) {
        Block b = live.startingAt(ptr);
        if (b != null) {
            return b;
        }
        Block f = freed.startingAt(ptr);
        if (f != null) {
            record(Kind.DOUBLE_FREE, allocStack(site), ptr, f.size, f, "Invalid " + what + ": block of size " + f.size
                    + " was already free'd");
            return null;
        }
        Block in = live.containing(ptr);
        String detail = in != null ? (ptr - in.start) + " bytes inside a block of size " + in.size
                : "not a pointer returned by the allocator";
        record(Kind.INVALID_FREE, allocStack(site), ptr, 0, in, "Invalid " + what + ": " + detail);
        return null;
    }

    // ------------------------------------------------------------------ reporting

    private void error(Kind kind, int site, long ea, long size, Block b, String detail, boolean write) {
        long key = ((long) site << 3) | kind.ordinal();
        ErrorRecord r = bySite.get(key);
        if (r != null) {
            r.count++;
            return;
        }
        r = record(kind, accessStack(site), ea, size, b, detail);
        if (r != null) {
            r.write = write;
            bySite.put(key, r);
        }
    }

    private ErrorRecord record(Kind kind, List<String> stack, long addr, long size, Block b, String detail) {
        if (errors.size() >= MAX_ERRORS) {
            suppressed++;
            return null;
        }
        MemError.BlockInfo info = b == null ? null : new MemError.BlockInfo(b.start, b.size, b.allocStack, b.freeStack);
        ErrorRecord r = new ErrorRecord(kind, addr, size, stack, info, detail);
        r.time = clock;
        errors.add(r);
        return r;
    }

    private List<String> accessStack(int site) {
        List<String> s = new ArrayList<>(2);
        s.add(Demangle.name(names[sites.function(site)]) + " (guest @0x" + Integer.toHexString(sites.codeOffset(site))
                + ")");
        if (hostCall != null) {
            s.add("host call " + hostCall);
        }
        return s;
    }

    /** Allocator name, then its caller (for calls from guest code) or "called by host". */
    private List<String> allocStack(int site) {
        List<String> s = new ArrayList<>(3);
        String fn = pendingKind == null ? "allocator" : pendingKind.symbol();
        if (site == -1 || !sites.valid(site)) {
            s.add(fn + " (export, called by host)");
            return s;
        } else {
            s.add(fn + " (guest)");
            s.add(Demangle.name(names[sites.function(site)]) + " (guest @0x" + Integer.toHexString(sites.codeOffset(site))
                    + ")");
        }
        if (hostCall != null) {
            s.add("host call " + hostCall);
        }
        return s;
    }

    /** Errors so far, plus one LEAK per block still allocated. */
    public List<MemError> snapshot(boolean withLeaks) {
        List<MemError> out = new ArrayList<>(errors.size() + live.size());
        for (ErrorRecord r : errors) {
            out.add(new MemError(r.kind, r.address, r.size, r.stack, r.block, r.detail, r.count, r.write));
        }
        if (withLeaks) {
            for (Block b : live.all()) {
                out.add(new MemError(Kind.LEAK, b.start, b.size, b.allocStack,
                        new MemError.BlockInfo(b.start, b.size, b.allocStack, null),
                        b.size + " bytes in 1 blocks are definitely lost", 1, false));
            }
        }
        return out;
    }

    public long allocations() {
        return allocations;
    }

    public long frees() {
        return frees;
    }

    public long bytesAllocated() {
        return bytesAllocated;
    }

    public int suppressed() {
        return suppressed;
    }

    public int liveBlocks() {
        return live.size();
    }

    private static final class ErrorRecord {
        final Kind kind;
        final long address;
        final long size;
        final List<String> stack;
        final MemError.BlockInfo block;
        final String detail;
        int count = 1;
        boolean write;
        long time;

        ErrorRecord(Kind kind, long address, long size, List<String> stack, MemError.BlockInfo block, String detail) {
            this.kind = kind;
            this.address = address;
            this.size = size;
            this.stack = stack;
            this.block = block;
            this.detail = detail;
        }
    }
}
