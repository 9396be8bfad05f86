package dev.weir.exchange.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Instance;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.GuestString;
import dev.weir.exchange.Ownership;
import dev.weir.exchange.ResultConvention;
import dev.weir.exchange.internal.WasmBindgenAllocator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * wasm-bindgen's ABI ({@code examples/wasm/wasm-bindgen-style.wasm}): arguments are allocated with
 * {@code __wbindgen_malloc} and freed by the guest; strings come back through the return area and
 * are freed by the host with {@code __wbindgen_free}.
 */
class WasmBindgenScenarioTest {
    private Instance instance;
    private GuestHeap heap;

    @BeforeEach
    void setUp() {
        instance = Guests.instantiate("wasm-bindgen-style");
        heap = GuestHeap.detect(instance);
    }

    @Test
    void detectsWasmBindgen() {
        assertEquals("wasm-bindgen __wbindgen_malloc/__wbindgen_free", heap.allocator().name());
    }

    @Test
    void upperAndArraySumAreOneLiners() {
        assertEquals("THIS SHOULD BE UPPERCASE", heap.callString("upper", "this should be uppercase"));
        assertEquals("GRÜSSE, FIX", heap.callString("upper", "grüße, ﬁx"));
        assertEquals("", heap.callString("upper", ""));
        assertEquals(15, heap.callInt("array_sum", new byte[] {1, 2, 3, 4, 5}));
        assertEquals(44, heap.callInt("array_sum", new byte[] {(byte) 200, 100}));
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void theSequenceSpelledOut() {
        GuestString arg = heap.copyInString("this should be uppercase");
        int len = arg.byteLength();
        try (GuestString up = ResultConvention.wasmBindgenReturnArea()
                .invokeString(heap, "upper", UTF_8, arg.give(), len)) { // the guest frees its argument
            assertEquals(Ownership.HOST, up.ownership());
            assertEquals(1, heap.liveAllocations().size());
            assertEquals("THIS SHOULD BE UPPERCASE", up.read());
        } // __wbindgen_free(ptr, len, 1)
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void zeroLengthBuffersUseTheDanglingPointer() {
        try (GuestBuffer empty = heap.copyIn(new byte[0])) {
            assertEquals(1, empty.address(), "__wbindgen_malloc(0, 1) returns align");
            assertEquals(0, empty.toByteArray().length);
        } // __wbindgen_free(1, 0, 1) is a no-op
        try (GuestBuffer ints = heap.copyIn(new int[0])) {
            assertEquals(4, ints.address(), "dangling = alignment 4");
        }
    }

    @Test
    void reallocKeepsContents() {
        WasmBindgenAllocator wb = (WasmBindgenAllocator) heap.allocator();
        long p = wb.allocate(4, 1);
        heap.memory().write(p, new byte[] {1, 2, 3, 4});
        long q = wb.reallocate(p, 4, 4096, 1);
        try (GuestBuffer grown = heap.take(q, 4, 4096, 1)) {
            assertArrayEquals(new byte[] {1, 2, 3, 4}, grown.toByteArray());
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
        }
        assertEquals(pages, heap.memory().pages());
    }
}
