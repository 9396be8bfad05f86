package dev.weir.memcheck;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.Store;
import dev.weir.exchange.GuestHeap;
import dev.weir.memcheck.internal.CallStack;
import dev.weir.memcheck.internal.Instrumenter;
import dev.weir.memcheck.internal.ShadowHeap;
import dev.weir.memcheck.internal.WasiWrites;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import dev.weir.Global;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * One checked run of an {@link Instrumented} module: an instance wired to a shadow heap. Call
 * exports through {@link #call} (so reports name the host call and a trap out of the allocator
 * cannot leave the checker confused), or through {@link #instance()} / {@link #heap()} directly;
 * then ask for a {@link #report()} (leaks are the blocks still allocated at that moment).
 * Single-threaded, like the instance.
 */
public final class MemCheckSession implements AutoCloseable {
    private final Hooks hooks;
    private final Store store;
    private final Instance instance;
    private GuestHeap heap;

    private MemCheckSession(Hooks hooks, Store store, Instance instance) {
        this.hooks = hooks;
        this.store = store;
        this.instance = instance;
    }

    /** Instantiates with no imports besides memcheck's and calls {@code _initialize} if exported. */
    public static MemCheckSession start(Instrumented module) {
        return start(module, l -> { }, true);
    }

    /**
     * Instantiates on the interpreter. {@code imports} may define the guest's own imports (env,
     * WASI, ...); the memcheck hooks are defined before it runs.
     */
    public static MemCheckSession start(Instrumented module, Consumer<Linker> imports, boolean callInitialize) {
        Engine engine = Engine.create();
        Hooks hooks = hooks(module);
        Linker linker = new Linker();
        hooks.define(linker);
        imports.accept(linker);
        Store store = engine.newStore();
        try {
            hooks.heap.setHostCall("(instantiation)");
            Instance instance = linker.instantiate(store, engine.compile(module.module()));
            hooks.bind(instance);
            MemCheckSession s = new MemCheckSession(hooks, store, instance);
            if (callInitialize && instance.export("_initialize") instanceof Func) {
                s.call("_initialize");
            }
            return s;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Instance instance() {
        return instance;
    }

    /** The guest's exported memory "memory" (or null). */
    public Memory memory() {
        Object m = instance.export("memory");
        return m instanceof Memory ? (Memory) m : null;
    }

    /** A {@link GuestHeap} over the instance with the detected allocator profile (host-side allocations are tracked). */
    public GuestHeap heap() {
        if (heap == null) {
            heap = GuestHeap.detect(instance);
        }
        return heap;
    }

    public Func func(String export) {
        return instance.func(export);
    }

    /** Calls an export with raw slots (see {@link Func#callSlots}); traps propagate. */
    public long[] call(String export, long... slots) {
        Func f = instance.func(export);
        String outer = hooks.heap.hostCall();
        int depth = hooks.heap.calls().depth();
        hooks.heap.setHostCall(export);
        try {
            return f.callSlots(slots);
        } finally {
            // A trap unwinds guest frames without their fleave hooks; a nested call (host function
            // calling back into the guest) returns to its caller's host call and stack.
            hooks.heap.calls().truncate(depth);
            hooks.heap.setHostCall(outer);
        }
    }

    /** Calls an export taking and returning i32s. */
    public int callInt(String export, int... args) {
        long[] slots = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            slots[i] = args[i];
        }
        long[] r = call(export, slots);
        return r.length == 0 ? 0 : (int) r[0];
    }

    /** Errors so far and the blocks allocated now (as leaks). */
    public Report report() {
        return report(hooks.heap, null);
    }

    /** Like {@link #report()}, noting the trap that ended the run. */
    public Report report(String trap) {
        return report(hooks.heap, trap);
    }

    static Report report(ShadowHeap h, String trap) {
        List<MemError> errors = h.snapshot(true);
        return new Report(errors, h.stillReachable(), h.allocations(), h.frees(), h.bytesAllocated(), h.suppressed(),
                trap, h.timeline());
    }

    @Override
    public void close() {
        store.close();
    }

    static Hooks hooks(Instrumented module) {
        return new Hooks(new ShadowHeap(module.sites(), module.functionNames(), module.heapBase(),
                module.nonLeaf()), module.stackLow());
    }

    /** The memcheck.* host functions bound to one shadow heap. */
    static final class Hooks {
        private final ShadowHeap heap;
        private final long stackLow;

        Hooks(ShadowHeap heap, long stackLow) {
            this.heap = heap;
            this.stackLow = stackLow;
        }

        ShadowHeap heap() {
            return heap;
        }

        /** Lets the leak scan read the instance's memory and stack pointer. */
        void bind(Instance instance) {
            if (instance == null || heap.bound()) {
                return;
            }
            Object m = instance.export("memory");
            Memory mem = m instanceof Memory ? (Memory) m : null;
            if (mem == null) {
                for (Object e : instance.exports().values()) {
                    if (e instanceof Memory) {
                        mem = (Memory) e;
                        break;
                    }
                }
            }
            if (mem == null) {
                return;
            }
            Object g = instance.export(Instrumenter.SP_EXPORT);
            IntSupplier sp = g instanceof Global ? ((Global) g)::getInt : null;
            heap.bind(mem, sp, sp == null ? -1 : stackLow);
        }

        void define(Linker l) {
            ValType i = ValType.I32;
            String m = Instrumenter.HOOK_MODULE;
            ShadowHeap h = heap;
            l.define(m, "access", FuncType.of(new ValType[] {i, i}, new ValType[0]),
                    (c, s, r, b) -> h.access((int) s[b], (int) s[b + 1]));
            l.define(m, "copy", FuncType.of(new ValType[] {i, i, i, i}, new ValType[0]),
                    (c, s, r, b) -> h.copy((int) s[b], (int) s[b + 1], (int) s[b + 2], (int) s[b + 3]));
            l.define(m, "fill", FuncType.of(new ValType[] {i, i, i}, new ValType[0]),
                    (c, s, r, b) -> h.fill((int) s[b], (int) s[b + 1], (int) s[b + 2]));
            l.define(m, "enter", FuncType.of(new ValType[] {i, i, i, i, i, i}, new ValType[] {i}),
                    (c, s, r, b) -> {
                        if (!h.bound()) {
                            bind(c.instance()); // WASI commands: the first allocator event shows the instance
                        }
                        s[b] = h.enter((int) s[b], (int) s[b + 1], (int) s[b + 2], (int) s[b + 3], (int) s[b + 4],
                                (int) s[b + 5]);
                    });
            l.define(m, "leave", FuncType.of(new ValType[] {i, i}, new ValType[0]),
                    (c, s, r, b) -> h.leave((int) s[b], (int) s[b + 1]));
            l.define(m, "stack", FuncType.of(new ValType[] {i, i, i}, new ValType[0]),
                    (c, s, r, b) -> h.stackOverflow((int) s[b], (int) s[b + 1], (int) s[b + 2]));
            CallStack cs = h.calls();
            l.define(m, "fenter", FuncType.of(new ValType[] {i}, new ValType[] {i}),
                    (c, s, r, b) -> s[b] = cs.enter((int) s[b]));
            l.define(m, "fleave", FuncType.of(new ValType[] {i}, new ValType[0]),
                    (c, s, r, b) -> cs.leave((int) s[b]));
            l.define(m, "wasi", FuncType.of(new ValType[] {i, i, i, i, i, i, i, i, i}, new ValType[0]),
                    (c, s, r, b) -> WasiWrites.apply((int) s[b], s, b, c.memory(), h));
        }
    }
}
