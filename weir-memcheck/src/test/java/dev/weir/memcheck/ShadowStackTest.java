package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.Trap;
import dev.weir.text.Wat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shadow call stack survives every way out of a function: fall-through, {@code return},
 * branches to the function label ({@code br}, {@code br_if}, {@code br_table}), tail calls,
 * multi-value results, and traps.
 */
class ShadowStackTest {
    /** A bump allocator named malloc/free (free is a no-op), and call chains to it. */
    private static final String GUEST = "(module\n"
            + "  (memory (export \"memory\") 1)\n"
            + "  (global $top (mut i32) (i32.const 4096))\n"
            + "  (func $malloc (export \"malloc\") (param $n i32) (result i32) (local $p i32)\n"
            + "    (local.set $p (global.get $top))\n"
            + "    (global.set $top (i32.add (global.get $top) (i32.and (i32.add (local.get $n) (i32.const 15))"
            + " (i32.const -16))))\n"
            + "    (local.get $p))\n"
            + "  (func $free (export \"free\") (param i32))\n"
            + "  (func $inner (param $n i32) (result i32) (call $malloc (local.get $n)))\n"
            + "  (func $pair (param $n i32) (result i32 i32)\n"
            + "    (block (br_if 0 (i32.eqz (local.get $n)))\n"
            + "      (return (call $inner (local.get $n)) (i32.const 7)))\n"
            + "    (i32.const 0) (i32.const 0))\n"
            + "  (func $table (param $k i32) (result i32)\n"
            + "    (drop (call $inner (i32.const 1)))\n"
            + "    (block (result i32) (br_table 0 1 (i32.const 99) (local.get $k))))\n"
            + "  (func $tail (param $n i32) (result i32) (return_call $inner (local.get $n)))\n"
            + "  (func (export \"pair\") (param $n i32) (result i32 i32) (call $pair (local.get $n)))\n"
            + "  (func (export \"table\") (param $k i32) (result i32) (call $table (local.get $k)))\n"
            + "  (func (export \"tail\") (param $n i32) (result i32) (call $tail (local.get $n)))\n"
            + "  (func (export \"leak_after\") (param $n i32) (result i32)\n"
            + "    (drop (call $pair (i32.const 0))) (drop) (drop (call $table (i32.const 1)))\n"
            + "    (call $inner (local.get $n)))\n"
            + "  (func $boom (drop (call $inner (i32.const 3))) unreachable)\n"
            + "  (func (export \"trap\") (call $boom)))";

    private static final Instrumented M = MemCheck.instrument(Wat.parse(GUEST));

    private static List<String> names(List<String> stack) {
        List<String> out = new ArrayList<>();
        for (String f : stack) {
            out.add(Report.bareName(f));
        }
        return out;
    }

    @Test
    void everyExitPopsItsFrame() {
        try (MemCheckSession s = MemCheckSession.start(M)) {
            long[] pair = s.call("pair", 5);
            assertEquals(7, pair[1]);
            assertArrayEquals(new long[] {0, 0}, s.call("pair", 0));
            assertEquals(99, s.callInt("table", 0));
            assertEquals(99, s.callInt("table", 1));
            s.callInt("tail", 2);
            s.callInt("leak_after", 9); // after all of the above, the stack is just leak_after's
            Report r = s.report();
            List<MemError> leaks = r.leaks();
            assertEquals(6, leaks.size(), r.toText());
            // (the internal functions are named after the exports in the name section)
            assertEquals(List.of("malloc", "inner", "pair", "pair", "host call pair"), names(leaks.get(0).stack()));
            assertEquals(List.of("malloc", "inner", "table", "table", "host call table"), names(leaks.get(2).stack()));
            // return_call: the tail-calling $tail (func 5) has left before $inner runs; the export (func 8) remains
            assertEquals(List.of("malloc", "inner", "tail", "host call tail"), names(leaks.get(3).stack()), r.toText());
            assertEquals("tail (func 8)", leaks.get(3).stack().get(2));
            assertEquals(List.of("malloc", "inner", "table", "leak_after", "host call leak_after"),
                    names(leaks.get(4).stack()), r.toText());
            assertEquals(List.of("malloc", "inner", "leak_after", "host call leak_after"), names(leaks.get(5).stack()),
                    r.toText());
        }
    }

    @Test
    void aTrapDropsTheFramesItUnwound() {
        try (MemCheckSession s = MemCheckSession.start(M)) {
            assertThrows(Trap.class, () -> s.call("trap"));
            s.callInt("tail", 4);
            Report r = s.report();
            assertEquals(List.of("malloc", "inner", "boom", "trap", "host call trap"),
                    names(r.leaks().get(0).stack()), r.toText());
            List<String> after = names(r.leaks().get(1).stack());
            assertEquals(List.of("malloc", "inner", "tail", "host call tail"), after, r.toText());
        }
    }
}
