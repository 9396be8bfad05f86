package dev.weir.exchange.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Memory;
import dev.weir.Trap;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import org.junit.jupiter.api.Test;

/**
 * The seed article's bug: {@code take_ownership} rebuilds a {@code Vec} with
 * {@code Vec::from_raw_parts} and drops it, freeing the host's buffer; the host then frees it
 * again. With {@link GuestBuffer#give()} the second free cannot be expressed.
 */
class DoubleFreeScenarioTest {

    @Test
    void giveMakesTheSecondFreeImpossible() {
        Instance instance = Guests.instantiate("rust-raw");
        GuestHeap heap = GuestHeap.detect(instance);
        long address;
        try (GuestBuffer in = heap.copyIn(new byte[] {1, 2, 3, 4, 5})) {
            address = in.address();
            // ownership moves to the guest, which frees the block when its Vec is dropped
            assertEquals(15, instance.func("take_ownership").callInt(in.give(), in.length()));
            assertFalse(in.isOpen());
            assertThrows(IllegalStateException.class, in::ptr, "a given handle cannot be passed again");
            assertThrows(IllegalStateException.class, in::give);
        } // close() after give(): no dealloc
        assertTrue(heap.liveAllocations().isEmpty());
        // the guest really freed it: dlmalloc hands the same block out again, and it works normally
        try (GuestBuffer again = heap.copyIn(new byte[] {5, 5, 5, 5, 5})) {
            assertEquals(address, again.address());
            assertEquals(25, instance.func("array_sum").callInt(again.ptr(), again.length()));
        }
        for (int i = 0; i < 1000; i++) { // the allocator stays healthy
            assertEquals(15, heap.callInt("array_sum", new byte[] {1, 2, 3, 4, 5}));
        }
    }

    @Test
    void theRawCallsReproduceTheSeedBug() {
        Instance instance = Guests.instantiate("rust-raw");
        Memory memory = instance.memory("memory");
        Func alloc = instance.func("alloc");
        Func dealloc = instance.func("dealloc");
        int p = alloc.callInt(5);
        memory.write(p, new byte[] {1, 2, 3, 4, 5});
        assertEquals(15, instance.func("take_ownership").callInt(p, 5));
        // what the API prevents: on a fresh instance dlmalloc traps far from the bug (guests/README.md)
        Trap t = assertThrows(Trap.class, () -> dealloc.callInt(p, 5));
        assertTrue(t.getMessage().contains("out of bounds"), t.getMessage());
    }
}
