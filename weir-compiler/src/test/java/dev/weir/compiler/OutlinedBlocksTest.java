package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.StoreLimits;
import dev.weir.Trap;
import dev.weir.text.Wat;
import dev.weir.wasm.WasmModule;
import org.junit.jupiter.api.Test;

/**
 * A function far over the outlining limit (Regions.LIMIT) whose blocks become methods of their
 * own: results, locals of every kind, branches out of outlined blocks with values, return from
 * inside, memory, traps and fuel must be exactly those of the interpreter.
 */
class OutlinedBlocksTest {
    private static final Engine INTERP = Engine.builder().compiler(false).build();
    private static final Engine COMPILER = Engine.builder().compiler(true).build();

    /** Export "sum": the sum of the first 1 KiB of memory as i32 words (compares final memory). */
    private static final String SUM = "(func (export \"sum\") (result i32) (local $i i32) (local $s i32)\n"
            + "  (loop $l (local.set $s (i32.add (local.get $s) (i32.load (local.get $i))))\n"
            + "    (local.set $i (i32.add (local.get $i) (i32.const 4)))\n"
            + "    (br_if $l (i32.lt_u (local.get $i) (i32.const 1024))))\n"
            + "  (local.get $s))";

    /** One step of the loop body: ~100 bytes touching i32, i64, f64 locals and memory. */
    private static String step(int k) {
        return "(block $s" + k + "\n"
                + "  (local.set $a (i32.add (i32.mul (local.get $a) (i32.const " + (k * 7 + 3) + ")) (local.get $n)))\n"
                + "  (local.set $d (i64.xor (i64.rotl (local.get $d) (i64.const " + (k % 63 + 1) + "))"
                + " (i64.extend_i32_u (local.get $a))))\n"
                + "  (local.set $f (f64.add (local.get $f) (f64.convert_i32_s (i32.and (local.get $a) (i32.const 255)))))\n"
                + "  (br_if $s" + k + " (i32.and (local.get $a) (i32.const 1)))\n"
                + "  (i32.store offset=" + (k * 4 % 1024) + " (i32.const 0) (i32.add (local.get $a)"
                + " (i32.load offset=" + ((k * 4 + 8) % 1024) + " (i32.const 0))))\n"
                + "  (if (i32.eq (local.get $a) (i32.const " + (12345 + k) + ")) (then (return (i32.const " + (-k)
                + "))))\n"
                + "  (local.set $b (i32.add (local.get $b) (i32.const 1))))\n";
    }

