package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.memcheck.MemError.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed article's Rust guest: its double free, and clean round trips. */
class RustRawMemCheckTest {
    private static final byte[] RUST = Guests.bytes("rust-raw.wasm");
    private static final Instrumented R = MemCheck.instrument(RUST);

    private static int copyIn(MemCheckSession s, byte[] data) {
        int p = s.callInt("alloc", data.length);
        s.memory().write(p, data, 0, data.length);
        return p;
    }

    @Test
    void wrapsTheRustAllocator() {
        assertEquals("alloc", R.allocatorFunctions().get("alloc"));
        assertEquals("dealloc", R.allocatorFunctions().get("dealloc"));
        assertEquals("__rust_dealloc", R.allocatorFunctions().get("__rust_dealloc"));
    }

    @Test
    void seedDoubleFreeIsReportedAndTheGuestDoesNotTrap() {
        try (MemCheckSession s = MemCheckSession.start(R)) {
            int p = copyIn(s, new byte[] {1, 2, 3, 4, 5});
            assertEquals(15, s.callInt("take_ownership", p, 5));
            s.callInt("dealloc", p, 5); // the seed's bug: the guest already freed it
            Report r = s.report();
            List<MemError> df = r.errors(Kind.DOUBLE_FREE);
            assertEquals(1, df.size(), r.toText());
            assertEquals(p, df.get(0).address());
            assertTrue(df.get(0).block().freedAt().toString().contains("take_ownership"), r.toText());
            assertEquals(1, r.errors().size(), r.toText());
            // The skipped free left dlmalloc intact: the guest keeps working.
            int q = copyIn(s, new byte[] {9, 9});
            assertEquals(18, s.callInt("array_sum", q, 2));
            s.callInt("dealloc", q, 2);
            assertEquals(1, s.report().errors().size(), s.report().toText());
        }
    }

    @Test
    void withoutMemcheckTheSameSequenceTraps() {
        Engine e = Engine.create();
        try (Store store = e.newStore()) {
            Instance i = new Linker().instantiate(store, e.compile(RUST));
            int p = i.func("alloc").callInt(5);
            i.memory("memory").write(p, new byte[] {1, 2, 3, 4, 5}, 0, 5);
            assertEquals(15, i.func("take_ownership").callInt(p, 5));
            assertThrows(Trap.class, () -> i.func("dealloc").callSlots(p, 5));
        }
    }

    @Test
    void cleanRoundTripsHaveNoErrors() {
        try (MemCheckSession s = MemCheckSession.start(R)) {
            for (int k = 0; k < 20; k++) {
                int p = copyIn(s, new byte[] {1, 2, 3, 4, 5});
                assertEquals(15, s.callInt("array_sum", p, 5));
                s.callInt("dealloc", p, 5);
                byte[] text = "this should be uppercase".getBytes(StandardCharsets.UTF_8);
                int in = copyIn(s, text);
                int out = s.callInt("upper", in, text.length);
                byte[] got = new byte[text.length];
                s.memory().read(out, got, 0, got.length);
                assertArrayEquals("THIS SHOULD BE UPPERCASE".getBytes(StandardCharsets.UTF_8), got);
                s.callInt("dealloc", out, text.length);
                s.callInt("dealloc", in, text.length);
            }
            Report r = s.report();
            MemCheckAssertions.assertClean(r);
            assertTrue(r.allocations() >= 60, r.toText());
        }
    }

    @Test
    void forgottenResultIsALeak() {
        try (MemCheckSession s = MemCheckSession.start(R)) {
            byte[] text = "abc".getBytes(StandardCharsets.UTF_8);
            int in = copyIn(s, text);
            s.callInt("upper", in, 3);
            s.callInt("dealloc", in, 3);
            Report r = s.report();
            assertEquals(1, r.leaks().size(), r.toText());
            assertEquals(3, r.leakedBytes());
            assertTrue(r.leaks().get(0).stack().toString().contains("upper"), r.toText());
        }
    }
}
