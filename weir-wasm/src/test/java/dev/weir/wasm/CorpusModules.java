package dev.weir.wasm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.testsupport.TestSuites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The .wasm files of BENCH_CORPUS_DIR and WASI_TESTSUITE_DIR (defaults under ../shared). */
final class CorpusModules {
    private CorpusModules() {
    }

    /** All .wasm files of one corpus; skips the calling test (naming the variable) if absent. */
    static List<Path> files(TestSuites.Suite suite) {
        return TestSuites.files(TestSuites.require(suite), ".wasm");
    }

    static List<Path> all() {
        List<Path> r = new ArrayList<>();
        Path b = TestSuites.locate(TestSuites.Suite.BENCH);
        Path w = TestSuites.locate(TestSuites.Suite.WASI);
        assumeTrue(Files.isDirectory(b) || Files.isDirectory(w),
                "BENCH_CORPUS_DIR and WASI_TESTSUITE_DIR not set and defaults absent: skipped");
        if (Files.isDirectory(b)) {
            r.addAll(TestSuites.files(b, ".wasm"));
        }
        if (Files.isDirectory(w)) {
            r.addAll(TestSuites.files(w, ".wasm"));
        }
        return r;
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
