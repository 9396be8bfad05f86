package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.testsupport.TestSuites;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The printer's key property: for every module {@code m} the parser accepts,
 * {@code Wat.parse(WatPrinter.print(m)).equals(m)}. Checked over the repository's examples, this
 * module's test resources, every text module of the spec testsuite (WASM_TESTSUITE_DIR), and
 * every binary of the bench corpus and the WASI testsuite (BENCH_CORPUS_DIR, WASI_TESTSUITE_DIR).
 *
 * <p>Exceptions, by design: a module decoded from a binary is compared with
 * {@link Canonical#of} of itself, because binaries can spell some things in ways the text format
 * cannot (wasm-ld's padded 5-byte LEB128 relocations are the case that occurs: 86 of the 98
 * corpus binaries, component-style.wasm among the examples). Modules that came from text are
 * compared strictly. No other exceptions; custom sections and names are outside equals.
 */
class WatPrinterRoundTripTest {

    /** Prints, parses back, and returns a description of the difference to {@code want}, or null. */
    static String roundTrip(WasmModule m, WasmModule want) {
        String text = WatPrinter.print(m);
        WasmModule back;
        try {
            back = Wat.parse(text);
        } catch (TextParseException e) {
            int line = e.line();
            String[] lines = text.split("\n", -1);
            String at = line >= 1 && line <= lines.length ? lines[line - 1].strip() : "?";
            return "printed text does not parse: " + e.getMessage() + " at: " + at;
        }
        return back.equals(want) ? null : difference(want, back);
    }

    static String difference(WasmModule a, WasmModule b) {
        if (!a.recGroups().equals(b.recGroups())) {
            return "types: " + a.recGroups() + " vs " + b.recGroups();
        }
        if (!a.imports().equals(b.imports())) {
            return "imports: " + a.imports() + " vs " + b.imports();
        }
        if (!a.tables().equals(b.tables())) {
            return "tables";
        }
        if (!a.memories().equals(b.memories())) {
            return "memories: " + a.memories() + " vs " + b.memories();
        }
        if (!a.tags().equals(b.tags())) {
            return "tags";
        }
        if (!a.globals().equals(b.globals())) {
            return "globals";
        }
        if (!a.exports().equals(b.exports())) {
            return "exports";
        }
        if (a.start() != b.start()) {
            return "start";
        }
        if (!a.elements().equals(b.elements())) {
            return "elements";
        }
        if (!a.data().equals(b.data())) {
            return "data";
        }
        if (a.code().size() != b.code().size()) {
            return "function count";
        }
        for (int i = 0; i < a.code().size(); i++) {
            if (!a.code().get(i).locals().equals(b.code().get(i).locals())) {
                return "locals of defined function " + i;
            }
            if (!a.code().get(i).equals(b.code().get(i))) {
                return "code of defined function " + i + ": " + hex(a.code().get(i).code().bytes()) + " vs "
                        + hex(b.code().get(i).code().bytes());
            }
        }
        return "function types";
    }

    private static String hex(byte[] b) {
        String s = HexFormat.of().formatHex(b);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }

    private static List<Path> list(Path dir, String ext) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(ext)).sorted().collect(Collectors.toList());
        }
    }

    private static void textFiles(List<Path> files, List<String> failures) throws IOException {
        for (Path f : files) {
            String d = roundTrip(Wat.parse(Files.readAllBytes(f)), Wat.parse(Files.readAllBytes(f)));
            if (d != null) {
                failures.add(f.getFileName() + ": " + d);
            }
        }
    }

    @Test
    void repositoryExamplesAndTestResources() throws IOException, URISyntaxException {
        Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples/wat");
        List<Path> a = list(examples, ".wat");
        List<Path> b = list(Path.of(WatPrinterRoundTripTest.class.getResource("/wat").toURI()), ".wat");
        assertTrue(a.size() >= 5 && b.size() >= 4, "examples not found: " + examples);
        List<String> failures = new ArrayList<>();
        textFiles(a, failures);
        textFiles(b, failures);
        // The binaries next to the examples, decoded (rustc's ones have padded LEB128s).
        for (Path w : list(examples.resolveSibling("wasm"), ".wasm")) {
            WasmModule m = WasmDecoder.decode(Files.readAllBytes(w));
            String d = roundTrip(m, Canonical.of(m));
            if (d != null) {
                failures.add(w.getFileName() + ": " + d);
            }
        }
        assertEquals(List.of(), failures);
    }


    private static List<Path> corpus() throws IOException {
        Path b = TestSuites.locate(TestSuites.Suite.BENCH);
        Path w = TestSuites.locate(TestSuites.Suite.WASI);
        assumeTrue(Files.isDirectory(b) || Files.isDirectory(w), "bench corpus (" + b + ") and WASI testsuite ("
                + w + ") not found; set BENCH_CORPUS_DIR / WASI_TESTSUITE_DIR to run this test");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(b)) {
            files.addAll(list(b, ".wasm"));
        } else {
            System.out.println("BENCH_CORPUS_DIR: " + b + " not found, bench corpus skipped");
        }
        if (Files.isDirectory(w)) {
            files.addAll(list(w, ".wasm"));
        } else {
            System.out.println("WASI_TESTSUITE_DIR: " + w + " not found, WASI testsuite skipped");
        }
        return files;
    }

    @Test
    void everyCorpusBinaryRoundTrips() throws IOException {
        List<Path> files = corpus();
        List<String> failures = new ArrayList<>();
        int strict = 0;
        for (Path f : files) {
            WasmModule m = WasmDecoder.decode(Files.readAllBytes(f));
            WasmModule canonical = Canonical.of(m);
            String d = roundTrip(m, canonical);
            if (d != null) {
                failures.add(f + ": " + d);
            } else if (canonical.equals(m)) {
                strict++;
            }
        }
        System.out.printf("printer round trip: %d corpus binaries, %d equal to the decoded module, %d equal after"
                + " canonical re-encoding (padded LEB128s), %d failures%n", files.size(), strict,
                files.size() - strict - failures.size(), failures.size());
        assertTrue(files.size() >= 10, "too few corpus binaries: " + files.size());
        assertEquals(List.of(), failures);
    }

    @Test
    void everySpecTestsuiteModuleRoundTrips() throws IOException {
        List<String> failures = new ArrayList<>();
        int text = 0;
        int binary = 0;
        for (WastModules.Case c : WastModules.all()) {
            if (c.command().equals("assert_malformed")) {
                continue;
            }
            boolean isBinary = Wat.isBinary(c.module());
            WasmModule m;
            try {
                m = Wat.parseModule(c.module());
            } catch (RuntimeException e) {
                continue; // not accepted (e.g. a binary module that is malformed): nothing to print
            }
            String d;
            try {
                // Binary modules may use non-minimal encodings, as any decoded binary.
                d = roundTrip(m, isBinary ? Canonical.of(m) : m);
            } catch (RuntimeException e) {
                d = "threw " + e;
            }
            if (d != null) {
                failures.add(c + ": " + d);
            } else if (isBinary) {
                binary++;
            } else {
                text++;
            }
        }
        System.out.printf("printer round trip: %d spec text modules, %d spec binary modules, %d failures%n",
                text, binary, failures.size());
        failures.stream().limit(50).forEach(s -> System.out.println("  FAIL: " + s));
        assertTrue(text > 5000, "too few modules: " + text);
        assertEquals(List.of(), failures);
    }

    @Test
    void printsTheLargestCorpusModuleAndReportsTheTime() throws IOException {
        Path largest = corpus().stream().max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        WasmModule m = WasmDecoder.decode(Files.readAllBytes(largest));
        long t0 = System.nanoTime();
        String text = WatPrinter.print(m); // cold: includes class loading and interpretation
        long cold = (System.nanoTime() - t0) / 1_000_000;
        for (int i = 0; i < 5; i++) {
            WatPrinter.print(m);
        }
        t0 = System.nanoTime();
        WatPrinter.print(m);
        long warm = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("printed %s (%d bytes) to %d chars: cold %d ms, warm %d ms%n", largest.getFileName(),
                largest.toFile().length(), text.length(), cold, warm);
        // Speed is measured, not asserted (a loaded machine would flake); this prints the figure.
        assertTrue(text.length() > largest.toFile().length(), "printed text is implausibly short");
    }
}
