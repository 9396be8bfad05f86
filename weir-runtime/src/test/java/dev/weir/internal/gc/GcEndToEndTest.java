package dev.weir.internal.gc;

import static dev.weir.internal.gc.GcTesting.array;
import static dev.weir.internal.gc.GcTesting.fin;
import static dev.weir.internal.gc.GcTesting.mut;
import static dev.weir.internal.gc.GcTesting.open;
import static dev.weir.internal.gc.GcTesting.struct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Store;
import dev.weir.StoreLimits;
import dev.weir.Trap;
import dev.weir.Value;
import dev.weir.wasm.DataSegment;
import dev.weir.wasm.Export;
import dev.weir.wasm.Expression;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.Global;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.InstructionWriter;
import dev.weir.wasm.Local;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.SubType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GC programs built with {@link InstructionWriter} and run through the interpreter. */
class GcEndToEndTest {
    // Types: 0 $P = sub struct (mut i32) (mut i8); 1 $Q = sub $P (.. + mut i64); 2 (array (mut i32));
    // 3 [] -> [i32]; 4 [i32] -> [i32]; 5 (array (mut i8)); 6 [] -> [anyref]; 7 [anyref] -> [i32]
    private static final int P = 0;
    private static final int Q = 1;
    private static final int A32 = 2;
    private static final int A8 = 5;

    private static InstructionWriter w() {
        return new InstructionWriter();
    }

    private static Expression end(InstructionWriter w) {
        return w.op(Opcode.END).toExpression();
    }

    private static WasmModule module() {
        WasmModule.Builder b = WasmModule.builder();
        b.addType(open(struct(mut(ValType.I32), mut(ValType.I8))));
        b.addType(new SubType(false, List.of(P), struct(mut(ValType.I32), mut(ValType.I8), mut(ValType.I64))));
        b.addType(fin(array(mut(ValType.I32))));
        b.addType(fin(new FuncType(List.of(), List.of(ValType.I32))));
        b.addType(fin(new FuncType(List.of(ValType.I32), List.of(ValType.I32))));
        b.addType(fin(array(mut(ValType.I8))));
        b.addType(fin(new FuncType(List.of(), List.of(ValType.ANYREF))));
        b.addType(fin(new FuncType(List.of(ValType.ANYREF), List.of(ValType.I32))));
        b.addData(new DataSegment(SegmentMode.PASSIVE, 0, null, "abcdef".getBytes()));
        b.dataCount(1);
        // global 0: (ref $P) = struct.new $P (i32.const 7) (i32.const -1)  -- a GC constant expression
        b.addGlobal(new Global(new GlobalType(ValType.ref(false, P), false),
                end(w().op(Opcode.I32_CONST).s32(7).op(Opcode.I32_CONST).s32(-1).op(Opcode.STRUCT_NEW).u32(P))));
        // global 1: (ref $A32) = array.new_fixed $A32 3 (1 2 3)
        b.addGlobal(new Global(new GlobalType(ValType.ref(false, A32), false),
                end(w().op(Opcode.I32_CONST).s32(1).op(Opcode.I32_CONST).s32(2).op(Opcode.I32_CONST).s32(3)
                        .op(Opcode.ARRAY_NEW_FIXED).u32(A32).u32(3))));

        // f0 "struct" [] -> [i32]: local $p (ref null $P) = struct.new $P 41 0x1FF; get 0 + get_s 1  (= 40)
        func(b, "struct", 3, List.of(new Local(1, ValType.ref(true, P))), w()
                .op(Opcode.I32_CONST).s32(41).op(Opcode.I32_CONST).s32(0x1FF).op(Opcode.STRUCT_NEW).u32(P)
                .op(Opcode.LOCAL_SET).u32(0)
                .op(Opcode.LOCAL_GET).u32(0).op(Opcode.STRUCT_GET).u32(P).u32(0)
                .op(Opcode.LOCAL_GET).u32(0).op(Opcode.STRUCT_GET_S).u32(P).u32(1)
                .op(Opcode.I32_ADD));
        // f1 "array" [n] -> [i32]: array.get $A32 (array.new $A32 (i32.const 7) n) (n - 1) + len
        func(b, "array", 4, List.of(new Local(1, ValType.ref(true, A32))), w()
                .op(Opcode.I32_CONST).s32(7).op(Opcode.LOCAL_GET).u32(0).op(Opcode.ARRAY_NEW).u32(A32)
                .op(Opcode.LOCAL_SET).u32(1)
                .op(Opcode.LOCAL_GET).u32(1).op(Opcode.LOCAL_GET).u32(0).op(Opcode.I32_CONST).s32(1)
                .op(Opcode.I32_SUB).op(Opcode.ARRAY_GET).u32(A32)
                .op(Opcode.LOCAL_GET).u32(1).op(Opcode.ARRAY_LEN)
                .op(Opcode.I32_ADD));
        // f2 "cast" [x] -> [i32]: ref.test (ref $P) (if x then struct.new_default $Q else ref.i31 5)
        func(b, "cast", 4, List.of(), w()
                .op(Opcode.LOCAL_GET).u32(0).op(Opcode.IF).blockType(ValType.ANYREF)
                .op(Opcode.STRUCT_NEW_DEFAULT).u32(Q)
                .op(Opcode.ELSE).op(Opcode.I32_CONST).s32(5).op(Opcode.REF_I31)
                .op(Opcode.END)
                .op(Opcode.REF_TEST).heapType(P));
        // f3 "data" [i] -> [i32]: array.get_u $A8 (array.new_data $A8 0 (i32.const 1) (i32.const 3)) i
        func(b, "data", 4, List.of(), w()
                .op(Opcode.I32_CONST).s32(1).op(Opcode.I32_CONST).s32(3).op(Opcode.ARRAY_NEW_DATA).u32(A8).u32(0)
                .op(Opcode.LOCAL_GET).u32(0).op(Opcode.ARRAY_GET_U).u32(A8));
        // f4 "global" [] -> [i32]: struct.get_u $P 1 (global.get 0) + array.get $A32 (global.get 1) 2  (= 258)
        func(b, "global", 3, List.of(), w()
                .op(Opcode.GLOBAL_GET).u32(0).op(Opcode.STRUCT_GET_U).u32(P).u32(1)
                .op(Opcode.GLOBAL_GET).u32(1).op(Opcode.I32_CONST).s32(2).op(Opcode.ARRAY_GET).u32(A32)
                .op(Opcode.I32_ADD));
        // f5 "castfail" [] -> [anyref]: ref.cast (ref $Q) (global.get 0)  -- a $P is not a $Q
        func(b, "castfail", 6, List.of(), w()
                .op(Opcode.GLOBAL_GET).u32(0).op(Opcode.REF_CAST).heapType(Q));
        // f6 "make" [] -> [anyref]: struct.new_default $Q
        func(b, "make", 6, List.of(), w().op(Opcode.STRUCT_NEW_DEFAULT).u32(Q));
        // f7 "huge" [n] -> [i32]: array.len (array.new_default $A8 n)
        func(b, "huge", 4, List.of(), w()
                .op(Opcode.LOCAL_GET).u32(0).op(Opcode.ARRAY_NEW_DEFAULT).u32(A8).op(Opcode.ARRAY_LEN));
        // f8 "isQ" [anyref] -> [i32]: ref.test (ref $Q) x
        func(b, "isQ", 7, List.of(), w().op(Opcode.LOCAL_GET).u32(0).op(Opcode.REF_TEST).heapType(Q));
        return b.build();
    }

