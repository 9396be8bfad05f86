package dev.weir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Native {@code gcc -O2} builds of the sightglass C sources (shootout, quicksort, richards, bz2,
 * noop), the lower bound. The corpus's {@code sightglass.h} is only a link to the sightglass tree,
 * so each source is copied into a build folder beside {@code sightglass-native.h} (renamed
 * sightglass.h), whose {@code bench_start/bench_end} print the window to stderr. Each iteration is
 * one process; there is no compile column (gcc time is not comparable to a JIT's).
 */
final class NativeContender implements Contender {
    private static final Pattern WINDOW = Pattern.compile("\n?__weir_bench_ns (\\d+)\n");
    private final String gcc = Subprocess.probe("gcc", "--version");
    private final Map<String, Object> builds = new HashMap<>(); // program id -> Path or failure text
    private Path buildRoot;

    @Override
    public String name() {
        return "native gcc -O2";
    }

    @Override
    public String unavailableReason() {
        return gcc == null ? "gcc not found on the PATH" : null;
    }

    /** e.g. "gcc (Debian 12.2.0-14) 12.2.0" (null when absent). */
    String version() {
        return gcc;
    }

    @Override
    public Measurement measure(Program program, Settings settings, String reference) {
        if (program.nativeSources().isEmpty()) {
            return Measurement.skip("no C source");
        }
        try {
            Object exe = builds.computeIfAbsent(program.id(), id -> build(program));
            if (exe instanceof String) {
                return Measurement.fail((String) exe);
            }
            String expected = program.expectedStdout() != null ? program.expectedStdout() : reference;
            List<Long> runs = new ArrayList<>();
            String firstOut = null;
            long cellStart = System.nanoTime();
            for (int k = 0; k < settings.warmup() + settings.iterations(); k++) {
                if (!runs.isEmpty() && System.nanoTime() - cellStart > JvmContender.CELL_BUDGET_NANOS) {
                    break;
                }
                List<String> cmd = new ArrayList<>(program.args());
                cmd.set(0, exe.toString());
                Subprocess.Result r = Subprocess.run(cmd, program.dir(), settings.timeoutMillis());
                if (r.timedOut) {
                    return Measurement.fail("timeout after " + settings.timeoutMillis() / 1000 + " s");
                }
                if (r.exitCode != 0) {
                    return Measurement.fail("exit code " + r.exitCode + "; stderr: " + r.stderr);
                }
                if (expected != null && !expected.equals(r.stdout)) {
                    return Measurement.fail("wrong stdout: " + OutputCheck.difference(expected, r.stdout));
                }
                firstOut = firstOut == null ? r.stdout : firstOut;
                Matcher m = WINDOW.matcher(r.stderr);
                long ns = m.find() ? Long.parseLong(m.group(1)) : r.nanos;
                if (k >= settings.warmup()) {
                    runs.add(ns);
                }
            }
            long[] run = runs.stream().mapToLong(Long::longValue).toArray();
            if (run.length == 0) {
                return Measurement.fail("no measured run");
            }
            return Measurement.ok(new long[0], run).withStdout(firstOut);
        } catch (IOException e) {
            return Measurement.fail(e.toString());
        }
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary folder left behind
        }
    }

    /** The executable, or why gcc failed. */
    private Object build(Program program) {
        try {
            if (buildRoot == null) {
                buildRoot = Files.createTempDirectory("weir-bench-native");
                Path root = buildRoot;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            }
            Path dir = Files.createDirectories(buildRoot.resolve(program.id()));
            Subprocess.copyResource("/dev/weir/bench/sightglass-native.h", dir.resolve("sightglass.h"));
            List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-w", "-I", dir.toString(), "-o",
                    dir.resolve(program.id()).toString()));
            for (Path src : program.nativeSources()) {
                Path copy = dir.resolve(src.getFileName());
                Files.copy(src, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                cmd.add(copy.toString());
            }
            cmd.add("-lm");
            Subprocess.Result r = Subprocess.run(cmd, dir, 300_000);
            if (r.exitCode != 0) {
                return "gcc failed: " + r.stderr;
            }
            return dir.resolve(program.id());
        } catch (IOException e) {
            return "gcc: " + e;
        }
    }
}
