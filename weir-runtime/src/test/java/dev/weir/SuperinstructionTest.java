package dev.weir;

import static dev.weir.Asm.code;
import static dev.weir.Asm.p;
import static dev.weir.wasm.ValType.I32;
import static dev.weir.wasm.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's superinstructions (internal.interp.Fuser): every fused sequence must behave
 * exactly like its member instructions, including when a branch lands inside a sequence and when
 * a fused load traps.
 */
class SuperinstructionTest {
    private final Engine engine = Engine.create();

    private Instance instantiate(Asm a) {
        return new Linker().instantiate(engine.newStore(), engine.compile(a.build()));
    }

    private static final String[] I32_CMP = {"i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u",
        "i32.le_s", "i32.le_u", "i32.ge_s", "i32.ge_u"};
    private static final String[] I64_CMP = {"i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u", "i64.gt_s", "i64.gt_u",
        "i64.le_s", "i64.le_u", "i64.ge_s", "i64.ge_u"};

    private static boolean cmp32(int k, int a, int b) {
        switch (k) {
            case 0: return a == b;
            case 1: return a != b;
            case 2: return a < b;
            case 3: return Integer.compareUnsigned(a, b) < 0;
            case 4: return a > b;
            case 5: return Integer.compareUnsigned(a, b) > 0;
            case 6: return a <= b;
            case 7: return Integer.compareUnsigned(a, b) <= 0;
            case 8: return a >= b;
            default: return Integer.compareUnsigned(a, b) >= 0;
        }
    }

    private static boolean cmp64(int k, long a, long b) {
        switch (k) {
            case 0: return a == b;
            case 1: return a != b;
            case 2: return a < b;
            case 3: return Long.compareUnsigned(a, b) < 0;
            case 4: return a > b;
            case 5: return Long.compareUnsigned(a, b) > 0;
            case 6: return a <= b;
            case 7: return Long.compareUnsigned(a, b) <= 0;
            case 8: return a >= b;
            default: return Long.compareUnsigned(a, b) >= 0;
        }
    }

    @Test
    void compareAndBranchBothPolarities() {
        Asm a = new Asm();
        int t32 = a.type(p(I32, I32), I32);
        int t64 = a.type(p(I64, I64), I32);
        for (int k = 0; k < 10; k++) {
            // br_if (jump if true) and if (jump if false) after the same comparison
            a.func("brif32_" + k, t32, code("block", null, "local.get", 0, "local.get", 1, I32_CMP[k], "br_if", 0,
                    "i32.const", 0, "return", "end", "i32.const", 1));
            a.func("if32_" + k, t32, code("local.get", 0, "local.get", 1, I32_CMP[k],
                    "if", I32, "i32.const", 1, "else", "i32.const", 0, "end"));
            a.func("brif64_" + k, t64, code("block", null, "local.get", 0, "local.get", 1, I64_CMP[k], "br_if", 0,
                    "i32.const", 0, "return", "end", "i32.const", 1));
            a.func("if64_" + k, t64, code("local.get", 0, "local.get", 1, I64_CMP[k],
                    "if", I32, "i32.const", 1, "else", "i32.const", 0, "end"));
        }
        a.func("eqz32", t32, code("local.get", 0, "i32.eqz", "if", I32, "i32.const", 1, "else", "i32.const", 0, "end"));
        a.func("eqz32b", t32, code("block", null, "local.get", 0, "i32.eqz", "br_if", 0,
                "i32.const", 0, "return", "end", "i32.const", 1));
        a.func("eqz64", t64, code("local.get", 0, "i64.eqz", "if", I32, "i32.const", 1, "else", "i32.const", 0, "end"));
        a.func("eqz64b", t64, code("block", null, "local.get", 0, "i64.eqz", "br_if", 0,
                "i32.const", 0, "return", "end", "i32.const", 1));
        Instance i = instantiate(a);
        int[] v32 = {0, 1, -1, 2, Integer.MIN_VALUE, Integer.MAX_VALUE};
        long[] v64 = {0, 1, -1, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL};
        for (int k = 0; k < 10; k++) {
            for (int x : v32) {
                for (int y : v32) {
                    int want = cmp32(k, x, y) ? 1 : 0;
                    assertEquals(want, i.func("brif32_" + k).callInt(x, y), I32_CMP[k] + " " + x + " " + y);
                    assertEquals(want, i.func("if32_" + k).callInt(x, y), I32_CMP[k] + " " + x + " " + y);
                }
            }
            for (long x : v64) {
                for (long y : v64) {
                    int want = cmp64(k, x, y) ? 1 : 0;
                    assertEquals(Value.i32(want), i.func("brif64_" + k).call(Value.i64(x), Value.i64(y))[0], I64_CMP[k] + " " + x + " " + y);
                    assertEquals(Value.i32(want), i.func("if64_" + k).call(Value.i64(x), Value.i64(y))[0], I64_CMP[k] + " " + x + " " + y);
                }
            }
        }
        for (int x : v32) {
            assertEquals(x == 0 ? 1 : 0, i.func("eqz32").callInt(x, 0));
            assertEquals(x == 0 ? 1 : 0, i.func("eqz32b").callInt(x, 0));
        }
        for (long x : v64) {
            assertEquals(Value.i32(x == 0 ? 1 : 0), i.func("eqz64").call(Value.i64(x), Value.i64(0))[0]);
            assertEquals(Value.i32(x == 0 ? 1 : 0), i.func("eqz64b").call(Value.i64(x), Value.i64(0))[0]);
        }
    }

