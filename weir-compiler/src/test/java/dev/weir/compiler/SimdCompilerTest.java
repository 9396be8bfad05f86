package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.HostFunction;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.internal.simd.V128;
import dev.weir.text.Wat;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SIMD in compiled code: every 0xFD instruction compiles (no interpreter fallback) and gives the
 * interpreter's results, bit for bit, on random and edge-case operands; v128 values cross calls,
 * blocks, select, globals, multi-value returns and the host boundary intact.
 */
class SimdCompilerTest {
    static {
        System.setProperty("weir.compiler.debug", "true");
    }

    static final Engine INTERP = Engine.builder().compiler(false).build();
    static final Engine COMPILER = Engine.builder().compiler(true).build();
    private static final long[] EDGE = {0, -1, 1, 0x8000_0000_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL, 0x8080_8080_8080_8080L,
        0x7F7F_7F7F_7F7F_7F7FL, 0x8000_8000_8000_8000L, 0x7FC0_0000_7F80_0000L, 0xFFF8_0000_0000_0000L,
        0x3FF0_0000_0000_0000L, 0x4F00_0000_CF00_0000L, 0x0102_0304_0506_0708L, 0x1F1F_1F1F_1F1F_1F1FL};

    /** Instantiates the module on both engines; asserts the compiler left no function to the interpreter. */
    private static Instance[] both(String wat, Linker linker) {
        long fallbacks = CompilerStats.fallbacks();
        Module cm = COMPILER.compile(Wat.parse(wat));
        assertEquals(fallbacks, CompilerStats.fallbacks(), () -> "fallbacks: " + CompilerStats.fallbackReasons());
        Module im = INTERP.compile(Wat.parse(wat));
        return new Instance[] {linker.instantiate(INTERP.newStore(), im), linker.instantiate(COMPILER.newStore(), cm)};
    }

    private static Instance[] both(String wat) {
        return both(wat, new Linker());
    }

    /** Builds one export per lane-free SIMD op, with parameters matching its shape. */
    private static String allOpsModule(List<Integer> ops) {
        StringBuilder sb = new StringBuilder("(module\n");
        for (int op = 0; op < 0x114; op++) {
            String name = V128.opName(op);
            if (name == null || !V128.isLaneFree(op)) {
                continue;
            }
            ops.add(op);
            String body;
            if (name.endsWith(".splat")) {
                String conv = name.startsWith("i64") ? "" : name.startsWith("f64") ? "f64.reinterpret_i64"
                        : name.startsWith("f32") ? "i32.wrap_i64 f32.reinterpret_i32" : "i32.wrap_i64";
                body = "(param i64 i64 i64) (result v128) local.get 0 " + conv + " " + name;
            } else if (name.endsWith("all_true") || name.endsWith("bitmask") || name.endsWith("any_true")) {
                body = "(param v128 v128 v128) (result i32) local.get 0 " + name;
            } else if (name.contains(".shl") || name.contains(".shr")) {
                body = "(param v128 v128 v128) (result v128) local.get 0 local.get 1 i32x4.extract_lane 0 " + name;
            } else {
                int operands = 1 - V128.stackDelta(op) / 2;
                StringBuilder g = new StringBuilder();
                for (int k = 0; k < operands; k++) {
                    g.append("local.get ").append(k).append(' ');
                }
                body = "(param v128 v128 v128) (result v128) " + g + name;
            }
            sb.append("(func (export \"op").append(op).append("\") ").append(body).append(")\n");
        }
        return sb.append(")").toString();
    }

