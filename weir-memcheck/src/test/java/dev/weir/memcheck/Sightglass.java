package dev.weir.memcheck;

import dev.weir.Engine;
import dev.weir.HostFunction;
import dev.weir.Linker;
import dev.weir.wasi.WasiConfig;
import dev.weir.wasi.WasiRunner;
import dev.weir.wasm.FuncType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The sightglass programs under BENCH_CORPUS_DIR (default ../shared/bench-corpus, searched upwards):
 * WASI commands importing {@code bench.start/end}, reading their input (default.input) from
 * their directory, preopened read-only as ".".
 */
final class Sightglass {
    private Sightglass() {
    }

    /** The sightglass directory, or null when the corpus is absent. */
    static Path root() {
        String env = System.getenv("BENCH_CORPUS_DIR");
        if (env != null) {
            Path p = Path.of(env).resolve("sightglass");
            return Files.isDirectory(p) ? p : null;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared").resolve("bench-corpus").resolve("sightglass");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code <dir>/benchmark.wasm} of each program directory, sorted. */
    static List<Path> benchmarks(Path root) {
        try (Stream<Path> s = Files.list(root)) {
            return s.map(d -> d.resolve("benchmark.wasm")).filter(Files::isRegularFile).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a run printed and returned. */
    record Output(int exit, String stdout, String stderr) {
    }

    static WasiConfig config(Path wasm, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return WasiConfig.builder().args(wasm.getFileName().toString()).stdin(InputStream.nullInputStream())
                .stdout(out).stderr(err).preopen(wasm.getParent(), ".", true).build();
    }

    static void bench(Linker l) {
        FuncType none = new FuncType(List.of(), List.of());
        l.define("bench", "start", none, (HostFunction) (c, s, r, b) -> { });
        l.define("bench", "end", none, (HostFunction) (c, s, r, b) -> { });
    }

    /** A plain run (no memcheck) on the interpreter. */
    static Output plain(Path wasm) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Engine e = Engine.create();
        int code = WasiRunner.run(e, e.compile(wasm), config(wasm, out, err), Sightglass::bench);
        return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A run under memcheck; {@code output} receives what the guest printed. */
    static Report checked(Instrumented im, Path wasm, Consumer<Output> output) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Report r = MemCheck.runCommand(im, config(wasm, out, err), Sightglass::bench);
        output.accept(new Output(r.trap() == null ? 0 : -1, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)));
        return r;
    }

    static String expected(Path wasm, String stream) throws IOException {
        Path p = wasm.resolveSibling(wasm.getFileName().toString().replace(".wasm", "." + stream + ".expected"));
        return Files.exists(p) ? Files.readString(p) : null;
    }
}
