package dev.weir.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.text.Wat;
import dev.weir.wasm.WasmEncoder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Structured fuzzing with binaryen: {@code wasm-opt --translate-to-fuzz} modules, interpreter vs
 * compiler on every one and vs Node on every 8th, for {@code -Dfuzz.binaryen.seconds} (default
 * {@code -Dfuzz.seconds}). Runs when wasm-opt is on PATH; with {@code WEIR_REQUIRE_BINARYEN=1} a
 * missing wasm-opt fails the build instead of skipping.
 */
class BinaryenCampaignTest {
    static void requireWasmOpt() {
        if (Binaryen.wasmOpt() == null) {
            if (Binaryen.required()) {
                fail("WEIR_REQUIRE_BINARYEN=1 but wasm-opt (binaryen) is not on PATH");
            }
            Assumptions.abort("wasm-opt (binaryen) is not on PATH; set WEIR_REQUIRE_BINARYEN=1 to make this a failure");
        }
    }

    static byte[] wat(String text) {
        return WasmEncoder.encode(Wat.parse(text));
    }

    @Test
    void interpreterCompilerAndNodeAgreeOnBinaryenModules() {
        requireWasmOpt();
        long seconds = Long.getLong("fuzz.binaryen.seconds", Long.getLong("fuzz.seconds", 30));
        long seed = Long.getLong("fuzz.seed", 1);
        String dir = System.getProperty("fuzz.regressions.dir");
        System.out.println("[weir-fuzz] binaryen campaign with " + Binaryen.version() + ": " + seconds
                + " s from seed " + seed + " (reproduce with -Dfuzz.seed=" + seed + " -Dfuzz.binaryen.seconds="
                + seconds + ")");
        BinaryenCampaign c = new BinaryenCampaign(8, dir == null ? null : Path.of(dir));
        BinaryenCampaign.Stats s = c.run(seed, seconds * 1000);
        System.out.println("[weir-fuzz] " + s);
        if (!s.unsupportedExamples.isEmpty()) {
            System.out.println("[weir-fuzz] e.g. " + s.unsupportedExamples);
        }
        assertTrue(s.modules > 0, "no module generated");
        // A campaign whose modules all fail to load compares nothing: most must run.
        assertTrue(s.unsupported * 10 <= s.modules, "most binaryen modules rejected: " + s.unsupportedExamples);
        List<String> found = s.findings.stream()
                .map(f -> "seed " + f.seed() + " " + f.pair() + ": " + f.diff() + " -> " + f.wasm()).toList();
        assertEquals(List.of(), found, "differences (reproducers saved)");
    }

    /** The compiler is the Engine default now: the "interpreter" side must really interpret. */
    @Test
    void runnersUseTheEnginesTheirNamesSay() {
        byte[] wasm = wat("(module (func (export \"f\") (result i32) (i32.const 1)))");
        assertFalse(BinaryenWeirRunner.interpreter(false).engine().compile(wasm).isCompiled());
        assertTrue(BinaryenWeirRunner.compiler(false).engine().compile(wasm).isCompiled());
        assertNull(WeirRunner.interpreter().unavailableReason());
        assertNull(WeirRunner.compiler().unavailableReason());
    }

    /** The runner's plumbing on a hand-written module shaped like binaryen's. */
    @Test
    void transcriptRecordsLogsCallsTrapsMemoryAndGlobals() {
        byte[] wasm = wat("""
                (module
                  (import "fuzzing-support" "log-i32" (func $log (param i32)))
                  (global $hang (mut i32) (i32.const 0))
                  (global $g (mut i64) (i64.const 5))
                  (memory (export "memory") 1 1)
                  (func (export "hangLimitInitializer") (global.set $hang (i32.const 10)))
                  (func (export "a") (param i32 f64) (result i32 f32)
                    (call $log (global.get $hang))
                    (i32.store (i32.const 8) (local.get 0))
                    (global.set $g (i64.const -3))
                    (local.get 0) (f32.const 1.5))
                  (func (export "b") (param i64) (result i64) (i64.div_s (local.get 0) (i64.const 0))))
                """);
        Transcript t = BinaryenWeirRunner.interpreter(false).run(wasm);
        List<String> l = t.lines();
        assertEquals("log i32:10", l.get(0));
        assertEquals("call a -> i32:0 f:3ff8000000000000", l.get(1)); // ordinal 0, param 0: I32S[0]
        assertEquals("call b trap integer divide by zero", l.get(2));
        assertTrue(l.get(3).startsWith("memory "));
        assertEquals(List.of("global 0 i32:10", "global 1 i64:-3"), l.subList(4, 6));
        assertEquals(6, l.size());
        assertNull(BinaryenCampaign.aloneProblem(t));
        Transcript c = BinaryenWeirRunner.compiler(false).run(wasm);
        assertNull(t.diff(c, true), () -> "compiler: " + c.lines());
        assertEquals("call b trap div-zero", Transcript.normalize(l.get(2)));
    }

    @Test
    void exportRewriterAddsAndRemovesExports() {
        byte[] wasm = wat("(module (global (mut i32) (i32.const 1)) (global i64 (i64.const 2))"
                + " (func (export \"f\")) (func (export \"g\")))");
        byte[] all = ExportRewriter.exportAllGlobals(wasm);
        assertEquals(List.of("f", "g", "__weir_g0", "__weir_g1"),
                ExportRewriter.exports(all).stream().map(ExportRewriter.Exp::name).toList());
        byte[] one = ExportRewriter.keepExports(all, n -> n.equals("g"));
        assertEquals(List.of("g"), ExportRewriter.exports(one).stream().map(ExportRewriter.Exp::name).toList());
        dev.weir.wasm.WasmValidator.validate(dev.weir.wasm.WasmDecoder.decode(one));
        // No export section at all: one is inserted in section order.
        byte[] none = ExportRewriter.keepExports(wasm, n -> false);
        byte[] added = ExportRewriter.exportAllGlobals(none);
        assertEquals(2, ExportRewriter.exports(added).size());
        dev.weir.wasm.WasmValidator.validate(dev.weir.wasm.WasmDecoder.decode(added));
    }

    @Test
    void nodeRunnerAgreesOnAHandWrittenModule() {
        BinaryenNodeRunner node = new BinaryenNodeRunner();
        String why = node.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "node unavailable: " + why);
        byte[] wasm = wat("""
                (module
                  (import "fuzzing-support" "log-f64" (func $log (param f64)))
                  (memory (export "memory") 1 1)
                  (global $f (mut f32) (f32.const -0.5))
                  (func (export "x") (param i32 i64 f32 f64) (result i64 f64)
                    (call $log (local.get 3))
                    (i64.add (local.get 1) (i64.extend_i32_s (local.get 0))) (f64.promote_f32 (local.get 2)))
                  (func (export "y") (param i32) (i32.store (i32.const 65536) (local.get 0))))
                """);
        Transcript w = BinaryenWeirRunner.interpreter(true).run(wasm);
        Transcript n = node.runAll(List.of(wasm)).get(0);
        assertNull(w.diff(n, false), () -> "weir " + w.lines() + "\nnode " + n.lines());
    }
}
