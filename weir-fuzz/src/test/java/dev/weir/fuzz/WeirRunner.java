package dev.weir.fuzz;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Global;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.Value;
import dev.weir.wasm.Export;
import dev.weir.wasm.ExternKind;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs modules on a Weir engine, with a watchdog that interrupts runaway code. */
final class WeirRunner implements WasmRunner {
    /** Generated programs are bounded by construction; hitting this is itself a finding. */
    static final long TIMEOUT_MS = 10_000;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "weir-fuzz-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** Smallest module with a function: (module (func)). */
    private static final byte[] TINY = {0, 0x61, 0x73, 0x6D, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0,
        10, 4, 1, 2, 0, 0x0B};

    private final String name;
    private final Engine engine;
    private final boolean needsCompiled;

    private WeirRunner(String name, Engine engine, boolean needsCompiled) {
        this.name = name;
        this.engine = engine;
        this.needsCompiled = needsCompiled;
    }

    static WeirRunner interpreter() {
        return new WeirRunner("interpreter", Engine.builder().compiler(false).build(), false);
    }

    static WeirRunner compiler() {
        return new WeirRunner("compiler", Engine.builder().compiler(true).build(), true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String unavailableReason() {
        if (needsCompiled) {
            try {
                if (!engine.compile(TINY).isCompiled()) {
                    return "Engine.builder().compiler(true) does not produce compiled code (weir-compiler absent)";
                }
            } catch (RuntimeException e) {
                return "the compiler fails on the smallest module: " + e;
            }
        }
        return null;
    }

    @Override
    public Outcome run(byte[] wasm) {
        Module module;
        Instance inst;
        Store store = engine.newStore();
        try {
            module = engine.compile(wasm);
            inst = new Linker().instantiate(store, module);
        } catch (Trap t) {
            return new Outcome("trap", t.getMessage(), "instantiate", List.of());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Outcome.error("compile/instantiate: " + e);
        }
        Func run = inst.func("run");
        String result;
        String trap = "";
        ScheduledFuture<?> dog = WATCHDOG.schedule(store::interrupt, TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            Value[] v = run.call();
            result = "i64:" + v[0].i64();
        } catch (Trap t) {
            result = "trap";
            trap = t.getMessage();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Outcome.error("run: " + e);
        } finally {
            dog.cancel(false);
        }
        return new Outcome(result, trap, memoryHash(inst.memory("mem")), globals(module, inst));
    }

    static String memoryHash(Memory mem) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long size = mem.byteSize();
            byte[] buf = new byte[65536];
            for (long a = 0; a < size; a += buf.length) {
                int n = (int) Math.min(buf.length, size - a);
                mem.read(a, buf, 0, n);
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> globals(Module module, Instance inst) {
        List<String> out = new ArrayList<>();
        for (Export e : module.exports()) {
            if (e.kind() != ExternKind.GLOBAL) {
                continue;
            }
            Global g = inst.global(e.name());
            Value v = g.get();
            switch (v.type().kind()) {
                case I32: out.add(Outcome.global(v.i32())); break;
                case I64: out.add("i64:" + v.i64()); break;
                case F32: out.add(Outcome.global(v.f32())); break;
                default: out.add(Outcome.global(v.f64())); break;
            }
        }
        return out;
    }
}