    @Test
    void everyLaneFreeOpMatchesInterpreter() {
        List<Integer> ops = new ArrayList<>();
        Instance[] in = both(allOpsModule(ops));
        Random rnd = new Random(42);
        int checked = 0;
        for (int op : ops) {
            Func fi = in[0].func("op" + op);
            Func fc = in[1].func("op" + op);
            boolean splat = V128.opName(op).endsWith(".splat");
            for (int t = 0; t < 60; t++) {
                long[] args = new long[splat ? 3 : 6];
                for (int k = 0; k < args.length; k++) {
                    args[k] = t < 20 ? EDGE[rnd.nextInt(EDGE.length)] : rnd.nextLong();
                }
                if (op >= 0x6B && op <= 0xCD && t % 3 == 0) {
                    args[2] = rnd.nextInt(200) - 100; // shift counts beyond the lane width
                }
                assertArrayEquals(fi.callSlots(args), fc.callSlots(args), V128.opName(op));
                checked++;
            }
        }
        assertTrue(ops.size() > 200, "ops: " + ops.size());
        assertTrue(checked > 12_000);
    }

    @Test
    void lanesConstShuffleAndMemoryMatchInterpreter() {
        StringBuilder sb = new StringBuilder("(module (memory 1) (export \"mem\" (memory 0))\n");
        String[][] shapes = {{"i8x16", "16", "_s", "_u"}, {"i16x8", "8", "_s", "_u"}, {"i32x4", "4", "", ""},
            {"i64x2", "2", "", ""}, {"f32x4", "4", "", ""}, {"f64x2", "2", "", ""}};
        List<String> names = new ArrayList<>();
        for (String[] sh : shapes) {
            int n = Integer.parseInt(sh[1]);
            String scalar = sh[0].startsWith("i64") ? "i64" : sh[0].startsWith("f64") ? "f64"
                    : sh[0].startsWith("f32") ? "f32" : "i32";
            String fromI64 = scalar.equals("i64") ? "" : scalar.equals("f64") ? "f64.reinterpret_i64"
                    : scalar.equals("f32") ? "i32.wrap_i64 f32.reinterpret_i32" : "i32.wrap_i64";
            String toI64 = scalar.equals("i64") ? "" : scalar.equals("f64") ? "i64.reinterpret_f64"
                    : scalar.equals("f32") ? "i32.reinterpret_f32 i64.extend_i32_u" : "i64.extend_i32_s";
            for (int l = 0; l < n; l++) {
                for (String sfx : sh[2].equals(sh[3]) ? new String[] {sh[2]} : new String[] {sh[2], sh[3]}) {
                    String f = sh[0] + "_x" + sfx + l;
                    names.add(f);
                    sb.append("(func (export \"").append(f).append("\") (param v128 i64) (result i64) local.get 0 ")
                            .append(sh[0]).append(".extract_lane").append(sfx).append(' ').append(l).append(' ')
                            .append(toI64).append(")\n");
                }
                String f = sh[0] + "_r" + l;
                names.add(f);
                sb.append("(func (export \"").append(f).append("\") (param v128 i64) (result v128) local.get 0 ")
                        .append("local.get 1 ").append(fromI64).append(' ').append(sh[0]).append(".replace_lane ")
                        .append(l).append(")\n");
            }
        }
        String[] loads = {"v128.load", "v128.load8x8_s", "v128.load8x8_u", "v128.load16x4_s", "v128.load16x4_u",
            "v128.load32x2_s", "v128.load32x2_u", "v128.load8_splat", "v128.load16_splat", "v128.load32_splat",
            "v128.load64_splat", "v128.load32_zero", "v128.load64_zero"};
        for (String ld : loads) {
            names.add(ld);
            sb.append("(func (export \"").append(ld).append("\") (param v128 i64) (result v128) local.get 1 ")
                    .append("i32.wrap_i64 ").append(ld).append(" offset=3)\n");
        }
        int[] widths = {8, 16, 32, 64};
        for (int w : widths) {
            for (int l = 0; l < 128 / w; l++) {
                String f = "load" + w + "_lane" + l;
                names.add(f);
                sb.append("(func (export \"").append(f).append("\") (param v128 i64) (result v128) local.get 1 ")
                        .append("i32.wrap_i64 local.get 0 v128.load").append(w).append("_lane offset=1 ").append(l)
                        .append(")\n");
                f = "store" + w + "_lane" + l;
                names.add(f);
                sb.append("(func (export \"").append(f).append("\") (param v128 i64) (result v128) local.get 1 ")
                        .append("i32.wrap_i64 local.get 0 v128.store").append(w).append("_lane offset=2 ").append(l)
                        .append(" local.get 1 i32.wrap_i64 v128.load offset=2)\n");
            }
        }
        names.add("store");
        sb.append("(func (export \"store\") (param v128 i64) (result v128) local.get 1 i32.wrap_i64 local.get 0 ")
                .append("v128.store offset=5 local.get 1 i32.wrap_i64 v128.load offset=5)\n");
        names.add("const");
        sb.append("(func (export \"const\") (param v128 i64) (result v128) ")
                .append("v128.const i32x4 0x01020304 -1 0x80000000 7)\n");
        names.add("shuffle");
        sb.append("(func (export \"shuffle\") (param v128 i64) (result v128) local.get 0 v128.const i64x2 ")
                .append("0x1122334455667788 0x99aabbccddeeff00 i8x16.shuffle 31 0 16 1 17 15 14 2 3 30 29 4 5 6 7 8)\n");
        sb.append(")");
        Instance[] in = both(sb.toString());
        Random rnd = new Random(7);
        for (Instance i : in) {
            byte[] bytes = new byte[256];
            new Random(1).nextBytes(bytes);
            i.memory("mem").write(0, bytes, 0, bytes.length);
        }
        for (String f : names) {
            for (int t = 0; t < 8; t++) {
                long addr = t == 7 ? 65530 : rnd.nextInt(200); // the last one traps for most accesses
                long[] args = {rnd.nextLong(), rnd.nextLong(), addr};
                assertEquals(outcome(in[0].func(f), args), outcome(in[1].func(f), args), f);
            }
        }
        byte[] a = new byte[65536];
        byte[] b = new byte[65536];
        in[0].memory("mem").read(0, a, 0, a.length);
        in[1].memory("mem").read(0, b, 0, b.length);
        assertArrayEquals(a, b, "final memory");
    }

