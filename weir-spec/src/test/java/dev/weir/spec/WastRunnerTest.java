package dev.weir.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.text.Wast;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's matching rules on small scripts: what passes, what fails and why. */
class WastRunnerTest {

    private static List<Outcome> run(String script, SpecEngine... engines) {
        EnumSet<SpecEngine> set = engines.length == 0 ? EnumSet.allOf(SpecEngine.class) : EnumSet.of(engines[0], engines);
        return WastRunner.runCommands(Wast.parse(script), set);
    }

    private static String statuses(List<Outcome> os) {
        return os.stream().map(o -> o.line() + ":" + o.engine().id() + ":" + o.status()
                + (o.wrongMessage() ? "~" : "")).collect(Collectors.joining(" "));
    }

    @Test
    void executionAssertionsPass() {
        List<Outcome> os = run("""
                (module
                  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
                  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
                  (func (export "nan") (result f32) (f32.div (f32.const 0) (f32.const 0)))
                  (func (export "vec") (result v128) (v128.const f32x4 nan 1 2 -nan))
                  (func (export "ext") (param externref) (result externref) (local.get 0))
                  (func (export "fn") (result funcref) (ref.func 0))
                  (func $rec (export "rec") (call $rec))
                  (global (export "g") i64 (i64.const 42)))
                (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
                (assert_return (invoke "nan") (f32.const nan:canonical))
                (assert_return (invoke "nan") (f32.const nan:arithmetic))
                (assert_return (invoke "vec") (v128.const f32x4 nan:canonical 1 2 nan:arithmetic))
                (assert_return (invoke "add" (i32.const 1) (i32.const 1)) (either (i32.const 3) (i32.const 2)))
                (assert_return (invoke "ext" (ref.extern 5)) (ref.extern 5))
                (assert_return (invoke "ext" (ref.null extern)) (ref.null extern))
                (assert_return (invoke "fn") (ref.func))
                (assert_return (get "g") (i64.const 42))
                (assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
                (assert_exhaustion (invoke "rec") "call stack exhausted")
                (invoke "add" (i32.const 0) (i32.const 0))
                """, SpecEngine.INTERPRETER);
        assertEquals(13, os.size(), statuses(os));
        assertTrue(os.stream().allMatch(o -> o.status() == Outcome.Status.PASSED), statuses(os));
    }

    @Test
    void mismatchesFailWithDetails() {
        List<Outcome> os = run("""
                (module (func (export "one") (result i32) (i32.const 1))
                        (func (export "f") (result f64) (f64.const 1.5)))
                (assert_return (invoke "one") (i32.const 2))
                (assert_return (invoke "f") (f64.const nan:canonical))
                (assert_trap (invoke "one") "unreachable")
                (assert_return (invoke "missing"))
                (assert_return (invoke "one" (i32.const 1)) (i32.const 1))
                (assert_return (invoke $nope "one") (i32.const 1))
                """, SpecEngine.INTERPRETER);
        assertEquals(7, os.size());
        assertEquals(Outcome.Status.PASSED, os.get(0).status());
        for (Outcome o : os.subList(1, 7)) {
            assertEquals(Outcome.Status.FAILED, o.status(), o.toString());
        }
        assertEquals("got (i32.const 1), expected (i32.const 2)", os.get(1).detail());
        assertTrue(os.get(3).detail().startsWith("expected trap \"unreachable\""), os.get(3).detail());
        assertEquals("no exported function \"missing\"", os.get(4).detail());
        assertEquals("unknown module $nope", os.get(6).detail());
    }

    @Test
    void modulesRegisterDefinitionsAndInstances() {
        List<Outcome> os = run("""
                (module definition $D (global (export "g") (mut i32) (i32.const 7)))
                (module instance $I $D)
                (register "lib" $I)
                (module (import "lib" "g" (global (mut i32))) (import "spectest" "print_i32" (func (param i32)))
                  (import "spectest" "memory" (memory 1)) (import "spectest" "table" (table 10 funcref))
                  (import "spectest" "global_f64" (global f64))
                  (func (export "get") (result i32) (global.get 0)))
                (assert_return (invoke "get") (i32.const 7))
                (assert_return (get $I "g") (i32.const 7))
                (assert_unlinkable (module (import "spectest" "nothing" (func))) "unknown import")
                (assert_unlinkable (module (import "spectest" "global_i32" (global i64))) "incompatible import type")
                (assert_trap (module (func unreachable) (start 0)) "unreachable")
                (assert_uninstantiable (module (memory 0) (data (i32.const 1) "a")) "out of bounds memory access")
                """, SpecEngine.INTERPRETER);
        assertEquals(10, os.size(), statuses(os));
        assertTrue(os.stream().allMatch(o -> o.status() == Outcome.Status.PASSED && !o.wrongMessage()), statuses(os));
    }

