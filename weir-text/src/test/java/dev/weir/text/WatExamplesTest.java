package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Text modules with the binary wat2wasm produced for them: the repository's examples/wat (with
 * examples/wasm) and this module's test resources wat/*.wat (binaries generated once with
 * {@code wat2wasm --enable-all}; wat2wasm is not needed to run the tests). Parsing the text and
 * decoding the binary must give equal modules.
 */
class WatExamplesTest {

    @TestFactory
    Stream<DynamicTest> repositoryExamples() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent().resolve("examples");
        List<Path> wats = list(root.resolve("wat"));
        assertTrue(wats.size() >= 5, "examples/wat not found under " + root);
        return wats.stream().map(w -> DynamicTest.dynamicTest(w.getFileName().toString(),
                () -> compare(w, root.resolve("wasm").resolve(binaryName(w)))));
    }

    @TestFactory
    Stream<DynamicTest> featureSamples() throws IOException, URISyntaxException {
        Path dir = Path.of(WatExamplesTest.class.getResource("/wat").toURI());
        List<Path> wats = list(dir);
        assertTrue(wats.size() >= 4);
        return wats.stream().map(w -> DynamicTest.dynamicTest(w.getFileName().toString(),
                () -> compare(w, dir.resolve(binaryName(w)))));
    }

    private static String binaryName(Path wat) {
        String n = wat.getFileName().toString();
        return n.substring(0, n.length() - 4) + ".wasm";
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".wat")).sorted().collect(Collectors.toList());
        }
    }

    private static void compare(Path wat, Path wasm) throws IOException {
        WasmModule fromText = Wat.parse(Files.readAllBytes(wat));
        WasmModule fromBinary = WasmDecoder.decode(Files.readAllBytes(wasm));
        assertEquals(fromBinary.recGroups(), fromText.recGroups(), "types");
        assertEquals(fromBinary.imports(), fromText.imports(), "imports");
        assertEquals(fromBinary.tables(), fromText.tables(), "tables");
        assertEquals(fromBinary.memories(), fromText.memories(), "memories");
        assertEquals(fromBinary.globals(), fromText.globals(), "globals");
        assertEquals(fromBinary.exports(), fromText.exports(), "exports");
        assertEquals(fromBinary.elements(), fromText.elements(), "elements");
        assertEquals(fromBinary.data(), fromText.data(), "data");
        for (int i = 0; i < fromBinary.code().size(); i++) {
            assertEquals(fromBinary.code().get(i).locals(), fromText.code().get(i).locals(), "locals of " + i);
            assertEquals(hex(fromBinary.code().get(i).code().bytes()), hex(fromText.code().get(i).code().bytes()),
                    "code of defined function " + i);
        }
        assertEquals(fromBinary, fromText);
        WasmValidator.validate(fromText);
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
