package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same bad inputs through every verb that reads a module: a missing file, a directory, a
 * malformed binary (truncated), an invalid module (type mismatch). Each must fail with exactly one
 * {@code weir: FILE: ...} line on stderr (byte offset included for binaries), a non-zero exit and
 * no Java stack trace; --verbose adds the trace.
 */
class BadInputTest {
    private static final Pattern OFFSET = Pattern.compile(" at byte 0x[0-9a-f]+[: ]");

    @TempDir
    Path dir;

    /** The verb's command line with {@code file} where the module goes. */
    private List<String> command(String verb, String file) {
        switch (verb) {
            case "run":
            case "memcheck":
                return List.of(verb, file, "--invoke", "add", "1", "2");
            case "wasm2wat":
                return List.of(verb, file);
            case "wat2wasm":
                return List.of(verb, file, "-o", dir.resolve("out.wasm").toString());
            default:
                return List.of(verb, file);
        }
    }

    private CliRun run(String verb, String file, String... extra) {
        List<String> c = new ArrayList<>(command(verb, file));
        c.addAll(1, Arrays.asList(extra));
        return CliRun.run(c.toArray(new String[0]));
    }

    private static void assertOneLine(CliRun r, int exit, String prefix, String contains) {
        assertEquals(exit, r.exit(), r.out() + r.err());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith(prefix), "want prefix '" + prefix + "' in: " + r.err());
        assertTrue(r.err().contains(contains), "want '" + contains + "' in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "inspect", "wasm2wat", "wat2wasm", "memcheck", "wast"})
    void missingFile(String verb) {
        String f = dir.resolve("nope.wasm").toString();
        assertOneLine(run(verb, f), 1, "weir: " + f + ": ", "no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "inspect", "wasm2wat", "wat2wasm", "memcheck"})
    void directoryInsteadOfFile(String verb) {
        String f = dir.toString();
        assertOneLine(run(verb, f), 1, "weir: " + f + ": ", "directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "inspect", "wasm2wat", "memcheck"})
    void malformedBinaryNamesFileOffsetAndReason(String verb) throws IOException {
        byte[] good = WasmBytes.adder();
        Path f = Files.write(dir.resolve("cut.wasm"), Arrays.copyOf(good, good.length - 3));
        CliRun r = run(verb, f.toString());
        assertOneLine(r, 1, "weir: " + f + ": malformed module at byte 0x", ": length out of bounds");
        assertTrue(OFFSET.matcher(r.err()).find(), r.err());
        CliRun v = run(verb, f.toString(), "--verbose");
        assertEquals(1, v.exit());
        assertTrue(v.err().contains("MalformedModuleException") && v.err().contains("\tat "), v.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "wasm2wat", "memcheck"})
    void invalidBinaryNamesFileOffsetFunctionAndReason(String verb) throws IOException {
        Path f = Files.write(dir.resolve("bad.wasm"), WasmBytes.typeMismatch());
        CliRun r = run(verb, f.toString());
        assertOneLine(r, 1, "weir: " + f + ": invalid module at byte 0x", "type mismatch");
        assertTrue(r.err().contains(" in function 0"), r.err());
    }

    @Test
    void inspectDescribesAnInvalidModuleInsteadOfFailing() throws IOException {
        Path f = Files.write(dir.resolve("bad.wasm"), WasmBytes.typeMismatch());
        CliRun r = CliRun.run("inspect", f.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("type mismatch"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "inspect", "wat2wasm", "memcheck"})
    void malformedTextNamesLineAndColumn(String verb) throws IOException {
        Path f = Files.writeString(dir.resolve("broken.wat"), "(module\n  (func (export \"add\") (result i32)\n    i32.const 1 i32.bogus))\n");
        CliRun r = run(verb, f.toString());
        assertOneLine(r, 1, "weir: " + f + ":3:", "i32.bogus");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "wat2wasm", "memcheck"})
    void invalidTextModule(String verb) throws IOException {
        Path f = Files.writeString(dir.resolve("bad.wat"), "(module (func (export \"add\") (param i32 i32) (result i32)))");
        assertOneLine(run(verb, f.toString()), 1, "weir: " + f + ": invalid module in function 0", "type mismatch");
    }

    @Test
    void wastWithMalformedScriptIsOneLineWithItsPosition() throws IOException {
        Path f = Files.writeString(dir.resolve("broken.wast"), "(module (func)\n");
        CliRun r = CliRun.run("wast", f.toString());
        assertEquals(1, r.exit(), r.out() + r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue((r.out() + r.err()).contains("broken.wast"), r.out() + r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "inspect", "wasm2wat", "wat2wasm", "memcheck", "wast"})
    void missingFileArgumentIsAUsageError(String verb) {
        CliRun r = CliRun.run(verb);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("weir: Missing required parameter"), r.err());
        assertTrue(r.err().contains("Try 'weir " + verb + " --help'"), r.err());
        assertEquals("", r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "inspect", "wasm2wat", "wat2wasm", "memcheck", "wast", "completion"})
    void progressOptionsAndVerboseAreAcceptedEverywhere(String verb) {
        for (String opt : new String[] {"--progress", "--no-progress", "--verbose"}) {
            CliRun r = CliRun.run(verb, opt, "--help");
            assertEquals(0, r.exit(), verb + " " + opt + ": " + r.err());
        }
    }
}
