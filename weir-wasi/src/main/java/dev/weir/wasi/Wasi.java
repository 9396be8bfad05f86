package dev.weir.wasi;

import dev.weir.Linker;
import dev.weir.wasi.internal.FdEntry;
import dev.weir.wasi.internal.Wasi1;
import dev.weir.wasi.internal.WasiContext;
import dev.weir.wasi.internal.WasiImports;
import dev.weir.wasm.FuncType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One WASI environment (descriptor table, arguments, environment, clock, randomness) whose
 * {@code wasi_snapshot_preview1} functions are defined in a {@link Linker}. Use one per guest
 * instance; {@link #close()} closes the files the guest left open (the embedder's streams stay
 * open).
 *
 * <pre>{@code
 * Linker linker = new Linker();
 * try (Wasi wasi = Wasi.addTo(linker, WasiConfig.builder().inheritStdio().args("app").build())) {
 *     Instance inst = linker.instantiate(store, module);
 *     inst.func("_start").callSlots();   // WasiExitException carries proc_exit's status
 * }
 * }</pre>
 */
public final class Wasi implements AutoCloseable {
    /** The import module name. */
    public static final String MODULE = WasiImports.MODULE;

    private final WasiContext ctx;

    private Wasi(WasiContext ctx) {
        this.ctx = ctx;
    }

    /** Creates the environment described by {@code config} and defines its functions in {@code linker}. */
    public static Wasi addTo(Linker linker, WasiConfig config) {
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : config.env().entrySet()) {
            env.add(e.getKey() + "=" + e.getValue());
        }
        WasiContext ctx = new WasiContext(config.args(), env, config.clock(), config.random());
        boolean tty = config.stdioIsTerminal();
        ctx.fds.insert(new FdEntry.Stream(config.stdin(), null, tty));
        ctx.fds.insert(new FdEntry.Stream(null, config.stdout(), tty));
        ctx.fds.insert(new FdEntry.Stream(null, config.stderr(), tty));
        for (WasiConfig.Preopen p : config.preopens()) {
            ctx.fds.insert(new FdEntry.Dir(p.hostPath(), p.guestPath(), p.readOnly(), Wasi1.DIR_RIGHTS,
                    Wasi1.DIR_RIGHTS | Wasi1.FILE_RIGHTS, 0));
        }
        WasiImports.define(linker, ctx);
        return new Wasi(ctx);
    }

    /** Every {@code wasi_snapshot_preview1} function Weir provides, with its type, in witx order. */
    public static Map<String, FuncType> functions() {
        return WasiImports.signatures();
    }

    /** Closes every descriptor still open (files the guest did not close). */
    @Override
    public void close() {
        ctx.close();
    }
}
