package dev.weir.text.internal.wast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.text.TextParseException;
import dev.weir.text.Wast;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.ValType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastParseTest {

    @Test
    void modulesOfEveryKind() {
        List<Command> cmds = Wast.parse("""
                (module $M (func (export "f")))
                (module binary "\\00asm" "\\01\\00\\00\\00")
                (module $Q quote "(func" ")")
                (module definition $D (memory 1))
                (module definition $B binary "\\00asm\\01\\00\\00\\00")
                (module instance $I $D)
                (module instance $J)
                (register "m" $M)
                (register "n")
                """);
        assertEquals(9, cmds.size());
        var m = assertInstanceOf(Command.ModuleCommand.class, cmds.get(0));
        assertEquals("M", m.id());
        assertEquals(Command.ModuleKind.TEXT, m.kind());
        assertEquals(1, m.line());
        assertEquals("(module $M (func (export \"f\")))", m.text().toString());
        var b = (Command.ModuleCommand) cmds.get(1);
        assertEquals(Command.ModuleKind.BINARY, b.kind());
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, b.bytes());
        assertNull(b.id());
        var q = (Command.ModuleCommand) cmds.get(2);
        assertEquals("(func)", new String(q.bytes(), StandardCharsets.UTF_8));
        assertEquals(3, q.line());
        var d = (Command.ModuleCommand) cmds.get(3);
        assertTrue(d.definition());
        assertEquals("D", d.id());
        assertEquals("(module $D (memory 1))", d.text().toString());
        var db = (Command.ModuleCommand) cmds.get(4);
        assertTrue(db.definition());
        assertEquals(Command.ModuleKind.BINARY, db.kind());
        assertEquals(new Command.ModuleInstance(6, "I", "D"), cmds.get(5));
        assertEquals(new Command.ModuleInstance(7, "J", null), cmds.get(6));
        assertEquals(new Command.Register(8, "m", "M"), cmds.get(7));
        assertEquals(new Command.Register(9, "n", null), cmds.get(8));
    }

    @Test
    void inlineModuleScript() {
        List<Command> cmds = Wast.parse("(func) (memory 0)\n(func (export \"f\"))");
        assertEquals(1, cmds.size());
        var m = (Command.ModuleCommand) cmds.get(0);
        assertEquals("(module (func) (memory 0) (func (export \"f\")))", m.text().toString());
    }

    @Test
    void actionsAndConstants() {
        List<Command> cmds = Wast.parse("""
                (invoke $M "f" (i32.const -1) (i64.const 0xffff_ffff_ffff_ffff) (f32.const nan:0x200000)
                   (f64.const -0x1p-1074) (v128.const i32x4 1 2 3 -1) (ref.null extern) (ref.extern 7) (ref.host 3))
                (get "g")
                """);
        var a = (Command.Action) cmds.get(0);
        assertEquals(Command.ActionKind.INVOKE, a.kind());
        assertEquals("M", a.moduleId());
        assertEquals("f", a.name());
        List<Const> args = a.args();
        assertEquals(new Const.Num(ValType.I32, -1), args.get(0));
        assertEquals(new Const.Num(ValType.I64, -1L), args.get(1));
        assertEquals(new Const.Num(ValType.F32, 0x7fa00000), args.get(2));
        assertEquals(new Const.Num(ValType.F64, 0x8000000000000001L), args.get(3));
        assertEquals(new Const.Vec(0x0000000200000001L, 0xffffffff00000003L), args.get(4));
        assertEquals(new Const.RefNull(HeapType.EXTERN), args.get(5));
        assertEquals(new Const.HostRef(7, true), args.get(6));
        assertEquals(new Const.HostRef(3, false), args.get(7));
        var g = (Command.Action) cmds.get(1);
        assertEquals(Command.ActionKind.GET, g.kind());
        assertNull(g.moduleId());
        assertEquals(3, g.line());
    }

    @Test
    void resultPatterns() {
        var r = (Command.AssertReturn) Wast.parse("""
                (assert_return (invoke "f")
                  (i32.const 1) (f32.const nan:canonical) (f64.const nan:arithmetic) (f64.const -nan)
                  (v128.const f32x4 nan:canonical 1.0 nan:arithmetic -0x1p+0)
                  (v128.const i16x8 1 2 3 4 5 6 7 -1)
                  (either (i32.const 1) (i32.const 2))
                  (ref.null) (ref.null func) (ref.func) (ref.extern) (ref.extern 2) (ref.host 1)
                  (ref.struct) (ref.array) (ref.i31) (ref.eq) (ref.any) (ref.exn) (ref))
                """).get(0);
        List<Expected> e = r.results();
        assertEquals(20, e.size());
        assertEquals(new Expected.Exact(new Const.Num(ValType.I32, 1)), e.get(0));
        assertEquals(new Expected.Nan(ValType.F32, true), e.get(1));
        assertEquals(new Expected.Nan(ValType.F64, false), e.get(2));
        assertEquals(new Expected.Exact(new Const.Num(ValType.F64, 0xfff8000000000000L)), e.get(3));
        var v = (Expected.VecPattern) e.get(4);
        assertEquals(32, v.laneBits());
        assertTrue(v.isFloat());
        assertArrayEquals(new byte[] {1, 0, 2, 0}, v.nan());
        assertEquals(0x3f800000L, v.lanes()[1]);
        assertEquals(0xbf800000L, v.lanes()[3]);
        var iv = (Expected.VecPattern) e.get(5);
        assertFalse(iv.isFloat());
        assertEquals(0xffffL, iv.lanes()[7]);
        assertEquals(2, ((Expected.Either) e.get(6)).alternatives().size());
        assertEquals(new Expected.RefNull(Expected.RefNull.ANY_HIERARCHY), e.get(7));
        assertEquals(new Expected.RefNull(HeapType.FUNC), e.get(8));
        assertEquals(new Expected.RefKind(HeapType.FUNC), e.get(9));
        assertEquals(new Expected.RefKind(HeapType.EXTERN), e.get(10));
        assertEquals(new Expected.Exact(new Const.HostRef(2, true)), e.get(11));
        assertEquals(new Expected.Exact(new Const.HostRef(1, false)), e.get(12));
        assertEquals(new Expected.RefKind(HeapType.STRUCT), e.get(13));
        assertEquals(new Expected.RefKind(HeapType.EXN), e.get(18));
        assertEquals(new Expected.RefKind(Expected.RefKind.ANY_REF), e.get(19));
    }

    @Test
    void assertions() {
        List<Command> cmds = Wast.parse("""
                (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
                (assert_trap (module (func unreachable) (start 0)) "unreachable")
                (assert_exhaustion (invoke "loop") "call stack exhausted")
                (assert_exception (invoke "throw"))
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_malformed (module quote "(func") "unexpected end")
                (assert_malformed_custom (module quote "(@custom)") "@custom annotation: missing section name")
                (assert_invalid_custom (module) "x")
                (assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")
                (assert_uninstantiable (module (func unreachable) (start 0)) "unreachable")
                (thread $T (shared (module $Mem)) (register "mem" $Mem) (invoke "f"))
                (wait $T)
                """);
        var t = (Command.AssertTrap) cmds.get(0);
        assertEquals("integer divide by zero", t.message());
        assertEquals(2, t.action().args().size());
        assertNull(t.module());
        var tm = (Command.AssertTrap) cmds.get(1);
        assertNull(tm.action());
        assertEquals(Command.ModuleKind.TEXT, tm.module().kind());
        assertEquals("call stack exhausted", ((Command.AssertExhaustion) cmds.get(2)).message());
        assertEquals("throw", ((Command.AssertException) cmds.get(3)).action().name());
        var inv = (Command.AssertInvalid) cmds.get(4);
        assertEquals("type mismatch", inv.message());
        assertFalse(inv.custom());
        var mal = (Command.AssertMalformed) cmds.get(5);
        assertEquals(Command.ModuleKind.QUOTE, mal.module().kind());
        assertFalse(mal.custom());
        assertTrue(((Command.AssertMalformed) cmds.get(6)).custom());
        assertTrue(((Command.AssertInvalid) cmds.get(7)).custom());
        assertEquals("unknown import", ((Command.AssertUnlinkable) cmds.get(8)).message());
        assertEquals("unreachable", ((Command.AssertUninstantiable) cmds.get(9)).message());
        var th = (Command.Thread) cmds.get(10);
        assertEquals("T", th.name());
        assertEquals(List.of("Mem"), th.sharedModules());
        assertEquals(2, th.commands().size());
        assertEquals(new Command.Wait(12, "T"), cmds.get(11));
    }

    @Test
    void errorsArePositionedTextParseExceptions() {
        assertError("(assert_return (invoke \"f\") (i32.const 0x1_0000_0000))", 1, "constant out of range");
        assertError("\n(frobnicate)", 2, "unexpected token: unknown script command frobnicate");
        assertError("(assert_return (invoke \"f\") (v128.const i32x4 1 2))", 1, "wrong number of lane literals");
        assertError("(invoke \"f\" (ref.null fn))", 1, "unexpected token: unknown heap type fn");
        assertError("(assert_trap (invoke \"f\"))", 1, "unexpected token: assert_trap takes 2 operand(s)");
        assertError("(register $M)", 1, "unexpected token: expected a string");
        assertError("(invoke \"\\ff\")", 1, "malformed UTF-8 encoding");
        assertError("(module", 1, "unexpected end of input");
        assertError("module", 1, "unexpected token: expected script command, found module");
    }

    private static void assertError(String script, int line, String reason) {
        TextParseException e = assertThrows(TextParseException.class, () -> Wast.parse(script));
        assertEquals(reason, e.reason());
        assertEquals(line, e.line());
    }
}
