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
import dev.weir.WasmThrow;
import dev.weir.text.Wat;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tail calls, exception handling, Wasm stack traces of traps and fuel in compiled code, each
 * checked against the interpreter; cross-engine cases use a function the compiler leaves to the
 * interpreter (more than 20,000 locals).
 */
class ControlCompileTest {
    static {
        System.setProperty("weir.compiler.debug", "true");
    }

    static final Engine INTERP = Engine.builder().compiler(false).build();
    static final Engine COMPILER = Engine.create();

    /** A local declaration that makes the compiler leave a function to the interpreter. */
    static final String INTERPRETED = "(local " + "i32 ".repeat(20_001) + ")";

    static Instance instantiate(Engine e, String wat) {
        Module m = e.compile(Wat.parse(wat));
        return new Linker().instantiate(e.newStore(), m);
    }

    /** Instantiates on the compiler, asserting that every function compiled (no new fallback). */
    static Instance compiled(String wat) {
        long before = CompilerStats.fallbacks();
        Instance i = instantiate(COMPILER, wat);
        assertEquals(before, CompilerStats.fallbacks(), "fallbacks: " + CompilerStats.fallbackReasons());
        return i;
    }

    static String outcome(Instance i, String name, long... args) {
        try {
            return Arrays.toString(i.func(name).callSlots(args));
        } catch (Trap t) {
            return "trap: " + t.getMessage();
        } catch (WasmThrow t) {
            return "throw: " + Arrays.toString(t.payload());
        }
    }

    /** Same outcome on both engines; returns it. */
    static String same(String wat, String name, long... args) {
        String a = outcome(instantiate(INTERP, wat), name, args);
        String b = outcome(compiled(wat), name, args);
        assertEquals(a, b, name + Arrays.toString(args) + ": interpreter vs compiler");
        return b;
    }

    // ------------------------------------------------------------------ default engine

    @Test
    void compilerIsTheDefaultAndCanBePinnedOff() {
        assertTrue(Engine.create().compilerAvailable());
        assertTrue(!INTERP.compilerAvailable());
        assertTrue(!instantiate(INTERP, "(module (func (export \"f\")))").module().isCompiled());
    }

    // ------------------------------------------------------------------ tail calls

    static final String TAIL = """
            (module
              (type $t (func (param i64 i64) (result i64)))
              (table funcref (elem $even_i $odd_i))
              (func $sum (export "sum") (param i64 i64) (result i64)
                local.get 0 i64.eqz if (result i64) local.get 1
                else local.get 0 i64.const 1 i64.sub local.get 1 local.get 0 i64.add return_call $sum end)
              (func $even (export "even") (param i64 i64) (result i64)
                local.get 0 i64.eqz if (result i64) i64.const 1
                else local.get 0 i64.const 1 i64.sub local.get 1 return_call $odd end)
              (func $odd (param i64 i64) (result i64)
                local.get 0 i64.eqz if (result i64) i64.const 0
                else local.get 0 i64.const 1 i64.sub local.get 1 return_call $even end)
              (func $even_i (export "even_i") (param i64 i64) (result i64)
                local.get 0 i64.eqz if (result i64) i64.const 1
                else local.get 0 i64.const 1 i64.sub local.get 1 i32.const 1 return_call_indirect (type $t) end)
              (func $odd_i (param i64 i64) (result i64)
                local.get 0 i64.eqz if (result i64) i64.const 0
                else local.get 0 i64.const 1 i64.sub local.get 1 i32.const 0 return_call_indirect (type $t) end)
              (elem declare func $even_r $odd_r)
              (func $even_r (export "even_r") (param i64 i64) (result i64)
                local.get 0 i64.eqz if (result i64) i64.const 1
                else local.get 0 i64.const 1 i64.sub local.get 1 ref.func $odd_r return_call_ref $t end)
              (func $odd_r (param i64 i64) (result i64)
                local.get 0 i64.eqz if (result i64) i64.const 0
                else local.get 0 i64.const 1 i64.sub local.get 1 ref.func $even_r return_call_ref $t end)
              (func (export "viaCall") (param i64) (result i64 i64)
                local.get 0 i64.const 0 call $even local.get 0 i64.const 0 call $sum)
              (func $deep (export "deep") (param i32) (result i32)
                local.get 0 i32.eqz if (result i32) i32.const 0
                else local.get 0 i32.const 1 i32.sub call $deep i32.const 1 i32.add end))
            """;

