package dev.weir;

import static dev.weir.Asm.code;
import static dev.weir.Asm.p;
import static dev.weir.wasm.ValType.I32;
import static dev.weir.wasm.ValType.I64;
import static dev.weir.wasm.ValType.V128;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.wasm.ExternKind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.Limits;
import dev.weir.wasm.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesTest {
    private final Engine engine = Engine.create();

    private Instance instantiate(Asm a) {
        return new Linker().instantiate(engine.newStore(), engine.compile(a.build()));
    }

    private Instance instantiate(Linker l, Asm a) {
        return l.instantiate(engine.newStore(), engine.compile(a.build()));
    }

    @Test
    void exceptionsThrownAndCaughtWithTryTable() {
        Asm a = new Asm();
        int tv = a.type(p(I32));
        int ti = a.type(p(I32), I32);
        a.tag(tv).export("tag", ExternKind.TAG, 0);
        int thrower = a.func("throw", tv, code("local.get", 0, "i32.const", 0, "i32.ne", "if", null,
                "local.get", 0, "throw", 0, "end"));
        // block $h (result i32) (try_table (catch $tag $h) (call $throw (local.get 0))) (i32.const -1) end; +100
        a.func("catch", ti, code("block", I32, "try_table", null, 0, 0, 0,
                "local.get", 0, "call", thrower, "end", "i32.const", -1, "end", "i32.const", 100, "i32.add"));
        // catch_all_ref then throw_ref: rethrows the same exception
        a.func("rethrow", tv, code("block", ValType.EXNREF, "try_table", null, 3, 0,
                "local.get", 0, "call", thrower, "end", "return", "end", "throw_ref"));
        // legacy try/catch
        a.func("legacy", ti, code("try", I32, "local.get", 0, "call", thrower, "i32.const", -1,
                "catch", 0, "i32.const", 1000, "i32.add", "end"));
        a.func("legacyRethrow", tv, code("try", null, "local.get", 0, "call", thrower,
                "catch_all", "rethrow", 0, "end"));
        Instance i = instantiate(a);
        assertEquals(99, i.func("catch").callInt(0));
        assertEquals(107, i.func("catch").callInt(7));
        assertEquals(1005, i.func("legacy").callInt(5));
        assertEquals(-1, i.func("legacy").callInt(0));
        WasmThrow uncaught = assertThrows(WasmThrow.class, () -> i.func("throw").call(Value.i32(3)));
        assertSame(i.tag("tag"), uncaught.tag());
        assertEquals(Value.i32(3), uncaught.payload()[0]);
        WasmThrow again = assertThrows(WasmThrow.class, () -> i.func("rethrow").call(Value.i32(4)));
        assertEquals(Value.i32(4), again.payload()[0]);
        WasmThrow legacyAgain = assertThrows(WasmThrow.class, () -> i.func("legacyRethrow").call(Value.i32(6)));
        assertEquals(Value.i32(6), legacyAgain.payload()[0]);
    }

    @Test
    void hostThrownWasmExceptionIsCaughtByWasm() {
        Tag tag = Tag.create(FuncType.of(p(I32), p()));
        Asm a = new Asm();
        int tv = a.type(p(I32));
        int ti = a.type(p(I32), I32);
        a.importFunc("env", "fail", tv);
        a.importTag(tv);
        a.func("catch", ti, code("block", I32, "try_table", null, 0, 0, 0,
                "local.get", 0, "call", 0, "end", "i32.const", -1, "end"));
        Linker l = new Linker().define("env", "tag", tag).define("env", "fail", FuncType.of(p(I32), p()),
                (c, s, r, b) -> {
                    throw WasmThrow.of(tag, Value.i32((int) s[b] * 2));
                });
        assertEquals(42, instantiate(l, a).func("catch").callInt(21));
    }

    @Test
    void multiMemory() {
        Asm a = new Asm();
        a.memory(1, -1).memory(1, -1).export("m0", ExternKind.MEMORY, 0).export("m1", ExternKind.MEMORY, 1);
        int t = a.type(p(I32, I32));
        int tl = a.type(p(I32), I32);
        a.func("store1", t, code("local.get", 0, "local.get", 1, "i32.store", 2, 0, 1));
        a.func("load1", tl, code("local.get", 0, "i32.load", 2, 0, 1));
        a.func("copy10", a.type(p()), code("i32.const", 0, "i32.const", 0, "i32.const", 4, "memory.copy", 0, 1));
        a.func("size1", a.type(p(), I32), code("memory.size", 1));
        Instance i = instantiate(a);
        i.func("store1").callSlots(8, 0x01020304);
        assertEquals(0x01020304, i.func("load1").callInt(8));
        assertEquals(0, i.memory("m0").readInt(8));
        i.memory("m1").writeInt(0, 77);
        i.func("copy10").call();
        assertEquals(77, i.memory("m0").readInt(0));
        assertEquals(1, i.func("size1").callInt());
    }

    @Test
    void memory64() {
        Asm a = new Asm();
        a.memory(new Limits(1, false, 0, false, true, 16));
        int ts = a.type(p(I64, I64));
        int tl = a.type(p(I64), I64);
        a.func("store", ts, code("local.get", 0, "local.get", 1, "i64.store", 3, 0));
        a.func("load", tl, code("local.get", 0, "i64.load", 3, 0));
        a.func("loadFar", tl, code("local.get", 0, "i64.load", 3, 0xFFFF_FFFF_FFFF_FFF0L));
        a.func("grow", tl, code("local.get", 0, "memory.grow", 0));
        Instance i = instantiate(a);
        i.func("store").callSlots(65528, -5);
        assertEquals(-5, i.func("load").callLong(65528));
        assertEquals("out of bounds memory access", assertThrows(Trap.class, () -> i.func("load").callLong(65529)).getMessage());
        assertEquals("out of bounds memory access", assertThrows(Trap.class, () -> i.func("load").callLong(-8)).getMessage());
        // base + offset overflows 64 bits: must trap, not wrap around to address 0
        assertEquals("out of bounds memory access", assertThrows(Trap.class, () -> i.func("loadFar").callLong(16)).getMessage());
        assertEquals(1, i.func("grow").callLong(1));
        assertEquals(-5, i.func("load").callLong(65528));
    }

    @Test
    void bulkMemoryAndPassiveData() {
        Asm a = new Asm();
        a.memory(1, -1).export("mem", ExternKind.MEMORY, 0).passiveData("abcdef".getBytes());
        int t = a.type(p());
        a.func("init", t, code("i32.const", 100, "i32.const", 1, "i32.const", 3, "memory.init", 0, 0,
                "data.drop", 0));
        a.func("fill", t, code("i32.const", 200, "i32.const", 0x7A, "i32.const", 4, "memory.fill", 0));
        Instance i = instantiate(a);
        i.func("fill").call();
        assertEquals("zzzz", i.memory("mem").readString(200, 4));
        i.func("init").call();
        assertEquals("bcd", i.memory("mem").readString(100, 3));
        // dropped: a second non-empty init traps
        assertEquals("out of bounds memory access", assertThrows(Trap.class, () -> i.func("init").call()).getMessage());
    }

    @Test
    void typedFunctionReferences() {
        Asm b = new Asm();
        int tb = b.type(p(I32), I32);
        int incb = b.func("inc", tb, code("local.get", 0, "i32.const", 1, "i32.add"));
        b.func("viaRef", tb, code("local.get", 0, "ref.func", incb, "call_ref", tb));
        b.func("nullCheck", b.type(p(), I32), code("block", null, "ref.null", HeapType.FUNC, "br_on_null", 0,
                "drop", "i32.const", 1, "return", "end", "i32.const", 2));
        b.func("callNull", tb, code("local.get", 0, "ref.null", tb, "call_ref", tb));
        b.declareFunc(incb);
        Instance i = instantiate(b);
        assertEquals(6, i.func("viaRef").callInt(5));
        assertEquals(2, i.func("nullCheck").callInt());
        assertEquals("null function reference", assertThrows(Trap.class, () -> i.func("callNull").callInt(1)).getMessage());
    }

    @Test
    void simdThroughV128() {
        Asm a = new Asm();
        int t = a.type(p(V128, V128), V128);
        a.func("add", t, code("local.get", 0, "local.get", 1, "i32x4.add"));
        a.func("sel", a.type(p(V128, V128, I32), V128), code("local.get", 0, "local.get", 1, "local.get", 2, "select"));
        a.func("lane", a.type(p(V128), I32), code("local.get", 0, "i32x4.extract_lane", 3));
        a.memory(1, -1);
        a.func("roundtrip", a.type(p(V128), V128), code("i32.const", 16, "local.get", 0, "v128.store", 4, 0,
                "i32.const", 16, "v128.load", 4, 0));
        Instance i = instantiate(a);
        Value x = Value.v128(0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L);
        Value y = Value.v128(0x0000_0010_0000_0010L, 0x0000_0010_0000_0010L);
        assertEquals(Value.v128(0x0000_0012_0000_0011L, 0x0000_0014_0000_0013L), i.func("add").call(x, y)[0]);
        assertEquals(y, i.func("sel").call(x, y, Value.i32(0))[0]);
        assertEquals(x, i.func("sel").call(x, y, Value.i32(1))[0]);
        assertEquals(Value.i32(4), i.func("lane").call(x)[0]);
        assertEquals(x, i.func("roundtrip").call(x)[0]);
        assertArrayEquals(new long[] {0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L},
                i.func("roundtrip").callSlots(0x0000_0002_0000_0001L, 0x0000_0004_0000_0003L));
    }

    @Test
    void externrefsRoundTrip() {
        Asm a = new Asm();
        int t = a.type(p(ValType.EXTERNREF), ValType.EXTERNREF);
        a.func("id", t, code("local.get", 0));
        a.func("isNull", a.type(p(ValType.EXTERNREF), I32), code("local.get", 0, "ref.is_null"));
        Instance i = instantiate(a);
        Object host = new Object();
        assertSame(host, i.func("id").call(Value.externref(host))[0].ref());
        assertEquals(List.of(Value.i32(1)), List.of(i.func("isNull").call(Value.externref(null))));
        assertEquals(HeapType.EXTERN, i.func("id").call(Value.externref(host))[0].refKind());
    }
}
