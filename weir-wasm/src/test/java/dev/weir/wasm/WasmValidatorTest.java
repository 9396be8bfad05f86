package dev.weir.wasm;

import static dev.weir.wasm.CodeAsm.code;
import static dev.weir.wasm.ValidatorTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.internal.validate.OpInfoAccess;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Numeric, control, variable and call instructions. */
class WasmValidatorTest {

    @Test
    void everyOpcodeHasAValidationRule() {
        assertEquals(List.of(), OpInfoAccess.missingMnemonics());
        assertEquals(List.of(), OpInfoAccess.unhandledOpcodes());
    }

    @Test
    void numericInstructions() {
        valid(module(results(I32), code().i32(1).i32(2).op("i32.add")));
        valid(module(results(I64), code().i64(1).i64(2).op("i64.mul_wide_s").op("i64.add")));
        valid(module(results(I32), code().f64().op("i32.trunc_sat_f64_s")));
        valid(module(results(I64), code().i64(1).i64(2).i64(3).i64(4).op("i64.add128").op("drop")));
        valid(module(results(I32), code().i32(7).op("i32.extend8_s")));
        invalid(module(results(I32), code().i32(1).i64(2).op("i32.add")), "type mismatch");
        invalid(module(results(I32), code().i64(1)), "type mismatch: instruction requires [i32] but stack has [i64]");
        invalid(module(results(I32), code()), "type mismatch: instruction requires [i32] but stack has []");
        invalid(module(ft(), code().i32(1)), "type mismatch");
        invalid(module(results(I32), code().i32(1).i32(1)), "type mismatch");
    }

    @Test
    void errorsNameFunctionAndOffset() {
        CodeAsm c = code().i32(1).i64(2).op("i32.add");
        InvalidModuleException e = invalid(module(b -> b.addImport(new Import("m", "f", new ExternType.Func(0)))
                        .addType(SubType.of(ft())), results(I32), c), "type mismatch");
        assertEquals(1, e.functionIndex());
        assertEquals(4, e.offset()); // i32.const 1 (2 bytes), i64.const 2 (2 bytes), then i32.add
    }

    @Test
    void blocksLoopsIfs() {
        valid(module(results(I32), code().block("block", 0x7F).i32(1).end()));
        valid(module(results(I32), code().block("loop", 0x7F).i32(1).end()));
        valid(module(results(I32), code().i32(1).block("if", 0x7F).i32(1).op("else").i32(2).end()));
        valid(module(ft(), code().i32(1).block("if").end()));
        invalid(module(results(I32), code().i32(1).block("if", 0x7F).i32(1).end()), "type mismatch");
        invalid(module(results(I32), code().block("block", 0x7F).end()), "type mismatch");
        invalid(module(ft(), code().block("block").i32(1).end()), "type mismatch: block requires [] but stack has [i32]");
        // multi-value block with a type index: (param i32) (result i32 i32)
        valid(module(b -> b.addType(SubType.of(ft(List.of(I32), List.of(I32, I32)))), results(I32),
                code().i32(5).blockIdx("block", 0).op("local.get", 0).end().op("i32.add"), I32));
        invalid(module(results(I32), code().blockIdx("block", 9).end()), "unknown type");
    }

    @Test
    void branches() {
        valid(module(results(I32), code().block("block", 0x7F).i32(1).op("br", 0).end()));
        valid(module(results(I32), code().block("block", 0x7F).i32(1).i32(0).op("br_if", 0).end()));
        valid(module(ft(), code().block("block").block("block").i32(0).op("br_table").u(1).u(0).u(1).end().end()));
        invalid(module(ft(), code().op("br", 1)), "unknown label");
        invalid(module(results(I32), code().block("block", 0x7F).op("br", 0).end()), "type mismatch");
        // br_table with inconsistent arities
        invalid(module(results(I32), code().block("block", 0x7F).block("block").i32(1).i32(0)
                .op("br_table").u(1).u(0).u(1).end().i32(0).end()), "type mismatch");
        valid(module(results(I32), code().i32(0).op("return").op("i32.add")));
        invalid(module(results(I32), code().op("return")), "type mismatch");
    }