    @Test
    void tailCallsRunInConstantStack() {
        Instance i = compiled(TAIL);
        assertEquals(500_000_500_000L, i.func("sum").callLong(1_000_000L, 0L));
        assertEquals(1L, i.func("even").callLong(1_000_000L, 0L));
        assertEquals(0L, i.func("even").callLong(1_000_001L, 0L));
        assertEquals(1L, i.func("even_i").callLong(1_000_000L, 0L));
        assertEquals(0L, i.func("even_r").callLong(999_999L, 0L));
        // A direct call to a function that parks a tail call runs the trampoline at the call site.
        assertEquals("[1, 5050]", Arrays.toString(i.func("viaCall").callSlots(100)));
        for (String f : List.of("sum", "even", "even_i", "even_r")) {
            for (long n : new long[] {0, 1, 2, 7, 100}) {
                assertEquals(outcome(instantiate(INTERP, TAIL), f, n, 3), outcome(i, f, n, 3), f + "(" + n + ")");
            }
        }
        // Ordinary recursion still hits the depth limit.
        assertEquals("trap: call stack exhausted", outcome(i, "deep", 1_000_000));
    }

    @Test
    void tailCallsAcrossEnginesRunInConstantStack() {
        // Module "a" compiled, module "b" interpreted, one store: every hop crosses engines.
        String a = """
                (module
                  (type $t (func (param i64) (result i64)))
                  (table (export "table") 2 funcref)
                  (func $even (export "even") (param i64) (result i64)
                    local.get 0 i64.eqz if (result i64) i64.const 1
                    else local.get 0 i64.const 1 i64.sub i32.const 1 return_call_indirect (type $t) end)
                  (elem (i32.const 0) $even))
                """;
        String b = """
                (module
                  (import "a" "table" (table 2 funcref))
                  (import "a" "even" (func $even (param i64) (result i64)))
                  (func $odd (export "odd") (param i64) (result i64)
                    local.get 0 i64.eqz if (result i64) i64.const 0
                    else local.get 0 i64.const 1 i64.sub return_call $even end)
                  (elem (i32.const 1) $odd))
                """;
        Store store = COMPILER.newStore();
        Linker linker = new Linker();
        Module ma = COMPILER.compile(Wat.parse(a));
        Module mb = INTERP.compile(Wat.parse(b));
        assertTrue(ma.isCompiled());
        assertTrue(!mb.isCompiled());
        Instance ia = linker.instantiate(store, ma);
        linker.defineInstance("a", ia);
        Instance ib = linker.instantiate(store, mb);
        assertEquals(0L, ib.func("odd").callLong(1_000_000L));
        assertEquals(1L, ib.func("odd").callLong(999_999L));
        assertEquals(1L, ia.func("even").callLong(1_000_000L));
        assertEquals(0L, ia.func("even").callLong(1_000_001L));
    }

    @Test
    void tailCallToHostFunctionAndMultiValue() {
        String wat = """
                (module
                  (import "env" "twice" (func $twice (param i32) (result i32)))
                  (func $pair (param i32) (result i32 i32) local.get 0 local.get 0 i32.const 1 i32.add)
                  (func (export "host") (param i32) (result i32) local.get 0 return_call $twice)
                  (func (export "pair") (param i32) (result i32 i32) local.get 0 return_call $pair)
                  (func $self (export "self") (param i32 i32) (result i32 i32)
                    local.get 0 i32.eqz if (result i32 i32) local.get 1 i32.const 9
                    else local.get 0 i32.const 1 i32.sub local.get 1 i32.const 2 i32.add return_call $self end))
                """;
        Store store = COMPILER.newStore();
        Linker linker = new Linker();
        linker.define("env", "twice", new FuncType(List.of(ValType.I32), List.of(ValType.I32)),
                (caller, s, r, base) -> s[base] = 2 * (int) s[base]);
        long before = CompilerStats.fallbacks();
        Instance i = linker.instantiate(store, COMPILER.compile(Wat.parse(wat)));
        assertEquals(before, CompilerStats.fallbacks());
        assertEquals(42, i.func("host").callInt(21));
        assertEquals("[5, 6]", Arrays.toString(i.func("pair").callSlots(5)));
        assertEquals("[200000, 9]", Arrays.toString(i.func("self").callSlots(100_000, 0)));
    }

