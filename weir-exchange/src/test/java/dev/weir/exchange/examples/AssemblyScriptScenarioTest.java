package dev.weir.exchange.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Instance;
import dev.weir.Trap;
import dev.weir.exchange.AssemblyScript;
import dev.weir.exchange.GuestAbortException;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.ResultConvention;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AssemblyScript 0.28 with {@code --exportRuntime} ({@code examples/wasm/assemblyscript.wasm}):
 * strings are UTF-16 {@code String} objects, byte arrays {@code Uint8Array} views, allocations are
 * pinned managed objects; no hand-written glue on the Java side.
 */
class AssemblyScriptScenarioTest {
    private Instance instance;
    private GuestHeap heap;

    @BeforeEach
    void setUp() {
        instance = Guests.instantiate("assemblyscript");
        heap = GuestHeap.detect(instance);
    }

    @Test
    void detectsAssemblyScript() {
        assertEquals("AssemblyScript __new/__pin/__unpin", heap.allocator().name());
    }

    @Test
    void upperAndArraySumWithoutGlue() {
        assertEquals("THIS SHOULD BE UPPERCASE", heap.callString("upper", "this should be uppercase"));
        assertEquals("GRÜSSE, FIX", heap.callString("upper", "grüße, ﬁx"));
        assertEquals("", heap.callString("upper", ""));
        assertEquals(15, heap.callInt("arraySum", new byte[] {1, 2, 3, 4, 5}));
        assertEquals(300, heap.callInt("arraySum", new byte[] {(byte) 200, 100}), "no wrap");
        try (GuestBuffer a = AssemblyScript.copyInStaticArray(heap, new byte[] {1, 2, 3, 4, 5})) {
            assertEquals(15, instance.func("arraySumStatic").callInt(a.ptr()));
        }
        assertTrue(heap.liveAllocations().isEmpty(), "every pin was released");
    }

    @Test
    void typedArrayResults() {
        GuestBuffer iota = ResultConvention.assemblyScriptTypedArray().invoke(heap, "iota", 5);
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4}, iota.takeBytes());
    }

    @Test
    void abortIsDecodedIntoAClearException() {
        Trap t = assertThrows(Trap.class, () -> instance.func("fail").callInt());
        GuestAbortException abort = GuestAbortException.unwrap(t);
        assertNotNull(abort, "the trap's cause is the decoded abort: " + t);
        assertEquals("weir: deliberate failure", abort.guestMessage());
        assertEquals("assembly/index.ts", abort.fileName());
        assertEquals(47, abort.line());
        assertEquals(3, abort.column());
        assertEquals("weir: deliberate failure (assembly/index.ts:47:3)", abort.getMessage());
    }

    @Test
    void pinnedObjectsSurviveGarbageCollectionAndAreReleased() {
        try (GuestBuffer a = AssemblyScript.copyInUint8Array(heap, new byte[] {1, 2, 3, 4, 5})) {
            AssemblyScript.collect(heap); // a full GC while the host holds the arguments
            for (int i = 0; i < 50; i++) {
                heap.callString("upper", "churn " + i);
            }
            AssemblyScript.collect(heap);
            assertEquals(15, instance.func("arraySum").callInt(a.ptr()));
        }
        for (int i = 0; i < 200; i++) {
            heap.callString("upper", "warm-up " + i);
        }
        AssemblyScript.collect(heap);
        long pages = heap.memory().pages();
        for (int i = 0; i < 3_000; i++) {
            assertEquals("ROUND " + i, heap.callString("upper", "round " + i));
            assertEquals(15, heap.callInt("arraySum", new byte[] {1, 2, 3, 4, 5}));
        }
        AssemblyScript.collect(heap);
        assertEquals(pages, heap.memory().pages(), "unpinned objects were reclaimed");
    }
}
