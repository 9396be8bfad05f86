package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Memory;
import dev.weir.memcheck.MemError.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The C guest's deliberate bugs (examples/guests/c), each on a fresh session. */
class CExchangeMemCheckTest {
    private static final Instrumented C = MemCheck.instrument(Guests.bytes("c-exchange.wasm"));

    private static int cString(MemCheckSession s, String text) {
        byte[] b = (text + "\0").getBytes(StandardCharsets.UTF_8);
        int p = s.callInt("malloc", b.length);
        s.memory().write(p, b, 0, b.length);
        return p;
    }

    private static String readCString(MemCheckSession s, int p) {
        Memory m = s.memory();
        StringBuilder sb = new StringBuilder();
        for (int i = p; m.readByte(i) != 0; i++) {
            sb.append((char) m.readByte(i));
        }
        return sb.toString();
    }

    @Test
    void findsTheAllocator() {
        assertEquals("malloc", C.allocatorFunctions().get("malloc"));
        assertEquals("free", C.allocatorFunctions().get("free"));
        assertTrue(C.heapBase() > 1024, "heap base " + C.heapBase());
    }

    @Test
    void cleanUpperAndFreeHasNoErrors() {
        try (MemCheckSession s = MemCheckSession.start(C)) {
            int in = cString(s, "this should be uppercase");
            int out = s.callInt("upper", in);
            assertEquals("THIS SHOULD BE UPPERCASE", readCString(s, out));
            s.callInt("free", out);
            s.callInt("free", in);
            Report r = s.report();
            MemCheckAssertions.assertClean(r);
            assertEquals(2, r.allocations(), r.toText());
            assertEquals(2, r.frees(), r.toText());
        }
    }

    @Test
    void leakyUpperLeaksStrlenPlusOne() {
        try (MemCheckSession s = MemCheckSession.start(C)) {
            String text = "this should be uppercase";
            int in = cString(s, text);
            int out = s.callInt("leaky_upper", in);
            assertEquals("THIS SHOULD BE UPPERCASE", readCString(s, out));
            s.callInt("free", out);
            s.callInt("free", in);
            Report r = s.report();
            List<MemError> leaks = r.leaks();
            assertEquals(1, leaks.size(), r.toText());
            assertEquals(text.length() + 1, leaks.get(0).size());
            assertTrue(leaks.get(0).stack().toString().contains("leaky_upper"), leaks.get(0).stack().toString());
            assertEquals(leaks.size(), r.errors().size(), r.toText());
            assertThrows(AssertionError.class, () -> MemCheckAssertions.assertNoLeaks(r));
            assertTrue(r.toText().contains("25 bytes in 1 blocks are definitely lost"), r.toText());
        }
    }

    @Test
    void doubleFreeIsReportedAndSkipped() {
        try (MemCheckSession s = MemCheckSession.start(C)) {
            assertEquals(0, s.callInt("double_free_demo"));
            Report r = s.report();
            List<MemError> df = r.errors(Kind.DOUBLE_FREE);
            assertEquals(1, df.size(), r.toText());
            MemError e = df.get(0);
            assertEquals(16, e.block().size());
            assertTrue(e.stack().toString().contains("double_free_demo"), e.stack().toString());
            assertTrue(e.block().freedAt().toString().contains("double_free_demo"));
            assertEquals(1, r.errors().size(), r.toText());
            assertTrue(r.toText().contains("Invalid free()"), r.toText());
        }
    }

    @Test
    void useAfterFree() {
        try (MemCheckSession s = MemCheckSession.start(C)) {
            assertEquals(42, s.callInt("use_after_free_demo"));
            Report r = s.report();
            List<MemError> uaf = r.errors(Kind.USE_AFTER_FREE);
            assertEquals(1, uaf.size(), r.toText());
            assertEquals("use_after_free_demo", uaf.get(0).function());
            assertEquals(1, uaf.get(0).size());
            assertNotNull(uaf.get(0).block().freedAt());
            assertEquals(1, r.errors().size(), r.toText());
        }
    }

    @Test
    void heapOverflow() {
        try (MemCheckSession s = MemCheckSession.start(C)) {
            assertEquals(0, s.callInt("overflow_demo"));
            Report r = s.report();
            List<MemError> of = r.errors(Kind.HEAP_OVERFLOW);
            assertEquals(1, of.size(), r.toText());
            MemError e = of.get(0);
            assertTrue(e.write());
            assertEquals(e.block().address() + 16, e.address());
            assertEquals("overflow_demo", e.function());
            assertEquals(1, r.errors().size(), r.toText());
        }
    }
}
