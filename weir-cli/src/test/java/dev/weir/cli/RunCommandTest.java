package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir run}: --invoke with typed arguments and results, traps, limits, linking, WASI commands. */
class RunCommandTest {
    @TempDir
    Path dir;

    private String wat(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void invokesAddOnTheExample() {
        CliRun r = CliRun.run("run", Examples.wasm("add.wasm").toString(), "--invoke", "add", "3", "4");
        assertEquals(0, r.exit(), r.err());
        assertEquals("7\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void optionsMayComeBeforeTheFileAndNegativeAndHexArgumentsParse() {
        CliRun r = CliRun.run("run", "--invoke", "add", Examples.wasm("add.wasm").toString(), "-3", "0xffffffff");
        assertEquals(0, r.exit(), r.err());
        assertEquals("-4\n", r.out());
    }

    @Test
    void invokesFib() {
        CliRun r = CliRun.run("run", Examples.wasm("fib.wasm").toString(), "--invoke", "fib", "20");
        assertEquals(0, r.exit(), r.err());
        assertEquals("6765\n", r.out());
        CliRun i = CliRun.run("run", "--interpreter", Examples.wasm("fib.wasm").toString(), "--invoke", "fib", "10");
        assertEquals("55\n", i.out(), i.err());
    }

    @Test
    void allValueTypesRoundTrip() throws IOException {
        String f = wat("f.wat", "(module (func (export \"f\") (param f32 f64 i64 v128) (result f64 f32 i64 v128)"
                + " local.get 1 local.get 0 local.get 2 local.get 3))");
        CliRun r = CliRun.run("run", f, "--invoke", "f", "0x1.8p1", "nan:0x1234", "18446744073709551615",
                "0x000102030405060708090a0b0c0d0e0f");
        assertEquals(0, r.exit(), r.err());
        assertEquals("nan:0x1234\n3.0\n-1\n0x000102030405060708090a0b0c0d0e0f\n", r.out());
        CliRun s = CliRun.run("run", f, "--invoke", "f", "-inf", "1e300", "-0x8000000000000000",
                "0xffffffffffffffffffffffffffffffff");
        assertEquals("1.0E300\n-inf\n-9223372036854775808\n0xffffffffffffffffffffffffffffffff\n", s.out(), s.err());
    }

    @Test
    void nullReferencesCanBePassed() throws IOException {
        String f = wat("r.wat", "(module (func (export \"isnull\") (param externref) (result i32) local.get 0 ref.is_null)"
                + " (func (export \"get\") (result funcref) ref.null func))");
        assertEquals("1\n", CliRun.run("run", f, "--invoke", "isnull", "null").out());
        assertEquals("null\n", CliRun.run("run", f, "--invoke", "get").out());
        CliRun bad = CliRun.run("run", f, "--invoke", "isnull", "7");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("only null references"), bad.err());
    }

    @Test
    void trapPrintsMessageAndWasmStackAndExitsOne() throws IOException {
        String f = wat("trap.wat", "(module (func $inner unreachable) (func (export \"boom\") call $inner))");
        CliRun r = CliRun.run("run", "--interpreter", f, "--invoke", "boom");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        String[] lines = r.errLines();
        assertEquals("weir: trap: unreachable", lines[0], r.err());
        assertTrue(lines.length >= 3, r.err());
        assertTrue(lines[1].trim().startsWith("at ") && lines[1].contains("inner"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        CliRun v = CliRun.run("run", "--verbose", f, "--invoke", "boom");
        assertTrue(v.err().contains("\tat dev.weir."), v.err());
        // Compiled code (the default) traps with the same message; without frames it says how to get them.
        CliRun c = CliRun.run("run", f, "--invoke", "boom");
        assertEquals(1, c.exit());
        assertTrue(c.err().startsWith("weir: trap: unreachable\n"), c.err());
        assertFalse(c.err().contains("Exception"), c.err());
    }

    @Test
    void verboseShowsDecodeAndCompileTimings() {
        CliRun r = CliRun.run("run", "--verbose", Examples.wasm("fib.wasm").toString(), "--invoke", "fib", "10");
        assertEquals(0, r.exit(), r.err());
        assertEquals("55\n", r.out());
        String[] lines = r.errLines();
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].matches("weir: reading .*fib\\.wasm: \\d+ ms"), lines[0]);
        assertTrue(lines[1].matches("weir: validating and compiling \\d+ functions? of .*fib\\.wasm: \\d+(\\.\\d)? m?s"
                + " \\(\\d+ to JVM bytecode, \\d+ interpreted\\)"), lines[1]);
        CliRun i = CliRun.run("run", "--verbose", "--interpreter", Examples.wasm("fib.wasm").toString(), "--invoke", "fib", "10");
        assertTrue(i.err().contains("weir: validating 1 function of") || i.err().contains("(interpreter)"), i.err());
        // --no-progress changes nothing off a terminal; --progress draws nothing for steps this short.
        CliRun q = CliRun.run("run", "--no-progress", Examples.wasm("fib.wasm").toString(), "--invoke", "fib", "10");
        assertEquals("", q.err());
        CliRun p = CliRun.run("run", "--progress", Examples.wasm("fib.wasm").toString(), "--invoke", "fib", "10");
        assertEquals("55\n", p.out(), p.err());
    }

    @Test
    void wasiExitCodeIsPassedThroughUnchanged() throws IOException {
        for (int code : new int[] {0, 1, 2, 42, 126}) {
            String f = wat("exit" + code + ".wat", "(module"
                    + " (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))"
                    + " (memory (export \"memory\") 1)"
                    + " (func (export \"_start\") (call $exit (i32.const " + code + "))))");
            CliRun r = CliRun.run("run", f);
            assertEquals(code, r.exit(), r.err());
            assertEquals("", r.err());
        }
    }

    @Test
    void trapInStartFunctionIsReportedToo() throws IOException {
        String f = wat("start.wat", "(module (func $s i32.const 1 i32.const 0 i32.div_u drop) (start $s)"
                + " (func (export \"f\")))");
        CliRun r = CliRun.run("run", f, "--invoke", "f");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("weir: trap: integer divide by zero\n"), r.err());
    }

