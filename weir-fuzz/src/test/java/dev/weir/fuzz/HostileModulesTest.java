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
import dev.weir.wasm.MalformedModuleException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Resource attacks by a guest: each ends in a clear error or trap within bounded time and memory,
 * and the host (this JVM, -Xmx4g) survives. Never OutOfMemoryError, StackOverflowError or a hang.
 */
class HostileModulesTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final StoreLimits SMALL = StoreLimits.builder().maxMemoryBytes(16L << 20).maxTableElements(10_000)
            .build();

    private static Instance instantiate(Engine engine, Store store, String wat) {
        return new Linker().instantiate(store, engine.compile(Wat.parse(wat)));
    }

    @Test
    void memoryGrowToTheLimitFailsWithMinusOne() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = Engine.create();
            String wat = "(module (memory (export \"mem\") 1)"
                    + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0))))";
            try (Store store = engine.newStore(SMALL)) {
                Instance inst = instantiate(engine, store, wat);
                assertEquals(-1, inst.func("grow").callInt(65535), "4 GiB beyond the store limit");
                assertEquals(-1, inst.func("grow").callInt(-1), "delta 0xFFFFFFFF");
                assertEquals(1, inst.func("grow").callInt(255), "up to 16 MiB is fine");
                assertEquals(-1, inst.func("grow").callInt(1), "one page past the limit");
                assertEquals(16L << 20, inst.memory("mem").byteSize());
            }
            // Default limits: a declared maximum still bounds growth (4 GiB is not attempted here:
            // with -Xmx4g it could legitimately succeed and starve the rest of the suite).
            try (Store store = engine.newStore()) {
                Instance inst = instantiate(engine, store, "(module (memory 1 2)"
                        + " (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0))))");
                assertEquals(-1, inst.func("grow").callInt(2));
                assertEquals(1, inst.func("grow").callInt(1));
            }
        });
    }

    @Test
    void hugeMinimumMemoryFailsInstantiationCleanly() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = Engine.create();
            try (Store store = engine.newStore(SMALL)) {
                RuntimeException e = assertThrows(RuntimeException.class,
                        () -> instantiate(engine, store, "(module (memory 65536))"));
                assertTrue(e instanceof Trap || e instanceof LinkException, "typed failure: " + e);
            }
            // 65537 pages is beyond the 32-bit spec maximum: invalid.
            assertThrows(InvalidModuleException.class, () -> engine.compile(Wat.parse("(module (memory 65537))")));
        });
    }

    @Test
    void hugeTablesFailCleanly() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = Engine.create();
            try (Store store = engine.newStore(SMALL)) {
                RuntimeException e = assertThrows(RuntimeException.class,
                        () -> instantiate(engine, store, "(module (table 4000000000 funcref))"));
                assertTrue(e instanceof Trap || e instanceof LinkException, "typed failure: " + e);
                Instance inst = instantiate(engine, store, "(module (table $t 1 funcref)"
                        + " (func (export \"grow\") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))");
                assertEquals(-1, inst.func("grow").callInt(-1));
                assertEquals(-1, inst.func("grow").callInt(1_000_000));
                assertEquals(1, inst.func("grow").callInt(100));
            }
            // Default limits (10 M elements): a grow to 2^32-1 fails with -1, not OOM.
            try (Store store = engine.newStore()) {
                Instance inst = instantiate(engine, store, "(module (table $t 1 funcref)"
                        + " (func (export \"grow\") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0))))");
                assertEquals(-1, inst.func("grow").callInt(-2));
            }
        });
    }

    static final String RECURSE = "(module (func $f (export \"f\") (param i32) (result i32)"
            + " (i32.add (call $f (i32.add (local.get 0) (i32.const 1))) (i32.const 1))))";

    @Test
    void deepRecursionTrapsCallStackExhausted() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (Engine engine : new Engine[] {Engine.create(), Engine.builder().compiler(true).build(),
                Engine.builder().maxCallDepth(10_000_000).build()}) {
                try (Store store = engine.newStore()) {
                    Instance inst = instantiate(engine, store, RECURSE);
                    Trap t = assertThrows(Trap.class, () -> inst.func("f").callInt(0));
                    assertEquals("call stack exhausted", t.getMessage());
                    // The store stays usable after the trap.
                    assertThrows(Trap.class, () -> inst.func("f").callInt(0));
                }
            }
        });
    }

    @Test
    void deepRecursionOnASmallThreadStackStillTraps() throws Exception {
        AtomicReference<Throwable> got = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            Engine engine = Engine.builder().maxCallDepth(10_000_000).build();
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

    static final String SPIN = "(module (func (export \"spin\") (loop $l (br $l))))";

    @Test
    void infiniteLoopIsStoppedByFuel() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = Engine.builder().fuel(true).build();
            try (Store store = engine.newStore()) {
                store.setFuel(5_000_000);
                Instance inst = instantiate(engine, store, SPIN);
                Trap t = assertThrows(Trap.class, () -> inst.func("spin").call());
                assertEquals("all fuel consumed", t.getMessage());
            }
        });
    }

    @Test
    void infiniteLoopIsStoppedByInterruptFromAnotherThreadWithinOneSecond() {
        for (Engine engine : new Engine[] {Engine.create(), Engine.builder().compiler(true).build()}) {
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
                    Trap t = assertThrows(Trap.class, () -> inst.func("spin").call());
                    long ms = (System.nanoTime() - t0) / 1_000_000 - 300;
                    assertEquals("interrupted", t.getMessage());
                    assertTrue(ms < 1000, "stopped " + ms + " ms after interrupt()");
                    stopper.join();
                }
            }, "engine compiler=" + engine.compilerAvailable());
        }
    }

    @Test
    void hugeGcArraysTrapInsteadOfExhaustingTheHeap() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = Engine.create();
            String wat = "(module (type $b (array (mut i8))) (type $l (array (mut i64)))"
                    + " (func (export \"bytes\") (param i32) (result i32) (array.len (array.new_default $b (local.get 0))))"
                    + " (func (export \"longs\") (param i32) (result i32) (array.len (array.new_default $l (local.get 0)))))";
            try (Store store = engine.newStore(SMALL)) {
                Instance inst = instantiate(engine, store, wat);
                assertEquals(1000, inst.func("bytes").callInt(1000));
                for (int n : new int[] {-1, Integer.MAX_VALUE, 0x40000000}) {
                    assertThrows(Trap.class, () -> inst.func("longs").callInt(n), "i64 array of " + n);
                    assertThrows(Trap.class, () -> inst.func("bytes").callInt(n), "i8 array of " + n);
                }
            }
        });
    }

    // ------------------------------------------------------------------ huge declarations

    /** A module of {@code n} functions {@code (func)}. */
    private static byte[] manyFunctions(int n) {
        Bytes b = new Bytes().fixed32(0x6D736100).fixed32(1);
        b.section(1, new Bytes().u32(1).u8(0x60).u32(0).u32(0));
        Bytes fs = new Bytes().u32(n);
        Bytes code = new Bytes().u32(n);
        for (int i = 0; i < n; i++) {
            fs.u32(0);
            code.u32(2).u8(0).u8(0x0B);
        }
        b.section(3, fs);
        b.section(7, new Bytes().u32(1).name("last").u8(0).u32(n - 1));
        b.section(10, code);
        return b.toArray();
    }

    @Test
    void hundredThousandFunctionsWork() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = Engine.create();
            Module m = engine.compile(manyFunctions(100_000));
            try (Store store = engine.newStore()) {
                assertEquals(0, new Linker().instantiate(store, m).func("last").call().length);
            }
        });
    }

    /** Count fields claiming 10^9 entries with nothing behind them: "unexpected end"-style errors at once. */
    @Test
    void billionDeclaredFunctionsSegmentsAndLocalsAreRejected() {
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = Engine.create();
            byte[] header = new Bytes().fixed32(0x6D736100).fixed32(1).toArray();
            Bytes funcs = new Bytes().bytes(header);
            funcs.section(1, new Bytes().u32(1).u8(0x60).u32(0).u32(0));
            funcs.section(3, new Bytes().u32(1_000_000_000).u32(0));
            assertThrows(MalformedModuleException.class, () -> engine.compile(funcs.toArray()));

            Bytes data = new Bytes().bytes(header);
            data.section(11, new Bytes().u32(1_000_000_000));
            assertThrows(MalformedModuleException.class, () -> engine.compile(data.toArray()));

            // One data segment claiming 1 GB of bytes in a 20-byte section.
            Bytes bigData = new Bytes().bytes(header);
            bigData.section(5, new Bytes().u32(1).u8(0).u32(1));
            bigData.section(11, new Bytes().u32(1).u8(0).u8(0x41).s64(0).u8(0x0B).u32(1_000_000_000).u8(1));
            assertThrows(MalformedModuleException.class, () -> engine.compile(bigData.toArray()));

            // A function declaring 10^9 locals: "too many locals" (malformed) - or, if accepted, callable.
            Bytes locals = new Bytes().bytes(header);
            locals.section(1, new Bytes().u32(1).u8(0x60).u32(0).u32(0));
            locals.section(3, new Bytes().u32(1).u32(0));
            locals.section(7, new Bytes().u32(1).name("f").u8(0).u32(0));
            Bytes body = new Bytes().u32(1).u32(1_000_000_000).u8(0x7F).u8(0x0B);
            locals.section(10, new Bytes().u32(1).sized(body));
            try {
                Module m = engine.compile(locals.toArray());
                try (Store store = engine.newStore()) {
                    new Linker().instantiate(store, m).func("f").call();
                } catch (Trap expected) {
                    // a trap (e.g. call stack exhausted) is a clean outcome too
                }
            } catch (MalformedModuleException | InvalidModuleException expected) {
                // the usual outcome
            }
        });
    }

    @Test
    void pathologicalBlockNestingIsHandled() {
        assertTimeoutPreemptively(LIMIT, () -> {
            int depth = 100_000;
            Bytes body = new Bytes().u32(0);
            for (int i = 0; i < depth; i++) {
                body.u8(0x02).u8(0x40);
            }
            for (int i = 0; i < depth; i++) {
                body.u8(0x0B);
            }
            body.u8(0x0B);
            Bytes b = new Bytes().fixed32(0x6D736100).fixed32(1);
            b.section(1, new Bytes().u32(1).u8(0x60).u32(0).u32(0));
            b.section(3, new Bytes().u32(1).u32(0));
            b.section(7, new Bytes().u32(1).name("f").u8(0).u32(0));
            b.section(10, new Bytes().u32(1).sized(body));
            Engine engine = Engine.create();
            try {
                Module m = engine.compile(b.toArray());
                try (Store store = engine.newStore()) {
                    new Linker().instantiate(store, m).func("f").call();
                }
            } catch (MalformedModuleException | InvalidModuleException | Trap expected) {
                // a limit on nesting is fine; a StackOverflowError or a hang is not
            }
        });
    }

    @Test
    void fuelAlsoBoundsGeneratedPrograms() {
        // Belt and braces for the fuzzer: any generated program runs under fuel without escaping it.
        assertTimeoutPreemptively(LIMIT, () -> {
            Engine engine = Engine.builder().fuel(true).build();
            for (long seed = 0; seed < 30; seed++) {
                try (Store store = engine.newStore()) {
                    store.setFuel(200_000);
                    Instance inst = new Linker().instantiate(store, engine.compile(ModuleGenerator.generate(seed).encode()));
                    try {
                        Value[] v = inst.func("run").call();
                        assertEquals(1, v.length);
                    } catch (Trap expected) {
                        // includes "all fuel consumed"
                    } catch (RuntimeException e) {
                        // engine errors are reported by the campaign, not here
                    }
                }
            }
        });
    }
}
