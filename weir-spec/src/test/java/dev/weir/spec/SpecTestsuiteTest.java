package dev.weir.spec;

import dev.weir.testsupport.TestSuites;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The official spec testsuite (WASM_TESTSUITE_DIR, default ../shared/wasm-testsuite): every .wast
 * file under the root, proposals/, legacy/ and custom/, on every engine, one dynamic test per
 * command and engine, grouped by file. Scripts run in parallel up front (they are stateful, so a
 * test only reports its precomputed outcome); listed known failures are reported as skipped.
 *
 * <p>System properties: {@code spec.files} (substring filter on the relative path),
 * {@code spec.engines} (comma-separated engine ids), {@code spec.report} (report path).
 */
class SpecTestsuiteTest {

    @TestFactory
    List<DynamicNode> testsuite() throws IOException {
        Path dir = suiteDir();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(f -> f.toString().endsWith(".wast")).sorted().collect(Collectors.toList());
        }
        String filter = System.getProperty("spec.files", "");
        List<Path> selected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            String name = dir.relativize(f).toString().replace('\\', '/');
            if (filter.isEmpty() || name.contains(filter)) {
                selected.add(f);
                names.add(name);
            }
        }
        Set<SpecEngine> engines = engines();
        long t0 = System.nanoTime();
        List<FileResult> raw = WastRunner.runAll(selected, names, engines,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        KnownFailures known = knownFailures();
        KnownFailures.Applied applied = known.apply(raw);
        Summary summary = new Summary(applied.results(), engines);
        String report = summary.markdown("Weir spec testsuite report") + "\n" + selected.size() + " files in " + ms
                + " ms; " + known.entries().size() + " known-failure entries, " + applied.knownSkips()
                + " outcomes skipped as known.\n" + nowPassing(applied) + summary.markdownDetails();
        Path reportFile = Path.of(System.getProperty("spec.report", "target/spec-report.md"));
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, report, StandardCharsets.UTF_8);

        System.out.println("spec testsuite: " + selected.size() + " files in " + ms + " ms (report: " + reportFile + ")");
        summary.printTable(System.out, false);
        if (engines.contains(SpecEngine.COMPILER)) {
            System.out.println("compiler: " + dev.weir.compiler.CompilerStats.compiled() + " functions compiled, "
                    + dev.weir.compiler.CompilerStats.fallbacks() + " interpreted, "
                    + dev.weir.compiler.CompilerStats.outlinedBlocks() + " blocks outlined; fallback reasons: "
                    + dev.weir.compiler.CompilerStats.fallbackReasons());
        }
        for (KnownFailures.Entry e : applied.nowPassing()) {
            System.out.println("now passing: remove from list: " + e);
        }
        for (FileResult r : applied.results()) {
            if (!r.ok()) {
                summary.printFile(r, System.out, 5);
            }
        }

        List<DynamicNode> containers = new ArrayList<>();
        for (FileResult r : applied.results()) {
            containers.add(container(r));
        }
        return containers;
    }

    private static DynamicContainer container(FileResult r) {
        List<DynamicNode> tests = new ArrayList<>();
        if (r.scriptError() != null) {
            tests.add(DynamicTest.dynamicTest("script", () -> Assertions.fail(r.name() + ": " + r.scriptError())));
        }
        for (Outcome o : r.outcomes()) {
            String name = o.line() + " " + o.engine().id() + ": " + o.command();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                switch (o.status()) {
                    case FAILED:
                        Assertions.fail(r.name() + ":" + o.line() + ": " + o.detail());
                        break;
                    case SKIPPED:
                        throw new TestAbortedException(o.detail());
                    default:
                        break;
                }
            }));
        }
        return DynamicContainer.dynamicContainer(r.name(), tests);
    }

    private static String nowPassing(KnownFailures.Applied a) {
        StringBuilder sb = new StringBuilder();
        for (KnownFailures.Entry e : a.nowPassing()) {
            sb.append("\nnow passing: remove from list: `").append(e).append('`');
        }
        return sb.toString();
    }

    private static Set<SpecEngine> engines() {
        String p = System.getProperty("spec.engines", "");
        if (p.isBlank()) {
            return EnumSet.allOf(SpecEngine.class);
        }
        Set<SpecEngine> s = EnumSet.noneOf(SpecEngine.class);
        for (String id : p.split(",")) {
            s.add(SpecEngine.of(id.strip()));
        }
        return s;
    }

    private static KnownFailures knownFailures() throws IOException {
        try (InputStream in = SpecTestsuiteTest.class.getResourceAsStream("/spec-known-failures.txt")) {
            if (in == null) {
                return KnownFailures.none();
            }
            return KnownFailures.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Path suiteDir() {
        return TestSuites.require(TestSuites.Suite.WASM);
    }
}
