package dev.weir.text.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
        String env = System.getenv("WASM_TESTSUITE_DIR");
        Path p;
        if (env != null && !env.isEmpty()) {
            p = Path.of(env);
        } else {
            String prop = System.getProperty("wasm.testsuite.dir");
            if (prop != null && !prop.isEmpty()) {
                p = Path.of(prop);
            } else {
                // Tests run in the module dir (weir-text); the default is relative to the repo root.
                Path root = Path.of("").toAbsolutePath().getParent();
                p = root.resolve("../shared/wasm-testsuite").normalize();
            }
        }
        assumeTrue(Files.isDirectory(p),
                "spec testsuite not found at " + p + "; set WASM_TESTSUITE_DIR to run these tests");
        return p;
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
