package dev.weir.bench;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.HostFunction;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.wasi.Wasi;
import dev.weir.wasi.WasiConfig;
import dev.weir.wasi.WasiExitException;
import dev.weir.wasm.FuncType;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Weir's interpreter or its compiler to JVM bytecode ({@code Engine.builder().compiler(..)}). */
final class WeirContender extends JvmContender {
    private static final FuncType NONE = new FuncType(List.of(), List.of());
    private final Engine engine;
    private final boolean compiler;

    WeirContender(boolean compiler) {
        this.compiler = compiler;
        this.engine = Engine.builder().compiler(compiler).build();
    }

    @Override
    public String name() {
        return compiler ? "Weir compiler" : "Weir interp";
    }

    @Override
    public String unavailableReason() {
        return compiler && !engine.compilerAvailable() ? "weir-compiler not on the class path" : null;
    }

    @Override
    protected Object compile(byte[] wasm) {
        return engine.compile(wasm);
    }

    @Override
    protected GuestRun instantiate(Object compiled, Program program, OutputStream stdout, OutputStream stderr,
            RunWindow window) {
        Module module = (Module) compiled;
        Linker linker = new Linker();
        if (program.invoke() != null) {
            Store store = engine.newStore();
            Instance in = linker.instantiate(store, module);
            Func f = in.func(program.invoke().export);
            return () -> {
                try (store) {
                    long raw = f.callSlots(program.invoke().args)[0];
                    stdout.write(program.invoke().format(raw).getBytes(StandardCharsets.UTF_8));
                    return 0;
                }
            };
        }
        WasiConfig config = WasiConfig.builder().args(program.args()).stdin(InputStream.nullInputStream())
                .stdout(stdout).stderr(stderr).preopen(program.dir(), ".", true).build();
        Wasi wasi = Wasi.addTo(linker, config);
        linker.define("bench", "start", NONE, (HostFunction) (c, s, r, b) -> window.start());
        linker.define("bench", "end", NONE, (HostFunction) (c, s, r, b) -> window.end());
        Store store = engine.newStore();
        Instance in = linker.instantiate(store, module);
        Func start = in.func("_start");
        return () -> {
            try (wasi; store) {
                start.callSlots();
                return 0;
            } catch (Trap t) {
                WasiExitException exit = WasiExitException.find(t);
                if (exit != null) {
                    return exit.exitCode();
                }
                throw t;
            }
        };
    }
}