    @Test
    void uncaughtExceptionExitsOne() throws IOException {
        String f = wat("throw.wat", "(module (tag $t (param i32)) (func (export \"f\") i32.const 42 throw $t))");
        CliRun r = CliRun.run("run", f, "--invoke", "f");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("weir: uncaught exception (i32:42)"), r.err());
    }

    @Test
    void fuelRunsOut() throws IOException {
        String f = wat("loop.wat", "(module (func (export \"spin\") (loop br 0)))");
        CliRun r = CliRun.run("run", "--fuel", "10000", f, "--invoke", "spin");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("weir: trap: all fuel consumed"), r.err());
        // Enough fuel: the example still runs.
        CliRun ok = CliRun.run("run", "--fuel", "1000000", Examples.wasm("fib.wasm").toString(), "--invoke", "fib", "10");
        assertEquals("55\n", ok.out(), ok.err());
    }

    @Test
    void timeoutInterruptsAnInfiniteLoop() throws IOException {
        String f = wat("loop.wat", "(module (func (export \"spin\") (loop br 0)))");
        long t0 = System.nanoTime();
        CliRun r = CliRun.run("run", "--timeout", "200ms", f, "--invoke", "spin");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("weir: trap: interrupted"), r.err());
        assertTrue(ms < 5000, "took " + ms + " ms");
    }

    @Test
    void maxMemoryMakesGrowFail() throws IOException {
        String f = wat("grow.wat", "(module (memory 1) (func (export \"grow\") (param i32) (result i32)"
                + " local.get 0 memory.grow))");
        assertEquals("1\n", CliRun.run("run", "--max-memory", "1m", f, "--invoke", "grow", "1").out());
        assertEquals("-1\n", CliRun.run("run", "--max-memory", "64k", f, "--invoke", "grow", "1").out());
        CliRun bad = CliRun.run("run", "--max-memory", "lots", f, "--invoke", "grow", "1");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("weir: --max-memory: 'lots' is not a byte size"), bad.err());
    }

    @Test
    void preloadLinksAnotherModule() throws IOException {
        String lib = wat("lib.wat", "(module (func (export \"double\") (param i32) (result i32)"
                + " local.get 0 i32.const 2 i32.mul))");
        String app = wat("app.wat", "(module (import \"lib\" \"double\" (func $d (param i32) (result i32)))"
                + " (func (export \"quad\") (param i32) (result i32) local.get 0 call $d call $d))");
        CliRun r = CliRun.run("run", "--preload", "lib=" + lib, app, "--invoke", "quad", "5");
        assertEquals(0, r.exit(), r.err());
        assertEquals("20\n", r.out());
        CliRun missing = CliRun.run("run", app, "--invoke", "quad", "5");
        assertEquals(1, missing.exit());
        assertEquals(1, missing.errLines().length, missing.err());
        assertTrue(missing.err().startsWith("weir: " + app + ": ") && missing.err().contains("lib.double"), missing.err());
        CliRun badSpec = CliRun.run("run", "--preload", lib, app, "--invoke", "quad", "5");
        assertEquals(2, badSpec.exit());
    }

    @Test
    void initializeRunsBeforeTheInvokedFunction() throws IOException {
        String f = wat("reactor.wat", "(module (global $g (mut i32) (i32.const 0))"
                + " (func (export \"_initialize\") i32.const 41 global.set $g)"
                + " (func (export \"get\") (result i32) global.get $g i32.const 1 i32.add))");
        assertEquals("42\n", CliRun.run("run", f, "--invoke", "get").out());
    }

    @Test
    void argumentErrorsAreUsageErrors() {
        String add = Examples.wasm("add.wasm").toString();
        String[][] cases = {
            {"run", add, "--invoke", "add", "3"},
            {"run", add, "--invoke", "add", "3", "4", "5"},
            {"run", add, "--invoke", "add", "three", "4"},
            {"run", add, "--invoke", "add", "4294967296", "4"},
            {"run", add, "--invoke", "add", "1.5", "4"},
            {"run", add, "--invoke", "sub", "1", "2"},
            {"run", "--fuel", "x", add, "--invoke", "add", "1", "2"},
            {"run", "--timeout", "soon", add, "--invoke", "add", "1", "2"},
            {"run", "--bogus", add, "--invoke", "add", "1", "2"},
            {"run"},
        };
        for (String[] c : cases) {
            CliRun r = CliRun.run(c);
            assertEquals(2, r.exit(), String.join(" ", c) + "\n" + r.err());
            assertTrue(r.err().startsWith("weir: ") || r.err().startsWith("Usage"), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertEquals("", r.out());
        }
        CliRun sub = CliRun.run("run", add, "--invoke", "sub");
        assertTrue(sub.err().contains("exported functions: add"), sub.err());
    }

    @Test
    void missingAndMalformedFilesAreOneLineFailures() throws IOException {
        CliRun r = CliRun.run("run", dir.resolve("nope.wasm").toString(), "--invoke", "f");
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().endsWith("nope.wasm: no such file\n"), r.err());
        String bad = wat("bad.wat", "(module (func (result i32)))");
        CliRun inv = CliRun.run("run", bad, "--invoke", "f");
        assertEquals(1, inv.exit());
        assertTrue(inv.err().contains("invalid module") && inv.err().contains("type mismatch"), inv.err());
    }

    @Test
    void wasiCommandGetsArgumentsOutputAndExitCode() throws IOException {
        CliRun hello = CliRun.run("run", Examples.wasm("hello_wasi.wasm").toString());
        assertEquals(0, hello.exit(), hello.err());
        assertTrue(hello.out().startsWith("hello"), hello.out());
        // Writes argc as a digit, then exits with status 3.
        String f = wat("exit.wat", "(module"
                + " (import \"wasi_snapshot_preview1\" \"args_sizes_get\" (func $sizes (param i32 i32) (result i32)))"
                + " (import \"wasi_snapshot_preview1\" \"fd_write\" (func $write (param i32 i32 i32 i32) (result i32)))"
                + " (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))"
                + " (memory (export \"memory\") 1)"
                + " (func (export \"_start\")"
                + "   (drop (call $sizes (i32.const 0) (i32.const 4)))"
                + "   (i32.store8 (i32.const 100) (i32.add (i32.load (i32.const 0)) (i32.const 48)))"
                + "   (i32.store (i32.const 8) (i32.const 100)) (i32.store (i32.const 12) (i32.const 1))"
                + "   (drop (call $write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16)))"
                + "   (call $exit (i32.const 3))))");
        CliRun r = CliRun.run("run", f, "a", "--b", "-c");
        assertEquals(3, r.exit(), r.err());
        assertEquals("4", r.out());
    }

    @Test
    void wasiTrapExits134() throws IOException {
        String f = wat("t.wat", "(module (func (export \"_start\") unreachable))");
        CliRun r = CliRun.run("run", f);
        assertEquals(RunCommand.WASI_TRAP_EXIT, r.exit());
        assertTrue(r.err().startsWith("weir: trap: unreachable"), r.err());
    }

    @Test
    void moduleWithoutStartNeedsInvoke() {
        CliRun r = CliRun.run("run", Examples.wasm("add.wasm").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--invoke"), r.err());
    }
}
