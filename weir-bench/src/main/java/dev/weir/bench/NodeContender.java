package dev.weir.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Node (V8) with {@code node:wasi}, one subprocess per program running {@code node-runner.mjs},
 * which loops over the iterations itself and prints its own timings (so process start-up and
 * Node's own boot are not counted). Needs {@code node} >= 20 on the PATH.
 */
final class NodeContender implements Contender {
    private final String version = Subprocess.probe("node", "--version");
    private Path script;

    @Override
    public String name() {
        return "Node";
    }

    @Override
    public String unavailableReason() {
        if (version == null) {
            return "node not found on the PATH";
        }
        try {
            int major = Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1"));
            return major >= 20 ? null : "node " + version + " is older than 20 (node:wasi preview1)";
        } catch (NumberFormatException e) {
            return "cannot parse node --version: " + version;
        }
    }

    /** e.g. v20.20.2 (null when absent). */
    String version() {
        return version;
    }

    @Override
    public Measurement measure(Program program, Settings settings, String reference) {
        try {
            return measureOrThrow(program, settings, reference);
        } catch (IOException e) {
            return Measurement.fail("node: " + e.getMessage());
        }
    }

    private Measurement measureOrThrow(Program program, Settings settings, String reference) throws IOException {
        if (script == null) {
            script = Files.createTempFile("weir-bench-node", ".mjs");
            script.toFile().deleteOnExit();
            Subprocess.copyResource("/dev/weir/bench/node-runner.mjs", script);
        }
        Path out = Files.createTempFile("weir-bench-node", ".out");
        Path err = Files.createTempFile("weir-bench-node", ".err");
        try {
            long budgetMs = JvmContender.CELL_BUDGET_NANOS / 1_000_000;
            String config = "{\"wasm\":" + json(program.wasm().toAbsolutePath().toString())
                    + ",\"dir\":" + (program.dir() == null ? "null" : json(program.dir().toAbsolutePath().toString()))
                    + ",\"args\":" + jsonArray(program.args())
                    + ",\"invoke\":" + invokeJson(program.invoke())
                    + ",\"warmup\":" + settings.warmup() + ",\"iterations\":" + settings.iterations()
                    + ",\"budgetMs\":" + budgetMs
                    + ",\"out\":" + json(out.toString()) + ",\"err\":" + json(err.toString()) + "}";
            long limit = settings.timeoutMillis() * (settings.warmup() + settings.iterations()) + 10_000;
            Subprocess.Result r = Subprocess.run(List.of("node", "--no-warnings", "--stack-size=8000",
                    script.toString(), config), program.dir(), Math.min(limit, settings.timeoutMillis() + budgetMs));
            if (r.timedOut) {
                return Measurement.fail("timeout after " + settings.timeoutMillis() / 1000 + " s");
            }
            List<long[]> iters = new ArrayList<>();
            for (String line : r.stdout.split("\n")) {
                String[] f = line.trim().split(" ");
                if (f.length == 5 && f[0].equals("ITER")) {
                    iters.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4])});
                }
            }
            if (r.exitCode != 0 || iters.isEmpty()) {
                return Measurement.fail("node exit " + r.exitCode + ": " + r.stderr);
            }
            long[] last = iters.get(iters.size() - 1);
            if (last[3] != 0) {
                return Measurement.fail("exit code " + last[3] + "; stderr: " + Files.readString(err));
            }
            String expected = program.expectedStdout() != null ? program.expectedStdout() : reference;
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (expected != null && !expected.equals(stdout)) {
                return Measurement.fail("wrong stdout: " + OutputCheck.difference(expected, stdout));
            }
            List<long[]> measured = iters.subList(Math.min(settings.warmup(), iters.size() - 1), iters.size());
            long[] compile = new long[measured.size()];
            long[] run = new long[measured.size()];
            for (int i = 0; i < compile.length; i++) {
                compile[i] = measured.get(i)[1];
                run[i] = measured.get(i)[2];
            }
            return Measurement.ok(compile, run).withStdout(stdout);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String invokeJson(Program.Invoke inv) {
        if (inv == null) {
            return "null";
        }
        List<String> args = new ArrayList<>();
        for (long a : inv.args) {
            args.add(Long.toString(a));
        }
        return "{\"export\":" + json(inv.export) + ",\"types\":" + json(inv.paramTypes) + ",\"args\":"
                + jsonArray(args) + "}";
    }

    private static String jsonArray(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (String s : items) {
            b.append(b.length() > 1 ? "," : "").append(json(s));
        }
        return b.append(']').toString();
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
