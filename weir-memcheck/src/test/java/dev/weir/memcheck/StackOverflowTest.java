package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Trap;
import dev.weir.memcheck.MemError.Kind;
import dev.weir.text.Wat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stack overflow detection through the guest's {@code __stack_pointer} global. */
class StackOverflowTest {
    /**
     * Data ends at 1024 + 16 = 1040; the stack starts at 4096 and grows down (wasm-ld's default
     * layout). {@code frame(n)} reserves n bytes, writes into the frame and releases it.
     */
    private static final String GUEST = "(module\n"
            + "  (memory (export \"memory\") 1)\n"
            + "  (global $__stack_pointer (mut i32) (i32.const 4096))\n"
            + "  (data (i32.const 1024) \"static data 0123\")\n"
            + "  (func $frame (export \"frame\") (param $n i32) (local $sp i32)\n"
            + "    (global.set $__stack_pointer (local.tee $sp (i32.sub (global.get $__stack_pointer) (local.get $n))))\n"
            + "    (i32.store (local.get $sp) (i32.const 42))\n"
            + "    (global.set $__stack_pointer (i32.add (local.get $sp) (local.get $n))))\n"
            + "  (func $recurse (export \"recurse\") (param $depth i32)\n"
            + "    (global.set $__stack_pointer (i32.sub (global.get $__stack_pointer) (i32.const 512)))\n"
            + "    (if (local.get $depth) (then (call $recurse (i32.sub (local.get $depth) (i32.const 1)))))\n"
            + "    (global.set $__stack_pointer (i32.add (global.get $__stack_pointer) (i32.const 512)))))";

    private static Report run(String wat, String export, int arg) {
        Instrumented im = MemCheck.instrument(Wat.parse(wat));
        try (MemCheckSession s = MemCheckSession.start(im)) {
            try {
                s.callInt(export, arg);
            } catch (Trap t) {
                return s.report(t.getMessage()); // the store into a wrapped frame traps after the report
            }
            return s.report();
        }
    }

    @Test
    void frameWithinTheStackIsClean() {
        MemCheckAssertions.assertClean(run(GUEST, "frame", 3056)); // 4096 - 3056 = 1040 = end of data
    }

    @Test
    void frameBelowTheDataEndIsReportedWithTheFunctionName() {
        Report r = run(GUEST, "frame", 3060);
        List<MemError> so = r.errors(Kind.STACK_OVERFLOW);
        assertEquals(1, so.size(), r.toText());
        MemError e = so.get(0);
        assertEquals(1036, e.address());
        assertEquals("frame", e.function());
        assertTrue(e.detail().contains("0x410"), e.detail()); // the bound, 1040
        assertTrue(r.toText().contains("Stack overflow"), r.toText());
        assertTrue(r.toJson().contains("\"STACK_OVERFLOW\""));
        assertTrue(r.toHtml().contains("STACK_OVERFLOW"));
    }

    @Test
    void deepRecursionIsReportedOnce() {
        Report r = run(GUEST, "recurse", 20); // 21 frames of 512 bytes from 4096: below 1040 at the 6th
        assertEquals(1, r.errors(Kind.STACK_OVERFLOW).size(), r.toText());
        assertEquals("recurse", r.errors(Kind.STACK_OVERFLOW).get(0).function());
        assertEquals(4096 - 6 * 512, r.errors(Kind.STACK_OVERFLOW).get(0).address());
    }

    @Test
    void strippedLlvmModuleUsesMutableGlobalZero() {
        // No name section for globals: global 0, a mutable i32 initialized to a multiple of 16, is the stack pointer.
        String stripped = GUEST.replace("$__stack_pointer", "0").replace("(global 0 (mut", "(global (mut");
        Report r = run(stripped, "frame", 4000);
        assertEquals(1, r.errors(Kind.STACK_OVERFLOW).size(), r.toText());
    }

    @Test
    void stackFirstLayoutOnlyReportsWrapping() {
        // Stack below the data (wasm-ld --stack-first): the lower bound is 0, a negative pointer has wrapped.
        String stackFirst = GUEST.replace("(i32.const 4096)", "(i32.const 1008)");
        MemCheckAssertions.assertClean(run(stackFirst, "frame", 1000));
        Report r = run(stackFirst, "frame", 1020);
        assertEquals(1, r.errors(Kind.STACK_OVERFLOW).size(), r.toText());
        assertTrue(r.errors(Kind.STACK_OVERFLOW).get(0).detail().contains("wrapped"), r.toText());
    }

    @Test
    void otherGlobalsAreNotChecked() {
        String other = GUEST.replace("$__stack_pointer", "$counter");
        // Named globals, none called __stack_pointer: nothing is treated as a stack pointer.
        MemCheckAssertions.assertClean(run(other, "frame", 4000));
    }
}