    @Test
    void failedModuleMakesLaterActionsFailNotCrash() {
        List<Outcome> os = run("""
                (module (func (export "f") (result i32) (i64.const 0)))
                (assert_return (invoke "f") (i32.const 0))
                """, SpecEngine.INTERPRETER);
        assertEquals(Outcome.Status.FAILED, os.get(0).status());
        assertTrue(os.get(0).detail().startsWith("module does not compile: invalid: type mismatch"), os.get(0).detail());
        assertEquals("module at line 1 failed", os.get(1).detail());
    }

    @Test
    void staticEnginesCheckMalformedAndInvalid() {
        List<Outcome> os = run("""
                (assert_malformed (module quote "(func i32.const)") "unexpected token")
                (assert_malformed (module binary "\\00asm") "unexpected end")
                (assert_malformed (module binary "\\00asm\\01\\00\\00\\00\\99") "this is not the decoder's wording")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
                (assert_malformed (module quote "(module)") "unexpected token")
                (assert_invalid (module quote "(func") "type mismatch")
                """, SpecEngine.PARSE, SpecEngine.VALIDATE);
        assertEquals("1:parse:PASSED 1:validate:PASSED 2:parse:PASSED 2:validate:PASSED "
                + "3:parse:PASSED~ 3:validate:PASSED~ 4:parse:PASSED 4:validate:PASSED "
                + "5:parse:PASSED 5:validate:FAILED 6:parse:FAILED 6:validate:FAILED "
                + "7:parse:FAILED 7:validate:FAILED", statuses(os));
        assertEquals("module was accepted", os.get(9).detail());
        assertTrue(os.get(12).detail().startsWith("does not parse: malformed:"), os.get(12).detail());
    }

    @Test
    void runawayCodeTimesOutAndLaterCommandsStillRun() {
        List<Outcome> os = WastRunner.runCommands(Wast.parse("""
                (module (func (export "spin") (loop (br 0))) (func (export "one") (result i32) (i32.const 1)))
                (assert_return (invoke "spin"))
                (assert_return (invoke "one") (i32.const 1))
                """), EnumSet.of(SpecEngine.INTERPRETER), 300);
        assertEquals(Outcome.Status.FAILED, os.get(1).status());
        assertTrue(os.get(1).detail().startsWith("timed out after 300 ms"), os.get(1).detail());
        assertEquals(Outcome.Status.PASSED, os.get(2).status(), os.get(2).toString());
    }

    @Test
    void threadsAreSkippedWithAReason() {
        List<Outcome> os = run("""
                (thread $T (invoke "f"))
                (wait $T)
                """, SpecEngine.INTERPRETER);
        assertEquals(2, os.size());
        assertTrue(os.stream().allMatch(o -> o.status() == Outcome.Status.SKIPPED && o.detail().contains("threads")));
    }

    @Test
    void cliEntryPointPrintsCountsAndFailures(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("t.wast");
        Files.writeString(f, """
                (module (func (export "one") (result i32) (i32.const 1)))
                (assert_return (invoke "one") (i32.const 1))
                (assert_return (invoke "one") (i32.const 2))
                """);
        Path bad = tmp.resolve("bad.wast");
        Files.writeString(bad, "(assert_return");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary s = WastRunner.run(List.of(f, bad), WastRunner.allEngines(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(3, s.failed(), text); // the failing assertion on interpreter and compiler, plus bad.wast
        assertEquals(1, s.scriptErrors());
        assertTrue(text.contains(f + ":3: compiler: assert_return (invoke \"one\"): got (i32.const 1), expected (i32.const 2)"), text);
        assertTrue(text.contains(f + ":3: interpreter: assert_return (invoke \"one\"): got (i32.const 1), expected (i32.const 2)"), text);
        assertTrue(text.contains("bad.wast: ERROR script does not parse: 1:1: unexpected end of input"), text);
        assertTrue(s.markdown("r").contains("| interpreter | 2 | 1 | 0 | 0 |"), s.markdown("r"));
        assertFalse(s.files().get(0).ok());
    }
}