    @Test
    void unreachableIsPolymorphic() {
        valid(module(results(I32), code().op("unreachable").op("i32.add")));
        valid(module(results(I64), code().op("unreachable").op("select")
                .op("drop").i64(0)));
        valid(module(results(I32), code().op("unreachable").op("ref.as_non_null").op("ref.is_null")));
        invalid(module(results(I32), code().op("unreachable").i64(0).op("i32.add")), "type mismatch");
        // After a block ends, its unreachable state is gone.
        invalid(module(results(I32), code().block("block").op("unreachable").end().op("i32.eqz")), "type mismatch");
    }

    @Test
    void selectRules() {
        valid(module(results(I32), code().i32(1).i32(2).i32(0).op("select")));
        invalid(module(results(I32), code().i32(1).i64(2).i32(0).op("select")), "type mismatch");
        invalid(module(ft(), code().op("ref.null").b(0x70).op("ref.null").b(0x70).i32(0).op("select").op("drop")),
                "type mismatch");
        valid(module(ft(), code().op("ref.null").b(0x70).op("ref.null").b(0x70).i32(0).op(Opcode.SELECT_T).u(1).b(0x70)
                .op("drop")));
        invalid(module(ft(), code().i32(1).i32(1).i32(0).op(Opcode.SELECT_T).u(2).b(0x7F, 0x7F).op("drop")),
                "invalid result arity");
    }

    @Test
    void localsAndInitialization() {
        valid(module(params(I32), code().op("local.get", 0).op("local.set", 1), I32));
        invalid(module(ft(), code().op("local.get", 3).op("drop"), I32), "unknown local 3");
        invalid(module(ft(), code().i64(0).op("local.set", 0), I32), "type mismatch");
        ValType nonNull = ValType.ref(false, HeapType.FUNC);
        // A non-defaultable local must be set before use.
        invalid(module(ft(), code().op("local.get", 0).op("drop"), nonNull), "uninitialized local");
        valid(withDeclaredFunc(code().op("ref.func", 0).op("local.set", 0).op("local.get", 0).op("drop"), nonNull));
        // Initialization inside a block does not survive the block's end.
        invalid(withDeclaredFunc(code().block("block").op("ref.func", 0).op("local.set", 0).end()
                .op("local.get", 0).op("drop"), nonNull), "uninitialized local");
        // ...but local.tee in the same block is fine.
        valid(withDeclaredFunc(code().block("block").op("ref.func", 0).op("local.tee", 0).op("drop")
                .op("local.get", 0).op("drop").end(), nonNull));
    }

    /** One function of type [] -> [] with the given locals, declared as a ref.func target via an export. */
    static WasmModule withDeclaredFunc(CodeAsm c, ValType... locals) {
        WasmModule m = module(ft(), c, locals);
        WasmModule.Builder b = WasmModule.builder();
        for (RecGroup g : m.recGroups()) {
            b.addRecGroup(g);
        }
        b.addFunction(0).addCode(m.code().get(0)).addExport(new Export("f", ExternKind.FUNC, 0));
        return b.build();
    }

    @Test
    void globals() {
        GlobalType mutI32 = new GlobalType(I32, true);
        GlobalType immI32 = new GlobalType(I32, false);
        valid(module(b -> b.addGlobal(new Global(mutI32, code().i32(0).body())), ft(),
                code().op("global.get", 0).op("global.set", 0)));
        invalid(module(b -> b.addGlobal(new Global(immI32, code().i32(0).body())), ft(),
                code().i32(1).op("global.set", 0)), "immutable global");
        invalid(module(ft(), code().op("global.get", 0).op("drop")), "unknown global 0");
        invalid(module(b -> b.addImport(new Import("m", "g", immI32)), ft(), code().i32(1).op("global.set", 0)),
                "immutable global");
    }

