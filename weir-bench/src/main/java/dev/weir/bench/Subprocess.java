package dev.weir.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command with a time limit, capturing stdout and stderr (for Node, gcc, native). */
final class Subprocess {
    /** What a finished (or killed) command left. */
    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;
        final boolean timedOut;
        final long nanos;

        Result(int exitCode, String stdout, String stderr, boolean timedOut, long nanos) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.timedOut = timedOut;
            this.nanos = nanos;
        }
    }

    private Subprocess() {
    }

    /** Runs {@code command} in {@code dir} (null: this process's), stdin empty. */
    static Result run(List<String> command, Path dir, long timeoutMillis) throws IOException {
        Path out = Files.createTempFile("weir-bench-sub", ".out");
        Path err = Files.createTempFile("weir-bench-sub", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            long t0 = System.nanoTime();
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
            long nanos = System.nanoTime() - t0;
            if (!done) {
                p.destroyForcibly();
                try {
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), !done, nanos);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The first line of {@code command}'s output, or null when it cannot run (tool missing). */
    static String probe(String... command) {
        try {
            Result r = run(List.of(command), null, 20_000);
            if (r.exitCode != 0) {
                return null;
            }
            String s = (r.stdout.isBlank() ? r.stderr : r.stdout).strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        } catch (IOException e) {
            return null;
        }
    }

    /** Copies a class-path resource to {@code target}. */
    static void copyResource(String resource, Path target) {
        try (InputStream in = Subprocess.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing from weir-bench's jar");
            }
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
