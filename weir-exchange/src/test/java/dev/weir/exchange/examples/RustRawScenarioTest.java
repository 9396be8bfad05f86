package dev.weir.exchange.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Memory;
import dev.weir.Trap;
import dev.weir.exchange.GuestAllocationException;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.GuestMemoryException;
import dev.weir.exchange.GuestString;
import dev.weir.exchange.ResultConvention;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed article's raw Rust guest ({@code examples/wasm/rust-raw.wasm}): {@code alloc/dealloc},
 * {@code array_sum}, {@code upper} and its out-pointer, packed-u64 and multi-value variants.
 */
class RustRawScenarioTest {
    private Instance instance;
    private GuestHeap heap;

    @BeforeEach
    void setUp() {
        instance = Guests.instantiate("rust-raw");
        heap = GuestHeap.detect(instance);
    }

    @Test
    void detectsTheRawRustProfile() {
        assertEquals("raw Rust alloc(len)/dealloc(ptr, len)", heap.allocator().name());
    }

    @Test
    void arraySumOfOneToFiveIs15() {
        try (GuestBuffer in = heap.copyIn(new byte[] {1, 2, 3, 4, 5})) {
            assertEquals(15, instance.func("array_sum").callInt(in.ptr(), in.length()));
        }
        assertEquals(15, heap.callInt("array_sum", new byte[] {1, 2, 3, 4, 5})); // the one-liner
        assertEquals(44, heap.callInt("array_sum", new byte[] {(byte) 200, 100}), "u8 wraps");
        assertEquals(300, heap.callInt("array_sum_i32", new byte[] {(byte) 200, 100}));
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void sumOfI32s() {
        try (GuestBuffer in = heap.copyIn(new int[] {1, -2, 3, 40000})) {
            assertEquals(40002, instance.func("sum_i32s").callInt(in.ptr(), 4));
        }
    }

    @Test
    void upperWithTheSeedConventionResultHasTheInputLength() {
        assertEquals("THIS SHOULD BE UPPERCASE", heap.callString("upper", "this should be uppercase"));
        // the same, spelled out as in the architecture notes
        try (GuestString arg = heap.copyInString("this should be uppercase", UTF_8)) {
            int p = instance.func("upper").callInt(arg.ptr(), arg.byteLength());
            assertEquals("THIS SHOULD BE UPPERCASE", heap.takeString(p, arg.byteLength(), UTF_8));
        }
        assertEquals("GRüßE, ﬁX", heap.callString("upper", "grüße, ﬁx"), "ASCII-only uppercase");
        assertEquals("", heap.callString("upper", ""));
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void upperOutPointerPackedAndPairVariants() {
        assertEquals("THIS SHOULD BE UPPERCASE",
                heap.callString("upper_outlen", "this should be uppercase", ResultConvention.outPointer()));
        assertEquals("GRÜSSE, FIX", heap.callString("upper_outlen", "grüße, ﬁx", ResultConvention.outPointer()));
        assertEquals("GRÜSSE, FIX", heap.callString("upper_packed", "grüße, ﬁx", ResultConvention.packed()));
        assertEquals("GRÜSSE, FIX", heap.callString("upper_pair", "grüße, ﬁx", ResultConvention.pair()));
        assertEquals("THIS SHOULD BE UPPERCASE",
                heap.callString("upper_pair", "this should be uppercase", ResultConvention.pair()));
        assertEquals("", heap.callString("upper_pair", "", ResultConvention.pair()));
        assertEquals("", heap.callString("upper_packed", "", ResultConvention.packed()));
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void resultHandleIsHostOwnedUntilClosed() {
        try (GuestString arg = heap.copyInString("grüße, ﬁx")) {
            GuestString up = ResultConvention.packed().invokeString(heap, "upper_packed", UTF_8, arg.ptr(), arg.byteLength());
            assertEquals(12, up.byteLength());
            assertEquals(2, heap.liveAllocations().size());
            assertEquals("upper_packed (packed u64)", heap.liveAllocations().get(1).origin());
            assertEquals("GRÜSSE, FIX", up.take());
        }
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void roundTripsDoNotLeakGuestMemory() {
        Memory memory = heap.memory();
        for (int i = 0; i < 200; i++) { // warm up the guest's dlmalloc
            heap.callString("upper_pair", "warm-up " + i, ResultConvention.pair());
        }
        long pages = memory.pages();
        for (int i = 0; i < 5_000; i++) {
            assertEquals("ROUND TRIP " + i, heap.callString("upper_pair", "round trip " + i, ResultConvention.pair()));
            assertEquals(15, heap.callInt("array_sum", new byte[] {1, 2, 3, 4, 5}));
        }
        assertEquals(pages, memory.pages());
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void handlesSurviveGuestMemoryGrowth() {
        Memory memory = heap.memory();
        try (GuestString s = heap.copyInString("this should be uppercase")) {
            long pages = memory.pages();
            try (GuestBuffer big = heap.allocate(4 << 20)) { // the guest's allocator runs memory.grow
                assertTrue(memory.pages() > pages, "memory grew");
                big.writeByte(big.length() - 1, 7);
            }
            assertEquals("this should be uppercase", s.read());
            assertEquals("THIS SHOULD BE UPPERCASE", heap.callString("upper", s.read()));
        }
    }

    @Test
    void invalidUtf8TrapsAndTheInputStaysHostOwned() {
        GuestBuffer bad = heap.copyIn(new byte[] {'o', 'k', (byte) 0xFF});
        Func upperPair = instance.func("upper_pair");
        Trap t = assertThrows(Trap.class, () -> upperPair.callSlots(bad.ptr(), bad.length()));
        assertTrue(t.getMessage().contains("unreachable"), t.getMessage());
        assertEquals(1, heap.liveAllocations().size());
        bad.close();
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void badGuestResultsAreTypedErrors() {
        try (GuestString arg = heap.copyInString("abc")) {
            GuestMemoryException e = assertThrows(GuestMemoryException.class, () -> ResultConvention
                    .explicitLength(Integer.MAX_VALUE - 100).invoke(heap, "upper", arg.ptr(), arg.byteLength()));
            assertTrue(e.getMessage().startsWith("upper (explicit length"), e.getMessage());
            assertTrue(e.getMessage().contains("pointer/length out of bounds"), e.getMessage());
            assertEquals(heap.memory().byteSize(), e.memorySize());
        }
        // the store allows 64 MiB: the guest's allocator fails (Rust aborts with a trap)
        GuestAllocationException oom = assertThrows(GuestAllocationException.class,
                () -> heap.allocate(100 << 20));
        assertTrue(oom.getMessage().contains("raw Rust"), oom.getMessage());
    }
}
