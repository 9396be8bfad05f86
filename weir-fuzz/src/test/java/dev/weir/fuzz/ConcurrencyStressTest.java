package dev.weir.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.text.Wat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * One module compiled once and shared by 8 threads, each creating many stores and instances and
 * calling their exports concurrently: every instance must see only its own memory, globals and
 * table, and nothing may throw.
 */
class ConcurrencyStressTest {
    /** set(id) fills 256 words of memory, the global and a table slot with id; check(id) verifies them. */
    static final String WAT = """
            (module
              (memory (export "mem") 1)
              (global $g (export "g") (mut i32) (i32.const 0))
              (table $t 4 funcref)
              (type $ret (func (result i32)))
              (func $one (result i32) (i32.const 1))
              (func $two (result i32) (i32.const 2))
              (elem (i32.const 0) $one $two)
              (func (export "set") (param $id i32) (local $i i32)
                (global.set $g (local.get $id))
                (table.set $t (i32.const 2) (if (result funcref) (i32.and (local.get $id) (i32.const 1))
                  (then (ref.func $one)) (else (ref.func $two))))
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (i32.const 256)))
                  (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.add (local.get $id) (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l))))
              (func (export "check") (param $id i32) (result i32) (local $i i32) (local $ok i32)
                (local.set $ok (i32.eq (global.get $g) (local.get $id)))
                (local.set $ok (i32.and (local.get $ok) (i32.eq (call_indirect (type $ret) (i32.const 2))
                  (i32.sub (i32.const 2) (i32.and (local.get $id) (i32.const 1))))))
                (block $done (loop $l
                  (br_if $done (i32.ge_u (local.get $i) (i32.const 256)))
                  (local.set $ok (i32.and (local.get $ok)
                    (i32.eq (i32.load (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $id) (local.get $i)))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $ok)))
            """;

    @Test
    void compiledInstancesDoNotLeakStateAcrossThreads() throws Exception {
        stress("compiler");
    }

    @Test
    void interpretedInstancesDoNotLeakStateAcrossThreads() throws Exception {
        stress("interpreter");
    }

    /**
     * 8 threads compile and run generated modules at the same time on one engine of each kind
     * (the compiler defines hidden classes concurrently; caches are shared): every outcome must
     * equal the one computed beforehand on a single thread by the interpreter.
     */
    @Test
    void concurrentCompilationOnBothEnginesGivesSingleThreadedResults() throws Exception {
        int modules = 24;
        List<byte[]> wasm = new ArrayList<>();
        List<Outcome> expected = new ArrayList<>();
        WeirRunner reference = WeirRunner.interpreter();
        for (long seed = 0; seed < modules; seed++) {
            byte[] b = ModuleGenerator.generate(1000 + seed).encode();
            wasm.add(b);
            expected.add(reference.run(b));
        }
        WeirRunner[] runners = {WeirRunner.interpreter(), WeirRunner.compiler()};
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            int tid = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int k = 0; k < modules; k++) {
                        int i = (k + tid * 5) % modules; // threads overlap on the same modules
                        WeirRunner r = runners[(k + tid) % 2];
                        Outcome o = r.run(wasm.get(i));
                        String d = expected.get(i).diff(o, true);
                        if (d != null) {
                            failures.add(r.name() + " thread " + tid + " module " + i + ": " + d);
                        }
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add("thread " + tid + ": " + e);
                }
            }, "compile-stress-" + t);
            ts.add(th);
            th.start();
        }
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            start.countDown();
            for (Thread th : ts) {
                th.join();
            }
        });
        assertEquals(List.of(), new ArrayList<>(failures));
        assertEquals(8 * modules, done.get());
    }

    /** Interrupting one store stops only that store's code, on either engine, while others run on. */
    @Test
    void interruptStopsOnlyItsOwnStore() throws Exception {
        String wat = "(module (func (export \"spin\") (loop $l (br $l)))"
                + " (func (export \"count\") (param i32) (result i32) (local $i i32)"
                + "   (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1)))"
                + "     (br_if $l (i32.lt_u (local.get $i) (local.get 0)))) (local.get $i)))";
        for (Engine engine : new Engine[] {Engine.builder().compiler(false).build(), Engine.builder().compiler(true).build()}) {
            Module module = engine.compile(Wat.parse(wat));
            int spinners = 3;
            List<Store> stores = new ArrayList<>();
            Queue<Throwable> got = new ConcurrentLinkedQueue<>();
            List<Thread> ts = new ArrayList<>();
            for (int i = 0; i < spinners; i++) {
                Store st = engine.newStore();
                stores.add(st);
                Instance inst = new Linker().instantiate(st, module);
                Thread th = new Thread(() -> {
                    try {
                        inst.func("spin").call();
                    } catch (Throwable e) {
                        got.add(e);
                    }
                });
                ts.add(th);
                th.start();
            }
            Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                // Meanwhile a fifth store computes undisturbed.
                try (Store mine = engine.newStore()) {
                    Instance inst = new Linker().instantiate(mine, module);
                    for (int r = 0; r < 10; r++) {
                        assertEquals(20_000, inst.func("count").callInt(20_000));
                    }
                }
                for (Store st : stores) {
                    st.interrupt();
                }
                for (Thread th : ts) {
                    th.join();
                }
            });
            assertEquals(spinners, got.size());
            for (Throwable e : got) {
                assertTrue(e instanceof dev.weir.Trap && "interrupted".equals(e.getMessage()), "got " + e);
            }
        }
    }

    private static void stress(String kind) throws Exception {
        Engine engine = kind.equals("compiler") ? Engine.builder().compiler(true).build()
                : Engine.builder().compiler(false).build();
        Module module = engine.compile(Wat.parse(WAT));
        // The compiler is on the test class path: a silently interpreted "compiler" run would prove nothing.
        Assertions.assertEquals(kind.equals("compiler"), module.isCompiled(), kind + " engine");
        int threads = 8;
        int rounds = 150;
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tid = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < rounds; round++) {
                        // Two live instances per store and one per fresh store, interleaved.
                        try (Store store = engine.newStore(); Store other = engine.newStore()) {
                            Linker linker = new Linker();
                            Instance[] insts = {linker.instantiate(store, module), linker.instantiate(store, module),
                                linker.instantiate(other, module)};
                            int[] ids = new int[insts.length];
                            for (int i = 0; i < insts.length; i++) {
                                ids[i] = (tid << 20) | (round << 2) | i;
                                insts[i].func("set").call(dev.weir.Value.i32(ids[i]));
                            }
                            for (int rep = 0; rep < 3; rep++) {
                                for (int i = 0; i < insts.length; i++) {
                                    Func check = insts[i].func("check");
                                    if (check.callInt(ids[i]) != 1) {
                                        throw new AssertionError("instance " + ids[i] + " sees foreign state");
                                    }
                                    if (insts[i].memory("mem").readInt(4) != ids[i] + 1
                                            || insts[i].global("g").getInt() != ids[i]) {
                                        throw new AssertionError("host view of instance " + ids[i] + " is wrong");
                                    }
                                    checks.incrementAndGet();
                                }
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "stress-" + t);
            ts.add(th);
            th.start();
        }
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            start.countDown();
            for (Thread th : ts) {
                th.join();
            }
        });
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError(failures.size() + " thread failures, first: " + failures.peek());
            failures.forEach(e::addSuppressed);
            throw e;
        }
        assertEquals(threads * rounds * 3 * 3, checks.get());
        assertTrue(failures.isEmpty());
    }
}
