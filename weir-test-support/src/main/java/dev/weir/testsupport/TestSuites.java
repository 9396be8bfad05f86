package dev.weir.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the shared test suites are (DEVELOPERS.md, "Test suites"): one lookup for every module's
 * tests instead of a copy per module.
 *
 * <p>Order: the environment variable (e.g. {@code WASM_TESTSUITE_DIR}) when set and non-empty;
 * else the system property (e.g. {@code wasm.testsuite.dir}) when set and non-empty; else the first
 * {@code shared/NAME} directory found walking up from the working directory (a module directory
 * under Maven, so this finds {@code ../shared/NAME} beside the checkout, the documented default);
 * else {@code ../shared/NAME} relative to the parent of the working directory, which does not exist
 * and makes {@link #require} skip with a message naming the variable.
 */
public final class TestSuites {
    private TestSuites() {
    }

    /** The suites, with their variable, system property and default directory name. */
    public enum Suite {
        /** The official spec testsuite (.wast scripts). */
        WASM("WASM_TESTSUITE_DIR", "wasm.testsuite.dir", "wasm-testsuite"),
        /** The official wasi-testsuite. */
        WASI("WASI_TESTSUITE_DIR", "wasi.testsuite.dir", "wasi-testsuite"),
        /** The benchmark corpus (sightglass programs and more). */
        BENCH("BENCH_CORPUS_DIR", "bench.corpus.dir", "bench-corpus");

        public final String envVar;
        public final String property;
        public final String dirName;

        Suite(String envVar, String property, String dirName) {
            this.envVar = envVar;
            this.property = property;
            this.dirName = dirName;
        }
    }

    /** The suite's directory per the order above; it may not exist. */
    public static Path locate(Suite suite) {
        String env = System.getenv(suite.envVar);
        if (env != null && !env.isEmpty()) {
            return Path.of(env);
        }
        String prop = System.getProperty(suite.property);
        if (prop != null && !prop.isEmpty()) {
            return Path.of(prop);
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve(suite.dirName);
            if (Files.isDirectory(c)) {
                return c;
            }
        }
        Path parent = cwd.getParent() != null ? cwd.getParent() : cwd;
        return parent.resolve("..").resolve("shared").resolve(suite.dirName).normalize();
    }

    /**
     * The suite's directory; when it does not exist the calling test is skipped (aborted, so it is
     * reported, never silently passed) with a message naming the directory and the variable.
     */
    public static Path require(Suite suite) {
        Path p = locate(suite);
        assumeTrue(Files.isDirectory(p), () -> missing(suite, p));
        return p;
    }

    /** {@code wasm-testsuite not found at /x; set WASM_TESTSUITE_DIR to run these tests}. */
    public static String missing(Suite suite, Path where) {
        return suite.dirName + " not found at " + where + "; set " + suite.envVar + " to run these tests";
    }

    /** The regular files under {@code dir} whose names end with {@code suffix}, sorted by path. */
    public static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f)).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
