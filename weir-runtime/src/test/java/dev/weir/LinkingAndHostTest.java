package dev.weir;

import static dev.weir.Asm.code;
import static dev.weir.Asm.p;
import static dev.weir.wasm.ValType.I32;
import static dev.weir.wasm.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.ExternKind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Limits;
import dev.weir.wasm.TableType;
import dev.weir.wasm.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkingAndHostTest {
    private final Engine engine = Engine.create();
    private static final FuncType II_I = FuncType.of(p(I32, I32), p(I32));

    @Test
    void hostFunctionsAreCalledWithPrimitives() {
        Asm a = new Asm();
        int t = a.type(p(I32, I32), I32);
        int add = a.importFunc("env", "add", t);
        a.func("twice", t, code("local.get", 0, "local.get", 1, "call", add, "i32.const", 2, "i32.mul"));
        Linker l = new Linker().define("env", "add", II_I, HostFunction.i32((x, y) -> x + y));
        Instance i = l.instantiate(engine.newStore(), engine.compile(a.build()));
        assertEquals(14, i.func("twice").callInt(3, 4));
    }

    @Test
    void hostExceptionBecomesTrapWithCause() {
        Asm a = new Asm();
        int t = a.type(p(I32, I32), I32);
        int boom = a.importFunc("env", "boom", t);
        a.func("call", t, code("local.get", 0, "local.get", 1, "call", boom));
        IllegalStateException cause = new IllegalStateException("host says no");
        Linker l = new Linker().define("env", "boom", II_I, (c, s, r, b) -> {
            throw cause;
        });
        Instance i = l.instantiate(engine.newStore(), engine.compile(a.build()));
        Trap trap = assertThrows(Trap.class, () -> i.func("call").callInt(1, 2));
        assertSame(cause, trap.getCause());
        assertEquals("call", trap.wasmStackTrace().get(0).functionName());
    }

    @Test
    void hostFunctionSeesCallerMemoryAndCanCallBack() {
        Asm a = new Asm();
        int t = a.type(p(I32), I32);
        int peek = a.importFunc("env", "peek", t);
        a.func("peek", t, code("local.get", 0, "call", peek));
        a.func("double", t, code("local.get", 0, "i32.const", 2, "i32.mul"));
        a.memory(1, -1).data(0, 16, new byte[] {7});
        FuncType it = FuncType.of(p(I32), p(I32));
        Linker l = new Linker().define("env", "peek", it, (c, s, r, b) -> {
            int v = c.memory().readByte((int) s[b]);
            s[b] = c.instance().func("double").callInt(v); // re-entrant call
        });
        Instance i = l.instantiate(engine.newStore(), engine.compile(a.build()));
        assertEquals(14, i.func("peek").callInt(16));
    }

    @Test
    void valueBasedHostFunction() {
        FuncType t = FuncType.of(p(I64), p(I64, I32));
        Func f = Func.of(t, HostFunction.ofValues(t, v -> new Value[] {Value.i64(v[0].i64() + 1), Value.i32(9)}));
        Value[] out = f.call(Value.i64(41));
        assertEquals(Value.i64(42), out[0]);
        assertEquals(Value.i32(9), out[1]);
    }

    @Test
    void linkErrorsUseSpecWording() {
        Asm a = new Asm();
        int t = a.type(p(I32));
        a.importFunc("env", "foo", t);
        Module m = engine.compile(a.build());
        LinkException unknown = assertThrows(LinkException.class, () -> new Linker().instantiate(engine.newStore(), m));
        assertEquals("unknown import env.foo", unknown.getMessage());
        Linker l = new Linker().define("env", "foo", FuncType.of(p(), p()), (c, s, r, b) -> { });
        LinkException bad = assertThrows(LinkException.class, () -> l.instantiate(engine.newStore(), m));
        assertEquals("incompatible import type for env.foo: expected (func (param i32)), found (func)", bad.getMessage());
        Linker l2 = new Linker().define("env", "foo", Memory.create(1, -1, 16, false, false, Long.MAX_VALUE));
        assertTrue(assertThrows(LinkException.class, () -> l2.instantiate(engine.newStore(), m)).getMessage()
                .startsWith("incompatible import type"));
    }

    @Test
    void registeredInstancesShareMemoryTablesAndGlobals() {
        Asm a = new Asm();
        int t = a.type(p(), I32);
        a.func("get", t, code("global.get", 0));
        a.func("inc", a.type(p()), code("global.get", 0, "i32.const", 1, "i32.add", "global.set", 0));
        a.global(I32, true, code("i32.const", 10)).export("g", ExternKind.GLOBAL, 0);
        a.memory(1, 3).export("mem", ExternKind.MEMORY, 0);
        Store s = engine.newStore();
        Linker l = new Linker();
        Instance first = l.instantiate(s, engine.compile(a.build()));
        l.defineInstance("first", first);

        Asm b = new Asm();
        b.importGlobal("first", "g", new GlobalType(I32, true));
        b.importMemory("first", "mem", 1, 3);
        int tb = b.type(p(), I32);
        b.func("read", tb, code("global.get", 0, "i32.const", 0, "i32.load8_u", 0, 0, "i32.add"));
        Instance second = l.instantiate(s, engine.compile(b.build()));
        first.memory("mem").writeByte(0, 5);
        first.func("inc").call();
        assertEquals(16, second.func("read").callInt());
        Global g = first.global("g");
        g.set(Value.i32(100));
        assertEquals(105, second.func("read").callInt());
        assertEquals(100, first.func("get").callInt());
        assertThrows(IllegalStateException.class, () -> Global.create(new GlobalType(I32, false), Value.i32(1))
                .set(Value.i32(2)));
    }

    @Test
    void callIndirectThroughTables() {
        Asm a = new Asm();
        int t = a.type(p(), I32);
        int tl = a.type(p(I64), I64);
        int tcall = a.type(p(I32), I32);
        int f0 = a.func(null, t, code("i32.const", 100));
        int f1 = a.func(null, t, code("i32.const", 200));
        int f2 = a.func(null, tl, code("local.get", 0));
        a.func("dispatch", tcall, code("local.get", 0, "call_indirect", t, 0));
        a.table(4, ValType.FUNCREF).elem(0, 0, f0, f1, f2).export("tab", ExternKind.TABLE, 0);
        Instance i = new Linker().instantiate(engine.newStore(), engine.compile(a.build()));
        assertEquals(100, i.func("dispatch").callInt(0));
        assertEquals(200, i.func("dispatch").callInt(1));
        assertEquals("indirect call type mismatch", assertThrows(Trap.class, () -> i.func("dispatch").callInt(2)).getMessage());
        assertEquals("uninitialized element 3", assertThrows(Trap.class, () -> i.func("dispatch").callInt(3)).getMessage());
        assertEquals("undefined element", assertThrows(Trap.class, () -> i.func("dispatch").callInt(4)).getMessage());
        Table tab = i.table("tab");
        assertEquals(4, tab.size());
        assertNull(tab.get(3).ref());
        Func host = Func.of(FuncType.of(p(), p(I32)), (c, s, r, b) -> s[b] = 7);
        tab.set(3, Value.funcref(host));
        assertEquals(7, i.func("dispatch").callInt(3));
        assertSame(host, tab.get(3).ref());
        assertEquals(4, tab.grow(2, Value.funcref(null)));
        assertEquals(6, tab.size());
    }

    @Test
    void segmentsApplyInOrderAndPartialEffectsStay() {
        // Imported table and memory: a failing later segment leaves earlier writes in place (spec 4.5.4).
        Table table = Table.create(new TableType(ValType.FUNCREF, Limits.of(2)), Value.funcref(null));
        Memory mem = Memory.create(1, -1, 16, false, false, Long.MAX_VALUE);
        Asm a = new Asm();
        a.importTable("env", "tab", new TableType(ValType.FUNCREF, Limits.of(1)));
        a.importMemory("env", "mem", 1, 10);
        int t = a.type(p());
        int f = a.func(null, t, code());
        a.elem(0, 0, f).data(0, 0, "hello".getBytes()).data(0, 1, "E".getBytes())
                .data(0, 65535, "xy".getBytes());
        Linker l = new Linker().define("env", "tab", table);
        // mem has no max but the import requires max 10
        l.define("env", "mem", mem);
        assertTrue(assertThrows(LinkException.class, () -> l.instantiate(engine.newStore(), engine.compile(a.build())))
                .getMessage().startsWith("incompatible import type for env.mem"));
        Memory mem2 = Memory.create(1, 10, 16, false, false, Long.MAX_VALUE);
        l.define("env", "mem", mem2);
        Trap trap = assertThrows(Trap.class, () -> l.instantiate(engine.newStore(), engine.compile(a.build())));
        assertEquals("out of bounds memory access", trap.getMessage());
        assertNotNull(table.get(0).ref());
        assertEquals("hEllo", mem2.readString(0, 5));
    }

    @Test
    void startFunctionRunsAtInstantiation() {
        Asm a = new Asm();
        int t = a.type(p());
        int st = a.func(null, t, code("i32.const", 0, "i32.const", 99, "i32.store8", 0, 0));
        a.memory(1, -1).export("mem", ExternKind.MEMORY, 0).start(st);
        Instance i = new Linker().instantiate(engine.newStore(), engine.compile(a.build()));
        assertEquals(99, i.memory("mem").readByte(0));
        assertEquals(List.of("mem"), List.copyOf(i.exports().keySet()));
    }
}
