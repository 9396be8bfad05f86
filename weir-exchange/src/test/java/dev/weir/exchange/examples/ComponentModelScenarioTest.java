package dev.weir.exchange.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Instance;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.GuestString;
import dev.weir.exchange.Ownership;
import dev.weir.exchange.ResultConvention;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The canonical ABI ({@code examples/wasm/component-style.wasm}): arguments lowered with
 * {@code cabi_realloc} belong to the guest; the result record stays guest-owned until
 * {@code cabi_post_upper(retptr)}, which closing the result handle runs.
 */
class ComponentModelScenarioTest {
    private Instance instance;
    private GuestHeap heap;

    @BeforeEach
    void setUp() {
        instance = Guests.instantiate("component-style");
        heap = GuestHeap.detect(instance);
    }

    @Test
    void detectsTheComponentModel() {
        assertEquals("component model cabi_realloc", heap.allocator().name());
    }

    @Test
    void upperAndArraySumAreOneLiners() {
        assertEquals("THIS SHOULD BE UPPERCASE", heap.callString("upper", "this should be uppercase"));
        assertEquals("GRÜSSE, FIX", heap.callString("upper", "grüße, ﬁx"));
        assertEquals("", heap.callString("upper", ""));
        assertEquals(15, heap.callInt("array_sum", new byte[] {1, 2, 3, 4, 5}));
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void resultAwaitsCabiPostUntilClosed() {
        GuestString arg = heap.copyInString("this should be uppercase");
        int len = arg.byteLength();
        GuestString up = ResultConvention.componentModel().invokeString(heap, "upper", UTF_8, arg.give(), len);
        assertEquals(Ownership.GUEST_RELEASE, up.ownership());
        assertEquals(1, heap.liveAllocations().size());
        assertEquals(Ownership.GUEST_RELEASE, heap.liveAllocations().get(0).ownership());
        assertEquals("THIS SHOULD BE UPPERCASE", up.read());
        up.close(); // cabi_post_upper(retptr)
        up.close(); // exactly once
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void postReturnFreesTheResults() {
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