    @Test
    void calls() {
        valid(module(params(I32), code().i32(1).op("call", 0)));
        invalid(module(params(I32), code().op("call", 0)), "type mismatch");
        invalid(module(ft(), code().op("call", 7)), "unknown function 7");
        Consumer table = b -> b.addTable(new Table(new TableType(ValType.FUNCREF, Limits.of(1)), null));
        valid(module(table, params(I32), code().i32(1).i32(0).op("call_indirect", 0, 0)));
        invalid(module(table, params(I32), code().i32(1).i32(0).op("call_indirect", 0, 1)), "unknown table 1");
        invalid(module(table, params(I32), code().i32(1).i32(0).op("call_indirect", 5, 0)), "unknown type");
        invalid(module(params(I32), code().i32(1).i32(0).op("call_indirect", 0, 0)), "unknown table");
        Consumer extTable = b -> b.addTable(new Table(new TableType(ValType.EXTERNREF, Limits.of(1)), null));
        invalid(module(extTable, ft(), code().i32(0).op("call_indirect", 0, 0)), "type mismatch");
    }

    @Test
    void tailCalls() {
        valid(module(results(I32), code().op("return_call", 0)));
        // Callee [] -> [i64] from a caller returning i32.
        invalid(module(b -> b.addImport(new Import("m", "f", new ExternType.Func(0))).addType(SubType.of(results(I64))),
                results(I32), code().op("return_call", 0)), "type mismatch");
        valid(module(b -> b.addImport(new Import("m", "f", new ExternType.Func(0))).addType(SubType.of(results(I32))),
                results(I32), code().op("return_call", 0).op("i64.eqz")));
    }

    @Test
    void typedFunctionReferences() {
        // type 0: [i32] -> [i32] (the function itself), call_ref through a non-null ref.
        WasmModule.Builder b = WasmModule.builder();
        b.addType(SubType.of(ft(List.of(I32), List.of(I32))));
        b.addFunction(0);
        b.addCode(new FunctionBody(List.of(), code().op("local.get", 0).op("ref.func", 0).op("call_ref", 0).body(), 0));
        b.addElement(new ElementSegment(SegmentMode.DECLARATIVE, 0, null, ValType.FUNCREF, new int[] {0}, null));
        valid(b.build());
        // ref.func without a declaration
        invalid(module(ft(), code().op("ref.func", 0).op("drop")), "undeclared function reference");
        invalid(module(ft(), code().op("ref.func", 9).op("drop")), "unknown function 9");
        // br_on_null / br_on_non_null
        valid(module(ft(), code().block("block").op("ref.null").b(0x70).op("br_on_null", 0).op("drop").end()));
        valid(module(results(ValType.FUNCREF), code().block("block", 0x70).op("ref.null").b(0x70)
                .op("br_on_non_null", 0).op("ref.null").b(0x70).end()));
        invalid(module(ft(), code().block("block").op("ref.null").b(0x70).op("br_on_non_null", 0).end()),
                "type mismatch");
        valid(module(results(ValType.ref(false, HeapType.FUNC)), code().op("ref.null").b(0x70).op("ref.as_non_null")));
        invalid(module(results(ValType.ref(false, HeapType.FUNC)), code().op("ref.null").b(0x70)), "type mismatch");
        invalid(module(ft(), code().i32(0).op("ref.is_null").op("drop")), "type mismatch");
    }