    private static void func(WasmModule.Builder b, String name, int type, List<Local> locals, InstructionWriter code) {
        int index = b.build().functionCount();
        b.addFunction(type);
        b.addCode(new FunctionBody(locals, end(code), 0));
        b.addExport(new Export(name, ExternKind.FUNC, index));
    }

    private static Instance instantiate(StoreLimits limits) {
        Engine engine = Engine.create();
        Store store = engine.newStore(limits);
        return new Linker().instantiate(store, engine.compile(module()));
    }

    @Test
    void structsArraysCastsAndGlobalInitializersRun() {
        Instance inst = instantiate(StoreLimits.DEFAULT);
        assertEquals(40, inst.func("struct").callInt());
        assertEquals(7 + 5, inst.func("array").callInt(5));
        assertEquals(1, inst.func("cast").callInt(1), "a $Q is a $P");
        assertEquals(0, inst.func("cast").callInt(0), "an i31 is not");
        assertEquals('b', inst.func("data").callInt(0));
        assertEquals('d', inst.func("data").callInt(2));
        assertEquals(255 + 3, inst.func("global").callInt());
        Value[] made = inst.func("make").call();
        assertEquals(HeapType.STRUCT, made[0].refKind());
    }

    @Test
    void trapsCarryTheSpecWording() {
        Instance inst = instantiate(StoreLimits.DEFAULT);
        Trap t = assertThrows(Trap.class, () -> inst.func("array").callInt(0));
        assertEquals("out of bounds array access", t.getMessage());
        t = assertThrows(Trap.class, () -> inst.func("data").callInt(3));
        assertEquals("out of bounds array access", t.getMessage());
        t = assertThrows(Trap.class, () -> inst.func("castfail").call());
        assertEquals("cast failure", t.getMessage());
        t = assertThrows(Trap.class, () -> inst.func("huge").callInt(-1));
        assertTrue(t.getMessage().startsWith("allocation too large"), t.getMessage());
    }

    @Test
    void storeMemoryLimitBoundsArrays() {
        Instance inst = instantiate(StoreLimits.builder().maxMemoryBytes(1 << 16).build());
        assertEquals(1 << 16, inst.func("huge").callInt(1 << 16));
        Trap t = assertThrows(Trap.class, () -> inst.func("huge").callInt((1 << 16) + 1));
        assertTrue(t.getMessage().startsWith("allocation too large"), t.getMessage());
    }

    @Test
    void objectsAreSharedBetweenInstancesOfEquivalentModules() {
        Instance a = instantiate(StoreLimits.DEFAULT);
        Object q = a.func("make").call()[0].ref();
        assertInstanceOf(StructObject.class, q);
        Instance b = instantiate(StoreLimits.DEFAULT);
        Value[] r = b.func("isQ").call(Value.ref(ValType.ANYREF, q));
        assertEquals(1, r[0].i32(), "module b's $Q accepts module a's object");
        r = b.func("isQ").call(Value.ref(ValType.ANYREF, I31.of(1)));
        assertEquals(0, r[0].i32());
        r = b.func("isQ").call(Value.ref(ValType.ANYREF, "host object"));
        assertEquals(0, r[0].i32());
    }
}
