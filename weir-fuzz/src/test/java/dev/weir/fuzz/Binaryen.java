package dev.weir.fuzz;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * binaryen's {@code wasm-opt --translate-to-fuzz}: turns random bytes into a valid module that
 * imports {@code fuzzing-support.log-*} and exports many functions plus
 * {@code hangLimitInitializer} (the generated code counts loop iterations and calls down a global
 * "hang limit" and traps with unreachable at zero, so every call terminates).
 *
 * <p>Found on PATH (or via {@code -Dfuzz.wasm-opt=}). When {@code WEIR_REQUIRE_BINARYEN=1} (env or
 * system property) is set, a missing wasm-opt is a failure rather than a skip: CI installs it.
 */
final class Binaryen {
    /**
     * What both Weir engines are compared on first: MVP + bulk memory + sign-ext + non-trapping
     * float-to-int + multi-value + SIMD (+ mutable globals, which MVP fuzz modules need).
     */
    static final List<String> FEATURES = features("--mvp-features", "--enable-mutable-globals",
            "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
            "--enable-multivalue", "--enable-simd");
    /** For the Node sample: no SIMD (a v128 cannot cross the JS boundary) and no NaNs (--denan). */
    static final List<String> NODE_FEATURES = List.of("--mvp-features", "--enable-mutable-globals",
            "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
            "--enable-multivalue");

    /** The base flags plus {@code -Dfuzz.binaryen.extra} (space-separated, e.g. "--enable-tail-call"). */
    private static List<String> features(String... base) {
        List<String> l = new ArrayList<>(List.of(base));
        for (String f : System.getProperty("fuzz.binaryen.extra", "").trim().split("\\s+")) {
            if (!f.isEmpty()) {
                l.add(f);
            }
        }
        return List.copyOf(l);
    }

    private static volatile String path;
    private static volatile boolean probed;

    private Binaryen() {
    }

    static boolean required() {
        return "1".equals(System.getenv("WEIR_REQUIRE_BINARYEN"))
                || "1".equals(System.getProperty("WEIR_REQUIRE_BINARYEN"));
    }

    /** The wasm-opt executable, or null. */
    static String wasmOpt() {
        if (!probed) {
            path = probe();
            probed = true;
        }
        return path;
    }

    private static String probe() {
        String explicit = System.getProperty("fuzz.wasm-opt");
        List<String> candidates = new ArrayList<>();
        if (explicit != null && !explicit.isEmpty()) {
            candidates.add(explicit);
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "wasm-opt").toString());
                }
            }
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /** Major version of wasm-opt (e.g. 108), or -1. */
    static String version() {
        try {
            Process p = new ProcessBuilder(wasmOpt(), "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(20, TimeUnit.SECONDS);
            return v;
        } catch (IOException e) {
            return "unknown (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** The random input bytes for a seed: 1..16 KiB, so module sizes vary widely. */
    static byte[] input(long seed) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + 12345);
        byte[] b = new byte[1024 + r.nextInt(15 * 1024)];
        r.nextBytes(b);
        return b;
    }

    /** {@code wasm-opt in -ttf <features> [extra passes] -o out}; the module's bytes. */
    static byte[] translateToFuzz(byte[] input, List<String> features, String... passes) {
        List<String> args = new ArrayList<>();
        args.add("-ttf");
        args.addAll(features);
        args.addAll(List.of(passes));
        return wasmOpt(input, "in.bin", args);
    }

    /** Runs {@code wasm-opt <features> passes...} over a module (used by the reducer). */
    static byte[] optimize(byte[] wasm, List<String> features, String... passes) {
        List<String> args = new ArrayList<>(features);
        args.addAll(List.of(passes));
        return wasmOpt(wasm, "in.wasm", args);
    }

    /** {@code wasm-opt in args... -o out} in a temporary folder; the output's bytes. */
    private static byte[] wasmOpt(byte[] input, String inName, List<String> args) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("weir-binaryen");
            Path in = dir.resolve(inName);
            Path out = dir.resolve("out.wasm");
            Files.write(in, input);
            List<String> cmd = new ArrayList<>();
            cmd.add(wasmOpt());
            cmd.add(in.toString());
            cmd.addAll(args);
            cmd.add("-o");
            cmd.add(out.toString());
            run(cmd);
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException("wasm-opt failed: " + e, e);
        } finally {
            delete(dir);
        }
    }

    private static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("wasm-opt timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("wasm-opt exited " + p.exitValue() + ": " + cmd + "\n" + out);
        }
    }

    /** Deletes a temporary folder tree, best effort (null: nothing). */
    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
