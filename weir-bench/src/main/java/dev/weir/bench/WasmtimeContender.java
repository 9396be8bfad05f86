package dev.weir.bench;

import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.github.kawamuray.wasmtime.WasmFunctionError;
import io.github.kawamuray.wasmtime.WasmFunctions;
import io.github.kawamuray.wasmtime.wasi.WasiCtx;
import io.github.kawamuray.wasmtime.wasi.WasiCtxBuilder;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * wasmtime (Cranelift, native code) through {@code wasmtime-java} 0.19 (JNI). The Store and the
 * Linker are created with the same Engine that compiled the module (wasmtime rejects a module
 * from another engine). WASI stdout/stderr go to temporary files, copied to the streams afterwards.
 *
 * <p>{@code Linker.module} defines a command's exports as functions that instantiate the module on
 * each call, so for programs without {@code bench.start/end} instantiation is inside the run time
 * (hello_wasi only; it is microseconds).
 */
final class WasmtimeContender extends JvmContender {
    private static final Pattern EXIT = Pattern.compile("[Ee]xit(?:ed with i32 exit)? status (\\d+)");
    private Engine engine;
    private String unavailable;

    WasmtimeContender() {
        try {
            engine = new Engine();
        } catch (Throwable e) { // UnsatisfiedLinkError, or the loader's RuntimeException on an unknown platform
            unavailable = "wasmtime-java native library did not load: " + e;
        }
    }

    @Override
    public String name() {
        return "wasmtime";
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    @Override
    protected Object compile(byte[] wasm) {
        return Module.fromBinary(engine, wasm);
    }

    @Override
    protected GuestRun instantiate(Object compiled, Program program, OutputStream stdout, OutputStream stderr,
            RunWindow window) throws Exception {
        Module module = (Module) compiled;
        Path out = Files.createTempFile("weir-bench-wasmtime", ".out");
        Path err = Files.createTempFile("weir-bench-wasmtime", ".err");
        WasiCtxBuilder wb = new WasiCtxBuilder().stdout(out).stderr(err);
        if (program.isCommand()) {
            wb.args(program.args()).preopenedDir(program.dir(), ".");
        }
        WasiCtx wasi = wb.build();
        Store<Void> store = new Store<>(null, engine, wasi);
        Linker linker = new Linker(engine);
        WasiCtx.addToLinker(linker);
        linker.define(store, "bench", "start", Extern.fromFunc(WasmFunctions.wrap(store, window::start)));
        linker.define(store, "bench", "end", Extern.fromFunc(WasmFunctions.wrap(store, window::end)));
        linker.module(store, "", module);
        String export = program.isCommand() ? "_start" : program.invoke().export;
        Func f = linker.get(store, "", export).orElseThrow(() -> new IllegalStateException("no export " + export))
                .func();
        return () -> {
            try {
                int code = 0;
                try {
                    if (program.isCommand()) {
                        f.call(store);
                    } else {
                        Program.Invoke inv = program.invoke();
                        Val[] args = new Val[inv.args.length];
                        for (int i = 0; i < args.length; i++) {
                            args[i] = inv.paramTypes.charAt(i) == 'i' ? Val.fromI32((int) inv.args[i])
                                    : Val.fromI64(inv.args[i]);
                        }
                        Val r = f.call(store, args)[0];
                        long raw = inv.resultType == 'i' ? r.i32() : r.i64();
                        Files.writeString(out, inv.format(raw), StandardCharsets.UTF_8);
                    }
                } catch (WasmFunctionError.I32ExitError e) {
                    code = e.exitCode();
                } catch (RuntimeException e) {
                    Integer c = exitStatus(e);
                    if (c == null) {
                        throw e;
                    }
                    code = c;
                }
                stdout.write(Files.readAllBytes(out));
                stderr.write(Files.readAllBytes(err));
                return code;
            } finally {
                f.dispose();
                linker.dispose();
                store.dispose();
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        };
    }

    /** proc_exit surfaces as an error whose message carries the status; null for a real trap. */
    private static Integer exitStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = EXIT.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Integer.valueOf(m.group(1));
            }
        }
        return null;
    }
}
