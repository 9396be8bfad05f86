package dev.weir;

import static dev.weir.Asm.code;
import static dev.weir.Asm.p;
import static dev.weir.wasm.ValType.F32;
import static dev.weir.wasm.ValType.F64;
import static dev.weir.wasm.ValType.I32;
import static dev.weir.wasm.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BasicExecutionTest {
    private final Engine engine = Engine.create();

    private Instance instantiate(Asm a) {
        return new Linker().instantiate(engine.newStore(), engine.compile(a.build()));
    }

    @Test
    void addAndEveryIntArity() {
        Asm a = new Asm();
        int t0 = a.type(p(), I32);
        int t1 = a.type(p(I32), I32);
        int t2 = a.type(p(I32, I32), I32);
        int t3 = a.type(p(I32, I32, I32), I32);
        int t4 = a.type(p(I32, I32, I32, I32), I32);
        a.func("zero", t0, code("i32.const", 42));
        a.func("neg", t1, code("i32.const", 0, "local.get", 0, "i32.sub"));
        a.func("add", t2, code("local.get", 0, "local.get", 1, "i32.add"));
        a.func("add3", t3, code("local.get", 0, "local.get", 1, "i32.add", "local.get", 2, "i32.add"));
        a.func("add4", t4, code("local.get", 0, "local.get", 1, "i32.add", "local.get", 2, "i32.add",
                "local.get", 3, "i32.add"));
        Instance i = instantiate(a);
        assertEquals(42, i.func("zero").callInt());
        assertEquals(-7, i.func("neg").callInt(7));
        assertEquals(5, i.func("add").callInt(2, 3));
        assertEquals(6, i.func("add3").callInt(1, 2, 3));
        assertEquals(10, i.func("add4").callInt(1, 2, 3, 4));
        assertArrayEquals(new long[] {5}, i.func("add").callSlots(2, 3));
        long[] args = {1, 2, 3, 4};
        long[] results = new long[1];
        for (int k = 0; k < 3; k++) { // reused arrays, repeated calls
            args[0] = k;
            i.func("add4").callInto(args, results);
            assertEquals(9 + k, results[0]);
        }
        assertThrows(IllegalArgumentException.class, () -> i.func("add4").callInto(new long[3], results));
        assertThrows(IllegalArgumentException.class, () -> i.func("add4").callInto(args, new long[0]));
        Value[] v = i.func("add").call(Value.i32(20), Value.i32(22));
        assertEquals(List.of(Value.i32(42)), List.of(v));
        assertThrows(IllegalArgumentException.class, () -> i.func("add").callInt(1));
        assertThrows(IllegalArgumentException.class, () -> i.func("add").callLong(1, 2));
    }

    @Test
    void longAndFloatArithmetic() {
        Asm a = new Asm();
        int tl = a.type(p(I64, I64), I64);
        int tf = a.type(p(F64, F64), F64);
        int tc = a.type(p(F32), I64);
        a.func("mul", tl, code("local.get", 0, "local.get", 1, "i64.mul"));
        a.func("div", tf, code("local.get", 0, "local.get", 1, "f64.div"));
        a.func("trunc", tc, code("local.get", 0, "i64.trunc_sat_f32_s"));
        Instance i = instantiate(a);
        assertEquals(6_000_000_000L, i.func("mul").callLong(2, 3_000_000_000L));
        assertEquals(Value.f64(2.5), i.func("div").call(Value.f64(5), Value.f64(2))[0]);
        assertEquals(Value.i64(Long.MAX_VALUE), i.func("trunc").call(Value.f32(1e30f))[0]);
    }

    @Test
    void loopsBlocksAndBranches() {
        Asm a = new Asm();
        int t = a.type(p(I32), I32);
        // sum 1..n with a loop; local 1 = acc
        a.func("sum", t, List.of(I32), code(
                "block", null,
                "loop", null,
                "local.get", 0, "i32.eqz", "br_if", 1,
                "local.get", 1, "local.get", 0, "i32.add", "local.set", 1,
                "local.get", 0, "i32.const", 1, "i32.sub", "local.set", 0,
                "br", 0,
                "end", "end",
                "local.get", 1));
        // br_table with values carried out of blocks
        a.func("pick", t, code(
                "block", I32, "block", I32, "block", I32,
                "i32.const", 10, "local.get", 0, "br_table", 0, 1, 2,
                "end", "i32.const", 1, "i32.add", "end", "i32.const", 2, "i32.add", "end"));
        // if/else with a result
        a.func("sign", t, code("local.get", 0, "i32.const", 0, "i32.lt_s",
                "if", I32, "i32.const", -1, "else", "i32.const", 1, "end"));
        Instance i = instantiate(a);
        assertEquals(5050, i.func("sum").callInt(100));
        assertEquals(13, i.func("pick").callInt(0));
        assertEquals(12, i.func("pick").callInt(1));
        assertEquals(10, i.func("pick").callInt(2));
        assertEquals(10, i.func("pick").callInt(99));
        assertEquals(-1, i.func("sign").callInt(-5));
        assertEquals(1, i.func("sign").callInt(5));
    }

    @Test
    void recursionAndCalls() {
        Asm a = new Asm();
        int t = a.type(p(I64), I64);
        a.func("fac", t, code("local.get", 0, "i64.eqz", "if", I64, "i64.const", 1, "else",
                "local.get", 0, "local.get", 0, "i64.const", 1, "i64.sub", "call", 0, "i64.mul", "end"));
        Instance i = instantiate(a);
        assertEquals(2432902008176640000L, i.func("fac").callLong(20));
    }

    @Test
    void exportsAreTheSameObjects() {
        Asm a = new Asm();
        int t = a.type(p(), I32);
        int f = a.func("f", t, code("i32.const", 1));
        a.export("g", dev.weir.wasm.ExternKind.FUNC, f);
        a.memory(1, -1).export("mem", dev.weir.wasm.ExternKind.MEMORY, 0);
        Instance i = instantiate(a);
        assertSame(i.func("f"), i.func("g"));
        assertSame(i.memory("mem"), i.export("mem"));
    }
}