    private static WasmModule module() {
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < 60; k++) {
            body.append(step(k));
            if (k % 10 == 9) { // a branch with a value out of several enclosing blocks, and a trap
                body.append("(drop (br_if $out (i32.add (local.get $b) (i32.const 1000000))"
                        + " (i32.eq (local.get $n) (i32.const " + (k + 1000) + "))))\n");
                body.append("(if (i32.eq (local.get $n) (i32.const 77)) (then (unreachable)))\n");
            }
        }
        String wat = "(module (memory (export \"mem\") 1)\n"
                + "(func (export \"big\") (param $n i32) (result i32)\n"
                + "  (local $a i32) (local $b i32) (local $d i64) (local $f f64)\n"
                + "  (local.set $a (local.get $n))\n"
                + "  (block $out (result i32)\n"
                + "    (loop $l\n" + body
                + "      (local.set $n (i32.sub (local.get $n) (i32.const 1)))\n"
                + "      (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))\n"
                + "    (i32.add (i32.add (local.get $a) (local.get $b))\n"
                + "      (i32.wrap_i64 (i64.xor (local.get $d) (i64.trunc_sat_f64_s (local.get $f)))))))\n"
                + SUM + ")";
        return Wat.parse(wat);
    }

    private static final WasmModule MODULE = module();

    @Test
    void largeFunctionIsOutlinedAndBehavesLikeTheInterpreter() {
        long before = CompilerStats.outlinedBlocks();
        Module compiled = COMPILER.compile(MODULE);
        assertTrue(CompilerStats.outlinedBlocks() > before, "blocks were outlined");
        Module interpreted = INTERP.compile(MODULE);
        for (int n : new int[] {0, 1, 2, 5, 40, 1009, 1019, 1059, 70}) {
            assertEquals(run(interpreted, n), run(compiled, n), "big(" + n + ")");
        }
    }

    private static String run(Module m, int n) {
        return run(m, "big", n);
    }

    /** Calls export {@code name} with {@code n} on a fresh instance; its result and the sum of the memory. */
    private static String run(Module m, String name, int n) {
        try (Store s = m.engine().newStore()) {
            Instance i = new Linker().instantiate(s, m);
            int r = i.func(name).callInt(n);
            return r + " / memory sum " + i.func("sum").callInt();
        }
    }

    /**
     * A C-style switch in a loop: a nest of 200 blocks whose innermost holds the br_table, each case
     * after the end of its block. Every inner block sees dozens of outer labels and the outer ones
     * are far too big, so only cuts through blocks with many exits (Regions.BYTES_PER_EXIT) keep
     * the methods small.
     */
    private static WasmModule stateMachine() {
        int n = 200;
        StringBuilder table = new StringBuilder("(br_table");
        for (int k = 0; k < n; k++) {
            table.append(" $c").append(k);
        }
        table.append(" $exit (local.get $state))");
        String nest = table.toString();
        for (int k = 0; k < n; k++) {
            nest = "(block $c" + k + " " + nest + ")\n"
                    + "(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.const " + k + ")))\n"
                    + "(local.set $wide (i64.add (i64.rotl (local.get $wide) (i64.const " + (k % 61 + 1) + "))"
                    + " (i64.extend_i32_s (local.get $acc))))\n"
                    + "(i32.store offset=" + (k * 4 % 1024) + " (i32.const 0) (local.get $acc))\n"
                    + "(br_if $exit (i32.eq (local.get $acc) (i32.const " + (1000 + k) + ")))\n"
                    + "(local.set $state (i32.rem_u (i32.add (i32.mul (local.get $state) (i32.const 7))"
                    + " (i32.load offset=" + ((k * 4 + 4) % 256) + " (i32.const 0))) (i32.const " + (n + 1) + ")))\n"
                    + "(br $top)\n";
        }
        String wat = "(module (memory 1)\n"
                + "(func (export \"machine\") (param $n i32) (result i32)\n"
                + "  (local $state i32) (local $acc i32) (local $steps i32) (local $wide i64)\n"
                + "  (local.set $state (i32.rem_u (local.get $n) (i32.const " + n + ")))\n"
                + "  (block $exit (loop $top\n"
                + "    (local.set $steps (i32.add (local.get $steps) (i32.const 1)))\n"
                + "    (br_if $exit (i32.gt_u (local.get $steps) (i32.const 500)))\n"
                + nest + "))\n"
                + "  (i32.add (i32.add (local.get $acc) (local.get $steps)) (i32.wrap_i64 (local.get $wide))))\n"
                + SUM + ")";
        return Wat.parse(wat);
    }

    @Test
    void switchNestIsCutThroughBlocksWithManyExits() {
        WasmModule machine = stateMachine();
        long before = CompilerStats.outlinedBlocks();
        Module compiled = COMPILER.compile(machine);
        long parts = CompilerStats.outlinedBlocks() - before;
        assertTrue(parts >= 4, "the switch nest was cut into " + parts + " parts");
        Module interpreted = INTERP.compile(machine);
        for (int n : new int[] {0, 1, 7, 33, 63, 64, 199, 1000}) {
            assertEquals(run(interpreted, "machine", n), run(compiled, "machine", n), "machine(" + n + ")");
        }
    }

    @Test
    void trapInsideAnOutlinedBlockHasTheInterpretersStack() {
        Trap a = assertThrows(Trap.class, () -> run(INTERP.compile(MODULE), 77));
        Trap b = assertThrows(Trap.class, () -> run(COMPILER.compile(MODULE), 77));
        assertEquals(a.getMessage(), b.getMessage());
        assertEquals(1, b.wasmStackTrace().size(), "one frame for the function, parts included");
        assertEquals(a.wasmStackTrace().toString(), b.wasmStackTrace().toString(), "at the same instruction");
    }

    @Test
    void fuelIsChargedAsInTheInterpreter() {
        long[] used = new long[2];
        Engine[] engines = {Engine.builder().compiler(false).fuel(true).build(),
            Engine.builder().compiler(true).fuel(true).build()};
        for (int k = 0; k < 2; k++) {
            try (Store s = engines[k].newStore(StoreLimits.builder().fuel(10_000_000).build())) {
                Instance i = new Linker().instantiate(s, engines[k].compile(MODULE));
                i.func("big").callInt(25);
                used[k] = 10_000_000 - s.getFuel();
            }
        }
        assertTrue(used[0] > 1000, "fuel charged: " + used[0]);
        assertEquals(used[0], used[1]);
    }
}
