package dev.weir.exchange.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import org.junit.jupiter.api.Test;

/** The embedding example of the README, verbatim but for the path, so the README cannot rot. */
class ReadmeExampleTest {
    @Test
    void readmeEmbeddingExampleSumsTheArray() {
        Engine engine = Engine.create();
        Module module = engine.compile(Guests.wasmDir().resolve("rust-raw.wasm"));
        try (Store store = engine.newStore()) {
            Instance guest = new Linker().instantiate(store, module);
            GuestHeap heap = GuestHeap.detect(guest);
            int sum;
            try (GuestBuffer in = heap.copyIn(new byte[] {1, 2, 3, 4, 5})) {
                sum = guest.func("array_sum").callInt(in.ptr(), in.length());
            }
            assertEquals(15, sum);
            assertTrue(heap.liveAllocations().isEmpty(), "the buffer was freed on close");
        }
    }
}