    @Test
    void constantExpressions() {
        GlobalType immI32 = new GlobalType(I32, false);
        Consumer ok = b -> b.addGlobal(new Global(immI32, code().i32(1).i32(2).op("i32.mul").body()));
        valid(module(ok, ft(), code()));
        Consumer bad = b -> b.addGlobal(new Global(immI32, code().i32(1).i32(2).op("i32.div_s").body()));
        invalid(module(bad, ft(), code()), "constant expression required");
        // global.get of an earlier immutable global is allowed; of a later one or a mutable one not.
        Consumer chain = b -> b.addGlobal(new Global(immI32, code().i32(1).body()))
                .addGlobal(new Global(immI32, code().op("global.get", 0).body()));
        valid(module(chain, ft(), code()));
        Consumer fwd = b -> b.addGlobal(new Global(immI32, code().op("global.get", 1).body()))
                .addGlobal(new Global(immI32, code().i32(1).body()));
        invalid(module(fwd, ft(), code()), "unknown global 1");
        Consumer mut = b -> b.addImport(new Import("m", "g", new GlobalType(I32, true)))
                .addGlobal(new Global(immI32, code().op("global.get", 0).body()));
        invalid(module(mut, ft(), code()), "constant expression required");
        Consumer wrongType = b -> b.addGlobal(new Global(immI32, code().i64(1).body()));
        invalid(module(wrongType, ft(), code()), "type mismatch");
        // GC constants
        Consumer gc = b -> b.addGlobal(new Global(new GlobalType(ValType.ref(false, HeapType.I31), false),
                code().i32(5).op("ref.i31").body()));
        valid(module(gc, ft(), code()));
    }

    @Test
    void moduleLevelRules() {
        // duplicate export names
        WasmModule.Builder b = WasmModule.builder().addType(SubType.of(ft())).addFunction(0)
                .addCode(new FunctionBody(List.of(), code().body(), 0))
                .addExport(new Export("a", ExternKind.FUNC, 0)).addExport(new Export("a", ExternKind.FUNC, 0));
        invalid(b.build(), "duplicate export name");
        invalid(WasmModule.builder().addExport(new Export("a", ExternKind.GLOBAL, 0)).build(), "unknown global 0");
        invalid(WasmModule.builder().addExport(new Export("a", ExternKind.MEMORY, 0)).build(), "unknown memory 0");
        // start function
        WasmModule.Builder s = WasmModule.builder().addType(SubType.of(params(I32))).addFunction(0)
                .addCode(new FunctionBody(List.of(), code().body(), 0)).start(0);
        invalid(s.build(), "start function");
        invalid(WasmModule.builder().start(3).build(), "unknown function 3");
        // limits
        invalid(WasmModule.builder().addMemory(new MemoryType(Limits.of(2, 1))).build(),
                "size minimum must not be greater than maximum");
        invalid(WasmModule.builder().addMemory(new MemoryType(Limits.of(65537))).build(),
                "memory size must be at most 65536 pages (4GiB)");
        valid(WasmModule.builder().addMemory(new MemoryType(Limits.of(0, 65536))).build());
        invalid(WasmModule.builder().addMemory(new MemoryType(new Limits(0, true, (1L << 48) + 1, false, true, 16))).build(),
                "memory size");
        valid(WasmModule.builder().addMemory(new MemoryType(new Limits(0, true, 1L << 48, false, true, 16))).build());
        invalid(WasmModule.builder().addMemory(new MemoryType(new Limits(1, false, 0, true, false, 16))).build(),
                "shared memory must have maximum");
        invalid(WasmModule.builder().addMemory(new MemoryType(new Limits(1, false, 0, false, false, 2))).build(),
                "invalid custom page size");
        valid(WasmModule.builder().addMemory(new MemoryType(new Limits(0xFFFF_FFFFL, false, 0, false, false, 0))).build());
        invalid(WasmModule.builder().addMemory(new MemoryType(new Limits(1L << 32, false, 0, false, false, 0))).build(),
                "memory size must be at most");
        // multiple memories are fine
        valid(WasmModule.builder().addMemory(new MemoryType(Limits.of(1))).addMemory(new MemoryType(Limits.of(1))).build());
        invalid(WasmModule.builder().addTable(new Table(new TableType(ValType.FUNCREF, Limits.of(1L << 32)), null)).build(),
                "table size");
        invalid(WasmModule.builder().addTable(new Table(new TableType(ValType.ref(false, HeapType.FUNC), Limits.of(1)), null))
                .build(), "type mismatch");
        // tags
        invalid(WasmModule.builder().addType(SubType.of(results(I32))).addTag(new TagType(0)).build(),
                "non-empty tag result type");
        invalid(WasmModule.builder().addTag(new TagType(0)).build(), "unknown type");
        invalid(WasmModule.builder().addFunction(0).addCode(new FunctionBody(List.of(), code().body(), 0)).build(),
                "unknown type");
    }