    // ------------------------------------------------------------------ exceptions

    static final String EXN = """
            (module
              (tag $e (param i32 i64))
              (tag $f (param f64))
              (tag $g)
              (func $throw (param i32) local.get 0 i64.const 77 throw $e)
              (func (export "payload") (param i32) (result i64)
                i64.const 1000
                block $h (result i32 i64)
                  try_table (catch $e $h)
                    local.get 0 call $throw
                  end
                  i32.const 0 i64.const 0
                end
                drop i64.extend_i32_s i64.add)
              (func (export "dispatch") (param i32) (result i32)
                block $a
                  block $b (result f64)
                    block $c (result exnref)
                      try_table (catch $f $b) (catch_all_ref $c) (catch $g $a)
                        local.get 0 i32.eqz if f64.const 2.5 throw $f end
                        local.get 0 i32.const 1 i32.eq if throw $g end
                        local.get 0 i32.const 2 i32.eq if unreachable end
                        local.get 0 call $throw
                      end
                      i32.const -1 return
                    end
                    drop i32.const 30 return
                  end
                  i32.trunc_f64_s return
                end
                i32.const 10)
              (func (export "rethrow") (param i32) (result i32)
                block $h (result i32 i64)
                  try_table (catch $e $h)
                    block $r (result exnref)
                      try_table (catch_all_ref $r)
                        local.get 0 call $throw
                      end
                      unreachable
                    end
                    throw_ref
                  end
                  unreachable
                end
                drop)
              (func (export "uncaught") (param i32) local.get 0 call $throw)
              (func (export "nullref") ref.null exn throw_ref)
              (func (export "legacy") (param i32) (result i32)
                i32.const 5
                try (result i32)
                  local.get 0 i32.eqz if i32.const 1 i64.const 2 throw $e end
                  local.get 0 i32.const 1 i32.eq if throw $g end
                  local.get 0 i32.const 2 i32.eq if f64.const 1 throw $f end
                  i32.const 100
                catch $e
                  drop i32.const 10 i32.add
                catch $g
                  i32.const 20
                end
                i32.add)
              (func (export "legacyAll") (param i32) (result i32)
                try (result i32)
                  try (result i32)
                    local.get 0 call $throw i32.const 0
                  catch_all
                    local.get 0 i32.const 1 i32.add
                    local.get 0 i32.const 3 i32.gt_s if rethrow 1 end
                  end
                catch $e
                  i32.wrap_i64 i32.add i32.const 1000 i32.add
                end)
              (func (export "delegate") (param i32) (result i32)
                try (result i32)
                  try (result i32)
                    local.get 0 call $throw i32.const 0
                  delegate 0
                catch $e
                  i32.wrap_i64 i32.add
                end)
              (func (export "delegateOut") (param i32) (result i32)
                try (result i32)
                  try (result i32)
                    local.get 0 call $throw i32.const 0
                  delegate 1
                catch_all
                  i32.const 1
                end))
            """;

