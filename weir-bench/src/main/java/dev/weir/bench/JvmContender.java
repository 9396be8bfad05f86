package dev.weir.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The measuring loop shared by the engines that run inside this JVM (Weir, Chicory, Endive,
 * wasmtime through JNI). One iteration = compile the module afresh (timed), instantiate the module
 * compiled by the first iteration (timed, added to compile) and run it (timed by {@link RunWindow}).
 * Running always the first compiled module lets the JVM's JIT warm up the generated code of the
 * compilers across iterations, which is what "steady state" means for a JVM engine; compiling afresh
 * each time measures compile time with a warm compiler, as a long-running host would see it.
 *
 * <p>Each iteration runs on its own thread, stopped after the time limit (the guest is then
 * abandoned and the cell is a FAIL "timeout"). Once a cell has used {@link #CELL_BUDGET_NANOS},
 * remaining warm-up runs are skipped and measurement stops after one measured run, so a slow
 * interpreter on a heavy program costs one run, not twenty.
 */
abstract class JvmContender implements Contender {
    /** Soft time budget of one (program, engine) cell. */
    static final long CELL_BUDGET_NANOS = 30_000_000_000L;

    /** A guest ready to run: calls {@code _start} or the export; returns the exit status. */
    interface GuestRun {
        /** Runs the guest; for an export call writes {@link Program.Invoke#format} to stdout. */
        int run() throws Exception;
    }

    /** Decodes, validates and (for compilers) translates {@code wasm}. */
    protected abstract Object compile(byte[] wasm) throws Exception;

    /**
     * Instantiates {@code compiled} for {@code program}: WASI with the given streams, argv and
     * the program directory preopened as ".", plus {@code bench.start}/{@code bench.end} calling
     * {@code window} when the module imports them.
     */
    protected abstract GuestRun instantiate(Object compiled, Program program, OutputStream stdout,
            OutputStream stderr, RunWindow window) throws Exception;

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public final Measurement measure(Program program, Settings settings, String reference) {
        byte[] wasm = ProgramSuite.bytes(program);
        String expected = program.expectedStdout() != null ? program.expectedStdout() : reference;
        long[] compile = new long[settings.iterations()];
        long[] run = new long[settings.iterations()];
        Object[] kept = new Object[1];
        String[] firstOut = new String[1];
        int measured = 0;
        long cellStart = System.nanoTime();
        int total = settings.warmup() + settings.iterations();
        for (int k = 0; k < total; k++) {
            boolean overBudget = System.nanoTime() - cellStart > CELL_BUDGET_NANOS;
            if (k < settings.warmup() && overBudget) {
                k = settings.warmup(); // skip the remaining warm-up runs
            }
            if (measured > 0 && overBudget) {
                break;
            }
            long[] times = new long[2];
            String error = runOnThread(() -> once(wasm, program, expected, kept, times, firstOut), settings.timeoutMillis());
            if (error != null) {
                return Measurement.fail(error);
            }
            if (k >= settings.warmup()) {
                compile[measured] = times[0];
                run[measured] = times[1];
                measured++;
            }
        }
        return Measurement.ok(Arrays.copyOf(compile, measured), Arrays.copyOf(run, measured)).withStdout(firstOut[0]);
    }

    /** One iteration; returns null or the reason it failed. */
    private String once(byte[] wasm, Program program, String expected, Object[] kept, long[] times, String[] firstOut)
            throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunWindow window = new RunWindow();
        long t0 = System.nanoTime();
        Object compiled = compile(wasm);
        if (kept[0] == null) {
            kept[0] = compiled;
        }
        long t1 = System.nanoTime();
        GuestRun guest = instantiate(kept[0], program, out, err, window);
        long t2 = System.nanoTime();
        int code = guest.run();
        long t3 = System.nanoTime();
        times[0] = t2 - t0; // compile + instantiate
        times[1] = window.elapsedOr(t3 - t2);
        if (code != 0) {
            return "exit code " + code + "; stderr: " + err.toString(StandardCharsets.UTF_8);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        if (firstOut[0] == null) {
            firstOut[0] = stdout;
        }
        if (expected != null && !expected.equals(stdout)) {
            return "wrong stdout: " + OutputCheck.difference(expected, stdout);
        }
        return null;
    }

    /** A task that returns null on success or why it failed. */
    interface Task {
        String call() throws Exception;
    }

    /**
     * Runs {@code task} on a fresh thread; returns its answer, the exception it threw as text, or
     * "timeout" after {@code timeoutMillis} (then the thread is stopped: a benchmark harness may
     * abandon a guest, which shares nothing with the next run).
     */
    @SuppressWarnings({"removal", "deprecation"})
    static String runOnThread(Task task, long timeoutMillis) {
        String[] result = new String[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = task.call();
            } catch (Throwable e) { // a trap, a link error, an engine bug or the stop below: all are FAILs
                result[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }, "whole-program-run", 512L << 20); // deep guest recursion (ackermann) on the JVM stack
        t.setDaemon(true);
        t.start();
        try {
            t.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        if (t.isAlive()) {
            t.stop(); // Java 17 still delivers ThreadDeath; there is no cooperative way into a guest loop
            return "timeout after " + timeoutMillis / 1000 + " s";
        }
        return result[0];
    }
}
