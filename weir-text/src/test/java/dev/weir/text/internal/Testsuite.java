package dev.weir.text.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.testsupport.TestSuites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Locates the official spec testsuite: env WASM_TESTSUITE_DIR, default ../shared/wasm-testsuite. */
final class Testsuite {
    private Testsuite() {}

    static Path dir() {
        return TestSuites.require(TestSuites.Suite.WASM);
    }

    /** All .wast files: root, proposals/*, legacy/, custom/. */
    static List<Path> wastFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir())) {
            return s.filter(f -> f.toString().endsWith(".wast")).sorted().collect(Collectors.toList());
        }
    }

    static Path file(String name) {
        Path f = dir().resolve(name);
        assumeTrue(Files.isRegularFile(f), "missing " + f + "; set WASM_TESTSUITE_DIR");
        return f;
    }
}
