package dev.weir.wasm;

import static dev.weir.wasm.CodeAsm.code;
import static dev.weir.wasm.ValidatorTestSupport.*;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Memory, tables, bulk memory, SIMD, atomics, GC and exception instructions. */
class ValidatorFamiliesTest {

    @Test
    void memoryAccess() {
        valid(module(memory(), results(I32), code().i32(0).mem("i32.load", 2)));
        valid(module(memory(), ft(), code().i32(0).i64(1).mem("i64.store32", 2)));
        invalid(module(memory(), results(I32), code().i32(0).mem("i32.load", 3)), "alignment must not be larger than natural");
        invalid(module(memory(), results(I32), code().i32(0).mem("i32.load8_u", 1)), "alignment must not be larger than natural");
        invalid(module(results(I32), code().i32(0).mem("i32.load", 2)), "unknown memory 0");
        invalid(module(memory(), results(I32), code().i32(0).mem("i32.load", 2, 0, 1)), "unknown memory 1");
        invalid(module(memory(), results(I32), code().i32(0).mem("i32.load", 2, 1L << 32, 0)), "offset out of range");
        invalid(module(memory(), results(I32), code().i64(0).mem("i32.load", 2)), "type mismatch");
        // memory64: i64 addresses, 64-bit offsets
        valid(module(memory64(), results(I32), code().i64(0).mem("i32.load", 2, 1L << 40, 0)));
        invalid(module(memory64(), results(I32), code().i32(0).mem("i32.load", 2)), "type mismatch");
        valid(module(memory64(), results(I64), code().i64(1).op("memory.grow", 0)));
        valid(module(memory(), results(I32), code().op("memory.size", 0)));
        invalid(module(ft(), code().op("memory.size", 0).op("drop")), "unknown memory 0");
        // multi-memory copy between an i32 and an i64 memory takes an i32 length
        Consumer<WasmModule.Builder> two = b -> b.addMemory(new MemoryType(Limits.of(1)))
                .addMemory(new MemoryType(new Limits(1, false, 0, false, true, 16)));
        valid(module(two, ft(), code().i64(0).i32(0).i32(0).op("memory.copy", 1, 0)));
        invalid(module(two, ft(), code().i64(0).i32(0).i64(0).op("memory.copy", 1, 0)), "type mismatch");
    }

