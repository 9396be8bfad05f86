package dev.weir.memcheck.internal;

import dev.weir.Memory;
import dev.weir.memcheck.HeapTimeline;
import dev.weir.memcheck.MemError;
import dev.weir.memcheck.MemError.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

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
    /**
     * AssemblyScript's object header before each payload (block overhead 4 + object header 16):
     * the runtime and inlined code (string length, write barriers) read it legitimately.
     */
    static final long AS_HEADER = 20;
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

    private int uninitSite = -1;   // a pending uninitialized read (see check), or -1
    private long uninitAddr;
    private long uninitSize;
    private Block uninitBlock;
    private int uninitContext;
    private int uninitCount;
    private long minBlockStart = Long.MAX_VALUE;

    private boolean pendingGc;

    private int depth;
    private int pendingOp;
    private AllocFn pendingKind;
    private int pendingSite;
    private long pendingSize;
    private boolean pendingZeroed;
    private Block pendingBlock;

    /** Frames shown per stack (like Valgrind's --num-callers); deeper ones are summarized. */
    static final int MAX_FRAMES = 24;

    private final boolean[] nonLeaf;
    private final CallStack calls = new CallStack();
    private Memory memory;
    private IntSupplier stackPointer;
    private long stackLow = -1;
    private List<MemError> reachable;

    public ShadowHeap(Sites sites, String[] functionNames, long heapBase) {
        this(sites, functionNames, heapBase, new boolean[functionNames.length]);
    }

    /**
     * @param nonLeaf per original function index, whether the function pushes a shadow frame
     *                (see {@link Instrumenter}); a site in such a function finds itself on top
     */
    public ShadowHeap(Sites sites, String[] functionNames, long heapBase, boolean[] nonLeaf) {
        this.sites = sites;
        this.names = functionNames;
        this.heapBase = heapBase;
        this.nonLeaf = nonLeaf;
    }

    /** The guest's shadow call stack (driven by the fenter/fleave hooks). */
    public CallStack calls() {
        return calls;
    }

    /** Names the host call in progress (shown at the bottom of stacks); null when unknown. */
    public void setHostCall(String exportName) {
        this.hostCall = exportName;
        this.depth = 0; // a trap out of an allocator never ran its leave hook
        this.pendingOp = OP_NONE;
    }

    /** The host call in progress, or null. */
    public String hostCall() {
        return hostCall;
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
            if (uninitSite >= 0 && sites.kind(site) == Sites.STORE) {
                storeAfterUninit(sites.size(site)); // e.g. a heap struct copied to the stack
            }
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
        if (uninitSite >= 0 && store) {
            storeAfterUninit(size);
        }
        int i = live.floor(ea);
        Block b = i >= 0 ? live.get(i) : null;
        if (b != null && b.contains(ea)) {
            if (ea + size <= b.end) {
                if (store) {
                    b.markInitialized(ea, size);
                } else if (!range && b.allUninitialized(ea, size)) {
                    // Decided at the next store: see storeAfterUninit.
                    if (uninitSite == site) {
                        uninitCount++;
                        return;
                    }
                    flushUninit();
                    uninitCount = 1;
                    uninitSite = site;
                    uninitAddr = ea;
                    uninitSize = size;
                    uninitBlock = b;
                    uninitContext = calls.capture();
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
        Block next = i + 1 < live.size() ? live.get(i + 1) : null;
        if (next != null && next.gc && ea >= next.start - AS_HEADER && ea < next.start) {
            return; // a GC object's header
        }
        if (b != null && ea < b.end + REDZONE) {
            error(Kind.HEAP_OVERFLOW, site, ea, size, b, (ea - b.end) + " bytes after a block of size " + b.size, store);
            return;
        }
        if (next != null) {
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
        if (depth == 0) {
            flushUninit();
        }
        if (depth > 0) {
            depth++;
            return 1;
        }
        AllocFn k = AllocFn.byOrdinal(kind);
        pendingOp = OP_NONE;
        pendingGc = false;
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
                case AS_NEW:
                    pendAlloc(ua, true); // __new zero-fills the payload
                    pendingGc = true;
                    break;
                case AS_PIN:
                    if (!pin(ua, site, true)) {
                        return 0;
                    }
                    break;
                case AS_UNPIN:
                    if (!pin(ua, site, false)) {
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
        if (pendingGc) {
            // The collector freed whatever GC objects were here (it frees without telling us).
            live.removeOverlapping(ptr - AS_HEADER, ptr + size);
        }
        Block b = new Block(ptr, size, initialized, here(pendingSite), serial++);
        b.gc = pendingGc;
        live.add(b);
        minBlockStart = Math.min(minBlockStart, ptr);
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
        List<String> s = new ArrayList<>(8);
        s.add(frame(function) + ", sets __stack_pointer)");
        callers(s, function, calls.capture(), hostCall);
        record(Kind.STACK_OVERFLOW, s, Integer.toUnsignedLong(value), 0, null, "__stack_pointer set to 0x"
                + Integer.toHexString(value) + (bound > 0 ? ", below the stack's lower bound 0x" + Integer.toHexString(bound)
                + " (the end of static data): the stack grew into it" : ": the stack wrapped below address 0"));
    }

    /** The host wrote {@code [addr, addr + len)} (a WASI call's output): those bytes are initialized. */
    public void hostWrote(long addr, long len) {
        long from = addr & 0xFFFF_FFFFL;
        long to = from + Math.min(len, 0xFFFF_FFFFL);
        if (len <= 0 || to <= heapBase) {
            return;
        }
        int i = Math.max(0, live.floor(from));
        for (; i < live.size(); i++) {
            Block b = live.get(i);
            if (b.start >= to) {
                break;
            }
            if (b.end > from) {
                b.markInitialized(Math.max(from, b.start), Math.min(to, b.end) - Math.max(from, b.start));
            }
        }
    }

    /** The host wrote into the block containing {@code addr}, size unknown: all of it counts as initialized. */
    public void hostWroteBlock(long addr) {
        Block b = live.containing(addr & 0xFFFF_FFFFL);
        if (b != null) {
            b.markInitialized(b.start, b.size);
        }
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
        b.free = here(site);
        if (b.serial < HeapTimeline.CAP) {
            tlFree[(int) b.serial] = clock;
        }
        clock++;
        freed.add(b);
        freed.trimTo(MAX_FREED);
        frees++;
    }

    /**
     * AssemblyScript {@code __pin} / {@code __unpin} of {@code ptr}: counts pins of a live GC
     * object; pinning something that is no object, or unpinning an object that is not pinned, is
     * reported as an invalid free and skipped (the runtime would abort or read a bogus header).
     */
    private boolean pin(long ptr, int site, boolean pin) {
        Block b = live.startingAt(ptr);
        if (b != null && b.gc && (pin || b.pins > 0)) {
            b.pins += pin ? 1 : -1;
            return true;
        }
        String what = pin ? "__pin()" : "__unpin()";
        String detail = b == null || !b.gc ? "not an object returned by __new" : "the object is not pinned";
        record(Kind.INVALID_FREE, where(here(site)), ptr, 0, b, "Invalid " + what + ": " + detail);
        return false;
    }

    /** The live block starting at ptr, or null after reporting a double or invalid free. */
    private Block checkFree(long ptr, int site, String what) {
        Block b = live.startingAt(ptr);
        if (b != null) {
            return b;
        }
        Block f = freed.startingAt(ptr);
        if (f != null) {
            record(Kind.DOUBLE_FREE, where(here(site)), ptr, f.size, f, "Invalid " + what + ": block of size " + f.size
                    + " was already free'd");
            return null;
        }
        Block in = live.containing(ptr);
        String detail = in != null ? (ptr - in.start) + " bytes inside a block of size " + in.size
                : "not a pointer returned by the allocator";
        record(Kind.INVALID_FREE, where(here(site)), ptr, 0, in, "Invalid " + what + ": " + detail);
        return null;
    }

    // ------------------------------------------------------------------ reporting

    /**
     * A load of never-written bytes followed (after other loads only) by a store of the same size
     * is a read-modify-write (bit fields, bzip2's 4-bit arrays: x[i] = (x[i] & 0xf0) | n) or a
     * copy (a struct with padding copied word by word); Valgrind reports neither (only uses of
     * undefined values), so neither do we. Any other store reports it.
     */
    private void storeAfterUninit(long size) {
        if (size == uninitSize) {
            uninitSite = -1;
            uninitBlock = null;
        } else {
            flushUninit();
        }
    }

    /** Reports the pending uninitialized read (any access but its own store, an allocator call, a report). */
    private void flushUninit() {
        int site = uninitSite;
        if (site < 0) {
            return;
        }
        uninitSite = -1;
        Block b = uninitBlock;
        uninitBlock = null;
        error(Kind.UNINIT_READ, site, uninitAddr, uninitSize, b, uninitSize + " bytes inside a block of size " + b.size
                + " that were never written", false, uninitContext);
        ErrorRecord r = bySite.get(((long) site << 3) | Kind.UNINIT_READ.ordinal());
        if (r != null) {
            r.count += uninitCount - 1;
        }
    }

    private void error(Kind kind, int site, long ea, long size, Block b, String detail, boolean write) {
        error(kind, site, ea, size, b, detail, write, -1);
    }

    /** {@code context}: the shadow stack when it happened, or -1 for now. */
    private void error(Kind kind, int site, long ea, long size, Block b, String detail, boolean write, int context) {
        long key = ((long) site << 3) | kind.ordinal();
        ErrorRecord r = bySite.get(key);
        if (r != null) {
            r.count++;
            return;
        }
        r = record(kind, accessStack(site, context < 0 ? calls.capture() : context), ea, size, b, detail);
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
        MemError.BlockInfo info = b == null ? null : blockInfo(b);
        ErrorRecord r = new ErrorRecord(kind, addr, size, stack, info, detail);
        r.time = clock;
        errors.add(r);
        return r;
    }

    private MemError.BlockInfo blockInfo(Block b) {
        return new MemError.BlockInfo(b.start, b.size, where(b.alloc), b.free == null ? null : where(b.free));
    }

    /** A memory access at {@code site}: its function with the code offset, then its callers. */
    private List<String> accessStack(int site, int context) {
        List<String> s = new ArrayList<>(8);
        int f = sites.function(site);
        s.add(frame(f) + " @0x" + Integer.toHexString(sites.codeOffset(site)) + ")");
        callers(s, f, context, hostCall);
        return s;
    }

    /** The current place of an allocator event at {@code site} (-1: the host called the export). */
    private Block.Where here(int site) {
        boolean guest = site != -1 && sites.valid(site);
        return new Block.Where(pendingKind, guest ? site : -1, guest ? calls.capture() : 0, hostCall);
    }

    /**
     * Allocator frame, then its caller with the call's code offset and the caller's callers (for
     * calls from guest code), or "called by host".
     */
    List<String> where(Block.Where w) {
        List<String> s = new ArrayList<>(8);
        String fn = w.kind() == null ? "allocator" : w.kind().symbol();
        if (w.site() < 0) {
            s.add(fn + " (export, called by host)");
            if (w.hostCall() != null && !w.hostCall().equals(fn)) {
                s.add("host call " + w.hostCall());
            }
            return s;
        }
        s.add(fn + " (guest)");
        int f = sites.function(w.site());
        s.add(frame(f) + " @0x" + Integer.toHexString(sites.codeOffset(w.site())) + ")");
        callers(s, f, w.context(), w.hostCall());
        return s;
    }

    /** "name (func N" — the caller closes the parenthesis (with or without a code offset). */
    private String frame(int f) {
        String n = f >= 0 && f < names.length ? Demangle.name(names[f]) : "func[" + f + "]";
        return n + " (func " + f;
    }

    /**
     * Appends the callers of {@code f} from the shadow stack {@code node}: when {@code f} pushes
     * frames itself, the top of the stack is {@code f} and is skipped. Ends with the host call.
     */
    private void callers(List<String> s, int f, int node, String host) {
        if (f >= 0 && f < nonLeaf.length && nonLeaf[f] && calls.function(node) == f) {
            node = calls.parent(node);
        }
        while (node > 0) {
            if (s.size() >= MAX_FRAMES) {
                s.add("... " + calls.depthOf(node) + " more frames");
                break;
            }
            s.add(frame(calls.function(node)) + ")");
            node = calls.parent(node);
        }
        if (host != null) {
            s.add("host call " + host);
        }
    }

    /**
     * Gives the leak scan the guest's memory and its stack pointer (null when unknown: then the
     * whole area below the heap base counts as roots). Bound on the first allocator event.
     */
    public void bind(Memory memory, IntSupplier stackPointer, long stackLow) {
        this.memory = memory;
        this.stackPointer = stackPointer;
        this.stackLow = stackLow;
    }

    public boolean bound() {
        return memory != null;
    }

    /**
     * Errors so far, plus one LEAK per block still allocated and not reachable from the guest's
     * static data and live stack ("definitely lost"); reachable ones are kept for
     * {@link #stillReachable()}.
     */
    public List<MemError> snapshot(boolean withLeaks) {
        flushUninit();
        List<MemError> out = new ArrayList<>(errors.size() + live.size());
        for (ErrorRecord r : errors) {
            out.add(new MemError(r.kind, r.address, r.size, r.stack, r.block, r.detail, r.count, r.write));
        }
        reachable = new ArrayList<>();
        if (withLeaks) {
            Set<Block> reached = Set.of();
            if (memory != null && live.size() > 0) {
                long sp = stackPointer == null ? -1 : Integer.toUnsignedLong(stackPointer.getAsInt());
                // Roots reach up to the first block ever allocated: a heap base guessed from the data
                // segments misses .bss (zeroed statics have no segment), which lies above it.
                long rootsEnd = Math.max(heapBase, minBlockStart == Long.MAX_VALUE ? heapBase : minBlockStart);
                reached = stackLow >= 0 && sp >= 0 ? LeakScan.reachable(memory, live, rootsEnd, stackLow, sp)
                        : LeakScan.reachable(memory, live, rootsEnd, 0, 0);
            }
            for (Block b : live.all()) {
                if (b.gc) {
                    // Garbage-collected: never a leak by itself; one the host pinned and never
                    // unpinned can never be collected, which is the GC heap's leak.
                    if (b.pins > 0) {
                        List<String> at = where(b.alloc);
                        out.add(new MemError(Kind.LEAK, b.start, b.size, at, new MemError.BlockInfo(b.start, b.size, at,
                                null), b.size + " bytes in 1 blocks are still pinned (__pin without __unpin)", 1, false));
                    }
                    continue;
                }
                String owner = reached.contains(b) ? null : runtimeOwner(b);
                if (reached.contains(b) || owner != null) {
                    List<String> at = where(b.alloc);
                    reachable.add(new MemError(Kind.LEAK, b.start, b.size, at, new MemError.BlockInfo(b.start, b.size,
                            at, null), b.size + " bytes in 1 blocks are still reachable" + (owner == null ? ""
                            : " (kept by the language runtime: " + owner + ")"), 1, false));
                    continue;
                }
                List<String> at = where(b.alloc);
                out.add(new MemError(Kind.LEAK, b.start, b.size, at, new MemError.BlockInfo(b.start, b.size, at, null),
                        b.size + " bytes in 1 blocks are definitely lost", 1, false));
            }
        }
        return out;
    }

    /**
     * Allocations the C library makes once for the program's lifetime and keeps only in dead
     * stack frames (wasi-libc's argv/environ buffers, built by {@code __main_void} for
     * {@code main}): like Valgrind's default suppressions for libc, not reported as leaks.
     */
    private static final java.util.Set<String> RUNTIME_OWNERS = java.util.Set.of("__main_void", "__main_argc_argv",
            "__wasilibc_initialize_environ", "__wasilibc_populate_preopens", "internal_register_preopened_fd_unlocked");

    private String runtimeOwner(Block b) {
        Block.Where w = b.alloc;
        if (w.site() < 0) {
            return null;
        }
        String n = names[sites.function(w.site())];
        return RUNTIME_OWNERS.contains(n) ? n : null;
    }

    /** Blocks allocated at the last {@link #snapshot} that the guest still points to (not errors). */
    public List<MemError> stillReachable() {
        return reachable == null ? List.of() : reachable;
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
