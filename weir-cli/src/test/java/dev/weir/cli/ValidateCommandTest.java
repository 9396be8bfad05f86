package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final Pattern OFFSET = Pattern.compile(" at byte 0x[0-9a-f]+: ");

    @TempDir
    Path dir;

    private String write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    @Test
    void validModulePrintsValidAndExitsZero() throws IOException {
        String f = write("adder.wasm", WasmBytes.adder());
        CliRun r = CliRun.run("validate", f);
        assertEquals(0, r.exit(), r.err());
        assertEquals(f + ": valid\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void quietPrintsNothingOnSuccess() throws IOException {
        String f = write("adder.wasm", WasmBytes.adder());
        CliRun r = CliRun.run("validate", "-q", f);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void truncatedModuleIsOneLineWithOffsetAndNoStackTrace() throws IOException {
        byte[] good = WasmBytes.adder();
        String f = write("cut.wasm", Arrays.copyOf(good, good.length / 2));
        CliRun r = CliRun.run("validate", f);
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().length, r.err());
        String line = r.errLines()[0];
        assertTrue(line.startsWith("weir: " + f + ": malformed module at byte 0x"), line);
        assertTrue(OFFSET.matcher(line).find(), line);
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void garbageIsMalformedWithSpecWording() throws IOException {
        String f = write("text.wasm", "hello, world".getBytes());
        CliRun r = CliRun.run("validate", f);
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains("malformed module"), r.err());
        assertTrue(r.err().contains("magic header not detected"), r.err());
    }

    @Test
    void emptyFileIsMalformed() throws IOException {
        String f = write("empty.wasm", new byte[0]);
        CliRun r = CliRun.run("validate", f);
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().startsWith("weir: " + f + ": malformed module"), r.err());
    }

    @Test
    void invalidModuleNamesOffsetAndFunction() throws IOException {
        String f = write("bad.wasm", WasmBytes.invalidBody());
        CliRun r = CliRun.run("validate", f);
        assertEquals(1, r.exit());
        assertEquals(1, r.errLines().length, r.err());
        String line = r.errLines()[0];
        assertTrue(line.startsWith("weir: " + f + ": invalid module at byte 0x"), line);
        assertTrue(line.contains(" in function 0"), line);
        assertTrue(line.contains("type mismatch"), line);
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        String f = write("bad.wasm", WasmBytes.invalidBody());
        for (String[] args : new String[][] {{"--verbose", "validate", f}, {"validate", "--verbose", f}}) {
            CliRun r = CliRun.run(args);
            assertEquals(1, r.exit());
            assertTrue(r.errLines().length > 1, r.err());
            assertTrue(r.err().contains("InvalidModuleException"), r.err());
        }
    }

    @Test
    void verboseTimesReadingAndValidating() throws IOException {
        String f = write("adder.wasm", WasmBytes.adder());
        CliRun r = CliRun.run("validate", "--verbose", f);
        assertEquals(0, r.exit(), r.err());
        assertEquals(f + ": valid\n", r.out());
        String[] lines = r.errLines();
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].matches("weir: reading .*adder\\.wasm: \\d+ ms"), lines[0]);
        assertTrue(lines[1].matches("weir: validating 1 function of .*adder\\.wasm: \\d+ ms"), lines[1]);
    }

    @Test
    void missingFileAndDirectoryAreOneLineErrors() {
        String missing = dir.resolve("nope.wasm").toString();
        CliRun r = CliRun.run("validate", missing);
        assertEquals(1, r.exit());
        assertEquals("weir: " + missing + ": no such file\n", r.err());

        r = CliRun.run("validate", dir.toString());
        assertEquals(1, r.exit());
        assertEquals("weir: " + dir + ": is a directory\n", r.err());
    }

    @Test
    void reportsEveryFileAndFailsIfAnyFails() throws IOException {
        String good = write("good.wasm", WasmBytes.adder());
        String bad = write("bad.wasm", WasmBytes.invalidBody());
        String good2 = write("good2.wasm", WasmBytes.adder());
        CliRun r = CliRun.run("validate", good, bad, good2);
        assertEquals(1, r.exit());
        assertEquals(good + ": valid\n" + good2 + ": valid\n", r.out());
        assertEquals(1, r.errLines().length, r.err());
        assertTrue(r.err().contains(bad), r.err());
    }

    @Test
    void missingFileArgumentIsUsageError() {
        CliRun r = CliRun.run("validate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("FILE"), r.err());
        assertTrue(r.err().contains("weir validate --help"), r.err());
    }

    /** The bundled examples (examples/wasm, built by examples/build.sh) must all validate. */
    @Test
    void bundledExamplesValidate() throws IOException {
        Path examples = Path.of("..", "examples", "wasm");
        assumeTrue(Files.isDirectory(examples), "no " + examples);
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(examples)) {
            s.filter(p -> p.toString().endsWith(".wasm")).sorted().forEach(p -> files.add(p.toString()));
        }
        assumeTrue(!files.isEmpty(), "no examples");
        CliRun r = CliRun.run(Stream.concat(Stream.of("validate"), files.stream()).toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertEquals(files.size(), r.out().lines().count());
    }

    static boolean classExists(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
