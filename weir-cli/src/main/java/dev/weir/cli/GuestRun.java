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
import dev.weir.cli.internal.ValueText;
import dev.weir.exchange.GuestAllocationException;
import dev.weir.exchange.GuestBuffer;
import dev.weir.exchange.GuestHeap;
import dev.weir.exchange.ResultConvention;
import dev.weir.wasi.Wasi;
import dev.weir.wasi.WasiConfig;
import dev.weir.wasi.WasiExitException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The guest side of {@code weir run}, on its own thread: link the preloaded modules, instantiate,
 * then call the --invoke export (with exchange arguments through weir-exchange) or the WASI
 * {@code _start}. Returns the exit status; reports traps as {@code weir: trap: MESSAGE} plus the
 * Wasm stack.
 */
final class GuestRun {
    /** A module to instantiate first and register under {@code name} (from --preload NAME=FILE). */
    record Preload(String name, String file, Module module) {
    }

    private final RunCommand cmd;
    private final Engine engine;
    private final StoreLimits limits;
    private final WasiConfig.Builder wasiConfig;
    private final List<Preload> preloads;
    private final Module module;
    /** The parsed --invoke arguments, or null for a WASI command. */
    private final Value[] callArgs;
    private final InvokeArguments invokeArgs;
    private final long timeoutMillis;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private ByteArrayOutputStream capturedOut;
    private ByteArrayOutputStream capturedErr;

    GuestRun(RunCommand cmd, Engine engine, StoreLimits limits, WasiConfig.Builder wasiConfig, List<Preload> preloads,
            Module module, InvokeArguments invokeArgs, Value[] callArgs, long timeoutMillis) {
        this.cmd = cmd;
        this.engine = engine;
        this.limits = limits;
        this.wasiConfig = wasiConfig;
        this.preloads = preloads;
        this.module = module;
        this.invokeArgs = invokeArgs;
        this.callArgs = callArgs;
        this.timeoutMillis = timeoutMillis;
    }

    @SuppressWarnings("try") // wasi is only closed: it closes files the guest left open
    int run() {
        ScheduledExecutorService timer = null;
        String current = cmd.file;
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
            for (Preload p : preloads) {
                current = p.file();
                Instance lib = linker.instantiate(store, p.module());
                initialize(lib);
                linker.defineInstance(p.name(), lib);
            }
            current = cmd.file;
            Instance instance = linker.instantiate(store, module);
            if (callArgs != null) {
                initialize(instance);
                if (!cmd.exchange.isEmpty() || cmd.returns != null) {
                    invokeWithExchange(instance, callArgs);
                } else {
                    for (Value v : instance.func(cmd.invoke).call(callArgs)) {
                        cmd.out().println(ValueText.format(v));
                    }
                    cmd.out().flush();
                }
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
            throw new CliException(cmd.invoke + ": " + e.getMessage(), e);
        } catch (Trap e) {
            WasiExitException exit = WasiExitException.find(e);
            if (exit != null && callArgs == null) {
                // proc_exit(n) of a WASI command is its exit status, passed through unchanged.
                return exit.exitCode();
            }
            reportTrap(e, exit);
            return callArgs == null ? RunCommand.WASI_TRAP_EXIT : 1;
        } catch (WasmThrow e) {
            StringJoiner payload = new StringJoiner(" ", " (", ")");
            for (Value v : e.payload()) {
                payload.add(v.type() + ":" + ValueText.format(v));
            }
            cmd.fail("uncaught exception" + (e.payload().length == 0 ? "" : payload.toString()), e);
            return callArgs == null ? RunCommand.WASI_TRAP_EXIT : 1;
        } finally {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    /** Calls a reactor's {@code _initialize} (WASI application ABI) when it exports one. */
    private static void initialize(Instance instance) {
        if (instance.export("_initialize") instanceof Func) {
            ((Func) instance.export("_initialize")).call();
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
            throw new CliException(cmd.file + ": --string/--bytes/--ints/--returns need a guest allocator: "
                    + e.getMessage(), e);
        }
        Charset cs = heap.allocator().stringCharset();
        List<GuestBuffer> bufs = ExchangeArgs.copyIn(heap, cmd.exchange, cs);
        Throwable failure = null;
        try {
            int lead = 2 * bufs.size();
            if (cmd.returns == null) {
                Value[] all = new Value[lead + plain.length];
                for (int i = 0; i < bufs.size(); i++) {
                    all[2 * i] = Value.i32(bufs.get(i).ptr());
                    all[2 * i + 1] = Value.i32(bufs.get(i).length());
                }
                System.arraycopy(plain, 0, all, lead, plain.length);
                for (Value v : instance.func(cmd.invoke).call(all)) {
                    cmd.out().println(ValueText.format(v));
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
                ResultConvention rc = ExchangeArgs.convention(invokeArgs.effectiveConvention(), lastLen);
                String text;
                try (GuestBuffer r = rc.invoke(heap, cmd.invoke, slots)) {
                    text = r == null ? "null" : ExchangeArgs.format(r, ExchangeArgs.returns(cmd.returns), cs);
                } catch (IllegalArgumentException e) {
                    throw new CliException(cmd.invoke + ": " + e.getMessage(), e);
                }
                cmd.out().println(text);
            }
            cmd.out().flush();
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
            message += " (--timeout " + cmd.timeout + " expired)";
        } else if ("all fuel consumed".equals(message)) {
            message += " (--fuel " + cmd.fuel + ")";
        }
        // The first line is complete on its own; the Wasm frames below it are the guest's
        // backtrace (as wasmtime prints it), not a Java stack trace, which needs --verbose.
        cmd.err().println("weir: trap: " + message);
        for (Trap.WasmFrame f : e.wasmStackTrace()) {
            cmd.err().println("    " + f);
        }
        if (e.wasmStackTrace().isEmpty() && module.isCompiled()) {
            // Compiled functions do not record Wasm frames as a trap unwinds (weir-compiler).
            cmd.err().println("    (no Wasm backtrace from compiled code; rerun with --interpreter for one)");
        }
        if (cmd.verbose()) {
            Main.stackTrace(cmd.err(), e.getCause() != null ? e.getCause() : e);
        }
        cmd.err().flush();
    }

    /** Process stdio when weir owns it; otherwise buffers that {@link #copyCapturedOutput} hands to out/err. */
    private WasiConfig withStdio(WasiConfig.Builder b) {
        if (cmd.processStdio()) {
            return b.inheritStdio().build();
        }
        capturedOut = new ByteArrayOutputStream();
        capturedErr = new ByteArrayOutputStream();
        return b.stdin(InputStream.nullInputStream()).stdout(capturedOut).stderr(capturedErr).build();
    }

    void copyCapturedOutput() {
        if (capturedOut != null) {
            cmd.out().print(capturedOut.toString(StandardCharsets.UTF_8));
            cmd.out().flush();
            cmd.err().print(capturedErr.toString(StandardCharsets.UTF_8));
            cmd.err().flush();
        }
    }
}