    @Test
    void exceptionsMatchTheInterpreter() {
        assertEquals("[1007]", same(EXN, "payload", 7));
        assertEquals("[2]", same(EXN, "dispatch", 0));
        assertEquals("[30]", same(EXN, "dispatch", 1)); // catch_all_ref precedes catch $g
        assertEquals("trap: unreachable", same(EXN, "dispatch", 2));
        assertEquals("[30]", same(EXN, "dispatch", 3));
        assertEquals("[5]", same(EXN, "rethrow", 5));
        assertEquals("throw: [i32:4, i64:77]", same(EXN, "uncaught", 4));
        assertEquals("trap: null exception reference", same(EXN, "nullref"));
        assertEquals("[16]", same(EXN, "legacy", 0));
        assertEquals("[25]", same(EXN, "legacy", 1));
        assertEquals("throw: [f64:1.0]", same(EXN, "legacy", 2));
        assertEquals("[105]", same(EXN, "legacy", 3));
        assertEquals("[3]", same(EXN, "legacyAll", 2));
        assertEquals("[1082]", same(EXN, "legacyAll", 5));
        assertEquals("[78]", same(EXN, "delegate", 1));
        assertEquals("throw: [i32:1, i64:77]", same(EXN, "delegateOut", 1));
    }

    @Test
    void exceptionsCrossEnginesAndHost() {
        // $mid runs in the interpreter; the host function throws into Wasm and lets Wasm exceptions pass.
        String wat = """
                (module
                  (import "env" "host" (func $host (param i32)))
                  (tag $e (import "env" "e") (param i32))
                  (func $leaf (param i32) local.get 0 i32.const 2 i32.ge_s if local.get 0 throw $e end
                    local.get 0 call $host)
                  (func $mid (param i32) %s local.get 0 call $leaf)
                  (func (export "top") (param i32) (result i32)
                    block $h (result i32)
                      try_table (catch $e $h) local.get 0 call $mid end
                      i32.const -1 return
                    end))
                """.formatted(INTERPRETED);
        for (Engine engine : List.of(INTERP, COMPILER)) {
            Store store = engine.newStore();
            Linker linker = new Linker();
            dev.weir.Tag tag = dev.weir.Tag.create(new FuncType(List.of(ValType.I32), List.of()));
            linker.define("env", "e", tag);
            linker.define("env", "host", new FuncType(List.of(ValType.I32), List.of()), (caller, s, r, base) -> {
                if ((int) s[base] == 1) {
                    throw WasmThrow.of(tag, dev.weir.Value.i32(100));
                }
            });
            Instance i = linker.instantiate(store, engine.compile(Wat.parse(wat)));
            assertEquals(100, i.func("top").callInt(1), engine.compilerAvailable() + "");
            assertEquals(7, i.func("top").callInt(7));
            assertEquals(-1, i.func("top").callInt(0));
        }
    }

    // ------------------------------------------------------------------ traps

    @Test
    void trapsCarryTheInterpretersWasmStackTrace() {
        String wat = """
                (module $m
                  (func $c (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
                  (func $b (param i32) (result i32) local.get 0 call $c i32.const 1 i32.add)
                  (func $i (param i32) (result i32) %s local.get 0 call $b)
                  (func $a (export "a") (param i32) (result i32) local.get 0 call $i))
                """.formatted(INTERPRETED);
        Trap ti = assertThrows(Trap.class, () -> instantiate(INTERP, wat).func("a").callInt(1));
        Trap tc = assertThrows(Trap.class, () -> instantiate(COMPILER, wat).func("a").callInt(1));
        assertEquals("integer divide by zero", tc.getMessage());
        assertEquals(frames(ti), frames(tc));
        assertEquals("[m.c (func[0]), m.b (func[1]), m.i (func[2]), m.a (func[3])]", frames(tc).toString());
        // and at the same instructions: the division, then each call, across the interpreted $i
        assertEquals(ti.wasmStackTrace().toString(), tc.wasmStackTrace().toString());
        assertTrue(tc.toString().contains("at m.c (func[0]) @0x"), tc.toString());
    }

    static List<String> frames(Trap t) {
        return t.wasmStackTrace().stream().map(f -> f.moduleName() + "." + f.functionName()
                + " (func[" + f.functionIndex() + "])").collect(Collectors.toList());
    }

    // ------------------------------------------------------------------ fuel, interrupt

