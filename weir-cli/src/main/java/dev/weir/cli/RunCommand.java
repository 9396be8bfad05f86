package dev.weir.cli;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.LinkException;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.StoreLimits;
import dev.weir.Trap;
import dev.weir.Value;
import dev.weir.WasmThrow;
import dev.weir.cli.internal.CliException;
import dev.weir.cli.internal.ModuleLoader;
import dev.weir.cli.internal.Quantities;
import dev.weir.cli.internal.ValueText;
import dev.weir.wasi.Wasi;
import dev.weir.wasi.WasiConfig;
import dev.weir.wasi.WasiExitException;
import dev.weir.wasm.Export;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.InvalidModuleException;
import dev.weir.wasm.ValType;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code weir run}: instantiates a module and either calls one export ({@code --invoke NAME ARGS})
 * or runs it as a WASI command ({@code _start}, with the process's stdio, arguments and exit code).
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a WebAssembly module (.wasm or .wat).",
            "With --invoke, instantiates the module, calls its _initialize export if it has one, then "
                + "calls the exported function NAME with ARGs parsed per its parameter types and prints "
                + "the results one per line. Without --invoke, runs the module as a WASI command: "
                + "ARGs are the program's arguments, stdin/stdout/stderr are the process's, and the "
                + "program's exit code becomes weir's.",
            "",
            "Arguments: i32/i64 in decimal or 0x hex (negative allowed, also unsigned spellings such "
                + "as 0xffffffff); f32/f64 in decimal or hex float (0x1.8p3), inf, -inf, nan, "
                + "nan:0xPAYLOAD; v128 as 0x followed by 32 hex digits; null for references. Put -- "
                + "before arguments that look like weir options.",
            "",
            "A trap prints 'weir: trap: MESSAGE' and the Wasm stack (innermost frame first) to "
                + "stderr."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir run examples/wasm/add.wasm --invoke add 3 4",
            "      7",
            "  weir run examples/wasm/fib.wasm --invoke fib 20",
            "  weir run --fuel 1000000 --timeout 5s --max-memory 64m module.wasm --invoke main",
            "  weir run --preload env=lib.wasm app.wasm --invoke run",
            "  weir run --dir data::/data --env LANG=C app.wasm input.txt",
            "",
            "Exit status: with --invoke, 0 success, 1 trap or failure, 2 usage error (unknown export, "
                + "wrong argument count or syntax). A WASI command exits with its own code (proc_exit "
                + "or 0), or 134 when it traps, as wasmtime does."
        })
