package dev.weir.cli;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.LinkException;
import dev.weir.Linker;
import dev.weir.MalformedStringException;
import dev.weir.MemoryAccessException;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.StoreLimits;
import dev.weir.Trap;
import dev.weir.Value;
import dev.weir.WasmThrow;
import dev.weir.cli.internal.CliException;
import dev.weir.cli.internal.ExchangeArgs;
import dev.weir.cli.internal.ModuleLoader;
import dev.weir.cli.internal.Quantities;
import dev.weir.cli.internal.ValueText;
import dev.weir.exchange.GuestAllocationException;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.ResultConvention;
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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
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

    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm or .wat).")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments of the invoked function, or of the WASI program.")
    List<String> args = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME", description = "Call this exported function instead of running a WASI command.")
    String invoke;

    /** The exchange arguments in command-line order (the parameter consumers below append to it). */
    final List<ExchangeArgs.Arg> exchange = new ArrayList<>();

    @Option(names = "--string", paramLabel = "TEXT", parameterConsumer = StringConsumer.class,
            description = "With --invoke: copy TEXT (UTF-8) into the guest and pass (ptr, len) (repeatable).")
    List<String> strings;

    @Option(names = "--bytes", paramLabel = "B,B,...", parameterConsumer = BytesConsumer.class,
            description = "With --invoke: copy these bytes (0..255 or -128..-1) into the guest and pass (ptr, len) (repeatable).")
    List<String> bytes;

    @Option(names = "--ints", paramLabel = "I,I,...", parameterConsumer = IntsConsumer.class,
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
        if (invoke == null && (!exchange.isEmpty() || returns != null || retConvention != null)) {
            throw usage("--string, --bytes, --ints, --returns and --ret-convention need --invoke");
        }
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
                    if (!exchange.isEmpty() || returns != null) {
                        invokeWithExchange(instance, callArgs);
                        return 0;
                    }
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
            } catch (GuestAllocationException | MemoryAccessException | MalformedStringException e) {
                // The exchange layer's typed errors: a failed guest allocation, a result out of bounds,
                // invalid UTF-8 in a returned string.
                throw new CliException(invoke + ": " + e.getMessage(), e);
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

        /**
         * Copies the exchange arguments in, calls, reads and frees the result, then frees the
         * arguments (also when the call traps). All allocation is weir-exchange's {@link GuestHeap}.
         */
        private void invokeWithExchange(Instance instance, Value[] plain) {
            GuestHeap heap;
            try {
                heap = GuestHeap.detect(instance);
            } catch (IllegalArgumentException e) {
                throw new CliException(file + ": --string/--bytes/--ints/--returns need a guest allocator: "
                        + e.getMessage(), e);
            }
            Charset cs = heap.allocator().stringCharset();
            List<GuestBuffer> bufs = ExchangeArgs.copyIn(heap, exchange, cs);
            Throwable failure = null;
            try {
                int lead = 2 * bufs.size();
                if (returns == null) {
                    Value[] all = new Value[lead + plain.length];
                    for (int i = 0; i < bufs.size(); i++) {
                        all[2 * i] = Value.i32(bufs.get(i).ptr());
                        all[2 * i + 1] = Value.i32(bufs.get(i).length());
                    }
                    System.arraycopy(plain, 0, all, lead, plain.length);
                    for (Value v : instance.func(invoke).call(all)) {
                        out().println(ValueText.format(v));
                    }
                } else {
                    long[] slots = new long[lead + plain.length];
                    for (int i = 0; i < bufs.size(); i++) {
                        slots[2 * i] = bufs.get(i).ptr();
                        slots[2 * i + 1] = bufs.get(i).length();
                    }
                    for (int i = 0; i < plain.length; i++) {
                        slots[lead + i] = ExchangeArgs.slot(plain[i]);
                    }
                    int lastLen = bufs.isEmpty() ? -1 : bufs.get(bufs.size() - 1).length();
                    ResultConvention rc = ExchangeArgs.convention(effectiveConvention, lastLen);
                    String text;
                    try (GuestBuffer r = rc.invoke(heap, invoke, slots)) {
                        text = r == null ? "null" : ExchangeArgs.format(r, ExchangeArgs.returns(returns), cs);
                    } catch (IllegalArgumentException e) {
                        throw new CliException(invoke + ": " + e.getMessage(), e);
                    }
                    out().println(text);
                }
                out().flush();
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                ExchangeArgs.closeAll(bufs, failure);
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
        if (exchange.isEmpty() && returns == null) {
            if (retConvention != null) {
                throw usage("--ret-convention needs --returns string|bytes|int");
            }
            if (args.size() != params.size()) {
                throw usage(invoke + " " + type + " takes " + params.size() + " argument" + (params.size() == 1 ? "" : "s")
                        + ", got " + args.size());
            }
            return parsePlain(params, 0);
        }
        return exchangeArguments(type);
    }

    /** The convention --returns uses: --ret-convention, or the one the result types imply. */
    private String effectiveConvention;

    /** Checks the exchange options against the export's type; returns the plain ARGs' values. */
    private Value[] exchangeArguments(FuncType type) {
        List<ValType> params = type.params();
        try {
            for (ExchangeArgs.Arg a : exchange) {
                ExchangeArgs.check(a);
            }
            if (retConvention != null && returns == null) {
                throw usage("--ret-convention needs --returns string|bytes|int");
            }
            if (returns != null) {
                ExchangeArgs.returns(returns);
                effectiveConvention = retConvention != null ? retConvention : ExchangeArgs.inferConvention(type.results());
                if (effectiveConvention == null) {
                    throw usage("--returns: say how " + invoke + " " + type + " returns its length with --ret-convention"
                            + " packed|outptr|pair|len=N|same|nul|prefixed");
                }
                ExchangeArgs.convention(effectiveConvention, exchange.isEmpty() ? -1 : 0);
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        int lead = 2 * exchange.size();
        int extra = returns == null ? 0 : ExchangeArgs.extraParams(effectiveConvention);
        int plain = params.size() - lead - extra;
        if (plain < 0 || args.size() != plain) {
            throw usage(invoke + " " + type + " takes " + params.size() + " parameter" + (params.size() == 1 ? "" : "s")
                    + "; " + exchange.size() + " exchange argument" + (exchange.size() == 1 ? "" : "s") + " fill " + lead
                    + (extra == 0 ? "" : " and the out-pointer 1") + ", so " + Math.max(plain, 0) + " ARG"
                    + (plain == 1 ? "" : "s") + " expected, got " + args.size());
        }
        for (int i = 0; i < lead; i++) {
            if (!params.get(i).equals(ValType.I32)) {
                throw usage("--string/--bytes/--ints pass (ptr, len) as two i32 parameters, but parameter " + (i + 1)
                        + " of " + invoke + " " + type + " is " + params.get(i));
            }
        }
        if (extra == 1 && !params.get(params.size() - 1).equals(ValType.I32)) {
            throw usage("--ret-convention outptr passes an i32 out-pointer last, but " + invoke + " " + type
                    + " ends with " + params.get(params.size() - 1));
        }
        Value[] values = parsePlain(params.subList(lead, lead + plain), lead);
        if (returns != null) {
            for (int i = 0; i < values.length; i++) {
                ValType t = values[i].type();
                if (t.isRef() || t.equals(ValType.V128)) {
                    throw usage("argument " + (lead + i + 1) + " of " + invoke + ": a " + t
                            + " parameter cannot be combined with --returns");
                }
            }
        }
        return values;
    }

    private Value[] parsePlain(List<ValType> params, int firstIndex) {
        Value[] values = new Value[params.size()];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = ValueText.parse(args.get(i), params.get(i));
            } catch (IllegalArgumentException e) {
                throw usage("argument " + (firstIndex + i + 1) + " of " + invoke + ": " + e.getMessage());
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

    /**
     * Appends one exchange argument to {@link #exchange}. A consumer per option keeps the order of
     * --string/--bytes/--ints across options (picocli's lists would lose it), and takes the next
     * word as the value even when it starts with '-' (e.g. {@code --ints -1,2}).
     */
    private abstract static class ExchangeConsumer implements IParameterConsumer {
        private final ExchangeArgs.Kind kind;

        ExchangeConsumer(ExchangeArgs.Kind kind) {
            this.kind = kind;
        }

        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            if (args.isEmpty()) {
                throw new ParameterException(commandSpec.commandLine(), "Missing required parameter for option '"
                        + kind.option + "' (" + argSpec.paramLabel() + ")");
            }
            ((RunCommand) commandSpec.userObject()).exchange.add(new ExchangeArgs.Arg(kind, args.pop()));
        }
    }

    static final class StringConsumer extends ExchangeConsumer {
        StringConsumer() {
            super(ExchangeArgs.Kind.STRING);
        }
    }

    static final class BytesConsumer extends ExchangeConsumer {
        BytesConsumer() {
            super(ExchangeArgs.Kind.BYTES);
        }
    }

    static final class IntsConsumer extends ExchangeConsumer {
        IntsConsumer() {
            super(ExchangeArgs.Kind.INTS);
        }
    }
}
