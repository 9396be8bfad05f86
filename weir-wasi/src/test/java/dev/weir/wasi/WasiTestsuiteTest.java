package dev.weir.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.Engine;
import dev.weir.Trap;
import dev.weir.testsupport.MiniJson;
import dev.weir.testsupport.TestSuites;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * Runs the official wasi-testsuite (WASI_TESTSUITE_DIR, default ../shared/wasi-testsuite): every
 * {@code tests/<lang>/testsuite/**.wasm} with its {@code .json} spec (args, env, root or dirs,
 * exit_code, stdout), one dynamic test each. A spec's directory is copied to a temp dir first
 * (the programs write into it) and preopened as "/" ({@code root}, as the upstream runner's
 * wasmtime adapter does) or under its own name ({@code dirs}, the older format).
 *
 * <p>Known failures are listed with a reason in {@code wasi-known-failures.txt}: they are reported
 * as aborted (visible, never silent); one that starts passing fails the build so the list stays
 * true. Counts go to {@code target/wasi-testsuite-report.txt}.
 */
class WasiTestsuiteTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    @TestFactory
    Stream<DynamicTest> testsuite() throws IOException {
        Path root = TestSuites.locate(TestSuites.Suite.WASI);
        if (!Files.isDirectory(root.resolve("tests"))) {
            return Stream.of(DynamicTest.dynamicTest("wasi-testsuite", () -> Assumptions.abort(
                    "wasi-testsuite not found at " + root.toAbsolutePath() + "; set WASI_TESTSUITE_DIR to run it")));
        }
        Map<String, String> known = knownFailures();
        List<Path> wasms;
        try (Stream<Path> s = Files.walk(root.resolve("tests"))) {
            wasms = s.filter(p -> p.toString().endsWith(".wasm") && p.toString().contains("testsuite"))
                    .sorted().collect(Collectors.toList());
        }
        Engine engine = Engine.create();
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger knownFailed = new AtomicInteger();
        List<String> failed = new ArrayList<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wasm : wasms) {
            String lang = root.resolve("tests").relativize(wasm).getName(0).toString();
            String name = lang + "/" + wasm.getFileName().toString().replace(".wasm", "");
            tests.add(DynamicTest.dynamicTest(name, wasm.toUri(), () -> {
                String reason = known.get(name);
                try {
                    assertTimeoutPreemptively(TIMEOUT, () -> runOne(engine, wasm));
                } catch (AssertionError | RuntimeException e) {
                    if (reason != null) {
                        knownFailed.incrementAndGet();
                        throw new TestAbortedException("known failure (" + reason + "): " + e.getMessage());
                    }
                    synchronized (failed) {
                        failed.add(name);
                    }
                    throw e;
                }
                if (reason != null) {
                    fail(name + " passes now: remove it from wasi-known-failures.txt (was: " + reason + ")");
                }
                passed.incrementAndGet();
            }));
        }
        tests.add(DynamicTest.dynamicTest("summary", () -> {
            String report = String.format("wasi-testsuite: %d programs, %d passed, %d known failures, %d failed %s%n",
                    wasms.size(), passed.get(), knownFailed.get(), failed.size(), failed);
            System.out.print(report);
            Path out = Path.of(System.getProperty("weir.reportDir", "target"));
            if (Files.isDirectory(out)) {
                Files.writeString(out.resolve("wasi-testsuite-report.txt"), report);
            }
        }));
        return tests.stream();
    }

    /** Runs one program per its spec and checks exit code and stdout. */
    @SuppressWarnings("unchecked")
    static void runOne(Engine engine, Path wasm) throws IOException {
        Path json = wasm.resolveSibling(wasm.getFileName().toString().replace(".wasm", ".json"));
        Map<String, Object> spec = Files.exists(json)
                ? (Map<String, Object>) MiniJson.parse(Files.readString(json)) : Map.of();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig.Builder b = WasiConfig.builder()
                .stdin(InputStream.nullInputStream()).stdout(out).stderr(err)
                .args(wasm.getFileName().toString());
        for (Object a : (List<Object>) spec.getOrDefault("args", List.of())) {
            b.args((String) a);
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) spec.getOrDefault("env", Map.of())).entrySet()) {
            b.env(e.getKey(), (String) e.getValue());
        }
        List<Path> temps = new ArrayList<>();
        try {
            Object rootDir = spec.get("root");
            if (rootDir != null) {
                b.preopen(copy(wasm.resolveSibling((String) rootDir), temps), "/");
            }
            for (Object d : (List<Object>) spec.getOrDefault("dirs", List.of())) {
                b.preopen(copy(wasm.resolveSibling((String) d), temps), (String) d);
            }
            int code;
            try {
                code = WasiRunner.run(engine, engine.compile(wasm), b.build(), l -> { });
            } catch (Trap t) {
                throw new AssertionError("trapped: " + t + "\nstderr: " + err.toString(StandardCharsets.UTF_8), t);
            }
            long expected = ((Number) spec.getOrDefault("exit_code", 0L)).longValue();
            assertEquals(expected, code, () -> "exit code; stdout: " + out.toString(StandardCharsets.UTF_8)
                    + "\nstderr: " + err.toString(StandardCharsets.UTF_8));
            if (spec.containsKey("stdout")) {
                assertEquals(spec.get("stdout"), out.toString(StandardCharsets.UTF_8), "stdout");
            }
            if (spec.containsKey("stderr")) {
                assertEquals(spec.get("stderr"), err.toString(StandardCharsets.UTF_8), "stderr");
            }
        } finally {
            temps.forEach(TestDirs::deleteTree);
        }
    }

    private static Path copy(Path dir, List<Path> temps) throws IOException {
        Path tmp = Files.createTempDirectory("weir-wasi-");
        temps.add(tmp);
        Path target = tmp.resolve(dir.getFileName().toString());
        TestDirs.copyTree(dir, target);
        return target;
    }

    /** {@code lang/name reason...} per line; '#' starts a comment line. */
    static Map<String, String> knownFailures() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = WasiTestsuiteTest.class.getResourceAsStream("/wasi-known-failures.txt")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                if (sp < 0) {
                    throw new IllegalStateException("wasi-known-failures.txt: a known failure needs a reason: " + line);
                }
                m.put(line.substring(0, sp), line.substring(sp + 1).strip());
            }
        }
        return m;
    }
}
