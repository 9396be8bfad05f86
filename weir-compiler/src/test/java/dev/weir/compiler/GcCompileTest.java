package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** GC instructions, ref.eq, call_ref and GC-typed locals in compiled code, checked against the interpreter. */
class GcCompileTest {
    static final String TYPES = """
              (type $pt (sub (struct (field $x (mut i8)) (field $y (mut i16)) (field $z (mut i32)) (field $w (mut i64))
                                     (field $f (mut f32)) (field $d (mut f64)) (field $r (mut anyref)))))
              (type $sub (sub $pt (struct (field (mut i8)) (field (mut i16)) (field (mut i32)) (field (mut i64))
                                          (field (mut f32)) (field (mut f64)) (field (mut anyref)) (field $extra i32))))
              (type $bytes (array (mut i8)))
              (type $shorts (array (mut i16)))
              (type $ints (array (mut i32)))
              (type $longs (array (mut i64)))
              (type $funcs (array (mut funcref)))
              (type $fn (func (param i32) (result i32)))
            """;

    @Test
    void structsGetSetPackedAndSubtypes() {
        BothEngines b = new BothEngines("(module " + TYPES + """
                  (func (export "fields") (param $v i32) (result i32 i32 i32 i32 i64 f32 f64 i32)
                    (local $s (ref $pt))
                    (local.set $s (struct.new $pt (local.get $v) (local.get $v) (local.get $v)
                      (i64.extend_i32_s (local.get $v)) (f32.const 1.5) (f64.const -2.5) (ref.i31 (local.get $v))))
                    (struct.get_s $pt $x (local.get $s))
                    (struct.get_u $pt $x (local.get $s))
                    (struct.get_s $pt $y (local.get $s))
                    (struct.get_u $pt $y (local.get $s))
                    (struct.get $pt $w (local.get $s))
                    (struct.get $pt $f (local.get $s))
                    (struct.get $pt $d (local.get $s))
                    (i31.get_s (ref.cast (ref i31) (struct.get $pt $r (local.get $s)))))
                  (func (export "set") (param $v i32) (result i32 i32 i32 i64)
                    (local $s (ref null $pt))
                    (local.set $s (struct.new_default $sub))
                    (struct.set $pt $x (local.get $s) (local.get $v))
                    (struct.set $pt $y (local.get $s) (local.get $v))
                    (struct.set $pt $z (local.get $s) (i32.const 77))
                    (struct.set $pt $w (local.get $s) (i64.const -5))
                    (struct.get_u $pt $x (local.get $s))
                    (struct.get_s $pt $y (local.get $s))
                    (struct.get $sub $extra (ref.cast (ref $sub) (local.get $s)))
                    (struct.get $pt $w (local.get $s)))
                  (func (export "null") (result i32) (struct.get $pt $z (ref.null $pt))))
                """);
        assertEquals("[-1, 255, -1, 65535, -1, 1069547520, -4610560118520545280, -1]", b.same("fields", -1));
        b.same("fields", 0x12345);
        b.same("fields", 200);
        assertEquals("[1, 257, 0, -5]", b.same("set", 0x10101));
        b.same("set", -129);
        assertEquals("trap: null structure reference", b.same("null"));
    }

