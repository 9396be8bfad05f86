package dev.weir.memcheck.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.memcheck.MemError;
import dev.weir.memcheck.MemError.Kind;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shadow heap's rules, driven directly through its hooks. */
class ShadowHeapTest {
    private Sites sites;
    private ShadowHeap h;
    private int load4;
    private int load1;
    private int store4;
    private int load8;
    private int call;

    @BeforeEach
    void setUp() {
        sites = new Sites();
        load4 = sites.add(Sites.LOAD, 0, 0x10, 0, 4);
        load1 = sites.add(Sites.LOAD, 0, 0x20, 0, 1);
        store4 = sites.add(Sites.STORE, 1, 0x30, 0, 4);
        load8 = sites.add(Sites.LOAD, 1, 0x40, 0, 8);
        call = sites.add(Sites.CALL, 1, 0x50, 0, 0);
        h = new ShadowHeap(sites, new String[] {"reader", "writer"}, 1000);
    }

    private int malloc(int size, int result) {
        assertEquals(1, h.enter(AllocFn.MALLOC.ordinal(), call, size, 0, 0, 0));
        h.leave(AllocFn.MALLOC.ordinal(), result);
        return result;
    }

    private int free(int p) {
        int proceed = h.enter(AllocFn.FREE.ordinal(), call, p, 0, 0, 0);
        if (proceed == 1) {
            h.leave(AllocFn.FREE.ordinal(), 0);
        }
        return proceed;
    }

    private List<MemError> errors(Kind k) {
        return h.snapshot(false).stream().filter(e -> e.kind() == k).toList();
    }

    @Test
    void uninitializedReadsAreReportedOncePerSite() {
        int p = malloc(16, 2000);
        h.access(p, load4);
        h.access(p, load4);
        assertEquals(1, errors(Kind.UNINIT_READ).size());
        assertEquals(2, errors(Kind.UNINIT_READ).get(0).count());
        h.access(p + 4, store4);
        h.access(p + 4, load1);
        assertEquals(1, h.snapshot(false).size());
    }

    @Test
    void accessesBelowTheHeapBaseAreIgnored() {
        malloc(16, 2000);
        h.access(500, load4);
        h.access(999, store4);
        assertTrue(h.snapshot(false).isEmpty());
    }

    @Test
    void overflowUnderflowAndPartialWordLoads() {
        int p = malloc(12, 2000);
        h.access(p, store4);
        h.access(p + 4, store4);
        h.access(p + 8, store4);
        h.access(p + 8, load8);              // aligned word load running past the end: allowed
        assertTrue(h.snapshot(false).isEmpty(), h.snapshot(false).toString());
        h.access(p + 12, load1);             // one past the end
        h.access(p - 4, load4);              // header just before the block
        h.access(p + 10, store4);            // straddles the end
        List<MemError> of = errors(Kind.HEAP_OVERFLOW);
        assertEquals(3, of.size(), of.toString());
        assertTrue(of.get(0).detail().contains("0 bytes after a block of size 12"), of.get(0).detail());
        assertTrue(of.get(1).detail().contains("before"), of.get(1).detail());
        assertEquals("reader", of.get(0).function());
        h.access(p + 4096, load1);           // far from any block: not an overflow
        assertEquals(3, errors(Kind.HEAP_OVERFLOW).size());
    }

    @Test
    void freesDoubleFreesInvalidFreesAndUseAfterFree() {
        int p = malloc(16, 2000);
        assertEquals(1, free(p));
        h.access(p + 4, load4);
        assertEquals(1, errors(Kind.USE_AFTER_FREE).size());
        assertEquals(0, free(p));
        assertEquals(1, errors(Kind.DOUBLE_FREE).size());
        assertEquals(0, free(7000));
        assertEquals(1, free(0)); // free(NULL) proceeds
        assertEquals(1, errors(Kind.INVALID_FREE).size());
        // Reusing the freed range makes it a live block again: no use-after-free any more.
        malloc(8, 2000);
        h.access(2000, store4);
        h.access(2000, load4);
        assertEquals(1, errors(Kind.USE_AFTER_FREE).size());
        assertEquals(1, h.snapshot(true).stream().filter(e -> e.kind() == Kind.LEAK).count());
    }

    @Test
    void reallocMovesInitializedBytesAndFreesTheOldBlock() {
        int p = malloc(8, 2000);
        h.access(p, store4);
        assertEquals(1, h.enter(AllocFn.REALLOC.ordinal(), call, p, 32, 0, 0));
        h.leave(AllocFn.REALLOC.ordinal(), 3000);
        h.access(3000, load4);               // copied from the old block: initialized
        assertTrue(h.snapshot(false).isEmpty(), h.snapshot(false).toString());
        h.access(3004, load4);               // never written
        assertEquals(1, errors(Kind.UNINIT_READ).size());
        h.access(p, load1);
        assertEquals(1, errors(Kind.USE_AFTER_FREE).size());
        assertEquals(0, h.enter(AllocFn.REALLOC.ordinal(), call, p, 64, 0, 0)); // realloc of a freed block
        assertEquals(1, errors(Kind.DOUBLE_FREE).size());
    }

    @Test
    void allocatorInternalsAreNotChecked() {
        int p = malloc(16, 2000);
        free(p);
        assertEquals(1, h.enter(AllocFn.MALLOC.ordinal(), call, 4, 0, 0, 0));
        h.access(p, load4);                  // the allocator reading its free list
        assertEquals(1, h.enter(AllocFn.FREE.ordinal(), call, 12345, 0, 0, 0)); // nested: not checked
        h.leave(AllocFn.FREE.ordinal(), 0);
        h.leave(AllocFn.MALLOC.ordinal(), 2000);
        assertTrue(h.snapshot(false).isEmpty(), h.snapshot(false).toString());
    }

    @Test
    void hostAllocationsCountAsInitializedAndZeroSizedRustAllocationsAreIgnored() {
        assertEquals(1, h.enter(AllocFn.RAW_ALLOC.ordinal(), -1, 8, 0, 0, 0));
        h.leave(AllocFn.RAW_ALLOC.ordinal(), 4000);
        h.access(4000, load4);
        assertEquals(1, h.enter(AllocFn.RUST_ALLOC.ordinal(), call, 0, 1, 0, 0));
        h.leave(AllocFn.RUST_ALLOC.ordinal(), 1);
        assertEquals(1, h.enter(AllocFn.RUST_DEALLOC.ordinal(), call, 1, 0, 1, 0));
        h.leave(AllocFn.RUST_DEALLOC.ordinal(), 0);
        assertTrue(h.snapshot(false).isEmpty(), h.snapshot(false).toString());
        assertEquals(1, h.liveBlocks());
        assertTrue(h.snapshot(true).get(0).stack().get(0).contains("called by host"));
    }

    @Test
    void demangleRustNames() {
        assertEquals("rust_raw::input_str", Demangle.name("_ZN8rust_raw9input_str17hc4daaf0b8859223cE"));
        assertEquals("alloc::raw_vec::RawVec<T,A>::allocate_in",
                Demangle.name("_ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$11allocate_in17hb0567ffd22eb723eE"));
        assertEquals("malloc", Demangle.name("malloc"));
        assertEquals("_ZN99x", Demangle.name("_ZN99x"));
    }
}
