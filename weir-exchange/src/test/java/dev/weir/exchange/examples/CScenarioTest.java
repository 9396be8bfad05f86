package dev.weir.exchange.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Instance;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.ResultConvention;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The C guest ({@code examples/wasm/c-exchange.wasm}, wasi-libc dlmalloc): {@code malloc/free}, NUL-terminated strings. */
class CScenarioTest {
    private Instance instance;
    private GuestHeap heap;

    @BeforeEach
    void setUp() {
        instance = Guests.instantiate("c-exchange");
        instance.func("_initialize").callInt(); // the reactor contract
        heap = GuestHeap.detect(instance);
    }

    @Test
    void detectsMallocFree() {
        assertEquals("malloc/free", heap.allocator().name());
    }

    @Test
    void arraySumAndUpper() {
        assertEquals(15, heap.callInt("array_sum", new byte[] {1, 2, 3, 4, 5}));
        assertEquals(44, heap.callInt("array_sum", new byte[] {(byte) 200, 100}));
        // upper(const char *s): a C string in, a NUL-terminated malloc'ed string out
        assertEquals("THIS SHOULD BE UPPERCASE", heap.callString("upper", "this should be uppercase"));
        assertEquals("GRüßE, ﬁX", heap.callString("upper", "grüße, ﬁx"), "ASCII-only uppercase");
        // upper_len(s, len, &out_len): explicit length in, out-pointer length out
        assertEquals("THIS SHOULD BE UPPERCASE",
                heap.callString("upper_len", "this should be uppercase", ResultConvention.outPointer()));
        assertEquals("", heap.callString("upper", ""));
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void zeroLengthMallocIsFreedToo() {
        try (GuestBuffer empty = heap.copyIn(new byte[0])) {
            assertTrue(empty.address() != 0, "dlmalloc returns a unique block for malloc(0)");
        }
    }

    @Test
    void roundTripsDoNotLeak() {
        for (int i = 0; i < 200; i++) {
            heap.callString("upper", "warm-up " + i);
        }
        long pages = heap.memory().pages();
        for (int i = 0; i < 5_000; i++) {
            assertEquals("ROUND " + i, heap.callString("upper", "round " + i));
            assertEquals("ROUND " + i, heap.callString("upper_len", "round " + i, ResultConvention.outPointer()));
        }
        assertEquals(pages, heap.memory().pages());
    }
}