    @Test
    void localArithmeticSequences() {
        Asm a = new Asm();
        int t32 = a.type(p(I32, I32), I32);
        int t64 = a.type(p(I64, I64), I64);
        a.func("ll_add", t32, code("local.get", 0, "local.get", 1, "i32.add"));
        a.func("ll_sub", t32, code("local.get", 0, "local.get", 1, "i32.sub"));
        a.func("ll_add_set", t32, List.of(I32), code("local.get", 0, "local.get", 1, "i32.add", "local.set", 2,
                "local.get", 2));
        a.func("lc_add_set", t32, code("local.get", 0, "i32.const", -3, "i32.add", "local.set", 1, "local.get", 1));
        a.func("lc_sub_set", t32, code("local.get", 1, "i32.const", 7, "i32.sub", "local.set", 0, "local.get", 0));
        a.func("lc_and", t32, code("local.get", 0, "i32.const", 0xF0, "i32.and"));
        a.func("lc_sub", t32, code("local.get", 0, "i32.const", 1, "i32.sub"));
        a.func("mov_pair", t32, code("local.get", 1, "local.set", 0, "local.get", 0, "local.get", 1, "i32.mul"));
        a.func("add_set", t32, code("local.get", 0, "i32.const", 2, "i32.mul", "local.get", 1, "i32.add",
                "local.set", 0, "local.get", 0));
        a.func("ll_add64", t64, code("local.get", 0, "local.get", 1, "i64.add"));
        a.func("ll_sub64", t64, code("local.get", 0, "local.get", 1, "i64.sub"));
        a.func("ll_add64_set", t64, code("local.get", 0, "local.get", 1, "i64.add", "local.set", 1, "local.get", 1));
        a.func("lc_add64_set", t64, code("local.get", 0, "i64.const", 1L << 33, "i64.add", "local.set", 0,
                "local.get", 0));
        a.func("lc_sub64_set", t64, code("local.get", 0, "i64.const", -5L, "i64.sub", "local.set", 0,
                "local.get", 0));
        a.func("add64_set", t64, code("local.get", 0, "i64.const", 3L, "i64.mul", "local.get", 1, "i64.add",
                "local.set", 1, "local.get", 1));
        Instance i = instantiate(a);
        assertEquals(Integer.MIN_VALUE, i.func("ll_add").callInt(Integer.MAX_VALUE, 1));
        assertEquals(Integer.MAX_VALUE, i.func("ll_sub").callInt(Integer.MIN_VALUE, 1));
        assertEquals(-2, i.func("ll_add_set").callInt(-1, -1));
        assertEquals(Integer.MAX_VALUE - 2, i.func("lc_add_set").callInt(Integer.MIN_VALUE, 0));
        assertEquals(Integer.MAX_VALUE - 6, i.func("lc_sub_set").callInt(0, Integer.MIN_VALUE));
        assertEquals(0xA0, i.func("lc_and").callInt(0xFFA5, 0));
        assertEquals(Integer.MAX_VALUE, i.func("lc_sub").callInt(Integer.MIN_VALUE, 0));
        assertEquals(49, i.func("mov_pair").callInt(3, 7));
        assertEquals(Integer.MIN_VALUE + 1, i.func("add_set").callInt(1 << 30, 1));
        assertEquals(Long.MIN_VALUE, i.func("ll_add64").callLong(Long.MAX_VALUE, 1));
        assertEquals(Long.MAX_VALUE, i.func("ll_sub64").callLong(Long.MIN_VALUE, 1));
        assertEquals(5_000_000_000L, i.func("ll_add64_set").callLong(2_000_000_000L, 3_000_000_000L));
        assertEquals((1L << 33) - 1, i.func("lc_add64_set").callLong(-1, 0));
        assertEquals(Long.MIN_VALUE + 4, i.func("lc_sub64_set").callLong(Long.MAX_VALUE, 0));
        assertEquals(3_000_000_001L, i.func("add64_set").callLong(1_000_000_000L, 1));
    }

