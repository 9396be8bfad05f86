package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.Module;
import dev.weir.text.Wat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Compiled atomics on one shared memory imported by instances in several stores, on several threads. */
class AtomicsConcurrencyCompileTest {
    static final Engine COMPILER = BothEngines.COMPILER;

    static final String WORKER = """
            (module
              (import "env" "mem" (memory 1 1 shared))
              (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
              (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1)))
              (func (export "add") (param $n i32)
                (loop $l
                  (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 1)))
                  (drop (i64.atomic.rmw.add (i32.const 16) (i64.const 3)))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
              (func (export "total") (result i64)
                (i64.add (i64.extend_i32_u (i32.atomic.load (i32.const 8))) (i64.atomic.load (i32.const 16)))))
            """;

    private static Memory sharedMemory() {
        Module owner = COMPILER.compile(Wat.parse("(module (memory (export \"mem\") 1 1 shared))"));
        return new Linker().instantiate(COMPILER.newStore(), owner).memory("mem");
    }

    private static Instance worker(Module m, Memory mem) {
        return new Linker().define("env", "mem", mem).instantiate(COMPILER.newStore(), m);
    }

    @Test
    void readModifyWritesFromManyThreadsAreAtomic() throws Exception {
        long fallbacks = CompilerStats.fallbacks();
        Module m = COMPILER.compile(Wat.parse(WORKER));
        assertEquals(fallbacks, CompilerStats.fallbacks(), "every function compiles");
        Memory mem = sharedMemory();
        int threads = 4;
        int n = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Instance w = worker(m, mem); // one store per thread
                fs.add(pool.submit(() -> w.func("add").callSlots(n)));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * (long) n * 4, worker(m, mem).func("total").callSlots()[0]);
    }

    @Test
    void notifyWakesACompiledWaiter() throws Exception {
        Module m = COMPILER.compile(Wat.parse(WORKER));
        Memory mem = sharedMemory();
        Instance waiter = worker(m, mem);
        Instance notifier = worker(m, mem);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<long[]> woken = pool.submit(() -> waiter.func("wait").callSlots());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long notified = 0;
            while (notified == 0 && System.nanoTime() < deadline) { // until the waiter is queued
                notified = notifier.func("notify").callSlots()[0];
                Thread.sleep(1);
            }
            assertEquals(1, notified);
            assertEquals(0, woken.get(30, TimeUnit.SECONDS)[0], "wait returns 0 (\"ok\") when woken");
            assertTrue(woken.isDone());
        } finally {
            pool.shutdownNow();
        }
    }
}