    @Test
    void arraysAllocationAccessAndBulk() {
        BothEngines b = new BothEngines("(module " + TYPES + """
                  (data $d "\\01\\02\\03\\04\\05\\06\\07\\08")
                  (elem $e func $inc $dbl)
                  (func $inc (type $fn) (i32.add (local.get 0) (i32.const 1)))
                  (func $dbl (type $fn) (i32.mul (local.get 0) (i32.const 2)))
                  (func (export "arrays") (param $n i32) (result i32 i32 i32 i64 i32)
                    (local $b (ref $bytes)) (local $i (ref $ints)) (local $l (ref $longs))
                    (local.set $b (array.new $bytes (i32.const 200) (local.get $n)))
                    (local.set $i (array.new_fixed $ints 4 (i32.const 10) (i32.const 20) (i32.const 30) (i32.const 40)))
                    (local.set $l (array.new_default $longs (local.get $n)))
                    (array.set $longs (local.get $l) (i32.const 1) (i64.const -7))
                    (array.fill $ints (local.get $i) (i32.const 1) (i32.const 99) (i32.const 2))
                    (array.copy $ints $ints (local.get $i) (i32.const 0) (local.get $i) (i32.const 1) (i32.const 3))
                    (array.get_s $bytes (local.get $b) (i32.const 0))
                    (array.get_u $bytes (local.get $b) (i32.const 0))
                    (i32.add (array.get $ints (local.get $i) (i32.const 0))
                             (i32.mul (i32.const 1000) (array.get $ints (local.get $i) (i32.const 3))))
                    (array.get $longs (local.get $l) (i32.const 1))
                    (array.len (local.get $l)))
                  (func (export "data") (param $off i32) (param $n i32) (result i32 i32 i32)
                    (local $s (ref $shorts))
                    (local.set $s (array.new_data $shorts $d (local.get $off) (i32.const 3)))
                    (array.init_data $shorts $d (local.get $s) (i32.const 1) (i32.const 6) (local.get $n))
                    (array.get_u $shorts (local.get $s) (i32.const 0))
                    (array.get_u $shorts (local.get $s) (i32.const 1))
                    (array.get_s $shorts (local.get $s) (i32.const 2)))
                  (func (export "elem") (param $k i32) (param $x i32) (result i32)
                    (local $f (ref $funcs))
                    (local.set $f (array.new_elem $funcs $e (i32.const 0) (i32.const 2)))
                    (array.init_elem $funcs $e (local.get $f) (i32.const 1) (i32.const 0) (i32.const 1))
                    (call_ref $fn (local.get $x) (ref.cast (ref $fn) (array.get $funcs (local.get $f) (local.get $k)))))
                  (func (export "fillOob") (param $d i32) (param $n i32)
                    (array.fill $bytes (array.new_default $bytes (i32.const 4)) (local.get $d) (i32.const 1) (local.get $n)))
                  (func (export "nullArray") (result i32) (array.len (ref.null $ints))))
                """);
        assertEquals("[-56, 200, 40099, -7, 3]", b.same("arrays", 3));
        assertEquals("trap: out of bounds array access", b.same("arrays", 1));
        assertEquals("trap: out of bounds array access", b.same("arrays", 0));
        assertTrue(b.same("arrays", -1).startsWith("trap: allocation too large"));
        assertEquals("[513, 2055, 1541]", b.same("data", 0, 1));
        b.same("data", 2, 0);
        assertEquals("trap: out of bounds memory access", b.same("data", 3, 0));
        assertEquals("trap: out of bounds array access", b.same("data", 0, 3));
        assertEquals("[6]", b.same("elem", 0, 5));
        assertEquals("[6]", b.same("elem", 1, 5));
        assertEquals("trap: out of bounds array access", b.same("elem", 2, 5));
        b.same("fillOob", 2, 2);
        assertEquals("trap: out of bounds array access", b.same("fillOob", 3, 2));
        assertEquals("trap: out of bounds array access", b.same("fillOob", -1, 2));
        assertEquals("trap: null array reference", b.same("nullArray"));
    }

    @Test
    void v128FieldsAndElements() {
        BothEngines b = new BothEngines("""
                (module
                  (type $vs (struct (field $a (mut i32)) (field $v (mut v128)) (field $r anyref) (field $b i64)))
                  (type $va (array (mut v128)))
                  (func (export "v") (param $x i64) (result i64 i64 i64 i64 i64 i32)
                    (local $s (ref $vs)) (local $a (ref $va))
                    (local.set $s (struct.new $vs (i32.const 3) (i64x2.splat (local.get $x)) (ref.null any) (i64.const 9)))
                    (struct.set $vs $v (local.get $s)
                      (i64x2.replace_lane 1 (struct.get $vs $v (local.get $s)) (i64.const -2)))
                    (local.set $a (array.new $va (i64x2.splat (i64.const 5)) (i32.const 4)))
                    (array.fill $va (local.get $a) (i32.const 1) (struct.get $vs $v (local.get $s)) (i32.const 2))
                    (array.set $va (local.get $a) (i32.const 3) (v128.const i64x2 11 12))
                    (i64x2.extract_lane 0 (struct.get $vs $v (local.get $s)))
                    (i64x2.extract_lane 1 (array.get $va (local.get $a) (i32.const 2)))
                    (i64x2.extract_lane 0 (array.get $va (local.get $a) (i32.const 0)))
                    (i64x2.extract_lane 1 (array.get $va (local.get $a) (i32.const 3)))
                    (i64.add (struct.get $vs $b (local.get $s))
                      (i64x2.extract_lane 1 (array.get $va
                        (array.new_fixed $va 2 (v128.const i64x2 1 2) (v128.const i64x2 3 4)) (i32.const 1))))
                    (struct.get $vs $a (local.get $s))))
                """);
        assertEquals("[7, -2, 5, 12, 13, 3]", b.same("v", 7));
    }