    @Test
    void segments() {
        Consumer setup = b -> b.addTable(new Table(new TableType(ValType.FUNCREF, Limits.of(1)), null));
        WasmModule.Builder b = WasmModule.builder();
        setup.accept(b);
        b.addElement(new ElementSegment(SegmentMode.ACTIVE, 0, code().i32(0).body(), ValType.FUNCREF, new int[] {3}, null));
        invalid(b.build(), "unknown function 3");
        WasmModule.Builder b2 = WasmModule.builder();
        b2.addElement(new ElementSegment(SegmentMode.ACTIVE, 0, code().i32(0).body(), ValType.FUNCREF, new int[0], null));
        invalid(b2.build(), "unknown table 0");
        WasmModule.Builder b3 = WasmModule.builder();
        setup.accept(b3);
        b3.addElement(new ElementSegment(SegmentMode.ACTIVE, 0, code().i64(0).body(), ValType.FUNCREF, new int[0], null));
        invalid(b3.build(), "type mismatch");
        WasmModule.Builder b4 = WasmModule.builder();
        setup.accept(b4);
        b4.addElement(new ElementSegment(SegmentMode.ACTIVE, 0, code().i32(0).body(), ValType.EXTERNREF, null,
                List.of(code().op("ref.null").b(0x6F).body())));
        invalid(b4.build(), "type mismatch");
        invalid(WasmModule.builder().addData(new DataSegment(SegmentMode.ACTIVE, 0, code().i32(0).body(), new byte[1])).build(),
                "unknown memory 0");
        invalid(WasmModule.builder().addMemory(new MemoryType(Limits.of(1)))
                .addData(new DataSegment(SegmentMode.ACTIVE, 0, code().op("global.get", 0).body(), new byte[1])).build(),
                "unknown global 0");
    }

    @Test
    void malformedCodeIsATypedError() {
        // Code that ends early / continues past the final end.
        WasmModule m = WasmModule.builder().addType(SubType.of(ft())).addFunction(0)
                .addCode(new FunctionBody(List.of(), code().block("block").end().expr(), 0)).build();
        assertThrows(WasmException.class, () -> WasmValidator.validate(m));
        WasmModule m2 = WasmModule.builder().addType(SubType.of(ft())).addFunction(0)
                .addCode(new FunctionBody(List.of(), code().end().op("nop").end().expr(), 0)).build();
        assertThrows(WasmException.class, () -> WasmValidator.validate(m2));
        WasmModule m3 = WasmModule.builder().addType(SubType.of(ft())).addFunction(0)
                .addCode(new FunctionBody(List.of(), code().op("else").end().expr(), 0)).build();
        assertThrows(WasmException.class, () -> WasmValidator.validate(m3));
        WasmModule m4 = WasmModule.builder().addType(SubType.of(ft())).addFunction(0)
                .addCode(new FunctionBody(List.of(new Local(-1, I32)), code().body(), 0)).build();
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> WasmValidator.validate(m4));
        assertTrue(e.reason().contains("too many locals"));
    }

    /** Raw-typed alias keeps the lambdas above short. */
    interface Consumer extends java.util.function.Consumer<WasmModule.Builder> {
    }
}
