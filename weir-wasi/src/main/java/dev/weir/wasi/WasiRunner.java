package dev.weir.wasi;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a WASI program end to end: instantiate with {@code wasi_snapshot_preview1}, then call
 * {@code _start} (a command) or {@code _initialize} (a reactor). The result is the exit status:
 * {@code proc_exit}'s argument, or 0 when {@code _start} returns.
 *
 * <p>For the CLI, {@link #runCli} implements {@code weir run [--dir HOST[::GUEST]]... [--env K=V]...
 * [--inherit-env] [--] app.wasm [ARGS...]} with the process's own standard streams.
 */
public final class WasiRunner {
    /** Exit status for a trap, as wasmtime reports it on Unix (128 + SIGABRT). */
    public static final int TRAP_EXIT_CODE = 134;

    private WasiRunner() {
    }

    /** Runs {@code wasm} on a default engine. */
    public static int run(Path wasm, WasiConfig config) {
        Engine engine = Engine.create();
        return run(engine, engine.compile(wasm), config, l -> { });
    }

    /**
     * Runs a compiled module. {@code extraImports} may define further imports (e.g. benchmark
     * hooks) after the WASI functions.
     *
     * @return the guest's exit status
     * @throws Trap if the guest traps (not for proc_exit)
     * @throws dev.weir.LinkException if an import is missing
     */
    public static int run(Engine engine, Module module, WasiConfig config, Consumer<Linker> extraImports) {
        Linker linker = new Linker();
        try (Wasi wasi = Wasi.addTo(linker, config); Store store = engine.newStore()) {
            extraImports.accept(linker);
            try {
                Instance instance = linker.instantiate(store, module);
                Object start = instance.export("_start");
                if (start instanceof Func) {
                    ((Func) start).callSlots();
                } else if (instance.export("_initialize") instanceof Func) {
                    ((Func) instance.export("_initialize")).callSlots();
                } else {
                    throw new IllegalArgumentException("module exports neither _start nor _initialize");
                }
                return 0;
            } catch (Trap t) {
                WasiExitException exit = WasiExitException.find(t);
                if (exit != null) {
                    return exit.exitCode();
                }
                throw t;
            }
        }
    }

    /**
     * {@code weir run}: parses the options, runs the program with inherited stdio and returns the
     * process exit status (the guest's, {@value #TRAP_EXIT_CODE} for a trap, 2 for usage errors).
     * Messages go to {@code err}.
     */
    public static int runCli(List<String> argv, PrintStream err) {
        WasiConfig.Builder b = WasiConfig.builder().inheritStdio();
        int i = 0;
        List<String[]> envs = new ArrayList<>();
        try {
            for (; i < argv.size(); i++) {
                String a = argv.get(i);
                if (a.equals("--")) {
                    i++;
                    break;
                } else if (a.equals("--dir") || a.startsWith("--dir=")) {
                    String v = a.equals("--dir") ? value(argv, ++i, a) : a.substring(6);
                    int sep = v.indexOf("::");
                    String host = sep < 0 ? v : v.substring(0, sep);
                    String guest = sep < 0 ? v : v.substring(sep + 2);
                    b.preopen(Path.of(host), guest);
                } else if (a.equals("--env") || a.startsWith("--env=")) {
                    String v = a.equals("--env") ? value(argv, ++i, a) : a.substring(6);
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--env expects NAME=VALUE, got \"" + v + "\"");
                    }
                    envs.add(new String[] {v.substring(0, eq), v.substring(eq + 1)});
                } else if (a.equals("--inherit-env")) {
                    b.inheritEnv();
                } else if (a.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + a);
                } else {
                    break;
                }
            }
            if (i >= argv.size()) {
                throw new IllegalArgumentException("missing the .wasm file to run");
            }
            for (String[] kv : envs) {
                b.env(kv[0], kv[1]);
            }
        } catch (IllegalArgumentException e) {
            err.println("weir run: " + e.getMessage());
            err.println("usage: weir run [--dir HOST[::GUEST]]... [--env NAME=VALUE]... [--inherit-env] app.wasm [ARGS...]");
            return 2;
        }
        Path wasm = Path.of(argv.get(i));
        // argv[0] is the program name, as wasmtime passes it
        b.args(argv.subList(i, argv.size()));
        if (!Files.isRegularFile(wasm)) {
            err.println("weir run: no such file: " + wasm);
            return 2;
        }
        try {
            return run(wasm, b.build());
        } catch (Trap t) {
            err.println("weir run: " + wasm.getFileName() + " trapped: " + t);
            return TRAP_EXIT_CODE;
        } catch (RuntimeException e) {
            err.println("weir run: " + e.getMessage());
            return 1;
        }
    }

    private static String value(List<String> argv, int i, String option) {
        if (i >= argv.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return argv.get(i);
    }

    /** {@code java -cp ... dev.weir.wasi.WasiRunner [options] app.wasm [args]}. */
    public static void main(String[] args) {
        System.exit(runCli(List.of(args), System.err));
    }
}
