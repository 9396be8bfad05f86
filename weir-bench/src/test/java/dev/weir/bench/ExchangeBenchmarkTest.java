package dev.weir.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The exchange benchmark's states set up and its operations give the right answers without leaking. Quick: no measuring. */
class ExchangeBenchmarkTest {
    @Test
    void copyInFreesEveryBlockAndArraycopyCopies() {
        ExchangeBenchmark b = new ExchangeBenchmark();
        for (int size : new int[] {16, 4096, 1 << 20}) {
            ExchangeBenchmark.Copy s = new ExchangeBenchmark.Copy();
            s.size = size;
            s.setUp();
            int first = b.copyIn(s);
            assertTrue(first > 0, "pointer " + first);
            // dlmalloc hands the freed block back: nothing accumulates between operations.
            assertEquals(first, b.copyIn(s));
            assertTrue(s.heap.liveAllocations().isEmpty(), s.heap.liveAllocations().toString());
            assertArrayEquals(s.data, b.arraycopy(s));
        }
    }

    @Test
    void upperRoundTrip() {
        ExchangeBenchmark.Upper s = new ExchangeBenchmark.Upper();
        s.setUp();
        ExchangeBenchmark b = new ExchangeBenchmark();
        for (int i = 0; i < 3; i++) {
            assertEquals("THIS SHOULD BE UPPERCASE", b.upperRoundTrip(s));
        }
        assertTrue(s.heap.liveAllocations().isEmpty(), s.heap.liveAllocations().toString());
    }
}
