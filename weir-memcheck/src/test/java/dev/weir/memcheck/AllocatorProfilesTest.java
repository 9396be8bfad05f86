package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.exchange.GuestHeap;
import dev.weir.memcheck.MemError.Kind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The allocator profiles on the committed example guests: wasm-bindgen, component model
 * ({@code cabi_realloc}) and AssemblyScript's garbage-collected heap. (malloc/free and the Rust
 * raw and {@code __rust_*} profiles: CExchangeMemCheckTest, CErrorKindsTest, RustRawMemCheckTest.)
 */
class AllocatorProfilesTest {
    /** AssemblyScript imports env.abort(message, file, line, column). */
    private static MemCheckSession start(Instrumented im) {
        ValType i = ValType.I32;
        return MemCheckSession.start(im, l -> l.define("env", "abort", FuncType.of(new ValType[] {i, i, i, i},
                new ValType[0]), (c, st, r, b) -> {
                    throw new IllegalStateException("guest abort");
                }), true);
    }

    @Test
    void wasmBindgenMallocAndFree() {
        Instrumented im = MemCheck.instrument(Guests.bytes("wasm-bindgen-style.wasm"));
        Map<String, String> a = im.allocatorFunctions();
        assertEquals("__wbindgen_malloc", a.get("__wbindgen_malloc"), a.toString());
        assertEquals("__wbindgen_free", a.get("__wbindgen_free"), a.toString());
        assertEquals("__wbindgen_realloc", a.get("__wbindgen_realloc"), a.toString());
        try (MemCheckSession s = MemCheckSession.start(im)) {
            int p = s.callInt("__wbindgen_malloc", 24, 1);
            s.memory().write(p, new byte[24], 0, 24);
            int q = s.callInt("__wbindgen_realloc", p, 24, 48, 1);
            s.callInt("__wbindgen_free", q, 48, 1);
            MemCheckAssertions.assertClean(s.report());
            s.callInt("__wbindgen_free", q, 48, 1); // double free through the wasm-bindgen API
            Report r = s.report();
            assertEquals(1, r.errors(Kind.DOUBLE_FREE).size(), r.toText());
            assertEquals(q, r.errors(Kind.DOUBLE_FREE).get(0).address(), r.toText());
            int leaked = s.callInt("__wbindgen_malloc", 7, 1);
            assertEquals(leaked, s.report().leaks().get(0).address());
            assertTrue(s.report().leaks().get(0).stack().get(0).startsWith("__wbindgen_malloc (export, called by host)"));
        }
    }

    @Test
    void componentModelCabiRealloc() {
        Instrumented im = MemCheck.instrument(Guests.bytes("component-style.wasm"));
        assertEquals("cabi_realloc", im.allocatorFunctions().get("cabi_realloc"), im.allocatorFunctions().toString());
        try (MemCheckSession s = MemCheckSession.start(im)) {
            int p = s.callInt("cabi_realloc", 0, 0, 1, 16);       // allocate
            int q = s.callInt("cabi_realloc", p, 16, 1, 64);      // grow
            Report mid = s.report();
            assertEquals(1, mid.leaks().size(), mid.toText());
            assertEquals(64, mid.leaks().get(0).size());
            assertEquals(q, mid.leaks().get(0).address());
            assertEquals(2, mid.allocations());
            assertEquals(1, mid.frees());
            MemCheckAssertions.assertNoErrors(mid);
        }
    }

    @Test
    void assemblyScriptPinsAreBalancedAndObjectsAreNotLeaks() {
        Instrumented im = MemCheck.instrument(Guests.bytes("assemblyscript.wasm"));
        Map<String, String> a = im.allocatorFunctions();
        assertEquals("__new", a.get("~lib/rt/itcms/__new"), a.toString());
        assertEquals("__pin", a.get("~lib/rt/itcms/__pin"), a.toString());
        assertEquals("__unpin", a.get("~lib/rt/itcms/__unpin"), a.toString());
        assertEquals("__collect", a.get("~lib/rt/itcms/__collect"), a.toString());
        try (MemCheckSession s = start(im)) {
            GuestHeap heap = s.heap();
            for (int i = 0; i < 40; i++) {
                assertEquals("CHURN " + i, heap.callString("upper", "churn " + i));
                if (i % 10 == 0) {
                    s.call("__collect");
                }
            }
            assertEquals(15, heap.callInt("arraySum", new byte[] {1, 2, 3, 4, 5}));
            Report r = s.report();
            // Objects the collector owns are neither leaks nor errors, and the runtime's header
            // reads (string length, GC bookkeeping) are not overflows.
            MemCheckAssertions.assertClean(r);
            assertTrue(r.allocations() >= 80, r.toText());
        }
    }

    @Test
    void assemblyScriptPinWithoutUnpinIsALeakAndUnpinningTwiceIsReported() {
        Instrumented im = MemCheck.instrument(Guests.bytes("assemblyscript.wasm"));
        try (MemCheckSession s = start(im)) {
            int p = s.callInt("__new", 12, s.callInt("stringId"));
            s.callInt("__pin", p);
            Report r = s.report();
            assertEquals(1, r.leaks().size(), r.toText());
            assertTrue(r.leaks().get(0).detail().contains("still pinned"), r.toText());
            s.callInt("__unpin", p);
            MemCheckAssertions.assertClean(s.report());
            s.callInt("__unpin", p); // the runtime would abort "Object is not pinned"; memcheck skips it
            Report r2 = s.report();
            assertEquals(1, r2.errors(Kind.INVALID_FREE).size(), r2.toText());
            assertTrue(r2.errors(Kind.INVALID_FREE).get(0).detail().contains("__unpin(): the object is not pinned"),
                    r2.toText());
            s.callInt("__pin", 12345 * 16); // not an object
            assertEquals(2, s.report().errors(Kind.INVALID_FREE).size(), s.report().toText());
        }
    }
}
