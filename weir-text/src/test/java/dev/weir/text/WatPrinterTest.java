package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.DataSegment;
import dev.weir.wasm.Expression;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.Local;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.Names;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.SubType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WatPrinterTest {

    /** Parses {@code text}, prints it, checks the round trip and returns the printed text. */
    private static String reprint(String text) {
        WasmModule m = Wat.parse(text);
        String out = WatPrinter.print(m);
        assertEquals(m, Wat.parse(out), out);
        return out;
    }

    private static void assertContains(String text, String... lines) {
        for (String l : lines) {
            assertTrue(text.contains(l), () -> "missing \"" + l + "\" in:\n" + text);
        }
    }

    @Test
    void layoutIsWasm2watsFlatSyntax() {
        String out = reprint("(module (memory 1) (global $g (mut i32) (i32.const 0))"
                + "(func $f (export \"f\") (param $n i32) (result i32) (local i64 i64) (local $x f32)"
                + "  (block $b (loop (br_if $b (local.get $n)) (br 0)))"
                + "  (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))"
                + "(data (i32.const 8) \"hi\\00\\ff\\\"\\\\\"))");
        assertEquals("(module\n"
                + "  (type (;0;) (func (param i32) (result i32)))\n"
                + "  (func $f (type 0) (param $n i32) (result i32)\n"
                + "    (local i64 i64) (local $x f32)\n"
                + "    block  ;; label = @1\n"
                + "      loop  ;; label = @2\n"
                + "        local.get $n\n"
                + "        br_if 1 (;@1;)\n"
                + "        br 0 (;@2;)\n"
                + "      end\n"
                + "    end\n"
                + "    local.get $n\n"
                + "    if (result i32)  ;; label = @1\n"
                + "      i32.const 1\n"
                + "    else\n"
                + "      i32.const 2\n"
                + "    end)\n"
                + "  (memory (;0;) 1)\n"
                + "  (global $g (mut i32) (i32.const 0))\n"
                + "  (export \"f\" (func $f))\n"
                + "  (data (;0;) (i32.const 8) \"hi\\00\\ff\\\"\\\\\"))\n", out);
    }

    @Test
    void gcTypesAndInstructions() {
        String out = reprint("(module"
                + "(rec (type $s (sub (struct (field $a (mut i8)) (field i64) (field (ref null $s)))))"
                + "     (type $t (sub final $s (struct (field (mut i8)) (field i64) (field (ref null $s)) (field f32)))))"
                + "(type $a (array (mut i16)))"
                + "(type $e (sub (func)))"
                + "(rec)"
                + "(func (param anyref) (result i32)"
                + "  (drop (struct.get_s $s $a (ref.cast (ref $t) (local.get 0))))"
                + "  (drop (ref.test (ref null $a) (local.get 0)))"
                + "  (drop (ref.cast nullref (local.get 0)))"
                + "  (drop (block (result anyref) (br_on_cast 0 anyref (ref null $t) (local.get 0))))"
                + "  (drop (block (result anyref) (br_on_cast_fail 0 (ref any) (ref $s) (ref.as_non_null (local.get 0)))))"
                + "  (drop (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))"
                + "  (drop (ref.null nofunc)) (drop (ref.null $e))"
                + "  (ref.i31 (i32.const 5)) (i31.get_u)))");
        assertContains(out, "(rec\n    (type $s (sub (struct (field (mut i8)) (field i64) (field (ref null $s)))))",
                "(type $t (sub final $s (struct", "(type $a (array (mut i16)))", "(type $e (sub (func)))",
                "\n  (rec)", "struct.get_s $s 0", "ref.cast (ref $t)", "ref.test (ref null $a)",
                "ref.cast nullref", "br_on_cast 0 (;@1;) anyref (ref null $t)",
                "br_on_cast_fail 0 (;@1;) (ref any) (ref $s)", "array.new_fixed $a 2", "ref.null nofunc",
                "ref.null $e", "i31.get_u");
    }

    @Test
    void exceptionHandlingSimdAndMemoryInstructions() {
        String out = reprint("(module (type $ft (func (param i32)))"
                + "(import \"m\" \"t\" (table $tab 1 funcref)) (table $t2 i64 2 10 externref)"
                + "(memory $m0 1) (memory $m1 i64 1 2 shared) (memory 0 1 (pagesize 1))"
                + "(tag $x (param i32))"
                + "(func (param i32) (result i32 v128)"
                + "  (try_table (catch $x 0) (catch_all_ref 1) (call_indirect $t2 (type $ft) (i32.const 1) (i32.const 0)))"
                + "  (select (result i32) (i32.const 1) (i32.const 2) (local.get 0)) drop"
                + "  (i64.load $m1 offset=4294967296 align=2 (i64.const 0)) drop"
                + "  (i32.load8_u offset=3 (i32.const 0)) drop"
                + "  (v128.load8_lane $m1 offset=1 7 (i64.const 0) (v128.const i64x2 1 -1)) drop"
                + "  (memory.copy $m1 $m0 (i64.const 0) (i32.const 0) (i64.const 0))"
                + "  (memory.init $m1 0 (i64.const 0) (i32.const 0) (i32.const 0))"
                + "  (memory.size 2) drop"
                + "  (i32.const 7)"
                + "  (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31 (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)"
                + "    (v128.const f32x4 1 -0 nan inf)))"
                + "(data \"x\"))");
        assertContains(out, "(import \"m\" \"t\" (table $tab 1 funcref))", "(table $t2 i64 2 10 externref)",
                "(memory $m1 i64 1 2 shared)", "(memory (;2;) 0 1 (pagesize 1))", "(tag $x (type $ft) (param i32))",
                "try_table (catch $x 0) (catch_all_ref 1)  ;; label = @1",
                "call_indirect $t2 (type $ft)", "select (result i32)",
                "i64.load $m1 offset=4294967296 align=2", "i32.load8_u offset=3\n",
                "v128.load8_lane $m1 offset=1 7", "memory.copy $m1 $m0", "memory.init $m1 0", "memory.size 2",
                "i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31",
                "v128.const i32x4 0x00000001 0x00000000 0xffffffff 0xffffffff",
                "v128.const i32x4 0x3f800000 0x80000000 0x7fc00000 0x7f800000");
    }

    @Test
    void legacyExceptionHandlingIndentsLikeIf() {
        String out = reprint("(module (tag $e) (func"
                + " (try (do (try (do (throw $e)) (delegate 0))) (catch $e (rethrow 0)) (catch_all))))");
        assertContains(out, "    try  ;; label = @1\n      try  ;; label = @2\n        throw $e\n"
                + "      delegate 0 (;@1;)\n    catch $e\n      rethrow 0 (;@1;)\n    catch_all\n    end)");
    }

    @Test
    void segmentsTablesAndGlobals() {
        String out = reprint("(module (type (func)) (func $f) (func $g)"
                + "(table $t 10 funcref (ref.func $f)) (table 2 funcref)"
                + "(global i32 (i32.const 1)) (global $e i32 (i32.add (global.get 0) (i32.const 2)))"
                + "(elem (i32.const 0) $f $g) (elem (table 1) (offset (global.get 0) (i32.const 1) i32.sub) func $g)"
                + "(elem funcref (ref.null func) (item (ref.func $f))) (elem declare func $g)"
                + "(elem (ref null func) (item global.get 0 ref.as_non_null))"
                + "(memory $m 1) (memory $n 1) (data (memory $n) (i32.const 4) \"ab\") (data \"\")"
                + "(start $g))");
        assertContains(out, "(table $t 10 funcref (ref.func $f))",
                "(global $e i32 global.get 0 i32.const 2 i32.add)",
                "(elem (;0;) (i32.const 0) func $f $g)",
                "(elem (;1;) (table 1) (offset global.get 0 i32.const 1 i32.sub) func $g)",
                "(elem (;2;) funcref (ref.null func) (ref.func $f))", "(elem (;3;) declare func $g)",
                "(elem (;4;) funcref (item global.get 0 ref.as_non_null))",
                "(data (;0;) (memory $n) (i32.const 4) \"ab\")", "(data (;1;) \"\")", "(start $g)");
    }

    @Test
    void floatsArePrintedExactly() {
        String out = reprint("(module (func"
                + " (drop (f32.const nan)) (drop (f32.const -nan:0x1)) (drop (f32.const inf)) (drop (f32.const -0))"
                + " (drop (f64.const nan:0x4)) (drop (f64.const -inf)) (drop (f64.const 0x1p-1074))"
                + " (drop (f64.const 0.1)) (drop (f32.const 0x1.fffffep127))))");
        assertContains(out, "f32.const nan\n", "f32.const -nan:0x1\n", "f32.const inf\n", "f32.const -0.0\n",
                "f64.const nan:0x4\n", "f64.const -inf\n", "f64.const 4.9E-324\n", "f64.const 0.1\n",
                "f32.const 3.4028235E38\n");
        // Random bit patterns of every class (NaN payloads, subnormals, ...) parse back exactly.
        SplittableRandom rnd = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder("(module (func");
        for (int i = 0; i < 4000; i++) {
            int f = rnd.nextInt();
            long d = rnd.nextLong();
            switch (i % 4) {
                case 0: f |= 0x7F800000; d |= 0x7FF0000000000000L; break;   // inf / NaN
                case 1: f &= 0x807FFFFF; d &= 0x800FFFFFFFFFFFFFL; break;   // subnormal / zero
                default: break;
            }
            sb.append(" (drop (f32.const ").append(hexFloat(f)).append("))");
            sb.append(" (drop (f64.const ").append(hexFloat(d)).append("))");
        }
        reprint(sb.append("))").toString());
    }

    /** An exact literal for arbitrary bits, independent of the printer under test. */
    private static String hexFloat(int bits) {
        String sign = bits < 0 ? "-" : "";
        if ((bits & 0x7F800000) == 0x7F800000) {
            int p = bits & 0x7FFFFF;
            return sign + (p == 0 ? "inf" : "nan:0x" + Integer.toHexString(p));
        }
        return Float.toHexString(Float.intBitsToFloat(bits));
    }

    private static String hexFloat(long bits) {
        String sign = bits < 0 ? "-" : "";
        if ((bits & 0x7FF0000000000000L) == 0x7FF0000000000000L) {
            long p = bits & 0xFFFFFFFFFFFFFL;
            return sign + (p == 0 ? "inf" : "nan:0x" + Long.toHexString(p));
        }
        return Double.toHexString(Double.longBitsToDouble(bits));
    }

    @Test
    void integersAreSignedDecimalAndOffsetsUnsigned() {
        String out = reprint("(module (memory i64 1) (func"
                + " (drop (i32.const 0xffffffff)) (drop (i64.const 0x8000000000000000))"
                + " (drop (i32.load offset=0xffffffffffffffff (i64.const 0)))))");
        assertContains(out, "i32.const -1\n", "i64.const -9223372036854775808\n",
                "i32.load offset=18446744073709551615\n");
    }

    private static Expression code(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new Expression(b, 0);
    }

    /** A module of {@code n} functions of type [i32] -> [], each with two i32 locals. */
    private static WasmModule.Builder functions(int n) {
        WasmModule.Builder b = WasmModule.builder()
                .addType(SubType.of(new FuncType(List.of(ValType.I32), List.of())));
        for (int i = 0; i < n; i++) {
            b.addFunction(0).addCode(new FunctionBody(List.of(new Local(2, ValType.I32)), code(0x0B), 0));
        }
        return b;
    }

    @Test
    void namesBecomeUniqueValidIdentifiers() {
        Names names = new Names("my mod", Map.of(0, "a b", 1, "x", 2, "x", 3, "", 9, "out of range"),
                Map.of(0, Map.of(0, "p", 1, "(", 2, "p")), Map.of(0, "ty\u00e9"), Map.of(), Map.of(), Map.of(), Map.of());
        WasmModule m = functions(4).names(names).build();
        String out = WatPrinter.print(m);
        assertContains(out, "(module $\"my mod\"", "(type $\"ty\\c3\\a9\" (func (param i32)))",
                "(func $\"a b\" (type $\"ty\\c3\\a9\") (param $p i32)\n    (local $\"(\" i32) (local $p_2 i32))",
                "(func $x (type", "(func $x_2 (type", "(func (;3;) (type");
        WasmModule back = Wat.parse(out);
        assertEquals(m, back);
        assertEquals(Map.of(0, "a b", 1, "x", 2, "x_2"), back.names().functions());
        assertEquals(Map.of(0, "p", 1, "(", 2, "p_2"), back.names().locals().get(0));
        assertEquals("ty\u00e9", back.names().types().get(0));
        assertEquals("my mod", back.names().moduleName());
    }

    @Test
    void importsNumberEachKindSeparately() {
        String out = reprint("(module (type (func))"
                + "(import \"a\" \"f\" (func (type 0))) (import \"a\" \"g\" (global (mut i64)))"
                + "(import \"a\" \"h\" (func $h (type 0))) (import \"a\" \"m\" (memory i64 1 (pagesize 65536)))"
                + "(import \"\\00\" \"\\c3\\a9\" (global $g2 f32))"
                + "(func (call $h) (call 0) (global.get $g2) drop (global.get 0) drop))");
        assertContains(out, "(import \"a\" \"f\" (func (;0;) (type 0)))", "(import \"a\" \"g\" (global (;0;) (mut i64)))",
                "(import \"a\" \"h\" (func $h (type 0)))", "(import \"a\" \"m\" (memory (;0;) i64 1))",
                "(import \"\\00\" \"\\c3\\a9\" (global $g2 f32))", "(func (;2;) (type 0)\n    call $h\n    call 0\n");
    }

    @Test
    void writesToAnAppendableInChunks() throws IOException {
        WasmModule m = functions(20000).addData(new DataSegment(SegmentMode.PASSIVE, 0, null, new byte[100_000]))
                .build();
        StringBuilder whole = new StringBuilder();
        int[] writes = {0};
        Writer w = new Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                whole.append(c, off, len);
            }

            @Override
            public Writer append(CharSequence s) {
                writes[0]++;
                whole.append(s);
                return this;
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        WatPrinter.print(m, w);
        assertEquals(WatPrinter.print(m), whole.toString());
        assertTrue(writes[0] > 5, "written in " + writes[0] + " chunks");
        assertEquals(m, Wat.parse(whole.toString()));
    }

    @Test
    void undecodableCodeIsATypedError() {
        WasmModule bad = WasmModule.builder().addType(SubType.of(new FuncType(List.of(), List.of())))
                .addFunction(0).addCode(new FunctionBody(List.of(), code(0xFF, 0x0B), 0)).build();
        assertThrows(MalformedModuleException.class, () -> WatPrinter.print(bad));
        WasmModule trailing = WasmModule.builder().addType(SubType.of(new FuncType(List.of(), List.of())))
                .addFunction(0).addCode(new FunctionBody(List.of(), code(0x0B, 0x01, 0x0B), 0)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WatPrinter.print(trailing));
        assertTrue(e.getMessage().contains("after the final end"), e.getMessage());
    }

    @Test
    void invalidIndicesStillPrintAndRoundTrip() {
        // Out-of-range indices are the validator's business; the printer keeps them numeric.
        String out = reprint("(module (type (func)) (func (type 7) call 99 global.get 5 drop)"
                + "(export \"x\" (table 3)) (start 42))");
        assertContains(out, "(func (;0;) (type 7)\n    call 99\n    global.get 5", "(export \"x\" (table 3))",
                "(start 42)");
    }
}