    @Test
    void branchIntoTheMiddleOfAFusedSequence() {
        Asm a = new Asm();
        int t = a.type(p(I32, I32, I32), I32);
        // local.get 1 (end of the block) + local.get 2 + i32.add form one fused sequence; br_if
        // leaves the block with 5 and lands on local.get 2, inside the sequence.
        a.func("f", t, code("block", I32, "i32.const", 5, "local.get", 0, "br_if", 0, "drop",
                "local.get", 1, "end", "local.get", 2, "i32.add"));
        Instance i = instantiate(a);
        assertEquals(105, i.func("f").callInt(1, 1000, 100));
        assertEquals(1100, i.func("f").callInt(0, 1000, 100));
    }

    @Test
    void fusedLoadsReadAndTrapLikeLoads() {
        Asm a = new Asm();
        a.memory(1, 1);
        a.data(0, 0, new byte[] {1, 2, 3, 4, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        int t = a.type(p(I32), I32);
        int t64 = a.type(p(I32), I64);
        a.func("load", t, code("local.get", 0, "i32.load", 2, 0));
        a.func("load8u", t, code("local.get", 0, "i32.load8_u", 0, 4));
        a.func("load32s", t64, code("local.get", 0, "i64.load32_s", 2, 4));
        Instance i = instantiate(a);
        assertEquals(0x04030201, i.func("load").callInt(0));
        assertEquals(0xFF, i.func("load8u").callInt(0));
        assertEquals(Value.i64(-1L), i.func("load32s").call(Value.i32(0))[0]);
        Trap e = assertThrows(Trap.class, () -> i.func("load").callInt(65533));
        assertTrue(e.getMessage().startsWith("out of bounds memory access"), e.getMessage());
        Trap e2 = assertThrows(Trap.class, () -> i.func("load8u").callInt(-1));
        assertTrue(e2.getMessage().startsWith("out of bounds memory access"), e2.getMessage());
    }

    @Test
    void loopBackEdgeStillRuns() {
        Asm a = new Asm();
        int t = a.type(p(I32), I32);
        a.func("sum", t, List.of(I32), code(
                "block", null, "loop", null,
                "local.get", 0, "i32.eqz", "br_if", 1,
                "local.get", 1, "local.get", 0, "i32.add", "local.set", 1,
                "local.get", 0, "i32.const", 1, "i32.sub", "local.set", 0,
                "br", 0, "end", "end", "local.get", 1));
        Instance i = instantiate(a);
        assertEquals(5050, i.func("sum").callInt(100));
        assertEquals(0, i.func("sum").callInt(0));
    }
}
