package dev.weir.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where benchmark inputs come from: the example kernels (copied into the jar from
 * {@code examples/wasm} at build time, so the shaded jar runs from any directory) and the
 * sightglass modules of the bench corpus ({@code BENCH_CORPUS_DIR}).
 */
public final class WasmFiles {
    /** Default corpus location when neither the variable nor ../shared/bench-corpus exists. */
    static final String DEFAULT_CORPUS = "/work/shared/bench-corpus";

    private WasmFiles() {
    }

    /** An example module by file name, e.g. {@code fib.wasm}. */
    public static byte[] example(String fileName) {
        String resource = "/dev/weir/bench/wasm/" + fileName;
        try (InputStream in = WasmFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("benchmark resource " + resource
                        + " missing: the weir-bench build copies it from examples/wasm");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The corpus root: {@code BENCH_CORPUS_DIR} (environment) or {@code bench.corpus.dir} (system
     * property), else {@code ../shared/bench-corpus} when it exists, else {@value #DEFAULT_CORPUS}.
     */
    public static Path corpusDir() {
        String env = System.getenv("BENCH_CORPUS_DIR");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        String prop = System.getProperty("bench.corpus.dir");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        Path relative = Paths.get("..", "shared", "bench-corpus");
        return Files.isDirectory(relative) ? relative : Paths.get(DEFAULT_CORPUS);
    }

    /** The {@code count} largest {@code sightglass/*}{@code /*.wasm} files, largest first. */
    public static List<Path> largestCorpusModules(int count) {
        Path sightglass = corpusDir().resolve("sightglass");
        if (!Files.isDirectory(sightglass)) {
            throw new IllegalStateException("no bench corpus at " + sightglass.toAbsolutePath()
                    + " (set BENCH_CORPUS_DIR)");
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(sightglass)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".wasm")).forEach(all::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sightglass, e);
        }
        // Largest first; ties broken by path so the choice is stable between runs.
        all.sort(Comparator.comparingLong(WasmFiles::size).reversed().thenComparing(Path::toString));
        if (all.size() < count) {
            throw new IllegalStateException("need " + count + " modules under " + sightglass + ", found " + all.size());
        }
        return List.copyOf(all.subList(0, count));
    }

    /** A short label: {@code <program>/<file>} relative to the sightglass folder. */
    public static String label(Path module) {
        return module.getParent().getFileName() + "/" + module.getFileName();
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p, e);
        }
    }
}
