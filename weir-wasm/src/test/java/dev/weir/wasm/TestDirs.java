package dev.weir.wasm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Locates the shared test suites: an environment variable, else ../shared/NAME beside the repo. */
final class TestDirs {
    private TestDirs() {
    }

    static Path dir(String env, String name) {
        String v = System.getenv(env);
        Path p = v != null && !v.isEmpty() ? Path.of(v)
                : Path.of("").toAbsolutePath().getParent().resolve("../shared/" + name).normalize();
        assumeTrue(Files.isDirectory(p), name + " not found at " + p + "; set " + env + " to run these tests");
        return p;
    }

    static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(suffix) && Files.isRegularFile(f)).sorted()
                    .collect(Collectors.toList());
        }
    }
}
