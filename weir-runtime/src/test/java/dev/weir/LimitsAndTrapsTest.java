package dev.weir;

import static dev.weir.Asm.code;
import static dev.weir.Asm.p;
import static dev.weir.wasm.ValType.I32;
import static dev.weir.wasm.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LimitsAndTrapsTest {

    private static Instance instantiate(Engine e, Store s, Asm a) {
        return new Linker().instantiate(s, e.compile(a.build()));
    }

    @Test
    void trapsCarryMessageAndWasmStackTrace() {
        Engine e = Engine.create();
        Asm a = new Asm();
        int t = a.type(p(I32, I32), I32);
        int div = a.func("divide", t, code("local.get", 0, "local.get", 1, "i32.div_s"));
        a.func("outer", t, code("local.get", 0, "local.get", 1, "call", div));
        Instance i = instantiate(e, e.newStore(), a);
        Trap trap = assertThrows(Trap.class, () -> i.func("outer").callInt(1, 0));
        assertEquals("integer divide by zero", trap.getMessage());
        List<Trap.WasmFrame> frames = trap.wasmStackTrace();
        assertEquals(2, frames.size());
        assertEquals("divide", frames.get(0).functionName());
        assertEquals(0, frames.get(0).functionIndex());
        assertEquals("outer", frames.get(1).functionName());
        assertTrue(frames.get(0).codeOffset() >= 0);
        assertTrue(trap.toString().contains("at test.divide"), trap.toString());
        assertEquals("integer overflow",
                assertThrows(Trap.class, () -> i.func("outer").callInt(Integer.MIN_VALUE, -1)).getMessage());
    }

    @Test
    void unreachableAndMemoryBoundsTraps() {
        Engine e = Engine.create();
        Asm a = new Asm();
        int t = a.type(p(I32), I32);
        a.func("unreachable", t, code("unreachable"));
        a.func("load", t, code("local.get", 0, "i32.load", 2, 0));
        a.memory(1, -1);
        Instance i = instantiate(e, e.newStore(), a);
        assertEquals("unreachable", assertThrows(Trap.class, () -> i.func("unreachable").callInt(0)).getMessage());
        assertEquals(0, i.func("load").callInt(65532));
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> i.func("load").callInt(65533)).getMessage());
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> i.func("load").callInt(-1)).getMessage());
    }

    @Test
    void deepRecursionTrapsCallStackExhausted() {
        Engine e = Engine.create();
        Asm a = new Asm();
        int t = a.type(p(I32), I32);
        a.func("rec", t, code("local.get", 0, "i32.const", 1, "i32.add", "call", 0));
        Instance i = instantiate(e, e.newStore(), a);
        Trap trap = assertThrows(Trap.class, () -> i.func("rec").callInt(0));
        assertEquals("call stack exhausted", trap.getMessage());
        // the store stays usable
        assertEquals("call stack exhausted", assertThrows(Trap.class, () -> i.func("rec").callInt(0)).getMessage());
    }

    @Test
    void stackOverflowErrorNeverEscapes() throws Exception {
        // A tiny thread stack overflows long before the depth limit: still a Trap.
        Engine e = Engine.builder().maxCallDepth(1_000_000).build();
        Asm a = new Asm();
        int t = a.type(p(I32), I32);
        a.func("rec", t, code("local.get", 0, "i32.const", 1, "i32.add", "call", 0));
        Instance i = instantiate(e, e.newStore(), a);
        AtomicReference<Throwable> got = new AtomicReference<>();
        Thread th = new Thread(null, () -> {
            try {
                i.func("rec").callInt(0);
            } catch (Throwable x) {
                got.set(x);
            }
        }, "small-stack", 256 * 1024);
        th.start();
        th.join();
        assertTrue(got.get() instanceof Trap, String.valueOf(got.get()));
        assertEquals("call stack exhausted", got.get().getMessage());
    }

    @Test
    void tailCallsRunInConstantStack() {
        Engine e = Engine.create();
        Asm a = new Asm();
        int t = a.type(p(I64, I64), I64);
        // count(n, acc) = n == 0 ? acc : return_call count(n - 1, acc + 1)
        a.func("count", t, code("local.get", 0, "i64.eqz", "if", null, "local.get", 1, "return", "end",
                "local.get", 0, "i64.const", 1, "i64.sub", "local.get", 1, "i64.const", 1, "i64.add",
                "return_call", 0));
        Instance i = instantiate(e, e.newStore(), a);
        assertEquals(1_000_000L, i.func("count").callLong(1_000_000, 0));
    }

    @Test
    void fuelRunsOut() {
        Engine e = Engine.builder().fuel(true).build();
        Asm a = new Asm();
        int t = a.type(p());
        a.func("spin", t, code("loop", null, "br", 0, "end"));
        int t2 = a.type(p(I32), I32);
        a.func("id", t2, code("local.get", 0));
        Store s = e.newStore(StoreLimits.builder().fuel(10_000).build());
        Instance i = instantiate(e, s, a);
        assertEquals("all fuel consumed", assertThrows(Trap.class, () -> i.func("spin").call()).getMessage());
        assertEquals(0, s.getFuel());
        s.setFuel(100);
        assertEquals(7, i.func("id").callInt(7));
        assertTrue(s.getFuel() < 100 && s.getFuel() > 90, "fuel " + s.getFuel());
    }

    @Test
    void interruptStopsAnInfiniteLoop() throws Exception {
        Engine e = Engine.create();
        Asm a = new Asm();
        int t = a.type(p());
        a.func("spin", t, code("loop", null, "br", 0, "end"));
        Store s = e.newStore();
        Instance i = instantiate(e, s, a);
        AtomicReference<Throwable> got = new AtomicReference<>();
        Thread th = new Thread(() -> {
            try {
                i.func("spin").call();
            } catch (Throwable x) {
                got.set(x);
            }
        });
        th.start();
        Thread.sleep(100);
        long t0 = System.nanoTime();
        s.interrupt();
        th.join(1000);
        assertTrue(!th.isAlive(), "still running after interrupt");
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
        assertEquals("interrupted", got.get().getMessage());
    }

    @Test
    void memoryCapMakesGrowFail() {
        Engine e = Engine.create();
        Asm a = new Asm();
        int t = a.type(p(I32), I32);
        a.func("grow", t, code("local.get", 0, "memory.grow", 0));
        a.func("size", a.type(p(), I32), code("memory.size", 0));
        a.memory(1, -1);
        Store s = e.newStore(StoreLimits.builder().maxMemoryBytes(4 * 65536).build());
        Instance i = instantiate(e, s, a);
        assertEquals(1, i.func("grow").callInt(2));
        assertEquals(-1, i.func("grow").callInt(2));
        assertEquals(3, i.func("grow").callInt(1));
        assertEquals(4, i.func("size").callInt());
        assertEquals(-1, i.func("grow").callInt(1));
    }

    @Test
    void instanceLimit() {
        Engine e = Engine.create();
        Asm a = new Asm();
        Store s = e.newStore(StoreLimits.builder().maxInstances(1).build());
        Module m = e.compile(a.build());
        new Linker().instantiate(s, m);
        assertThrows(Trap.class, () -> new Linker().instantiate(s, m));
    }
}
