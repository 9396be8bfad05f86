package dev.weir.spec;

import dev.weir.text.TextParseException;
import dev.weir.text.Wast;
import dev.weir.text.internal.wast.Command;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs {@code .wast} spec scripts on Weir's engines. The core of the spec testsuite tests
 * (weir-spec's JUnit runner) and of {@code weir wast FILE...}.
 *
 * <pre>{@code
 * Summary s = WastRunner.run(List.of(Path.of("i32.wast")), EnumSet.allOf(SpecEngine.class), System.out);
 * System.exit(s.failed() == 0 ? 0 : 1);
 * }</pre>
 */
public final class WastRunner {
    private WastRunner() {}

    /** All engines. */
    public static Set<SpecEngine> allEngines() {
        return EnumSet.allOf(SpecEngine.class);
    }

    /**
     * Runs one script on the given engines. Never throws for bad scripts or failing assertions:
     * a script that does not read gives {@link FileResult#scriptError()}, everything else becomes
     * outcomes.
     *
     * @param name how the file is named in outcomes and reports
     */
    public static FileResult runFile(Path file, String name, Set<SpecEngine> engines) {
        long t0 = System.nanoTime();
        List<Command> commands;
        try {
            commands = Wast.parseFile(file);
        } catch (TextParseException e) {
            return new FileResult(name, List.of(), "script does not parse: " + e.getMessage(), ms(t0));
        } catch (IOException e) {
            return new FileResult(name, List.of(), "cannot read: " + e, ms(t0));
        } catch (RuntimeException | StackOverflowError e) {
            return new FileResult(name, List.of(), "script reader crashed: " + Modules.describe(e), ms(t0));
        }
        return new FileResult(name, runCommands(commands, engines), null, ms(t0));
    }

    /** Runs already parsed commands (e.g. from {@link Wast#parse(String)}). */
    public static List<Outcome> runCommands(List<Command> commands, Set<SpecEngine> engines) {
        return runCommands(commands, engines, Execution.TIMEOUT_MILLIS);
    }

    /** As {@link #runCommands(List, Set)} with a per-call timeout for Wasm code. */
    static List<Outcome> runCommands(List<Command> commands, Set<SpecEngine> engines, long timeoutMillis) {
        Modules modules = new Modules();
        StaticChecks statics = new StaticChecks(modules);
        Map<SpecEngine, Execution> execs = new EnumMap<>(SpecEngine.class);
        for (SpecEngine e : engines) {
            if (e.executes()) {
                execs.put(e, new Execution(modules, timeoutMillis, e));
            }
        }
        Set<SpecEngine> aborted = EnumSet.noneOf(SpecEngine.class);
        List<Outcome> out = new ArrayList<>();
        try {
            for (int i = 0; i < commands.size(); i++) {
                Command c = commands.get(i);
                for (SpecEngine e : engines) {
                    if (aborted.contains(e)) {
                        continue;
                    }
                    try {
                        Execution exec = execs.get(e);
                        if (exec != null) {
                            exec.run(c, out);
                        } else {
                            statics.check(c, e, out);
                        }
                    } catch (Execution.Hung | ThreadDeath h) {
                        // The runtime's state is unknown after a stopped thread: abandon the script on this engine, loudly.
                        out.add(new Outcome(c.line(), "script aborted", e, Outcome.Status.FAILED,
                                (h instanceof Execution.Hung ? h.getMessage() : "hung") + "; the remaining "
                                        + (commands.size() - i - 1) + " commands were not run", false));
                        aborted.add(e);
                    }
                }
            }
        } finally {
            for (Execution exec : execs.values()) {
                exec.close();
            }
        }
        return out;
    }

    /**
     * Runs scripts in parallel (one per available core) and prints, per file, the counts and the
     * first failures with line numbers, then a summary table.
     *
     * @param files the scripts; each is named as given
     * @param out where to print (may be null for no output)
     */
    public static Summary run(List<Path> files, Set<SpecEngine> engines, PrintStream out) {
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            names.add(f.toString());
        }
        List<FileResult> results = runAll(files, names, engines, Runtime.getRuntime().availableProcessors());
        Summary s = new Summary(results, engines);
        if (out != null) {
            for (FileResult r : results) {
                s.printFile(r, out, 10);
            }
            s.printTable(out, false);
        }
        return s;
    }

    /** Runs files on a pool of {@code threads} threads; results are in input order. */
    public static List<FileResult> runAll(List<Path> files, List<String> names, Set<SpecEngine> engines, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            // Deep (but legal) Wasm recursion and deeply nested text need more than the default stack.
            Thread t = new Thread(null, r, "weir-spec", 64L << 20);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FileResult>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                String n = names.get(i);
                futures.add(pool.submit(() -> runFile(f, n, engines)));
            }
            List<FileResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(new FileResult(names.get(i), List.of(), "runner crashed: "
                            + Modules.describe(e.getCause()), 0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