    @Test
    void castsBranchesI31AndRefEq() {
        BothEngines b = new BothEngines("(module " + TYPES + """
                  (func $make (param $k i32) (result anyref)
                    (block $b4 (block $b3 (block $b2 (block $b1 (block $b0
                      (br_table $b0 $b1 $b2 $b3 $b4 (local.get $k)))
                      (return (ref.null any)))
                      (return (struct.new_default $pt)))
                      (return (struct.new_default $sub)))
                      (return (ref.i31 (i32.const -5))))
                    (array.new_default $ints (i32.const 1)))
                  (func (export "test") (param $k i32) (result i32 i32 i32 i32 i32)
                    (local $a anyref)
                    (local.set $a (call $make (local.get $k)))
                    (ref.test (ref $pt) (local.get $a))
                    (ref.test (ref null $sub) (local.get $a))
                    (ref.test (ref i31) (local.get $a))
                    (ref.test (ref eq) (local.get $a))
                    (ref.test (ref null array) (local.get $a)))
                  (func (export "classify") (param $k i32) (result i32)
                    (block $s (result (ref $sub))
                      (block $p (result (ref $pt))
                        (block $i (result (ref i31))
                          (br_on_cast $i anyref (ref i31) (call $make (local.get $k)))
                          (br_on_cast $s anyref (ref $sub))
                          (br_on_cast $p anyref (ref $pt))
                          (drop)
                          (return (i32.const 0)))
                        (i31.get_s) (i32.const 100) (i32.add) (return))
                      (drop)
                      (return (i32.const 2)))
                    (drop)
                    (i32.const 3))
                  (func (export "notStruct") (param $k i32) (result i32)
                    (block $f (result anyref)
                      (br_on_cast_fail $f anyref (ref struct) (call $make (local.get $k)))
                      (drop)
                      (return (i32.const 1)))
                    (drop)
                    (i32.const 0))
                  (func (export "cast") (param $k i32) (result i32)
                    (ref.is_null (ref.cast (ref null $pt) (call $make (local.get $k)))))
                  (func (export "eq") (param $x i32) (param $y i32) (result i32 i32 i32)
                    (local $s (ref $pt))
                    (local.set $s (struct.new_default $pt))
                    (ref.eq (ref.i31 (local.get $x)) (ref.i31 (local.get $y)))
                    (ref.eq (local.get $s) (local.get $s))
                    (ref.eq (local.get $s) (struct.new_default $pt)))
                  (func (export "i31") (param $x i32) (result i32 i32 i32)
                    (i31.get_s (ref.i31 (local.get $x)))
                    (i31.get_u (ref.i31 (local.get $x)))
                    (i31.get_u (ref.cast (ref i31) (any.convert_extern (extern.convert_any (ref.i31 (local.get $x)))))))
                  (func (export "nullI31") (result i32) (i31.get_s (ref.null i31))))
                """);
        assertEquals("[0, 1, 0, 0, 1]", b.same("test", 0));
        assertEquals("[1, 0, 0, 1, 0]", b.same("test", 1));
        assertEquals("[1, 1, 0, 1, 0]", b.same("test", 2));
        assertEquals("[0, 0, 1, 1, 0]", b.same("test", 3));
        assertEquals("[0, 0, 0, 1, 1]", b.same("test", 4));
        assertEquals("[0]", b.same("classify", 0));
        assertEquals("[2]", b.same("classify", 1));
        assertEquals("[3]", b.same("classify", 2));
        assertEquals("[95]", b.same("classify", 3));
        assertEquals("[0]", b.same("classify", 4));
        assertEquals("[1]", b.same("notStruct", 1));
        assertEquals("[0]", b.same("notStruct", 3));
        assertEquals("[0]", b.same("notStruct", 0));
        assertEquals("[1]", b.same("cast", 0));
        assertEquals("[0]", b.same("cast", 2));
        assertEquals("trap: cast failure", b.same("cast", 3));
        assertEquals("[1, 1, 0]", b.same("eq", 7, 7));
        assertEquals("[1, 1, 0]", b.same("eq", 0x4000_0000, -0x4000_0000)); // equal in 31 bits
        assertEquals("[0, 1, 0]", b.same("eq", 1, 2));
        assertEquals("[-1, 2147483647, 2147483647]", b.same("i31", -1));
        assertEquals("[-1073741824, 1073741824, 1073741824]", b.same("i31", 0x4000_0000));
        assertEquals("trap: null i31 reference", b.same("nullI31"));
    }
}