    @Test
    void bulkMemoryAndDataCount() {
        Consumer<WasmModule.Builder> withData = b -> b.addMemory(new MemoryType(Limits.of(1))).dataCount(1)
                .addData(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[4]));
        valid(module(withData, ft(), code().i32(0).i32(0).i32(4).op("memory.init", 0, 0).op("data.drop", 0)));
        invalid(module(withData, ft(), code().op("data.drop", 1)), "unknown data segment 1");
        valid(module(memory(), ft(), code().i32(0).i32(0).i32(1).op("memory.fill", 0)));
        // A module decoded from a binary without the data count section: memory.init is malformed.
        Consumer<WasmModule.Builder> binaryNoCount = b -> b.addMemory(new MemoryType(Limits.of(1)))
                .addData(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[4]))
                .addSection(new SectionInfo(10, "code", 0, 0));
        WasmModule m = module(binaryNoCount, ft(), code().op("data.drop", 0));
        org.junit.jupiter.api.Assertions.assertThrows(MalformedModuleException.class, () -> WasmValidator.validate(m));
    }

    @Test
    void tables() {
        Consumer<WasmModule.Builder> t = b -> b.addTable(new Table(new TableType(ValType.FUNCREF, Limits.of(1)), null))
                .addTable(new Table(new TableType(ValType.EXTERNREF, new Limits(1, false, 0, false, true, 0)), null))
                .addElement(new ElementSegment(SegmentMode.PASSIVE, 0, null, ValType.FUNCREF, new int[0], null));
        valid(module(t, results(ValType.FUNCREF), code().i32(0).op("table.get", 0)));
        valid(module(t, results(ValType.EXTERNREF), code().i64(0).op("table.get", 1)));
        invalid(module(t, results(ValType.EXTERNREF), code().i32(0).op("table.get", 1)), "type mismatch");
        valid(module(t, results(I64), code().op("ref.null").b(0x6F).i64(1).op("table.grow", 1)));
        valid(module(t, ft(), code().i32(0).i32(0).i32(0).op("table.init", 0, 0).op("elem.drop", 0)));
        invalid(module(t, ft(), code().i64(0).i32(0).i32(0).op("table.init", 0, 1)), "type mismatch");
        invalid(module(t, ft(), code().op("elem.drop", 4)), "unknown elem segment 4");
        invalid(module(t, ft(), code().i32(0).i32(0).i32(0).op("table.copy", 0, 1)), "type mismatch");
        invalid(module(t, results(I32), code().op("table.size", 2)), "unknown table 2");
        valid(module(t, ft(), code().i32(0).op("ref.null").b(0x70).i32(1).op("table.fill", 0)));
    }

    @Test
    void simd() {
        valid(module(results(V128), code().v128().v128().op("i32x4.add")));
        valid(module(results(I32), code().v128().op("i8x16.extract_lane_s").b(15)));
        invalid(module(results(I32), code().v128().op("i8x16.extract_lane_s").b(16)), "invalid lane index");
        invalid(module(results(I64), code().v128().op("i64x2.extract_lane").b(2)), "invalid lane index");
        valid(module(results(V128), code().v128().f64().op("f64x2.replace_lane").b(1)));
        CodeAsm shuffle = code().v128().v128().op("i8x16.shuffle");
        for (int i = 0; i < 16; i++) {
            shuffle.b(31 - i);
        }
        valid(module(results(V128), shuffle));
        CodeAsm badShuffle = code().v128().v128().op("i8x16.shuffle");
        for (int i = 0; i < 16; i++) {
            badShuffle.b(i == 7 ? 32 : 0);
        }
        invalid(module(results(V128), badShuffle), "invalid lane index");
        valid(module(memory(), results(V128), code().i32(0).v128().mem("v128.load16_lane", 1).b(7)));
        invalid(module(memory(), results(V128), code().i32(0).v128().mem("v128.load16_lane", 1).b(8)), "invalid lane index");
        invalid(module(memory(), results(V128), code().i32(0).v128().mem("v128.load16_lane", 2).b(0)),
                "alignment must not be larger than natural");
        valid(module(memory(), results(V128), code().i32(0).mem("v128.load", 4)));
        valid(module(results(V128), code().v128().v128().v128().op("f32x4.relaxed_madd")));
        invalid(module(results(V128), code().v128().i32(0).op("i8x16.swizzle")), "type mismatch");
    }

    @Test
    void atomics() {
        Consumer<WasmModule.Builder> shared = b -> b.addMemory(new MemoryType(new Limits(1, true, 1, true, false, 16)));
        valid(module(shared, results(I32), code().i32(0).i32(1).mem("i32.atomic.rmw.add", 2)));
        valid(module(shared, results(I64), code().i32(0).i64(1).i64(2).mem("i64.atomic.rmw32.cmpxchg_u", 2)));
        valid(module(shared, results(I32), code().i32(0).i32(0).i64(-1).mem("memory.atomic.wait32", 2)));
        invalid(module(shared, results(I32), code().i32(0).mem("i32.atomic.load", 1)), "atomic alignment");
        invalid(module(shared, results(I32), code().i32(0).mem("i32.atomic.load", 3)), "alignment must not be larger than natural");
        invalid(module(results(I32), code().i32(0).mem("i32.atomic.load", 2)), "unknown memory");
        valid(module(ft(), code().op("atomic.fence").b(0)));
    }

    // ---- GC ----

    private static FieldType mut(ValType t) {
        return new FieldType(t, true);
    }

    private static FieldType imm(ValType t) {
        return new FieldType(t, false);
    }

    /** type 0: struct {mut i32, i8}; type 1: array (mut i16); type 2: array anyref (immutable). */
    private static final Consumer<WasmModule.Builder> GC_TYPES = b -> b
            .addType(SubType.of(new StructType(List.of(mut(I32), imm(ValType.I8)))))
            .addType(SubType.of(new ArrayType(mut(ValType.I16))))
            .addType(SubType.of(new ArrayType(imm(ValType.ANYREF))));

    private static ValType ref(int t) {
        return ValType.ref(false, t);
    }

    @Test
    void structs() {
        valid(module(GC_TYPES, results(ref(0)), code().i32(1).i32(2).op("struct.new", 0)));
        valid(module(GC_TYPES, results(ref(0)), code().op("struct.new_default", 0)));
        invalid(module(GC_TYPES, results(ref(0)), code().i32(1).op("struct.new", 0)), "type mismatch");
        valid(module(GC_TYPES, results(I32), code().op("struct.new_default", 0).op("struct.get", 0, 0)));
        valid(module(GC_TYPES, results(I32), code().op("struct.new_default", 0).op("struct.get_s", 0, 1)));
        invalid(module(GC_TYPES, results(I32), code().op("struct.new_default", 0).op("struct.get", 0, 1)), "type mismatch");
        invalid(module(GC_TYPES, results(I32), code().op("struct.new_default", 0).op("struct.get_u", 0, 0)), "type mismatch");
        invalid(module(GC_TYPES, ft(), code().op("struct.new_default", 0).i32(1).op("struct.set", 0, 1)), "immutable field");
        valid(module(GC_TYPES, ft(), code().op("struct.new_default", 0).i32(1).op("struct.set", 0, 0)));
        invalid(module(GC_TYPES, results(ref(1)), code().op("struct.new_default", 1)), "type mismatch");
        invalid(module(GC_TYPES, results(ref(1)), code().op("struct.new_default", 7)), "unknown type");
        invalid(module(GC_TYPES, results(I32), code().op("struct.new_default", 0).op("struct.get", 0, 5)), "unknown field");
    }

    @Test
    void arrays() {
        valid(module(GC_TYPES, results(ref(1)), code().i32(0).i32(4).op("array.new", 1)));
        valid(module(GC_TYPES, results(ref(1)), code().i32(4).op("array.new_default", 1)));
        valid(module(GC_TYPES, results(ref(1)), code().i32(1).i32(2).i32(3).op("array.new_fixed", 1, 3)));
        invalid(module(GC_TYPES, results(ref(1)), code().i32(1).op("array.new_fixed", 1, 3)), "type mismatch");
        valid(module(GC_TYPES, results(ref(1)), code().op("unreachable").op("array.new_fixed", 1, 0xFFFF_FFFFL)));
        valid(module(GC_TYPES, results(I32), code().i32(4).op("array.new_default", 1).i32(0).op("array.get_u", 1)));
        invalid(module(GC_TYPES, results(I32), code().i32(4).op("array.new_default", 1).i32(0).op("array.get", 1)),
                "type mismatch");
        valid(module(GC_TYPES, results(I32), code().i32(4).op("array.new_default", 1).op("array.len")));
        invalid(module(GC_TYPES, ft(), code().op("ref.null").s(2).i32(0).op("ref.null").b(0x71).op("array.set", 2)),
                "immutable array");
        invalid(module(GC_TYPES, ft(), code().op("ref.null").s(2).i32(0).op("ref.null").s(1).i32(0).i32(0)
                .op("array.copy", 2, 1)), "immutable array");
        Consumer<WasmModule.Builder> two = GC_TYPES.andThen(b -> b.addType(SubType.of(new ArrayType(mut(ValType.I8)))));
        invalid(module(two, ft(), code().op("ref.null").s(1).i32(0).op("ref.null").s(3).i32(0).i32(0)
                .op("array.copy", 1, 3)), "array types do not match");
        Consumer<WasmModule.Builder> data = GC_TYPES.andThen(b -> b.dataCount(1)
                .addData(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[8])));
        valid(module(data, results(ref(1)), code().i32(0).i32(2).op("array.new_data", 1, 0)));
        invalid(module(data, results(ref(2)), code().i32(0).i32(2).op("array.new_data", 2, 0)),
                "array type is not numeric or vector");
    }

    @Test
    void i31AndConversionsAndCasts() {
        valid(module(results(I32), code().i32(1).op("ref.i31").op("i31.get_s")));
        valid(module(results(ValType.ref(false, HeapType.EXTERN)), code().i32(1).op("ref.i31").op("extern.convert_any")));
        valid(module(results(ValType.ANYREF), code().op("ref.null").b(0x6F).op("any.convert_extern")));
        invalid(module(results(ValType.ref(false, HeapType.ANY)), code().op("ref.null").b(0x6F).op("any.convert_extern")),
                "type mismatch");
        valid(module(GC_TYPES, results(I32), code().op("ref.null").b(0x6E).op("ref.test", 0).u(0)));
        valid(module(GC_TYPES, results(ref(0)), code().op("ref.null").b(0x6E).op("ref.cast").s(0)));
        valid(module(GC_TYPES, results(ValType.ref(true, 0)), code().op("ref.null").b(0x6E).op(Opcode.REF_CAST_NULL).s(0)));
        invalid(module(GC_TYPES, results(ref(0)), code().op("ref.null").b(0x70).op("ref.cast").s(0)), "type mismatch");
        valid(module(results(I32), code().i32(1).op("ref.i31").i32(2).op("ref.i31").op("ref.eq")));
        invalid(module(results(I32), code().op("ref.null").b(0x70).op("ref.null").b(0x70).op("ref.eq")), "type mismatch");
    }

    @Test
    void brOnCast() {
        // (block (result (ref 0)) (br_on_cast 0 anyref (ref 0) (local.get 0)) drop (struct.new_default 0))
        Consumer<WasmModule.Builder> setup = GC_TYPES;
        CodeAsm ok = code().op("block").b(0x64).s(0)
                .op("ref.null").b(0x6E).op("br_on_cast").b(0x01).u(0).b(0x6E).s(0).op("drop")
                .op("struct.new_default", 0).end();
        valid(module(setup, results(ref(0)), ok));
        // br_on_cast_fail: the label gets the source type minus the target.
        CodeAsm fail = code().op("block").b(0x63).b(0x6E)
                .op("ref.null").b(0x6E).op("br_on_cast_fail").b(0x01).u(0).b(0x6E).s(0).op("drop")
                .op("ref.null").b(0x6E).end();
        valid(module(setup, results(ValType.ANYREF), fail));
        // target not a subtype of the source
        CodeAsm bad = code().op("block").b(0x64).s(0)
                .op("ref.null").b(0x70).op("br_on_cast").b(0x01).u(0).b(0x70).s(0).op("drop")
                .op("struct.new_default", 0).end();
        invalid(module(setup, results(ref(0)), bad), "type mismatch");
        // label type too narrow
        CodeAsm narrow = code().op("block").b(0x64).s(0)
                .op("ref.null").b(0x6E).op("br_on_cast").b(0x03).u(0).b(0x6E).s(0).op("drop")
                .op("struct.new_default", 0).end();
        invalid(module(setup, results(ref(0)), narrow), "type mismatch");
    }

    // ---- exceptions ----

    /** type 0: [i32] -> [] used by tag 0. */
    private static final Consumer<WasmModule.Builder> TAG = b -> b.addType(SubType.of(params(I32))).addTag(new TagType(0));

    @Test
    void throwAndTryTable() {
        valid(module(TAG, ft(), code().i32(1).op("throw", 0)));
        invalid(module(TAG, ft(), code().op("throw", 0)), "type mismatch: instruction requires [i32] but stack has []");
        invalid(module(TAG, ft(), code().i64(5).op("throw", 0)), "type mismatch: instruction requires [i32] but stack has [i64]");
        invalid(module(ft(), code().op("throw", 0)), "unknown tag 0");
        // (block (result i32) (try_table (catch 0 0) ...)) -> i32
        valid(module(TAG, results(I32), code().block("block", 0x7F).op("try_table").b(0x40).u(1).b(0).u(0).u(0)
                .end().i32(0).end()));
        // catch_ref needs [i32 exnref] at the label
        invalid(module(TAG, results(I32), code().block("block", 0x7F).op("try_table").b(0x40).u(1).b(1).u(0).u(0)
                .end().i32(0).end()), "type mismatch");
        valid(module(TAG, ft(), code().block("block", 0x69).op("try_table").b(0x40).u(1).b(3).u(0)
                .end().op("ref.null").b(0x69).end().op("throw_ref")));
        invalid(module(TAG, ft(), code().op("try_table").b(0x40).u(1).b(2).u(3).end()), "unknown label");
        invalid(module(ft(), code().i32(0).op("throw_ref")), "type mismatch");
    }

    @Test
    void legacyExceptions() {
        valid(module(TAG, results(I32), code().block("try", 0x7F).i32(1).op("catch", 0).op("catch_all").i32(2).end()));
        invalid(module(TAG, ft(), code().block("try").op("catch_all").i32(42).end()),
                "type mismatch: block requires [] but stack has [i32]");
        invalid(module(TAG, results(I32), code().block("try", 0x7F).end()),
                "type mismatch: instruction requires [i32] but stack has []");
        valid(module(TAG, ft(), code().block("try").op("catch", 0).op("drop").op("rethrow", 0).end()));
        invalid(module(TAG, ft(), code().block("try").op("rethrow", 0).end()), "invalid rethrow label");
        valid(module(TAG, ft(), code().block("block").block("try").op("delegate", 0).end()));
        invalid(module(TAG, ft(), code().block("try").op("delegate", 1)), "unknown label");
    }
}
