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
import dev.weir.WasmThrow;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a binaryen fuzz module on a Weir engine following its {@link CallPlan}: the
 * {@code fuzzing-support.log-*} imports append to the transcript, every planned export is called
 * (a trap is recorded and the run goes on, state kept), then memory and globals are recorded.
 */
final class BinaryenWeirRunner {
    static final long TIMEOUT_MS = 10_000;
    private static final ScheduledExecutorService WATCHDOG = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "weir-binaryen-watchdog");
                t.setDaemon(true);
                return t;
            });

    private final String name;
    private final Engine engine;
    private final boolean jsOnly;

    private BinaryenWeirRunner(String name, Engine engine, boolean jsOnly) {
        this.name = name;
        this.engine = engine;
        this.jsOnly = jsOnly;
    }

    static BinaryenWeirRunner interpreter(boolean jsOnly) {
        return new BinaryenWeirRunner("interpreter", Engine.builder().compiler(false).build(), jsOnly);
    }

    static BinaryenWeirRunner compiler(boolean jsOnly) {
        return new BinaryenWeirRunner("compiler", Engine.builder().compiler(true).build(), jsOnly);
    }

    String name() {
        return name;
    }

    Engine engine() {
        return engine;
    }

    /** Null when this runner produces what its name says; otherwise why not. */
    String unavailableReason() {
        return name.equals("compiler") ? WeirRunner.compiler().unavailableReason() : null;
    }

    /** Runs {@code wasm} (without the global exports: they are added here). */
    Transcript run(byte[] wasm) {
        Transcript.Builder t = new Transcript.Builder();
        byte[] full;
        CallPlan plan;
        try {
            full = ExportRewriter.exportAllGlobals(wasm);
            plan = CallPlan.of(full);
        } catch (RuntimeException e) {
            t.add("decode error " + e);
            return t.build();
        }
        Store store = engine.newStore();
        Instance inst;
        try {
            Module module = engine.compile(full);
            Linker linker = new Linker();
            defineLogs(linker, t);
            inst = linker.instantiate(store, module);
        } catch (Trap e) {
            t.add("instantiate trap " + e.getMessage());
            return t.build();
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Same unsupported feature on both engines gives the same line: not a difference.
            t.add("compile/instantiate error " + e);
            return t.build();
        }
        ScheduledFuture<?> dog = WATCHDOG.schedule(store::interrupt, TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            Func hang = plan.hangInit() ? inst.func(CallPlan.HANG_INIT) : null;
            for (CallPlan.Call c : plan.calls()) {
                if (jsOnly && !c.jsCompatible()) {
                    continue;
                }
                if (!call(inst, hang, c, t)) {
                    break;
                }
            }
        } finally {
            dog.cancel(false);
        }
        Memory mem = inst.exports().get("memory") instanceof Memory m ? m : null;
        t.add("memory " + (mem == null ? "none" : WeirRunner.memoryHash(mem)));
        for (int i = 0; i < plan.globalTypes().size(); i++) {
            t.add("global " + i + " " + global(inst.global(ExportRewriter.GLOBAL_PREFIX + i),
                    plan.globalTypes().get(i), jsOnly));
        }
        return t.build();
    }

    /** False after an interrupt (the watchdog fired: nothing more is called). */
    private static boolean call(Instance inst, Func hang, CallPlan.Call c, Transcript.Builder t) {
        String line = "call " + c.name();
        try {
            if (hang != null) {
                hang.callSlots();
            }
            Func f = inst.func(c.name());
            if (c.params().indexOf('r') >= 0 || c.results().indexOf('r') >= 0) {
                t.add(line + " skipped (reference types)");
                return true;
            }
            long[] slots = new long[c.params().length() + count(c.params(), 'v')];
            int k = 0;
            for (int p = 0; p < c.params().length(); p++) {
                slots[k++] = c.args()[2 * p];
                if (c.params().charAt(p) == 'v') {
                    slots[k++] = c.args()[2 * p + 1];
                }
            }
            long[] res = f.callSlots(slots);
            StringBuilder sb = new StringBuilder(line).append(" ->");
            k = 0;
            for (int r = 0; r < c.results().length(); r++) {
                char ty = c.results().charAt(r);
                if (ty == 'v') {
                    sb.append(" v128:").append(Long.toHexString(res[k])).append(':').append(Long.toHexString(res[k + 1]));
                    k += 2;
                } else {
                    sb.append(' ').append(Transcript.value(ty, res[k++]));
                }
            }
            t.add(sb.toString());
            return true;
        } catch (Trap e) {
            t.add(line + " trap " + e.getMessage());
            return !"interrupted".equals(e.getMessage());
        } catch (WasmThrow e) {
            t.add(line + " exception " + e.getMessage());
            return true;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            t.engineError = true;
            t.add(line + " error " + e);
            return true;
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += s.charAt(i) == c ? 1 : 0;
        }
        return n;
    }

    private static String global(Global g, char type, boolean jsOnly) {
        Value v = g.get();
        switch (type) {
            case 'i': return Transcript.value('i', v.i32());
            case 'I': return Transcript.value('I', v.i64());
            case 'f': return Transcript.value('f', v.f32Bits());
            case 'F': return Transcript.value('F', v.f64Bits());
            case 'v': return jsOnly ? "v128" : "v128:" + Long.toHexString(v.v128Lo()) + ":" + Long.toHexString(v.v128Hi());
            default: return v.isNull() ? "ref:null" : "ref";
        }
    }

    private static void defineLogs(Linker linker, Transcript.Builder t) {
        for (ValType vt : List.of(ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128)) {
            char c = CallPlan.type(vt);
            String name = "log-" + vt.toString().toLowerCase(java.util.Locale.ROOT);
            FuncType type = new FuncType(List.of(vt), List.of());
            if (c == 'v') {
                linker.define("fuzzing-support", name, type, (caller, s, r, b) -> t.add("log v128:"
                        + Long.toHexString(s[b]) + ":" + Long.toHexString(s[b + 1])));
            } else {
                linker.define("fuzzing-support", name, type, (caller, s, r, b) -> t.add("log " + Transcript.value(c, s[b])));
            }
        }
    }
}
