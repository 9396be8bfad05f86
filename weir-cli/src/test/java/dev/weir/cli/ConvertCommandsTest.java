package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir wat2wasm}, {@code weir wasm2wat}, and .wat input to validate/run. */
class ConvertCommandsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripWatToWasmToWatToWasmIsStable() throws IOException {
        Path wat = dir.resolve("fib.wat");
        Files.copy(Examples.wasm("fib.wasm").getParent().resolveSibling("wat").resolve("fib.wat"), wat);
        CliRun a = CliRun.run("wat2wasm", wat.toString());
        assertEquals(0, a.exit(), a.err());
        assertEquals("", a.out());
        Path wasm = dir.resolve("fib.wasm");
        assertTrue(Files.isRegularFile(wasm));
        CliRun b = CliRun.run("wasm2wat", wasm.toString());
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.out().startsWith("(module"), b.out());
        Path printed = dir.resolve("printed.wat");
        CliRun c = CliRun.run("wasm2wat", wasm.toString(), "-o", printed.toString());
        assertEquals(0, c.exit(), c.err());
        assertEquals(b.out(), Files.readString(printed));
        CliRun d = CliRun.run("wat2wasm", printed.toString(), "-o", dir.resolve("again.wasm").toString());
        assertEquals(0, d.exit(), d.err());
        assertArrayEquals(Files.readAllBytes(wasm), Files.readAllBytes(dir.resolve("again.wasm")));
        // And the converted module runs.
        CliRun run = CliRun.run("run", dir.resolve("again.wasm").toString(), "--invoke", "fib", "20");
        assertEquals("6765\n", run.out(), run.err());
    }

    @Test
    void exampleBinaryRoundTripsThroughText() throws IOException {
        Path text = dir.resolve("add.wat");
        assertEquals(0, CliRun.run("wasm2wat", Examples.wasm("add.wasm").toString(), "-o", text.toString()).exit());
        CliRun r = CliRun.run("wat2wasm", text.toString());
        assertEquals(0, r.exit(), r.err());
        CliRun again = CliRun.run("wasm2wat", dir.resolve("add.wasm").toString());
        assertEquals(Files.readString(text), again.out());
    }

    @Test
    void parseErrorsAndInvalidModules() throws IOException {
        Path broken = dir.resolve("broken.wat");
        Files.writeString(broken, "(module (func");
        CliRun r = CliRun.run("wat2wasm", broken.toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("weir: " + broken + ":1:"), r.err());
        assertFalse(Files.exists(dir.resolve("broken.wasm")));

        Path invalid = dir.resolve("invalid.wat");
        Files.writeString(invalid, "(module (func (result i32)))");
        CliRun v = CliRun.run("wat2wasm", invalid.toString());
        assertEquals(1, v.exit());
        assertTrue(v.err().contains("invalid module") && v.err().contains("type mismatch"), v.err());
        CliRun nc = CliRun.run("wat2wasm", "--no-check", invalid.toString());
        assertEquals(0, nc.exit(), nc.err());
        assertTrue(Files.isRegularFile(dir.resolve("invalid.wasm")));
        CliRun back = CliRun.run("wasm2wat", dir.resolve("invalid.wasm").toString());
        assertEquals(1, back.exit());
        assertTrue(back.err().contains("invalid module at byte 0x"), back.err());
        assertEquals(0, CliRun.run("wasm2wat", "--no-check", dir.resolve("invalid.wasm").toString()).exit());
    }

    @Test
    void unwritableOutputIsOneLine() throws IOException {
        CliRun r = CliRun.run("wasm2wat", Examples.wasm("add.wasm").toString(), "-o",
                dir.resolve("no/such/dir/x.wat").toString());
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("cannot write"), r.err());
    }

    @Test
    void validateAndInspectAcceptText() throws IOException {
        Path wat = dir.resolve("m.wat");
        Files.writeString(wat, "(module (func (export \"f\") (result i32) i32.const 1))");
        CliRun v = CliRun.run("validate", wat.toString());
        assertEquals(0, v.exit(), v.err());
        assertEquals(wat + ": valid\n", v.out());
        CliRun i = CliRun.run("inspect", wat.toString());
        assertEquals(0, i.exit(), i.err());
        assertTrue(i.out().contains("text"), i.out());
    }

    @Test
    void defaultOutputNameReplacesTheExtension() {
        assertEquals("a/b.wasm", Wat2WasmCommand.withExtension("a/b.wat", ".wasm"));
        assertEquals("a.b/c.wasm", Wat2WasmCommand.withExtension("a.b/c", ".wasm"));
        assertEquals("a/.hidden.wasm", Wat2WasmCommand.withExtension("a/.hidden", ".wasm"));
    }
}
