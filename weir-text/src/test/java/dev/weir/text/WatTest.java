package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.SExprReader;
import dev.weir.wasm.ArrayType;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.Local;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.StructType;
import dev.weir.wasm.SubType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatTest {

    private static String code(WasmModule m, int definedIndex) {
        return HexFormat.of().formatHex(m.code().get(definedIndex).code().bytes());
    }

    private static TextParseException fails(String text) {
        return assertThrows(TextParseException.class, () -> Wat.parse(text));
    }

    @Test
    void moduleOrBareFields() {
        WasmModule a = Wat.parse("(module $m (func (export \"f\") (result i32) (i32.const 42)))");
        WasmModule b = Wat.parse("(func (export \"f\") (result i32) i32.const 42)");
        assertEquals(a, b);
        assertEquals("m", a.names().moduleName());
        assertNull(b.names().moduleName());
        assertEquals("412a0b", code(a, 0));
        WasmValidator.validate(a);
    }

    @Test
    void implicitTypesAreAppendedAfterExplicitOnesAndReused() {
        WasmModule m = Wat.parse("(func $f (result f64) (f64.const 0))"
                + "(func $g (param i32))"
                + "(func $h (result f64) (f64.const 1))"
                + "(type $t (func (param i32)))"
                + "(func (param i64) (block (param i64) (result i64 i64) (i64.const 1)) drop drop)");
        assertEquals(List.of(new FuncType(List.of(ValType.I32), List.of()),
                new FuncType(List.of(), List.of(ValType.F64)),
                new FuncType(List.of(ValType.I64), List.of()),
                new FuncType(List.of(ValType.I64), List.of(ValType.I64, ValType.I64))),
                m.types().stream().map(SubType::composite).toList());
        assertEquals(1, m.definedFunctionType(0));
        assertEquals(0, m.definedFunctionType(1));
        assertEquals(1, m.definedFunctionType(2));
        assertEquals("020342010b1a1a0b", code(m, 3)); // block type index 3
    }

    @Test
    void nonFinalOrRecursiveTypesAreNotReusedForInlineSignatures() {
        WasmModule m = Wat.parse("(type (sub (func))) (rec (type (func)) (type (struct))) (func)");
        assertEquals(4, m.types().size());
        assertEquals(3, m.definedFunctionType(0));
    }

    @Test
    void typeUseMustMatchItsInlineSignature() {
        assertEquals("inline function type",
                fails("(type $t (func (param i32))) (func (type $t) (param i64))").reason());
        assertEquals("unknown type", fails("(func (type 3) (param i32))").reason());
        WasmModule m = Wat.parse("(type $t (func (param i32))) (func (type $t) (param $x i32) (local.get $x))");
        assertEquals(1, m.types().size());
        assertEquals("x", m.names().localName(0, 0));
    }

    @Test
    void localsAndParamsByName() {
        WasmModule m = Wat.parse("(type $t (func (param i32 i32)))"
                + "(func $f (type $t) (local $a i64) (local i64 i32) (local $b i32)"
                + "  (local.set $b (local.get 1)) (local.set $a (i64.const 0)))");
        assertEquals(List.of(new Local(2, ValType.I64), new Local(2, ValType.I32)), m.code().get(0).locals());
        assertEquals("20012105" + "42002102" + "0b", code(m, 0));
        assertEquals("f", m.functionName(0));
        assertEquals("a", m.names().localName(0, 2));
        assertEquals("b", m.names().localName(0, 5));
        assertEquals("duplicate local $x", fails("(func (param $x i32) (local $x i32))").reason());
        assertEquals("unknown local $y", fails("(func (local.get $y))").reason());
    }

    @Test
    void labelsResolveToDepthsWithShadowing() {
        WasmModule m = Wat.parse("(func (block $a (block $b (block $a (br $a) (br $b) (br 2)))))");
        assertEquals("024002400240" + "0c00" + "0c01" + "0c02" + "0b0b0b0b", code(m, 0));
        // The condition of a folded if is outside the if's label.
        m = Wat.parse("(func (block $l (if $l (br_if $l (i32.const 0)) (then (br $l)))))");
        assertEquals("0240" + "41000d00" + "0440" + "0c00" + "0b0b0b", code(m, 0));
        assertEquals("unknown label $x", fails("(func (br $x))").reason());
        assertEquals("mismatching label", fails("(func block $a end $b)").reason());
        assertEquals("mismatching label", fails("(func block end $l)").reason());
    }

    @Test
    void emptyElseIsDropped() {
        WasmModule a = Wat.parse("(func (if (i32.const 1) (then nop) (else)))");
        WasmModule b = Wat.parse("(func i32.const 1 if nop else end)");
        assertEquals("410104400" + "10b0b", code(a, 0));
        assertEquals(code(a, 0), code(b, 0));
    }

    @Test
    void memargsAndLanes() {
        WasmModule m = Wat.parse("(memory 1) (memory $m 1)"
                + "(func (param i32 v128)"
                + " (drop (i32.load offset=4 align=1 (local.get 0)))"
                + " (drop (i64.load $m (local.get 0)))"
                + " (drop (v128.load8_lane 1 (local.get 0) (local.get 1)))"
                + " (drop (v128.load8_lane $m 2 (local.get 0) (local.get 1)))"
                + " (drop (v128.load8_lane 1 3 (local.get 0) (local.get 1))))");
        assertEquals("2000" + "280004" + "1a"
                + "2000" + "29430100" + "1a"
                + "20002001" + "fd54" + "0000" + "01" + "1a"
                + "20002001" + "fd54" + "400100" + "02" + "1a"
                + "20002001" + "fd54" + "400100" + "03" + "1a0b", code(m, 0));
        assertEquals("alignment must be a power of two",
                fails("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))").reason());
        assertEquals("unknown operator offset=-1",
                fails("(memory 1) (func (drop (i32.load offset=-1 (i32.const 0))))").reason());
    }

    @Test
    void vectorConstantsAndShuffles() {
        WasmModule m = Wat.parse("(func (result v128) (v128.const i16x8 1 -1 0 0 0 0 0 0x8000)"
                + " (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const f32x4 1 0 0 0)))");
        assertEquals("fd0c" + "0100ffff0000000000000000" + "00000080"
                + "fd0c" + "0000803f" + "000000000000000000000000"
                + "fd0d" + "000102030405060708090a0b0c0d0e1f" + "0b", code(m, 0));
        assertEquals("wrong number of lane literals", fails("(func (v128.const i32x4 1 2 3) drop)").reason());
        assertEquals("invalid lane length",
                fails("(func (i8x16.shuffle 0 1 (v128.const i32x4 0 0 0 0) (v128.const i32x4 0 0 0 0)) drop)").reason());
    }

    @Test
    void gcTypesAndInstructions() {
        WasmModule m = Wat.parse("(rec (type $p (sub (struct (field $x i32) (field $y (mut i64)))))"
                + "     (type $q (sub final $p (struct (field i32 (mut i64)) (field $z (ref null $q))))))"
                + "(type $a (array (mut i8)))"
                + "(func (param (ref $q) anyref) (result i64)"
                + "  (drop (struct.get $q $z (local.get 0)))"
                + "  (drop (ref.test (ref null $p) (local.get 1)))"
                + "  (drop (ref.cast (ref $p) (local.get 1)))"
                + "  (drop (block $l (result (ref null $p)) (br_on_cast $l anyref (ref null $p) (local.get 1)) (drop)"
                + "     (ref.null $p)))"
                + "  (drop (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))"
                + "  (struct.get $p $y (local.get 0)))");
        assertEquals(3, m.recGroups().size()); // the rec group, $a, and the function's inline type
        assertEquals(2, m.recGroups().get(0).types().size());
        SubType q = m.types().get(1);
        assertTrue(q.isFinal());
        assertEquals(List.of(0), q.supertypes());
        assertEquals(3, ((StructType) q.composite()).fields().size());
        assertEquals(ValType.ref(true, 1), ((StructType) q.composite()).fields().get(2).storage());
        assertEquals(ValType.I8, ((ArrayType) m.types().get(2).composite()).element().storage());
        assertEquals("2000fb0201021a"
                + "2001fb15001a"
                + "2001fb16001a"
                + "02630020" + "01fb1803006e00" + "1a" + "d000" + "0b1a"
                + "41014102fb0802021a"
                + "2000fb0200010b", code(m, 0));
        assertEquals("unknown field $w", fails("(type $p (struct)) (func (struct.get $p $w (unreachable)))").reason());
        assertEquals("duplicate field $x", fails("(type (struct (field $x i32) (field $x i32)))").reason());
    }

    @Test
    void tablesMemoriesAndSegments() {
        WasmModule m = Wat.parse("(func $f) (func $g)"
                + "(table $t 1 funcref (ref.func $f))"
                + "(table $u i64 funcref (elem $f $g))"
                + "(memory i64 (pagesize 1) (data \"abc\"))"
                + "(memory 1 2 shared)"
                + "(elem $p funcref (ref.func $g) (ref.null func))"
                + "(elem declare func $f)"
                + "(elem (table $t) (offset (i32.const 0)) func $g)"
                + "(data (memory 1) (i32.const 8) \"x\" \"y\")");
        assertEquals(2, m.tables().size());
        assertEquals(2, m.tables().get(1).type().limits().min());
        assertTrue(m.tables().get(1).type().limits().address64());
        assertEquals("d2000b", HexFormat.of().formatHex(m.tables().get(0).init().bytes()));
        assertEquals(3, m.memories().get(0).limits().max());
        assertEquals(0, m.memories().get(0).limits().pageSizeLog2());
        assertTrue(m.memories().get(1).limits().shared());
        List<ElementSegment> e = m.elements();
        assertEquals(4, e.size());
        assertArrayEquals(new int[] {0, 1}, e.get(0).functionIndices());
        assertEquals(1, e.get(0).tableIndex());
        assertEquals("420" + "00b", HexFormat.of().formatHex(e.get(0).offset().bytes()));
        assertEquals(2, e.get(1).expressions().size());
        assertEquals(SegmentMode.DECLARATIVE, e.get(2).mode());
        assertEquals(SegmentMode.ACTIVE, e.get(3).mode());
        assertEquals(2, m.data().size());
        assertArrayEquals("xy".getBytes(), m.data().get(1).data());
        assertEquals(1, m.data().get(1).memoryIndex());
        assertEquals("invalid custom page size", fails("(memory 1 (pagesize 3))").reason());
    }

    @Test
    void importsExportsAndOrder() {
        WasmModule m = Wat.parse("(import \"a\" \"f\" (func $i (param i32)))"
                + "(global $g (import \"a\" \"g\") (mut i32))"
                + "(tag $e (import \"a\" \"e\") (param i64))"
                + "(func $f (export \"f\") (export \"f2\") (call $i (i32.const 0)))"
                + "(export \"g\" (global $g))"
                + "(start $f)");
        assertEquals(3, m.imports().size());
        assertEquals(ExternKind.TAG, m.imports().get(2).kind());
        assertEquals(List.of("f", "f2", "g"), m.exports().stream().map(x -> x.name()).toList());
        assertEquals(1, m.exports().get(0).index());
        assertEquals(1, m.start());
        assertEquals("import after function", fails("(func) (import \"a\" \"b\" (func))").reason());
        assertEquals("import after global", fails("(global i32 (i32.const 0)) (func (import \"a\" \"b\"))").reason());
        assertEquals("multiple start sections", fails("(func) (start 0) (start 0)").reason());
        assertEquals("duplicate func $f", fails("(func $f) (func $f)").reason());
        assertEquals("unknown function $h", fails("(func (call $h))").reason());
        assertEquals("malformed UTF-8 encoding", fails("(func (export \"\\ff\"))").reason());
    }

    @Test
    void errorsCarryPositionsAndReferenceWording() {
        TextParseException e = fails("(module\n  (func\n    (i32.add (i32.const 1) (i33.const 2))))");
        assertEquals("unknown operator i33.const", e.reason());
        assertEquals(3, e.line());
        assertEquals(29, e.column());
        assertEquals("3:29: unknown operator i33.const", e.getMessage());
        assertEquals("unexpected token", fails("(func (local.get))").reason());
        assertEquals("unexpected token", fails("(func (result i32) (param i32))").reason());
        assertEquals("unexpected token", fails("(func (f32.const nan:canonical))").reason());
        assertEquals("constant out of range", fails("(func (i32.const 0x1_0000_0000) drop)").reason());
        assertEquals("unexpected token", fails("(func block)").reason());
        assertEquals("unexpected token", fails("(func end)").reason());
    }

    @Test
    void legacyExceptionsAndTryTable() {
        WasmModule m = Wat.parse("(tag $e (param i32))"
                + "(func (result i32)"
                + "  (block $h (result i32)"
                + "    (try_table (catch $e $h) (catch_all 1) (throw $e (i32.const 1))) (i32.const 0)))"
                + "(func try $t catch $e drop catch_all rethrow $t end"
                + "  (try (do (try (do) (delegate 0))) (catch_all)))");
        assertEquals("027f" + "1f40" + "02" + "000000" + "0201" + "41010800" + "0b" + "4100" + "0b0b", code(m, 0));
        assertEquals("0640" + "0700" + "1a" + "19" + "0900" + "0b"
                + "0640" + "0640" + "1800" + "19" + "0b0b", code(m, 1));
    }

    @Test
    void scriptModuleForms() {
        SExpr.Node bin = (SExpr.Node) SExprReader.read("(module $b binary \"\\00asm\" \"\\01\\00\\00\\00\")").get(0);
        assertTrue(Wat.isBinary(bin));
        assertEquals("b", Wat.moduleId(bin));
        assertEquals(8, Wat.binaryModuleBytes(bin).length);
        assertEquals(0, Wat.parseModule(bin).functionCount());
        SExpr.Node quote = (SExpr.Node) SExprReader.read("(module quote \"(func\" \" (export \\\"q\\\"))\")").get(0);
        assertTrue(Wat.isQuote(quote));
        assertEquals("q", Wat.parseModule(quote).exports().get(0).name());
        SExpr.Node def = (SExpr.Node) SExprReader.read("(module definition $d (func))").get(0);
        assertEquals("d", Wat.moduleId(def));
        assertEquals(1, Wat.parseModule(def).functionCount());
        SExpr.Node annotated = (SExpr.Node) SExprReader.read(
                "(module (@custom \"x\" \"y\") (func (@a b) (nop)))".getBytes(), true).get(0);
        assertEquals("010b", code(Wat.parseModule(annotated), 0));
    }

    @Test
    void deepNestingDoesNotOverflowTheStack() {
        int depth = 100_000;
        StringBuilder sb = new StringBuilder("(func (result i32)");
        for (int i = 0; i < depth; i++) {
            sb.append("(i32.add (i32.const 1) ");
        }
        sb.append("(i32.const 0)");
        sb.append(")".repeat(depth)).append(")");
        sb.append("(func ").append("block ".repeat(depth)).append("end ".repeat(depth)).append(")");
        WasmModule m = Wat.parse(sb.toString());
        assertEquals(depth * 3 + 3, m.code().get(0).code().length());
        assertEquals(depth * 3 + 1, m.code().get(1).code().length());
    }

    @Test
    void heapTypesAndSelect() {
        WasmModule m = Wat.parse("(func (result funcref) (select (result funcref) (ref.null func) (ref.null nofunc)"
                + " (i32.const 1)) (drop) (ref.null 0))");
        assertEquals("d070d073" + "4101" + "1c0170" + "1a" + "d000" + "0b", code(m, 0));
        assertEquals(HeapType.FUNC, ValType.FUNCREF.heapType());
    }
}