    static final String LOOP = """
            (module
              (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
              (func (export "count") (param i32) (result i32) (local i32)
                block loop
                  local.get 1 local.get 0 i32.ge_u br_if 1
                  local.get 1 call $inc local.set 1
                  br 0
                end end
                local.get 1)
              (func (export "spin") loop br 0 end)
              (func $rec (export "rec") (param i32) local.get 0 return_call $rec))
            """;

    @Test
    void fuelIsChargedExactlyAsInTheInterpreter() {
        Engine ifuel = Engine.builder().compiler(false).fuel(true).build();
        Engine cfuel = Engine.builder().fuel(true).build();
        assertTrue(cfuel.compilerAvailable());
        for (int n : new int[] {0, 1, 10, 1000}) {
            long[] left = new long[2];
            int k = 0;
            for (Engine e : List.of(ifuel, cfuel)) {
                Store store = e.newStore();
                store.setFuel(1_000_000);
                Module m = e.compile(Wat.parse(LOOP));
                assertEquals(e == cfuel, m.isCompiled());
                Instance i = new Linker().instantiate(store, m);
                assertEquals(n, i.func("count").callInt(n));
                left[k++] = store.getFuel();
            }
            assertEquals(left[0], left[1], "fuel left after count(" + n + ")");
        }
        for (Engine e : List.of(ifuel, cfuel)) {
            Store store = e.newStore();
            store.setFuel(10_000);
            Instance i = new Linker().instantiate(store, e.compile(Wat.parse(LOOP)));
            assertEquals("all fuel consumed", assertThrows(Trap.class, () -> i.func("spin").call()).getMessage());
            store.setFuel(10_000);
            assertEquals("all fuel consumed", assertThrows(Trap.class, () -> i.func("rec").callSlots(1)).getMessage());
        }
    }

    @Test
    void fuelMatchesTheInterpreterWithExceptionsAndTailCalls() {
        Engine ifuel = Engine.builder().compiler(false).fuel(true).build();
        Engine cfuel = Engine.builder().fuel(true).build();
        Object[][] cases = {
            {EXN, "payload", 7L}, {EXN, "dispatch", 0L}, {EXN, "dispatch", 1L}, {EXN, "dispatch", 3L},
            {EXN, "rethrow", 5L}, {EXN, "legacy", 0L}, {EXN, "legacy", 1L}, {EXN, "legacy", 3L},
            {EXN, "legacyAll", 2L}, {EXN, "legacyAll", 5L}, {EXN, "delegate", 1L}, {EXN, "delegateOut", 1L},
            {TAIL, "sum", 1000L}, {TAIL, "even", 1001L}, {TAIL, "even_i", 100L}, {TAIL, "even_r", 100L},
            {TAIL, "viaCall", 50L},
        };
        for (Object[] c : cases) {
            long[] left = new long[2];
            String[] out = new String[2];
            int k = 0;
            for (Engine e : List.of(ifuel, cfuel)) {
                Store store = e.newStore();
                store.setFuel(1_000_000);
                Instance i = new Linker().instantiate(store, e.compile(Wat.parse((String) c[0])));
                long[] args = c[1].toString().startsWith("even") || c[1].equals("sum") ? new long[] {(long) c[2], 0}
                        : new long[] {(long) c[2]};
                out[k] = outcome(i, (String) c[1], args);
                left[k++] = store.getFuel();
            }
            assertEquals(out[0], out[1], c[1] + "(" + c[2] + ")");
            assertEquals(left[0], left[1], "fuel left after " + c[1] + "(" + c[2] + ")");
        }
    }

    @Test
    void interruptStopsLoopsAndTailCallChains() throws Exception {
        for (String f : List.of("spin", "rec")) {
            Store store = COMPILER.newStore();
            Instance i = new Linker().instantiate(store, COMPILER.compile(Wat.parse(LOOP)));
            assertTrue(i.module().isCompiled());
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                store.interrupt();
            });
            t.start();
            Trap trap = assertThrows(Trap.class, () -> {
                if (f.equals("spin")) {
                    i.func(f).call();
                } else {
                    i.func(f).callSlots(1);
                }
            });
            assertEquals("interrupted", trap.getMessage());
            t.join();
        }
    }
}