final class RunCommand extends Verb {
    /** Exit status of a WASI command that traps (128 + SIGABRT, as wasmtime reports it). */
    static final int WASI_TRAP_EXIT = 134;
    /** How long after --timeout to wait for an interrupted guest before abandoning it. */
    private static final long INTERRUPT_GRACE_MILLIS = 5000;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm or .wat).")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments of the invoked function, or of the WASI program.")
    List<String> args = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME", description = "Call this exported function instead of running a WASI command.")
    String invoke;

    @Option(names = "--preload", paramLabel = "NAME=FILE",
            description = "Instantiate FILE first and provide its exports as imports of module NAME (repeatable).")
    List<String> preloads = new ArrayList<>();

    @Option(names = "--fuel", paramLabel = "N",
            description = "Instruction budget; running out traps with 'all fuel consumed'.")
    Long fuel;

    @Option(names = "--max-memory", paramLabel = "BYTES",
            description = "Largest size of each memory (e.g. 65536, 64k, 64m, 1g); memory.grow beyond it returns -1.")
    String maxMemory;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Stop the guest after this long (e.g. 200ms, 5s, 2m); it traps with 'interrupted'.")
    String timeout;

    @Option(names = "--interpreter", description = "Use the interpreter only (no compilation to JVM bytecode).")
    boolean interpreter;

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]",
            description = "Give the guest the host directory HOST, named GUEST (default: HOST) (repeatable).")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Set an environment variable of the guest (repeatable).")
    List<String> envs = new ArrayList<>();

    @Option(names = "--inherit-env", description = "Give the guest weir's environment variables (--env wins).")
    boolean inheritEnv;

    @Override
    public Integer call() throws Exception {
        if (file.startsWith("-") && !file.equals("-")) {
            throw usage("Unknown option: '" + file + "'");
        }
        if (fuel != null && fuel < 0) {
            throw usage("--fuel must not be negative");
        }
        StoreLimits.Builder limits = StoreLimits.builder();
        if (fuel != null) {
            limits.fuel(fuel);
        }
        if (maxMemory != null) {
            limits.maxMemoryBytes(quantity(() -> Quantities.bytes(maxMemory), "--max-memory"));
        }
        long timeoutMillis = timeout == null ? 0 : quantity(() -> Quantities.millis(timeout), "--timeout");
        WasiConfig.Builder wasiConfig = wasiConfig();

        // The compiler falls back to the interpreter where it does not exist or cannot handle a function.
        Engine engine = Engine.builder().compiler(!interpreter).fuel(fuel != null).build();
        List<String[]> preloadSpecs = new ArrayList<>();
        for (String p : preloads) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw usage("--preload expects NAME=FILE, got '" + p + "'");
            }
            preloadSpecs.add(new String[] {p.substring(0, eq), p.substring(eq + 1)});
        }
        List<Module> preloaded = new ArrayList<>();
        for (String[] p : preloadSpecs) {
            preloaded.add(compile(engine, p[1]));
        }
        Module module = compile(engine, file);
        Value[] callArgs = invoke == null ? null : arguments(module);
        if (invoke == null && !exportsFunction(module, "_start") && !exportsFunction(module, "_initialize")) {
            throw usage(file + ": not a WASI command (no _start export); use --invoke NAME to call one of its functions"
                    + " (" + exportedFunctions(module) + ")");
        }

        out().flush();
        err().flush();
        Guest guest = new Guest(engine, limits.build(), wasiConfig, preloadSpecs, preloaded, module, callArgs, timeoutMillis);
        FutureTask<Integer> task = new FutureTask<>(guest::run);
        // Deep (but legal) recursion needs more than a default thread stack; the runtime turns
        // exhaustion of either the call-depth limit or this stack into "call stack exhausted".
        Thread t = new Thread(null, task, "weir-guest", 256L << 20);
        t.setDaemon(true);
        t.start();
        try {
            if (timeoutMillis == 0) {
                return task.get();
            }
            try {
                return task.get(timeoutMillis + INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Store.interrupt() stops Wasm code, not a host function blocked in I/O (e.g. fd_read on
                // stdin). Give up on the daemon guest thread; the process exit ends it.
                throw new CliException("trap: interrupted (--timeout " + timeout
                        + " expired; the guest was blocked in a host call and was abandoned)", e);
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception) {
                throw (Exception) c;
            }
            throw (Error) c;
        } finally {
            guest.copyCapturedOutput();
        }
    }

    /** Runs on the guest thread: link, instantiate, call; returns the exit status. */
    private final class Guest {
        private final Engine engine;
        private final StoreLimits limits;
        private final WasiConfig.Builder wasiConfig;
        private final List<String[]> preloadSpecs;
        private final List<Module> preloaded;
        private final Module module;
        private final Value[] callArgs;
        private final long timeoutMillis;
        private final AtomicBoolean timedOut = new AtomicBoolean();
        private ByteArrayOutputStream capturedOut;
        private ByteArrayOutputStream capturedErr;

        Guest(Engine engine, StoreLimits limits, WasiConfig.Builder wasiConfig, List<String[]> preloadSpecs,
                List<Module> preloaded, Module module, Value[] callArgs, long timeoutMillis) {
            this.engine = engine;
            this.limits = limits;
            this.wasiConfig = wasiConfig;
            this.preloadSpecs = preloadSpecs;
            this.preloaded = preloaded;
            this.module = module;
            this.callArgs = callArgs;
            this.timeoutMillis = timeoutMillis;
        }

        @SuppressWarnings("try") // wasi is only closed: it closes files the guest left open
        int run() {
            ScheduledExecutorService timer = null;
            String current = file;
            Linker linker = new Linker();
            try (Store store = engine.newStore(limits); Wasi wasi = Wasi.addTo(linker, withStdio(wasiConfig))) {
                if (timeoutMillis > 0) {
                    timer = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread th = new Thread(r, "weir-timeout");
                        th.setDaemon(true);
                        return th;
                    });
                    timer.schedule(() -> {
                        timedOut.set(true);
                        store.interrupt();
                    }, timeoutMillis, TimeUnit.MILLISECONDS);
                }
                for (int i = 0; i < preloaded.size(); i++) {
                    current = preloadSpecs.get(i)[1];
                    Instance lib = linker.instantiate(store, preloaded.get(i));
                    initialize(lib);
                    linker.defineInstance(preloadSpecs.get(i)[0], lib);
                }
                current = file;
                Instance instance = linker.instantiate(store, module);
                if (callArgs != null) {
                    initialize(instance);
                    Value[] results = instance.func(invoke).call(callArgs);
                    for (Value v : results) {
                        out().println(ValueText.format(v));
                    }
                    out().flush();
                    return 0;
                }
                if (instance.export("_start") instanceof Func) {
                    ((Func) instance.export("_start")).call();
                } else {
                    // A reactor without --invoke: initialize it, which is all there is to run.
                    initialize(instance);
                }
                return 0;
            } catch (LinkException e) {
                throw new CliException(current + ": " + e.getMessage(), e);
            } catch (Trap e) {
                WasiExitException exit = WasiExitException.find(e);
                if (exit != null && callArgs == null) {
                    return exit.exitCode();
                }
                reportTrap(e, exit);
                return callArgs == null ? WASI_TRAP_EXIT : 1;
            } catch (WasmThrow e) {
                StringJoiner payload = new StringJoiner(" ", " (", ")");
                for (Value v : e.payload()) {
                    payload.add(v.type() + ":" + ValueText.format(v));
                }
                fail("uncaught exception" + (e.payload().length == 0 ? "" : payload.toString()), e);
                return callArgs == null ? WASI_TRAP_EXIT : 1;
            } finally {
                if (timer != null) {
                    timer.shutdownNow();
                }
            }
        }

        private void reportTrap(Trap e, WasiExitException exit) {
            String message = e.getMessage();
            if (exit != null) {
                message = "proc_exit(" + exit.exitCode() + ") called during --invoke";
            } else if (timedOut.get() && "interrupted".equals(message)) {
                message += " (--timeout " + timeout + " expired)";
            } else if ("all fuel consumed".equals(message)) {
                message += " (--fuel " + fuel + ")";
            }
            err().println("weir: trap: " + message);
            for (Trap.WasmFrame f : e.wasmStackTrace()) {
                err().println("    " + f);
            }
            if (verbose()) {
                Main.stackTrace(err(), e.getCause() != null ? e.getCause() : e);
            }
            err().flush();
        }

        /** Process stdio when weir owns it; otherwise buffers that {@link #copyCapturedOutput} hands to out/err. */
        private WasiConfig withStdio(WasiConfig.Builder b) {
            if (processStdio()) {
                return b.inheritStdio().build();
            }
            capturedOut = new ByteArrayOutputStream();
            capturedErr = new ByteArrayOutputStream();
            return b.stdin(InputStream.nullInputStream()).stdout(capturedOut).stderr(capturedErr).build();
        }

        void copyCapturedOutput() {
            if (capturedOut != null) {
                out().print(capturedOut.toString(StandardCharsets.UTF_8));
                out().flush();
                err().print(capturedErr.toString(StandardCharsets.UTF_8));
                err().flush();
            }
        }
    }

    private boolean processStdio() {
        Object root = spec.root().userObject();
        return root instanceof WeirCommand && ((WeirCommand) root).processStdio;
    }

    /** The WASI environment except stdio: arguments, environment, preopened directories. */
    private WasiConfig.Builder wasiConfig() {
        WasiConfig.Builder b = WasiConfig.builder();
        try {
            // argv[0] is the program as named on the command line, as wasmtime passes it.
            b.args(file);
            if (invoke == null) {
                b.args(args);
            }
            if (inheritEnv) {
                b.inheritEnv();
            }
            for (String e : envs) {
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw usage("--env expects NAME=VALUE, got '" + e + "'");
                }
                b.env(e.substring(0, eq), e.substring(eq + 1));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        for (String d : dirs) {
            int sep = d.indexOf("::");
            String host = sep < 0 ? d : d.substring(0, sep);
            String guest = sep < 0 ? d : d.substring(sep + 2);
            if (host.isEmpty() || guest.isEmpty()) {
                throw usage("--dir expects HOST[::GUEST], got '" + d + "'");
            }
            try {
                b.preopen(Path.of(host), guest);
            } catch (IllegalArgumentException e) {
                // Missing or not a directory: the user's environment, not the command's syntax.
                throw new CliException("--dir " + d + ": " + (e.getCause() instanceof java.nio.file.NoSuchFileException
                        ? "no such directory" : e.getMessage()), e);
            }
        }
        return b;
    }

    /** Loads, decodes and validates a module file with one-line errors. */
    private static Module compile(Engine engine, String path) {
        ModuleLoader.Loaded loaded = ModuleLoader.load(path);
        try {
            return engine.compile(loaded.module());
        } catch (InvalidModuleException e) {
            throw new CliException(path + ": " + ModuleLoader.describe(e, loaded.module(), loaded.format().equals("binary")), e);
        }
    }

    private static boolean exportsFunction(Module module, String name) {
        return module.exports().stream().anyMatch(e -> e.kind() == ExternKind.FUNC && e.name().equals(name));
    }

    private static String exportedFunctions(Module module) {
        List<String> funcs = new ArrayList<>();
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC) {
                funcs.add(e.name());
            }
        }
        return "exported functions: " + (funcs.isEmpty() ? "none" : String.join(", ", funcs));
    }

    /** The --invoke arguments parsed per the export's parameter types; usage errors (exit 2) otherwise. */
    private Value[] arguments(Module module) {
        FuncType type = null;
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC && e.name().equals(invoke)) {
                type = module.wasm().functionType(e.index());
            }
        }
        if (type == null) {
            boolean other = module.exports().stream().anyMatch(e -> e.name().equals(invoke));
            throw usage(file + ": " + (other ? "export '" + invoke + "' is not a function"
                    : "no exported function '" + invoke + "'") + " (" + exportedFunctions(module) + ")");
        }
        List<ValType> params = type.params();
        if (args.size() != params.size()) {
            throw usage(invoke + " " + type + " takes " + params.size() + " argument" + (params.size() == 1 ? "" : "s")
                    + ", got " + args.size());
        }
        Value[] values = new Value[params.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = ValueText.parse(args.get(i), params.get(i));
            } catch (IllegalArgumentException e) {
                throw usage("argument " + (i + 1) + " of " + invoke + ": " + e.getMessage());
            }
        }
        return values;
    }

    /** Calls a reactor's {@code _initialize} (WASI application ABI) when it exports one. */
    private static void initialize(Instance instance) {
        if (instance.export("_initialize") instanceof Func) {
            ((Func) instance.export("_initialize")).call();
        }
    }

    private interface LongSupplier {
        long get();
    }

    private long quantity(LongSupplier s, String option) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