    private static String outcome(Func f, long[] args) {
        try {
            long[] r = f.callSlots(args);
            StringBuilder sb = new StringBuilder();
            for (long x : r) {
                sb.append(Long.toHexString(x)).append(' ');
            }
            return sb.toString();
        } catch (Trap t) {
            return "trap: " + t.getMessage();
        }
    }

    @Test
    void v128ValuesFlowThroughControlCallsGlobalsAndHost() {
        String wat = """
                (module
                  (type $vv (func (param v128 i32) (result v128)))
                  (import "host" "twice" (func $twice (param v128) (result v128 v128)))
                  (global $g (mut v128) (v128.const i64x2 5 6))
                  (table 1 funcref) (elem (i32.const 0) $add)
                  (func $add (type $vv) local.get 0 local.get 1 i32x4.splat i32x4.add)
                  (func $pair (param v128) (result v128 i32 v128)
                    local.get 0 i32.const 9 local.get 0 v128.not)
                  (func (export "main") (param v128 i32) (result v128) (local $t v128)
                    ;; block with a v128 result, br_if carrying it, select on v128
                    (block (result v128)
                      local.get 0
                      local.get 1
                      br_if 0
                      drop
                      global.get $g)
                    local.tee $t
                    local.get $t v128.not
                    local.get 1 i32.const 1 i32.and
                    select
                    ;; direct call, indirect call, multi-value with v128s
                    i32.const 3 call $add
                    i32.const 4 i32.const 0 call_indirect (type $vv)
                    call $pair
                    drop drop
                    global.set $g
                    global.get $g
                    call $twice
                    i64x2.add
                    (loop $l (param v128) (result v128)
                      local.get 1 i32.const 1 i32.sub local.tee 1 i32.const 0 i32.gt_s
                      if (param v128) (result v128)
                        i32.const 1 call $add br $l
                      end))
                  (func (export "get") (result v128) global.get $g))
                """;
        Linker linker = new Linker();
        FuncType twiceType = FuncType.of(new ValType[] {ValType.V128}, new ValType[] {ValType.V128, ValType.V128});
        linker.define("host", "twice", Func.of(twiceType, (HostFunction) (caller, s, r, base) -> {
            s[base + 2] = s[base] * 2;
            s[base + 3] = s[base + 1] * 2;
        }));
        Instance[] in = both(wat, linker);
        Random rnd = new Random(3);
        for (int t = 0; t < 50; t++) {
            long[] args = {rnd.nextLong(), rnd.nextLong(), rnd.nextInt(12) - 2};
            assertArrayEquals(in[0].func("main").callSlots(args), in[1].func("main").callSlots(args));
            assertArrayEquals(in[0].func("get").callSlots(), in[1].func("get").callSlots());
        }
        long[] r = in[1].func("main").callSlots(1, 2, 0);
        assertEquals(2, r.length);
    }

