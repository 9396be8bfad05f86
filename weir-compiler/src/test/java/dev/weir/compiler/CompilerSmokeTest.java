package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.text.Wat;
import org.junit.jupiter.api.Test;

/** Small hand-written modules: compiled (not interpreted) and correct, traps with the interpreter's messages. */
class CompilerSmokeTest {
    static {
        System.setProperty("weir.compiler.debug", "true");
    }

    static final Engine COMPILER = Engine.builder().compiler(true).build();

    static Instance instantiate(Engine e, String wat) {
        Module m = e.compile(Wat.parse(wat));
        return new Linker().instantiate(e.newStore(), m);
    }

    @Test
    void compilesAndRunsFib() {
        long before = CompilerStats.compiled();
        Instance i = instantiate(COMPILER, """
                (module (func $fib (export "fib") (param i32) (result i32)
                  local.get 0 i32.const 2 i32.lt_s
                  if (result i32) local.get 0
                  else local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end))
                """);
        assertTrue(i.module().isCompiled());
        assertTrue(CompilerStats.compiled() > before);
        assertEquals(6765, i.func("fib").callInt(20));
    }

    @Test
    void blocksBranchesAndMultiValue() {
        Instance i = instantiate(COMPILER, """
                (module
                  (func $pair (param i32) (result i32 i64) local.get 0 local.get 0 i64.extend_i32_s i64.const 1 i64.add)
                  (func (export "sum") (param i32) (result i64) (local $t i64)
                    block (result i32)
                      i32.const 7
                      local.get 0
                      br_if 0
                      drop
                      i32.const 9
                    end
                    call $pair
                    i64.const 100
                    i64.add
                    local.set $t
                    i64.extend_i32_s
                    local.get $t
                    i64.add)
                  (func (export "extra") (param i32) (result i32)
                    block (result i32)
                      i32.const 1
                      i32.const 2
                      local.get 0
                      br_if 0
                      i32.add
                    end)
                  (func (export "table") (param i32) (result i32)
                    block block block
                      local.get 0 br_table 0 1 2
                    end i32.const 10 return
                    end i32.const 11 return
                    end i32.const 12)
                  (func (export "loop") (param i32) (result i32) (local i32)
                    loop
                      local.get 1 local.get 0 i32.add local.set 1
                      local.get 0 i32.const 1 i32.sub local.tee 0
                      br_if 0
                    end
                    local.get 1))
                """);
        assertEquals(10, i.func("table").callInt(0));
        assertEquals(11, i.func("table").callInt(1));
        assertEquals(12, i.func("table").callInt(7));
        assertEquals(5050, i.func("loop").callInt(100));
        assertEquals(115, i.func("sum").callSlots(1)[0]);
        assertEquals(119, i.func("sum").callSlots(0)[0]);
        assertEquals(2, i.func("extra").callInt(1));
        assertEquals(3, i.func("extra").callInt(0));
    }

    @Test
    void trapsMatchInterpreter() {
        Instance i = instantiate(COMPILER, """
                (module (memory 1)
                  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
                  (func (export "load") (param i32) (result i32) local.get 0 i32.load offset=4)
                  (func $r (export "rec") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $r))
                """);
        assertEquals("integer divide by zero", assertThrows(Trap.class, () -> i.func("div").callInt(1, 0)).getMessage());
        assertEquals("integer overflow",
                assertThrows(Trap.class, () -> i.func("div").callInt(Integer.MIN_VALUE, -1)).getMessage());
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> i.func("load").callInt(65532)).getMessage());
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> i.func("load").callInt(-1)).getMessage());
        assertEquals("call stack exhausted", assertThrows(Trap.class, () -> i.func("rec").callInt(0)).getMessage());
        assertEquals(7, i.func("div").callInt(21, 3)); // the store still works after the traps
    }

    @Test
    void interruptStopsInfiniteLoop() throws Exception {
        Module m = COMPILER.compile(Wat.parse("(module (func (export \"spin\") (loop (br 0))))"));
        try (Store store = COMPILER.newStore()) {
            Instance i = new Linker().instantiate(store, m);
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                store.interrupt();
            });
            t.start();
            Trap trap = assertThrows(Trap.class, () -> i.func("spin").callInt());
            assertEquals("interrupted", trap.getMessage());
            t.join();
        }
    }
}
