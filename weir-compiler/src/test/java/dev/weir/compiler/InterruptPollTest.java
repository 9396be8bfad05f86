package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.internal.rt.Interrupts;
import dev.weir.text.Wat;
import dev.weir.wasm.WasmEncoder;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interrupt poll is an invokedynamic on a global switch (Interrupts) that the JIT folds to
 * false: it must still stop hot, JIT-compiled counted loops and recursions, only the interrupted
 * store traps, and the switch goes back off once the interrupt is consumed.
 */
class InterruptPollTest {
    static final Engine COMPILER = Engine.builder().compiler(true).build();
    static final byte[] WASM = WasmEncoder.encode(Wat.parse("""
            (module
              (func (export "count") (param i32) (result i32) (local i32)
                block loop
                  local.get 1 local.get 0 i32.ge_u br_if 1
                  local.get 1 i32.const 1 i32.add local.set 1
                  br 0
                end end
                local.get 1)
              (func $fib (export "fib") (param i32) (result i32)
                local.get 0 i32.const 2 i32.lt_u
                if (result i32) local.get 0
                else local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end))
            """));

    static Instance instance(Module m) {
        return new Linker().instantiate(COMPILER.newStore(), m);
    }

    /** Runs {@code f(arg)} on a new thread, interrupts the store once it has started, returns the outcome. */
    static Throwable interruptWhileRunning(Instance i, String f, int arg) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> got = new AtomicReference<>();
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                i.func(f).callInt(arg);
            } catch (Throwable x) {
                got.set(x);
            }
        });
        t.start();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        Thread.sleep(50);
        i.store().interrupt();
        t.join(5000);
        assertFalse(t.isAlive(), f + " still running 5 s after the interrupt");
        return got.get();
    }

    void checkHotCodeIsInterrupted(Module m) throws Exception {
        Instance i = instance(m);
        // Warm up so the loop and the recursion are JIT-compiled with the poll folded away.
        for (int k = 0; k < 3000; k++) {
            assertEquals(20_000, i.func("count").callInt(20_000));
            assertEquals(610, i.func("fib").callInt(15));
        }
        Throwable loop = interruptWhileRunning(i, "count", Integer.MAX_VALUE);
        assertTrue(loop instanceof Trap, "count: " + loop);
        assertEquals("interrupted", loop.getMessage());
        assertEquals(0, Interrupts.pendingCount(), "the switch goes back off once consumed");
        Throwable rec = interruptWhileRunning(i, "fib", 60);
        assertTrue(rec instanceof Trap, "fib: " + rec);
        assertEquals("interrupted", rec.getMessage());
        assertEquals(0, Interrupts.pendingCount());
        // Consumed: the store runs normally again.
        assertEquals(1000, i.func("count").callInt(1000));
    }

    @Test
    void hotCompiledLoopsAndRecursionStop() throws Exception {
        checkHotCodeIsInterrupted(COMPILER.compile(WASM));
    }

    @Test
    void aheadOfTimeClassesLinkThePollWithoutCodeGeneration(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("poll.jar");
        AotCompiler.compileToJar(WASM, jar);
        long generated = CompilerStats.compiled();
        Module m = AotCompiler.load(COMPILER, WASM, jar);
        assertEquals(generated, CompilerStats.compiled());
        checkHotCodeIsInterrupted(m);
    }

    @Test
    void onlyTheInterruptedStoreTraps() {
        Module m = COMPILER.compile(WASM);
        Instance a = instance(m);
        Instance b = instance(m);
        a.store().interrupt();
        a.store().interrupt(); // twice: still one pending interrupt
        assertEquals(1, Interrupts.pendingCount());
        // b runs its loops and calls with the switch on, unaffected.
        assertEquals(100_000, b.func("count").callInt(100_000));
        assertEquals(6765, b.func("fib").callInt(20));
        assertEquals(1, Interrupts.pendingCount());
        // a was interrupted while idle: its next call traps, once.
        Trap t = assertThrows(Trap.class, () -> a.func("count").callInt(10));
        assertEquals("interrupted", t.getMessage());
        assertEquals(0, Interrupts.pendingCount());
        assertEquals(10, a.func("count").callInt(10));
    }

    @Test
    void interpreterStillPollsTheStoreFlag() {
        Engine interp = Engine.builder().compiler(false).build();
        Instance i = new Linker().instantiate(interp.newStore(), interp.compile(WASM));
        i.store().interrupt();
        Trap t = assertThrows(Trap.class, () -> i.func("count").callInt(1_000_000));
        assertEquals("interrupted", t.getMessage());
        assertEquals(0, Interrupts.pendingCount());
        assertEquals(1_000_000, i.func("count").callInt(1_000_000));
    }
}
