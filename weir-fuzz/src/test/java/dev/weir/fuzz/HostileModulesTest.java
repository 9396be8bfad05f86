package dev.weir.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.LinkException;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.StoreLimits;
import dev.weir.Trap;
import dev.weir.Value;
import dev.weir.text.Wat;
import dev.weir.wasm.InvalidModuleException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resource attacks by a running guest, each on the interpreter and on the compiler: every one ends
 * in a clear error or trap within bounded time and memory, and the host (this JVM) survives.
 * Never OutOfMemoryError, StackOverflowError or a hang. Huge declarations (10^9 functions, locals,
 * segments; giant bodies and nesting) are in {@link HostileDeclarationsTest}.
 */
class HostileModulesTest {
    static final Duration LIMIT = Duration.ofSeconds(20);
    static final StoreLimits SMALL = StoreLimits.builder().maxMemoryBytes(16L << 20).maxTableElements(10_000)
            .build();

    /** The engine of that kind; "compiler" asserts that the compiler really is there. */
    static Engine engine(String kind) {
        return engine(kind, Engine.builder());
    }

    static Engine engine(String kind, Engine.Builder b) {
        if (kind.equals("compiler")) {
            Engine e = b.compiler(true).build();
            assertTrue(e.compilerAvailable(), "weir-compiler is on the test class path but not found");
            return e;
        }
        // The compiler is the default when weir-compiler is present: pin the interpreter explicitly.
        return b.compiler(false).build();
    }

    /** Compiles; on the compiler engine the module must really be compiled (unless fuel is on). */
    static Module compile(Engine engine, byte[] wasm) {
        Module m = engine.compile(wasm);
        if (engine.compilerEnabled() && !engine.fuelEnabled()) {
            assertTrue(m.isCompiled(), "compiler engine did not compile the module");
        }
        return m;
    }

    static Instance instantiate(Engine engine, Store store, String wat) {
        return new Linker().instantiate(store, compile(engine, dev.weir.wasm.WasmEncoder.encode(Wat.parse(wat))));
    }