    @Test
    void outOfBoundsV128AccessTrapsWithoutWriting() {
        Instance i = both("""
                (module (memory 1) (export "mem" (memory 0))
                  (func (export "st") (param i32) local.get 0 v128.const i64x2 -1 -1 v128.store)
                  (func (export "ld") (param i32) (result i32) local.get 0 v128.load i32x4.extract_lane 3))
                """)[1];
        Memory mem = i.memory("mem");
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> i.func("st").callInt(65528)).getMessage());
        assertEquals(0, mem.readLong(65528), "a trapping store writes nothing");
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> i.func("ld").callInt(-8)).getMessage());
        i.func("st").callInt(65520);
        assertEquals(-1, i.func("ld").callInt(65520));
    }

    /** SIMD loops over memory, interpreter vs compiler; prints the speed-up (not asserted). */
    @Test
    void simdLoopSpeed() {
        speed("inline ops (v128.load/store, i32x4.add/mul)", "i32x4.add", "i32x4.mul");
        speed("generic path (f32x4.min, i16x8.q15mulr_sat_s)", "f32x4.min", "i16x8.q15mulr_sat_s");
    }

    private static void speed(String label, String op1, String op2) {
        String wat = """
                (module (memory 1)
                  (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc v128)
                    (loop $outer
                      i32.const 0 local.set $i
                      (loop $l
                        local.get $acc
                        local.get $i v128.load
                        OP1
                        local.get $i v128.load offset=16
                        OP2
                        local.set $acc
                        local.get $i local.get $acc v128.store offset=32768
                        local.get $i i32.const 16 i32.add local.tee $i
                        i32.const 16384 i32.lt_u br_if $l)
                      local.get $n i32.const 1 i32.sub local.tee $n br_if $outer)
                    local.get $acc i32x4.extract_lane 0))
                """.replace("OP1", op1).replace("OP2", op2);
        Instance[] in = both(wat);
        long[] ns = new long[2];
        int[] res = new int[2];
        for (int e = 0; e < 2; e++) {
            Func f = in[e].func("run");
            ns[e] = Long.MAX_VALUE;
            for (int round = 0; round < 30; round++) { // the best of 30 rounds, after JIT warm-up
                long t0 = System.nanoTime();
                res[e] = f.callInt(50);
                ns[e] = Math.min(ns[e], System.nanoTime() - t0);
            }
        }
        assertEquals(res[0], res[1]);
        System.out.printf("SIMD loop, %s, 1024 vectors x 50: interpreter %.1f ms, compiler %.1f ms, %.1fx%n",
                label, ns[0] / 1e6, ns[1] / 1e6, (double) ns[0] / ns[1]);
    }
}
