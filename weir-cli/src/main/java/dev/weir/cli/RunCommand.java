package dev.weir.cli;

import dev.weir.Engine;
import dev.weir.Module;
import dev.weir.StoreLimits;
import dev.weir.Value;
import dev.weir.cli.internal.CliException;
import dev.weir.cli.internal.ExchangeArgs;
import dev.weir.cli.internal.ModuleLoader;
import dev.weir.cli.internal.Progress;
import dev.weir.cli.internal.Quantities;
import dev.weir.compiler.CompilerStats;
import dev.weir.wasi.WasiConfig;
import dev.weir.wasm.InvalidModuleException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code weir run}: instantiates a module and either calls one export ({@code --invoke NAME ARGS})
 * or runs it as a WASI command ({@code _start}, with the process's stdio, arguments and exit code).
 *
 * <p>This class holds the options and checks them; {@link InvokeArguments} checks and parses the
 * --invoke arguments against the export's type, {@link GuestRun} runs the guest on its own thread
 * (linking, exchange arguments, trap reports), {@link ExchangeConsumers} collects --string/--bytes/--ints.
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
            "Data exchange with --invoke: --string TEXT, --bytes 1,2,3 and --ints 1,2,3 (repeatable, "
                + "in order) are copied into the guest with its own allocator (alloc/dealloc, malloc/free, "
                + "wasm-bindgen, cabi_realloc, ... detected from the exports) and passed as (ptr, len) i32 "
                + "pairs in the leading parameters (len in bytes); ARGs fill the remaining parameters. "
                + "--returns string|bytes|int reads a (ptr, len) result back with --ret-convention "
                + "packed (i64 ptr<<32|len), outptr (extra last out-parameter), pair (multi-value), "
                + "len=N, same (length of the last exchange argument), nul or prefixed (u32 length "
                + "first), prints it (bytes/ints comma-separated) and frees it with the guest's allocator. "
                + "Every block is freed exactly once.",
            "",
            "A trap prints 'weir: trap: MESSAGE' and the Wasm stack (innermost frame first) to "
                + "stderr."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir run examples/wasm/add.wasm --invoke add 3 4",
            "      7",
            "  weir run examples/wasm/fib.wasm --invoke fib 20",
            "  weir run examples/wasm/rust-raw.wasm --invoke array_sum --bytes 1,2,3,4,5",
            "      15",
            "  weir run examples/wasm/rust-raw.wasm --invoke upper_packed --string hello --returns string "
                + "--ret-convention packed",
            "      HELLO",
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
    /** Thread stack of the guest: deep (but legal) recursion needs more than the default. */
    private static final long GUEST_STACK_BYTES = 256L << 20;

    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm or .wat).")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments of the invoked function, or of the WASI program.")
    List<String> args = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME", description = "Call this exported function instead of running a WASI command.")
    String invoke;

    /** The exchange arguments in command-line order (the {@link ExchangeConsumers} append to it). */
    final List<ExchangeArgs.Arg> exchange = new ArrayList<>();

    @Option(names = "--string", paramLabel = "TEXT", parameterConsumer = ExchangeConsumers.StringConsumer.class,
            description = "With --invoke: copy TEXT (UTF-8) into the guest and pass (ptr, len) (repeatable).")
    List<String> strings;

    @Option(names = "--bytes", paramLabel = "B,B,...", parameterConsumer = ExchangeConsumers.BytesConsumer.class,
            description = "With --invoke: copy these bytes (0..255 or -128..-1) into the guest and pass (ptr, len) (repeatable).")
    List<String> bytes;

    @Option(names = "--ints", paramLabel = "I,I,...", parameterConsumer = ExchangeConsumers.IntsConsumer.class,
            description = "With --invoke: copy these i32s (little-endian) into the guest and pass (ptr, byte len) (repeatable).")
    List<String> ints;

    @Option(names = "--returns", paramLabel = "string|bytes|int",
            description = "With --invoke: read the result as a (ptr, len) block of this kind, print it and free it.")
    String returns;

    @Option(names = "--ret-convention", paramLabel = "CONV",
            description = "How --returns finds the result's length: packed, outptr, pair, len=N, same, nul, prefixed"
                    + " (default: packed for an i64 result, pair for (i32, i32)).")
    String retConvention;

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
        if (invoke == null && (!exchange.isEmpty() || returns != null || retConvention != null)) {
            throw usage("--string, --bytes, --ints, --returns and --ret-convention need --invoke");
        }
        List<String[]> preloadSpecs = new ArrayList<>();
        for (String p : preloads) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw usage("--preload expects NAME=FILE, got '" + p + "'");
            }
            preloadSpecs.add(new String[] {p.substring(0, eq), p.substring(eq + 1)});
        }

        // The compiler falls back to the interpreter where it is absent or cannot handle a function
        // (and fuel metering always interprets).
        Engine engine = Engine.builder().compiler(!interpreter).fuel(fuel != null).build();
        Progress progress = progress();
        List<GuestRun.Preload> preloaded = new ArrayList<>();
        for (String[] p : preloadSpecs) {
            preloaded.add(new GuestRun.Preload(p[0], p[1], compile(engine, p[1], progress)));
        }
        Module module = compile(engine, file, progress);
        InvokeArguments invokeArgs = new InvokeArguments(this);
        Value[] callArgs = invoke == null ? null : invokeArgs.parse(module);
        if (invoke == null && !InvokeArguments.exportsFunction(module, "_start")
                && !InvokeArguments.exportsFunction(module, "_initialize")) {
            throw usage(file + ": not a WASI command (no _start export); use --invoke NAME to call one of its functions"
                    + " (" + InvokeArguments.exportedFunctions(module.exports()) + ")");
        }

        out().flush();
        err().flush();
        GuestRun guest = new GuestRun(this, engine, limits.build(), wasiConfig, preloaded, module, invokeArgs, callArgs,
                timeoutMillis);
        FutureTask<Integer> task = new FutureTask<>(guest::run);
        // The runtime turns exhaustion of either the call-depth limit or this stack into
        // "call stack exhausted".
        Thread t = new Thread(null, task, "weir-guest", GUEST_STACK_BYTES);
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
                throw new CliException("--dir " + d + ": " + (e.getCause() instanceof NoSuchFileException
                        ? "no such directory" : e.getMessage()), e);
            }
        }
        return b;
    }

    /**
     * Loads, decodes, validates and compiles a module file with one-line errors; the two long
     * steps report progress (live on a terminal, timings under --verbose).
     */
    static Module compile(Engine engine, String path, Progress progress) {
        ModuleLoader.Loaded loaded = load(path, progress);
        boolean compiling = engine.compilerAvailable();
        String label = (compiling ? "validating and compiling " : "validating ") + functions(loaded) + " of " + path;
        long compiledBefore = compiling ? CompilerStats.compiled() : 0;
        long fallbacksBefore = compiling ? CompilerStats.fallbacks() : 0;
        try {
            return progress.phase(label, () -> engine.compile(loaded.module()), () -> !compiling ? "interpreter"
                    : (CompilerStats.compiled() - compiledBefore) + " to JVM bytecode, "
                            + (CompilerStats.fallbacks() - fallbacksBefore) + " interpreted");
        } catch (InvalidModuleException e) {
            throw new CliException(path + ": " + ModuleLoader.describe(e, loaded.module(), loaded.format().equals("binary")), e);
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

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