    static final String GROW = "(module (memory (export \"mem\") 1)"
            + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))"
            // Grows one page at a time until refused: how many pages it got.
            + " (func (export \"growAll\") (result i32) (local $n i32)"
            + "   (block $done (loop $l (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))"
            + "     (local.set $n (i32.add (local.get $n) (i32.const 1))) (br $l))) (local.get $n))"
            + " (func (export \"touch\") (param i32) (result i32) (i32.store8 (local.get 0) (i32.const 7))"
            + "   (i32.load8_u (local.get 0))))";

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void memoryGrowToTheLimitFailsWithMinusOne(String kind) {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = engine(kind);
            try (Store store = engine.newStore(SMALL)) {
                Instance inst = instantiate(engine, store, GROW);
                assertEquals(-1, inst.func("grow").callInt(65535), "4 GiB beyond the store limit");
                assertEquals(-1, inst.func("grow").callInt(-1), "delta 0xFFFFFFFF");
                assertEquals(1, inst.func("grow").callInt(255), "up to 16 MiB is fine");
                assertEquals(-1, inst.func("grow").callInt(1), "one page past the limit");
                assertEquals(16L << 20, inst.memory("mem").byteSize());
                assertEquals(7, inst.func("touch").callInt((16 << 20) - 1), "last byte usable");
                assertThrows(Trap.class, () -> inst.func("touch").callInt(16 << 20));
            }
            try (Store store = engine.newStore(SMALL)) {
                Instance inst = instantiate(engine, store, GROW);
                assertEquals(255, inst.func("growAll").callInt(), "page-by-page growth stops at the limit");
            }
            // Default limits: a declared maximum still bounds growth (4 GiB is not attempted here:
            // with a big heap it could legitimately succeed and starve the rest of the suite).
            try (Store store = engine.newStore()) {
                Instance inst = instantiate(engine, store, "(module (memory 1 2)"
                        + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0))))");
                assertEquals(-1, inst.func("grow").callInt(2));
                assertEquals(1, inst.func("grow").callInt(1));
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void hugeMinimumMemoryFailsInstantiationCleanly(String kind) {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = engine(kind);
            try (Store store = engine.newStore(SMALL)) {
                RuntimeException e = assertThrows(RuntimeException.class,
                        () -> instantiate(engine, store, "(module (memory 65536) (func))"));
                assertTrue(e instanceof Trap || e instanceof LinkException, "typed failure: " + e);
            }
            // 65537 pages is beyond the 32-bit spec maximum: invalid.
            assertThrows(InvalidModuleException.class,
                    () -> engine.compile(dev.weir.wasm.WasmEncoder.encode(Wat.parse("(module (memory 65537))"))));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void hugeTablesFailCleanly(String kind) {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = engine(kind);
            String grow = "(module (table $t 1 funcref)"
                    + " (func (export \"grow\") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))"
                    + " (func (export \"fill\") (param i32 i32) (table.fill $t (local.get 0) (ref.null func) (local.get 1))))";
            try (Store store = engine.newStore(SMALL)) {
                RuntimeException e = assertThrows(RuntimeException.class,
                        () -> instantiate(engine, store, "(module (table 4000000000 funcref) (func))"));
                assertTrue(e instanceof Trap || e instanceof LinkException, "typed failure: " + e);
                Instance inst = instantiate(engine, store, grow);
                assertEquals(-1, inst.func("grow").callInt(-1));
                assertEquals(-1, inst.func("grow").callInt(1_000_000));
                assertEquals(1, inst.func("grow").callInt(100));
                Trap t = assertThrows(Trap.class, () -> inst.func("fill").call(Value.i32(0), Value.i32(-1)));
                assertTrue(t.getMessage().contains("out of bounds"), t.getMessage());
            }
            // Default limits (10 M elements): a grow to 2^32-1 fails with -1, not OOM.
            try (Store store = engine.newStore()) {
                Instance inst = instantiate(engine, store, grow);
                assertEquals(-1, inst.func("grow").callInt(-2));
            }
        });
    }

    static final String RECURSE = "(module (func $f (export \"f\") (param i32) (result i32)"
            + " (i32.add (call $f (i32.add (local.get 0) (i32.const 1))) (i32.const 1))))";
    /** Mutual recursion through call_indirect with a big frame (many params and locals). */
    static final String RECURSE_INDIRECT = "(module (type $t (func (param i64 i64 i64 i64 f64 f64) (result i64)))"
            + " (table 2 funcref) (elem (i32.const 0) $a $b)"
            + " (func $a (type $t) (local v128 v128 i64 i64 i64 i64 i64 i64 i64 i64)"
            + "   (call_indirect (type $t) (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4)"
            + "     (local.get 5) (i32.const 1)))"
            + " (func $b (type $t) (i64.add (i64.const 1) (call_indirect (type $t) (local.get 0) (local.get 1)"
            + "   (local.get 2) (local.get 3) (local.get 4) (local.get 5) (i32.const 0))))"
            + " (func (export \"f\") (result i64) (call $a (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)"
            + "   (f64.const 5) (f64.const 6))))";

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void deepRecursionTrapsCallStackExhausted(String kind) {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (Engine engine : new Engine[] {engine(kind), engine(kind, Engine.builder().maxCallDepth(10_000_000))}) {
                try (Store store = engine.newStore()) {
                    Instance inst = instantiate(engine, store, RECURSE);
                    Trap t = assertThrows(Trap.class, () -> inst.func("f").callInt(0));
                    assertEquals("call stack exhausted", t.getMessage());
                    // The store stays usable after the trap.
                    assertThrows(Trap.class, () -> inst.func("f").callInt(0));
                    Instance ind = instantiate(engine, store, RECURSE_INDIRECT);
                    t = assertThrows(Trap.class, () -> ind.func("f").call());
                    assertEquals("call stack exhausted", t.getMessage());
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void deepRecursionOnASmallThreadStackStillTraps(String kind) throws Exception {
        AtomicReference<Throwable> got = new AtomicReference<>();
        Engine engine = engine(kind, Engine.builder().maxCallDepth(10_000_000));
        Thread t = new Thread(null, () -> {
            try (Store store = engine.newStore()) {
                instantiate(engine, store, RECURSE).func("f").callInt(0);
            } catch (Throwable e) {
                got.set(e);
            }
        }, "small-stack", 256 * 1024);
        assertTimeoutPreemptively(LIMIT, () -> {
            t.start();
            t.join();
        });
        assertTrue(got.get() instanceof Trap, "expected a Trap, got " + got.get());
        assertEquals("call stack exhausted", got.get().getMessage());
    }

    static final String SPIN = "(module (func (export \"spin\") (loop $l (br $l)))"
            // The loop sits below a few frames and inside a block nest: interrupt must unwind them all.
            + " (func $deep (param i32) (if (local.get 0) (then (call $deep (i32.sub (local.get 0) (i32.const 1))))"
            + "   (else (block (block (loop $l (br $l)))))))"
            + " (func (export \"deepSpin\") (call $deep (i32.const 50))))";

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void infiniteLoopIsStoppedByFuel(String kind) {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = engine(kind, Engine.builder().fuel(true));
            for (String f : new String[] {"spin", "deepSpin"}) {
                try (Store store = engine.newStore()) {
                    store.setFuel(5_000_000);
                    Instance inst = instantiate(engine, store, SPIN);
                    Trap t = assertThrows(Trap.class, () -> inst.func(f).call());
                    assertEquals("all fuel consumed", t.getMessage());
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void infiniteLoopIsStoppedByInterruptFromAnotherThreadWithinOneSecond(String kind) {
        Engine engine = engine(kind);
        for (String f : new String[] {"spin", "deepSpin"}) {
            assertTimeoutPreemptively(LIMIT, () -> {
                try (Store store = engine.newStore()) {
                    Instance inst = instantiate(engine, store, SPIN);
                    Thread stopper = new Thread(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            return;
                        }
                        store.interrupt();
                    });
                    long t0 = System.nanoTime();
                    stopper.start();
                    Trap t = assertThrows(Trap.class, () -> inst.func(f).call());
                    long ms = (System.nanoTime() - t0) / 1_000_000 - 300;
                    assertEquals("interrupted", t.getMessage());
                    assertTrue(ms < 1000, "stopped " + ms + " ms after interrupt()");
                    stopper.join();
                    // Interrupted once, the store runs again.
                    assertEquals(0, inst.func("deepSpin").type().results().size());
                }
            }, kind + " " + f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void hugeGcArraysTrapInsteadOfExhaustingTheHeap(String kind) {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = engine(kind);
            String wat = "(module (type $b (array (mut i8))) (type $l (array (mut i64)))"
                    + " (func (export \"bytes\") (param i32) (result i32) (array.len (array.new_default $b (local.get 0))))"
                    + " (func (export \"longs\") (param i32) (result i32) (array.len (array.new_default $l (local.get 0)))))";
            try (Store store = engine.newStore(SMALL)) {
                // GC functions may run in the interpreter even on the compiler engine: no isCompiled check.
                Instance inst = new Linker().instantiate(store,
                        engine.compile(dev.weir.wasm.WasmEncoder.encode(Wat.parse(wat))));
                assertEquals(1000, inst.func("bytes").callInt(1000));
                for (int n : new int[] {-1, Integer.MAX_VALUE, 0x40000000}) {
                    assertThrows(Trap.class, () -> inst.func("longs").callInt(n), "i64 array of " + n);
                    assertThrows(Trap.class, () -> inst.func("bytes").callInt(n), "i8 array of " + n);
                }
            }
        });
    }

    /** Bulk memory with lengths near 2^32: a trap, nothing written, no OOM or long copying. */
    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void hugeBulkMemoryOperationsTrap(String kind) {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = engine(kind);
            String wat = "(module (memory (export \"mem\") 1) (data $d \"abcdefgh\")"
                    + " (func (export \"fill\") (param i32 i32) (memory.fill (local.get 0) (i32.const 9) (local.get 1)))"
                    + " (func (export \"copy\") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))"
                    + " (func (export \"init\") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2))))";
            try (Store store = engine.newStore(SMALL)) {
                Instance inst = instantiate(engine, store, wat);
                assertThrows(Trap.class, () -> inst.func("fill").call(Value.i32(1), Value.i32(-1)));
                assertThrows(Trap.class, () -> inst.func("copy").call(Value.i32(0), Value.i32(1), Value.i32(-1)));
                assertThrows(Trap.class, () -> inst.func("copy").call(Value.i32(-1), Value.i32(0), Value.i32(2)));
                assertThrows(Trap.class, () -> inst.func("init").call(Value.i32(0), Value.i32(0), Value.i32(-1)));
                assertThrows(Trap.class, () -> inst.func("init").call(Value.i32(0), Value.i32(-1), Value.i32(1)));
                assertEquals(0, inst.memory("mem").readInt(0), "a trapping bulk operation writes nothing");
                inst.func("fill").call(Value.i32(0), Value.i32(65536));
                assertEquals(0x09090909, inst.memory("mem").readInt(65532));
            }
        });
    }

    @Test
    void fuelAlsoBoundsGeneratedPrograms() {
        // Belt and braces for the fuzzer: any generated program runs under fuel without escaping it.
        assertTimeoutPreemptively(LIMIT, () -> {
            for (String kind : new String[] {"interpreter", "compiler"}) {
                Engine engine = engine(kind, Engine.builder().fuel(true));
                for (long seed = 0; seed < 30; seed++) {
                    try (Store store = engine.newStore()) {
                        store.setFuel(200_000);
                        Instance inst = new Linker().instantiate(store,
                                engine.compile(ModuleGenerator.generate(seed).encode()));
                        try {
                            Value[] v = inst.func("run").call();
                            assertEquals(1, v.length);
                        } catch (Trap expected) {
                            // includes "all fuel consumed"
                        }
                    }
                }
            }
        });
    }
}
