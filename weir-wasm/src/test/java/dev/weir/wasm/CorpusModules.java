package dev.weir.wasm;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The .wasm files of BENCH_CORPUS_DIR and WASI_TESTSUITE_DIR (defaults under ../shared). */
final class CorpusModules {
    private CorpusModules() {
    }

    static Path dir(String env, String name) {
        String v = System.getenv(env);
        if (v != null) {
            return Path.of(v);
        }
        for (String base : new String[] {"../../shared/", "../shared/", "/work/shared/"}) {
            Path p = Path.of(base + name);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return Path.of("../shared/" + name);
    }

    /** All .wasm files of one corpus; skips the calling test (naming the variable) if absent. */
    static List<Path> files(String env, String name) {
        Path d = dir(env, name);
        assumeTrue(Files.isDirectory(d), env + " not set and " + d + " absent: skipped");
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(p -> p.toString().endsWith(".wasm")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> all() {
        List<Path> r = new ArrayList<>();
        Path b = dir("BENCH_CORPUS_DIR", "bench-corpus");
        Path w = dir("WASI_TESTSUITE_DIR", "wasi-testsuite");
        assumeTrue(Files.isDirectory(b) || Files.isDirectory(w),
                "BENCH_CORPUS_DIR and WASI_TESTSUITE_DIR not set and defaults absent: skipped");
        if (Files.isDirectory(b)) {
            r.addAll(files("BENCH_CORPUS_DIR", "bench-corpus"));
        }
        if (Files.isDirectory(w)) {
            r.addAll(files("WASI_TESTSUITE_DIR", "wasi-testsuite"));
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
