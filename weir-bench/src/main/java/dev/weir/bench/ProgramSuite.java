package dev.weir.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The programs of the whole-program suite: every {@code sightglass/<dir>/*.wasm} of the bench corpus
 * (with its {@code .stdout.expected} and, where the corpus has them, its C sources) and the
 * project's own programs from {@code examples/wasm} (copied into the jar at build time and written
 * out to a temporary folder, so subprocess engines get a file).
 */
public final class ProgramSuite {
    /** Programs small enough on every engine (interpreters included) for the CI quick test. */
    static final List<String> QUICK = List.of("noop", "shootout-nestedloop", "shootout-ackermann",
            "shootout-xchacha20", "hello_wasi", "memcopy_churn");

    private ProgramSuite() {
    }

    /** All programs: the sightglass corpus (when present) then the project's own, in a stable order. */
    public static List<Program> all() {
        List<Program> all = new ArrayList<>(sightglass(WasmFiles.corpusDir().resolve("sightglass")));
        all.addAll(own());
        return all;
    }

    /** The programs whose id matches {@code regex} (find semantics), in suite order. */
    public static List<Program> matching(List<Program> programs, String regex) {
        Pattern p = Pattern.compile(regex);
        return programs.stream().filter(pr -> p.matcher(pr.id()).find()).collect(Collectors.toList());
    }

    /** The {@link #QUICK} subset of {@code programs}. */
    public static List<Program> quick(List<Program> programs) {
        return programs.stream().filter(p -> QUICK.contains(p.id())).collect(Collectors.toList());
    }

    /** The sightglass programs under {@code root}, or none when the folder does not exist. */
    static List<Program> sightglass(Path root) {
        List<Program> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root, 2)) {
            for (Path wasm : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".wasm")).sorted()::iterator) {
                Path dir = wasm.getParent();
                String stem = wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
                String id = stem.equals("benchmark") ? dir.getFileName().toString() : stem;
                Path expected = dir.resolve(stem + ".stdout.expected");
                String exp = Files.exists(expected) ? Files.readString(expected, StandardCharsets.UTF_8) : null;
                out.add(Program.command(id, wasm, dir, exp, nativeSources(dir, stem), "sightglass"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return out;
    }

    /**
     * The C sources of a sightglass program: {@code shootout/src/<name>.c} for
     * {@code shootout-<name>}, else the {@code .c} files beside the module.
     */
    private static List<Path> nativeSources(Path dir, String stem) throws IOException {
        if (stem.startsWith("shootout-")) {
            Path c = dir.resolve("src").resolve(stem.substring("shootout-".length()) + ".c");
            return Files.exists(c) ? List.of(c) : List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".c")).sorted().collect(Collectors.toList());
        }
    }

    /**
     * The project's own programs. Expected results come from the {@code .wat} comments or from
     * the arithmetic the kernel does (checked against Weir and Chicory agreeing).
     */
    static List<Program> own() {
        Path tmp = ownDir();
        List<Program> out = new ArrayList<>();
        out.add(Program.command("hello_wasi", tmp.resolve("hello_wasi.wasm"), tmp, "hello from weir\n", List.of(),
                "weir"));
        Path fib = tmp.resolve("fib.wasm");
        out.add(Program.invoke("fib_rec", fib, new Program.Invoke("fib", "i", 'i', 27), 196418, "weir"));
        out.add(Program.invoke("fib_iter", fib, new Program.Invoke("fib_iter", "I", 'I', 20_000_000),
                fibIter(20_000_000), "weir"));
        Path calls = tmp.resolve("calls.wasm");
        out.add(Program.invoke("calls_direct", calls, new Program.Invoke("direct", "i", 'i', 5_000_000), 5_000_000,
                "weir"));
        out.add(Program.invoke("calls_indirect", calls, new Program.Invoke("indirect", "i", 'i', 5_000_000),
                -2_500_000, "weir"));
        out.add(Program.invoke("memcopy_churn", tmp.resolve("memcopy.wasm"),
                new Program.Invoke("churn", "i", 'i', 20_000), churn(20_000), "weir"));
        return out;
    }

    /** fib_iter in {@code examples/wat/fib.wat}: F(n) modulo 2^64 (F(0) = 0). */
    static long fibIter(long n) {
        long a = 0;
        long b = 1;
        for (long i = 0; i < n; i++) {
            long t = a + b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * churn(n) in {@code examples/wat/memcopy.wat}: iteration i fills [0, 32 KiB) with i & 255, copies
     * it to 64 KiB, then adds the byte at 64 KiB + ((i * 37) & 32767), which is i & 255.
     */
    static long churn(int n) {
        int acc = 0;
        for (int i = 0; i < n; i++) {
            acc += i & 255;
        }
        return acc;
    }

    private static Path ownDir() {
        try {
            Path tmp = Files.createTempDirectory("weir-bench-programs");
            tmp.toFile().deleteOnExit();
            for (String f : List.of("hello_wasi.wasm", "fib.wasm", "calls.wasm", "memcopy.wasm")) {
                Path p = tmp.resolve(f);
                Files.write(p, WasmFiles.example(f));
                p.toFile().deleteOnExit();
            }
            return tmp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the example programs to a temporary folder", e);
        }
    }

    /** Reads a file's bytes (a typed error naming the file). */
    static byte[] bytes(Program p) {
        return WasmFiles.read(p.wasm());
    }
}
