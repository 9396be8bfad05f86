package dev.weir.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs fuzz cases on a worker thread under a time limit. A case that does not finish in time is a
 * hang: its input is saved (under {@code -Dfuzz.failures.dir}, default {@code target/fuzz-failures})
 * and the test fails naming the file; the stuck worker is abandoned (daemon) and replaced.
 */
final class Guarded implements AutoCloseable {
    private ExecutorService worker = newWorker();
    private final long timeoutMs;

    Guarded(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            // A deep stack like the main thread's, so StackOverflowError is judged as it would be there.
            Thread t = new Thread(null, r, "weir-fuzz-case", 8L << 20);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code c}; returns what it threw (null if nothing). A hang throws AssertionError after
     * saving {@code input} as {@code name}.
     */
    Throwable run(String name, byte[] input, Callable<?> c) {
        Future<?> f = worker.submit(c);
        try {
            f.get(timeoutMs, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            Path p = save(name, input);
            throw new AssertionError("case " + name + " did not finish within " + timeoutMs + " ms (hang); input saved to " + p);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Path save(String name, byte[] input) {
        Path dir = Path.of(System.getProperty("fuzz.failures.dir", "target/fuzz-failures"));
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.write(p, input);
            return p;
        } catch (IOException e) {
            return Path.of("(not saved: " + e + ")");
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
