package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir wast}: spec scripts through weir-spec's runner, and {@code weir completion}. */
class WastCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String script(int expected) {
        return "(module (func (export \"add\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)\n"
                + "  (func (export \"boom\") unreachable))\n"
                + "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const " + expected + "))\n"
                + "(assert_trap (invoke \"boom\") \"unreachable\")\n"
                + "(assert_invalid (module (func (result i32))) \"type mismatch\")\n";
    }

    @Test
    void passingScriptExitsZero() throws IOException {
        Path ok = write("ok.wast", script(3));
        CliRun r = CliRun.run("wast", ok.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith(ok + ":"), r.out());
        assertTrue(r.out().contains("interpreter 3 passed, 0 failed"), r.out());
        assertTrue(r.out().contains("\ntotal "), r.out());
    }

    @Test
    void failingAssertionExitsOneWithItsLine() throws IOException {
        Path bad = write("bad.wast", script(4));
        CliRun r = CliRun.run("wast", bad.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains(bad + ":3: interpreter: assert_return"), r.out());
        // Without the interpreter only parsing and validation are checked, and those pass.
        CliRun s = CliRun.run("wast", "--engine", "parse,validate", bad.toString());
        assertEquals(0, s.exit(), s.out());
        assertTrue(!s.out().contains("interpreter"), s.out());
    }

    @Test
    void directoriesExpandAndBadInputFails() throws IOException {
        write("a.wast", script(3));
        write("b.wast", script(3));
        CliRun r = CliRun.run("wast", "--interpreter", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("a.wast:") && r.out().contains("b.wast:"), r.out());
        assertTrue(r.out().contains("interpreter 3 passed") && !r.out().contains("compiler"), r.out());
        CliRun missing = CliRun.run("wast", dir.resolve("nope.wast").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().endsWith("nope.wast: no such file\n"), missing.err());
        CliRun engine = CliRun.run("wast", "--engine", "jit", dir.resolve("a.wast").toString());
        assertEquals(2, engine.exit());
        assertTrue(engine.err().startsWith("weir: --engine: unknown engine 'jit'"), engine.err());
        Path broken = write("broken.wast", "(module (func)");
        assertEquals(1, CliRun.run("wast", broken.toString()).exit());
    }

    @Test
    void completionScriptCoversTheVerbs() {
        CliRun r = CliRun.run("completion");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
        for (String verb : new String[] {"run", "wast", "wat2wasm", "wasm2wat", "validate", "inspect"}) {
            assertTrue(r.out().contains(verb), verb);
        }
        assertTrue(r.out().contains("--invoke"), "run's options are completed");
    }
}
