package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Trap;
import dev.weir.memcheck.MemError.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/guests/c/memcheck_errors.c: each exported demo has exactly one bug of one kind, reached
 * through a call chain; the report must contain exactly that error with the guest stack
 * (function names, innermost first, like Valgrind's "at ... by ...").
 */
class CErrorKindsTest {
    private static final Instrumented G = MemCheck.instrument(Guests.bytes("memcheck-errors.wasm"));

    private static Report run(String export, int... args) {
        try (MemCheckSession s = MemCheckSession.start(G)) {
            try {
                s.callInt(export, args);
            } catch (Trap t) {
                return s.report(t.getMessage());
            }
            return s.report();
        }
    }

    /** The function names of a stack ("make_copy (func 2 @0x..)" → "make_copy"). */
    private static List<String> names(List<String> stack) {
        List<String> out = new ArrayList<>();
        for (String f : stack) {
            out.add(Report.bareName(f));
        }
        return out;
    }

    private static MemError only(Report r, Kind kind) {
        assertEquals(1, r.errors().size(), r.toText());
        MemError e = r.errors().get(0);
        assertEquals(kind, e.kind(), r.toText());
        assertEquals(1, e.count(), r.toText());
        return e;
    }

    @Test
    void cleanDemoIsClean() {
        Report r = run("clean_demo");
        MemCheckAssertions.assertClean(r);
        assertEquals(3, r.allocations(), r.toText()); // make_copy, realloc, calloc
        assertEquals(3, r.frees(), r.toText());
    }

    @Test
    void leak() {
        Report r = run("leak_demo");
        MemError e = only(r, Kind.LEAK);
        assertEquals(24, e.size());
        assertEquals(List.of("malloc", "make_copy", "leak_demo", "host call leak_demo"), names(e.stack()));
        String text = r.toText();
        assertTrue(text.contains("24 bytes in 1 blocks are definitely lost in loss record 1 of 1\n"
                + "==weir==    at malloc (guest)\n==weir==    by make_copy (func 2 @0x"), text);
        assertTrue(text.contains("==weir==    by leak_demo (func 4)\n==weir==    by host call leak_demo\n"), text);
    }

    @Test
    void doubleFree() {
        MemError e = only(run("double_free_demo"), Kind.DOUBLE_FREE);
        assertEquals(List.of("free", "release", "double_free_demo", "host call double_free_demo"), names(e.stack()));
        assertEquals(32, e.block().size());
        assertEquals(List.of("free", "release", "double_free_demo", "host call double_free_demo"),
                names(e.block().freedAt()));
        assertEquals(List.of("malloc", "make_buffer", "double_free_demo", "host call double_free_demo"),
                names(e.block().allocatedAt()));
    }

    @Test
    void invalidFree() {
        Report r = run("invalid_free_demo");
        MemError e = only(r, Kind.INVALID_FREE);
        assertEquals(List.of("free", "release", "invalid_free_demo", "host call invalid_free_demo"), names(e.stack()));
        assertEquals(e.block().address() + 8, e.address());
        assertEquals(40, e.block().size());
        assertTrue(e.detail().contains("8 bytes inside a block of size 40"), e.detail());
        assertEquals(1, r.frees(), r.toText()); // the invalid free was skipped, the real one done
    }

    @Test
    void useAfterFree() {
        Report r = run("use_after_free_demo");
        MemError e = only(r, Kind.USE_AFTER_FREE);
        assertEquals(List.of("read_at", "use_after_free_demo", "host call use_after_free_demo"), names(e.stack()));
        assertEquals(e.block().address() + 5, e.address());
        assertEquals(1, e.size());
        assertTrue(!e.write());
        assertEquals(List.of("free", "release", "use_after_free_demo", "host call use_after_free_demo"),
                names(e.block().freedAt()));
        String text = r.toText();
        assertTrue(text.contains("Invalid read of size 1 (use after free)\n==weir==    at read_at (func "), text);
        assertTrue(text.contains("5 bytes inside a block of size 48 free'd"), text);
    }

    @Test
    void heapOverflow() {
        MemError e = only(run("heap_overflow_demo"), Kind.HEAP_OVERFLOW);
        assertEquals(List.of("write_at", "heap_overflow_demo", "host call heap_overflow_demo"), names(e.stack()));
        assertTrue(e.write());
        assertEquals(e.block().address() + 20, e.address());
        assertEquals(20, e.block().size());
        assertNull(e.block().freedAt());
    }

    @Test
    void uninitializedRead() {
        MemError e = only(run("uninit_read_demo"), Kind.UNINIT_READ);
        assertEquals(List.of("read_at", "uninit_read_demo", "host call uninit_read_demo"), names(e.stack()));
        assertEquals(e.block().address() + 7, e.address());
        assertEquals(12, e.block().size());
    }

    @Test
    void stackOverflowShowsTheRecursion() {
        Report r = run("stack_overflow_demo", 20);
        MemError e = only(r, Kind.STACK_OVERFLOW);
        List<String> n = names(e.stack());
        assertEquals("recurse", n.get(0), r.toText());
        assertEquals("stack_overflow_demo", n.get(n.size() - 2), r.toText());
        assertEquals("host call stack_overflow_demo", n.get(n.size() - 1));
        assertTrue(n.size() > 10, r.toText()); // the recursive frames are on the shadow stack
        assertNotNull(e.detail());
        MemCheckAssertions.assertClean(run("stack_overflow_demo", 5));
    }

    @Test
    void eachKindIsOneErrorAndTheSummaryCountsIt() {
        String text = run("heap_overflow_demo").toText();
        assertTrue(text.contains("ERROR SUMMARY: 1 errors from 1 contexts"), text);
        assertTrue(text.contains("Invalid write of size 1 (heap buffer overflow)\n==weir==    at write_at (func 7 @0x"),
                text);
        assertTrue(text.contains("==weir==    by heap_overflow_demo (func 11)\n"), text);
    }

    @Test
    void blockAGlobalPointsToIsStillReachableNotAnError() {
        try (MemCheckSession s = MemCheckSession.start(G)) {
            s.callInt("still_reachable_demo");
            Report r = s.report();
            MemCheckAssertions.assertClean(r);
            assertEquals(1, r.stillReachable().size(), r.toText());
            assertEquals(64, r.stillReachableBytes());
            assertTrue(r.toText().contains("still reachable: 64 bytes in 1 blocks"), r.toText());
            assertTrue(r.toJson().contains("\"stillReachable\":1"), r.toJson());
            s.callInt("still_reachable_demo"); // overwrites the only pointer to the first block
            Report r2 = s.report();
            assertEquals(1, r2.leaks().size(), r2.toText());
            assertEquals(1, r2.stillReachable().size(), r2.toText());
            assertEquals(List.of("malloc", "make_buffer", "still_reachable_demo", "host call still_reachable_demo"),
                    names(r2.leaks().get(0).stack()));
        }
    }
}
