package dev.weir.spec;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Global;
import dev.weir.Instance;
import dev.weir.LinkException;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.Trap;
import dev.weir.Value;
import dev.weir.WasmThrow;
import dev.weir.text.internal.wast.Command;
import dev.weir.text.internal.wast.Command.ModuleCommand;
import dev.weir.text.internal.wast.Expected;
import dev.weir.wasm.ValType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link SpecEngine#INTERPRETER} and {@link SpecEngine#COMPILER} engines: run a script's commands in order in one
 * {@link Store}, with the {@code spectest} module and registered instances in one {@link Linker}.
 * Every instantiation and call is guarded by a watchdog that interrupts the store after
 * a timeout ({@link #TIMEOUT_MILLIS} by default), so a runaway loop fails one assertion instead of hanging the suite.
 */
final class Execution {
    /** Default time a single instantiation or call may run before it is interrupted. */
    static final long TIMEOUT_MILLIS = 20_000;
    static final long GRACE_MILLIS = 5_000;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "weir-spec-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** Pinned to the interpreter: the compiler is the default engine when weir-compiler is present. */
    private static final Engine INTERPRETER = Engine.builder().compiler(false).build();
    /** Runs compiled code when weir-compiler is on the class path (else it interprets). */
    private static final Engine COMPILER = Engine.builder().compiler(true).build();

    /** A module instance slot: the instance, or why there is none. */
    private record Slot(Instance instance, String failure) {
    }

    private final Modules modules;
    private final long timeoutMillis;
    private final SpecEngine E;
    private final Engine engine;
    private final Store store;
    private final Linker linker = new Linker();
    private final Map<String, Slot> instances = new HashMap<>();
    private final Map<String, Module> definitions = new HashMap<>();
    private Slot current = new Slot(null, "no module defined yet");
    private Module lastDefinition;
    private String lastDefinitionFailure = "no module defined yet";

    Execution(Modules modules, long timeoutMillis) {
        this(modules, timeoutMillis, SpecEngine.INTERPRETER);
    }

    /** An execution engine: {@link SpecEngine#INTERPRETER} or {@link SpecEngine#COMPILER}. */
    Execution(Modules modules, long timeoutMillis, SpecEngine e) {
        this.E = e;
        this.engine = e == SpecEngine.COMPILER ? COMPILER : INTERPRETER;
        this.store = engine.newStore();
        this.modules = modules;
        this.timeoutMillis = timeoutMillis;
        Spectest.define(linker);
    }

    void close() {
        store.close();
    }

    /** Runs one command and adds its outcome (assert_malformed/assert_invalid are left to the static engines). */
    void run(Command c, List<Outcome> out) {
        if (c instanceof ModuleCommand m) {
            out.add(module(m));
        } else if (c instanceof Command.ModuleInstance mi) {
            out.add(moduleInstance(mi));
        } else if (c instanceof Command.Register r) {
            out.add(register(r));
        } else if (c instanceof Command.Action a) {
            out.add(topLevelAction(a));
        } else if (c instanceof Command.AssertReturn a) {
            out.add(assertReturn(a));
        } else if (c instanceof Command.AssertTrap a) {
            out.add(a.action() != null
                    ? assertTrap(a.line(), "assert_trap " + brief(a.action()), a.action(), a.message())
                    : uninstantiable(a.line(), "assert_trap (module)", a.module(), a.message()));
        } else if (c instanceof Command.AssertExhaustion a) {
            out.add(assertTrap(a.line(), "assert_exhaustion " + brief(a.action()), a.action(), a.message()));
        } else if (c instanceof Command.AssertException a) {
            out.add(assertException(a));
        } else if (c instanceof Command.AssertUnlinkable a) {
            out.add(unlinkable(a));
        } else if (c instanceof Command.AssertUninstantiable a) {
            out.add(uninstantiable(a.line(), "assert_uninstantiable", a.module(), a.message()));
        } else if (c instanceof Command.Thread t) {
            out.add(Outcome.skip(t.line(), "thread $" + t.name(), E,
                    "threads proposal: thread/wait scripts are not run (no concurrent script runner)"));
        } else if (c instanceof Command.Wait w) {
            out.add(Outcome.skip(w.line(), "wait $" + w.name(), E,
                    "threads proposal: thread/wait scripts are not run (no concurrent script runner)"));
        }
    }

    // ------------------------------------------------------------------ modules

    /** Parse and compile (decode + validate); throws with a description on failure. */
    private Module compile(ModuleCommand m) {
        Modules.Parsed p = modules.parse(m);
        if (p.error() != null) {
            throw new ScriptFailure("module does not parse: " + Modules.describe(p.error()));
        }
        try {
            return engine.compile(p.model());
        } catch (RuntimeException | StackOverflowError e) {
            throw new ScriptFailure("module does not compile: " + Modules.describe(e));
        }
    }

    private Outcome module(ModuleCommand m) {
        String what = StaticChecks.describe(m);
        Module mod;
        try {
            mod = compile(m);
        } catch (ScriptFailure f) {
            fail(m, "module at line " + m.line() + " failed");
            return Outcome.fail(m.line(), what, E, f.getMessage());
        }
        lastDefinition = mod;
        lastDefinitionFailure = null;
        if (m.id() != null) {
            definitions.put(m.id(), mod);
        }
        if (m.definition()) {
            return Outcome.pass(m.line(), what, E);
        }
        try {
            Instance inst = guarded(() -> linker.instantiate(store, mod));
            bind(m.id(), new Slot(inst, null));
            return Outcome.pass(m.line(), what, E);
        } catch (RuntimeException | StackOverflowError e) {
            bind(m.id(), new Slot(null, "module at line " + m.line() + " failed to instantiate"));
            return Outcome.fail(m.line(), what, E, "instantiation failed: " + describe(e));
        }
    }

    private void fail(ModuleCommand m, String why) {
        if (m.definition()) {
            lastDefinition = null;
            lastDefinitionFailure = why;
            if (m.id() != null) {
                definitions.remove(m.id());
            }
        } else {
            bind(m.id(), new Slot(null, why));
        }
    }

    private void bind(String id, Slot slot) {
        current = slot;
        if (id != null) {
            instances.put(id, slot);
        }
    }

    private Outcome moduleInstance(Command.ModuleInstance mi) {
        String what = "module instance" + (mi.instanceId() != null ? " $" + mi.instanceId() : "")
                + (mi.moduleId() != null ? " $" + mi.moduleId() : "");
        Module def = mi.moduleId() != null ? definitions.get(mi.moduleId()) : lastDefinition;
        if (def == null) {
            String why = mi.moduleId() != null ? "unknown module $" + mi.moduleId() : lastDefinitionFailure;
            bind(mi.instanceId(), new Slot(null, "instance at line " + mi.line() + " failed"));
            return Outcome.fail(mi.line(), what, E, why);
        }
        try {
            Instance inst = guarded(() -> linker.instantiate(store, def));
            bind(mi.instanceId(), new Slot(inst, null));
            return Outcome.pass(mi.line(), what, E);
        } catch (RuntimeException | StackOverflowError e) {
            bind(mi.instanceId(), new Slot(null, "instance at line " + mi.line() + " failed"));
            return Outcome.fail(mi.line(), what, E, "instantiation failed: " + describe(e));
        }
    }

    private Outcome register(Command.Register r) {
        String what = "register \"" + r.name() + "\"";
        Slot s = r.moduleId() != null ? instances.get(r.moduleId()) : current;
        if (s == null) {
            return Outcome.fail(r.line(), what, E, "unknown module $" + r.moduleId());
        }
        if (s.instance() == null) {
            return Outcome.fail(r.line(), what, E, s.failure());
        }
        linker.defineInstance(r.name(), s.instance());
        return Outcome.pass(r.line(), what, E);
    }

    private Outcome unlinkable(Command.AssertUnlinkable a) {
        String what = "assert_unlinkable \"" + a.message() + "\"";
        Module mod;
        try {
            mod = compile(a.module());
        } catch (ScriptFailure f) {
            return Outcome.fail(a.line(), what, E, f.getMessage());
        }
        try {
            guarded(() -> linker.instantiate(store, mod));
            return Outcome.fail(a.line(), what, E, "module was instantiated");
        } catch (LinkException e) {
            String msg = String.valueOf(e.getMessage());
            return msg.startsWith(a.message()) ? Outcome.pass(a.line(), what, E)
                    : Outcome.wrongMessage(a.line(), what, E, "wrong message: expected \"" + a.message()
                            + "\", got \"" + msg + "\"");
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.fail(a.line(), what, E, "expected a link error, got " + describe(e));
        }
    }

    private Outcome uninstantiable(int line, String what, ModuleCommand m, String message) {
        what = what + " \"" + message + "\"";
        Module mod;
        try {
            mod = compile(m);
        } catch (ScriptFailure f) {
            return Outcome.fail(line, what, E, f.getMessage());
        }
        try {
            Instance inst = guarded(() -> linker.instantiate(store, mod));
            // Like the reference interpreter, a module that instantiates is still bound.
            bind(m.id(), new Slot(inst, null));
            return Outcome.fail(line, what, E, "module was instantiated");
        } catch (Trap t) {
            return trapOutcome(line, what, t, message);
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.fail(line, what, E, "expected a trap, got " + describe(e));
        }
    }

    // ------------------------------------------------------------------ actions

    /** Thrown inside this class to carry a failure description up to the outcome. */
    private static final class ScriptFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScriptFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** Performs an action: the results of an invoke, or the value of a global. */
    private Value[] perform(Command.Action a) {
        Slot s = a.moduleId() != null ? instances.get(a.moduleId()) : current;
        if (s == null) {
            throw new ScriptFailure("unknown module $" + a.moduleId());
        }
        if (s.instance() == null) {
            throw new ScriptFailure(s.failure());
        }
        Instance inst = s.instance();
        if (a.kind() == Command.ActionKind.GET) {
            if (!(inst.exports().get(a.name()) instanceof Global g)) {
                throw new ScriptFailure("no exported global \"" + a.name() + "\"");
            }
            return new Value[] {g.get()};
        }
        if (!(inst.exports().get(a.name()) instanceof Func f)) {
            throw new ScriptFailure("no exported function \"" + a.name() + "\"");
        }
        List<ValType> params = f.type().params();
        if (params.size() != a.args().size()) {
            throw new ScriptFailure("\"" + a.name() + "\" takes " + params.size() + " arguments, script passes "
                    + a.args().size());
        }
        Value[] args = new Value[params.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = Values.toValue(a.args().get(i), params.get(i));
        }
        return guarded(() -> f.call(args));
    }

    private Outcome topLevelAction(Command.Action a) {
        String what = brief(a);
        try {
            perform(a);
            return Outcome.pass(a.line(), what, E);
        } catch (ScriptFailure f) {
            return Outcome.fail(a.line(), what, E, f.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.fail(a.line(), what, E, describe(e));
        }
    }

    private Outcome assertReturn(Command.AssertReturn a) {
        String what = "assert_return " + brief(a.action());
        Value[] got;
        try {
            got = perform(a.action());
        } catch (ScriptFailure f) {
            return Outcome.fail(a.line(), what, E, f.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.fail(a.line(), what, E, describe(e));
        }
        List<Expected> exp = a.results();
        boolean ok = got.length == exp.size();
        for (int i = 0; ok && i < got.length; i++) {
            ok = Values.matches(exp.get(i), got[i]);
        }
        if (ok) {
            return Outcome.pass(a.line(), what, E);
        }
        StringBuilder sb = new StringBuilder("got");
        for (Value v : got) {
            sb.append(' ').append(Values.show(v));
        }
        sb.append(", expected");
        for (Expected e : exp) {
            sb.append(' ').append(e);
        }
        return Outcome.fail(a.line(), what, E, sb.toString());
    }

    private Outcome assertTrap(int line, String what, Command.Action action, String message) {
        try {
            Value[] got = perform(action);
            return Outcome.fail(line, what, E, "expected trap \"" + message + "\", returned " + got.length + " value(s)");
        } catch (ScriptFailure f) {
            return Outcome.fail(line, what, E, f.getMessage());
        } catch (Trap t) {
            return trapOutcome(line, what, t, message);
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.fail(line, what, E, "expected trap \"" + message + "\", got " + describe(e));
        }
    }

    private Outcome trapOutcome(int line, String what, Trap t, String message) {
        String msg = String.valueOf(t.getMessage());
        if (msg.startsWith(message)) {
            return Outcome.pass(line, what, E);
        }
        return Outcome.fail(line, what, E, "wrong trap: got \"" + msg + "\", expected \"" + message + "\"");
    }

    private Outcome assertException(Command.AssertException a) {
        String what = "assert_exception " + brief(a.action());
        try {
            perform(a.action());
            return Outcome.fail(a.line(), what, E, "no exception was thrown");
        } catch (ScriptFailure f) {
            return Outcome.fail(a.line(), what, E, f.getMessage());
        } catch (WasmThrow t) {
            return Outcome.pass(a.line(), what, E);
        } catch (RuntimeException | StackOverflowError e) {
            return Outcome.fail(a.line(), what, E, "expected a Wasm exception, got " + describe(e));
        }
    }

    // ------------------------------------------------------------------ plumbing

    private interface Call<T> {
        T run();
    }

    /**
     * Thrown when Wasm code ignored the interrupt and its thread had to be stopped: the store may be
     * inconsistent, so the rest of the script is abandoned.
     */
    static final class Hung extends Error {
        private static final long serialVersionUID = 1L;

        Hung(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs Wasm code under the watchdog: after the timeout the store is interrupted (a trap,
     * reported as a timeout); if the code still runs {@link #GRACE_MILLIS} later (a loop in
     * the runtime itself that never polls the interrupt flag) the thread is stopped, which is the
     * only way to get a test harness's thread back from a runaway loop on Java 17.
     */
    private <T> T guarded(Call<T> call) {
        AtomicBoolean fired = new AtomicBoolean();
        Thread self = Thread.currentThread();
        Object lock = new Object();
        boolean[] running = {true};
        ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
            fired.set(true);
            store.interrupt();
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> killer = WATCHDOG.schedule(() -> stop(self, lock, running),
                timeoutMillis + GRACE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            return call.run();
        } catch (Trap t) {
            if (fired.get()) {
                throw new ScriptFailure("timed out after " + timeoutMillis + " ms (" + t.getMessage() + ")");
            }
            throw t;
        } catch (ThreadDeath td) {
            throw new Hung("hung: still running " + GRACE_MILLIS + " ms after interrupt (runtime loop does not poll it)");
        } finally {
            synchronized (lock) {
                running[0] = false;
            }
            dog.cancel(false);
            killer.cancel(false);
        }
    }

    @SuppressWarnings("deprecation")
    private static void stop(Thread t, Object lock, boolean[] running) {
        synchronized (lock) {
            if (running[0]) {
                t.stop();
            }
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof Trap) {
            return "trap \"" + e.getMessage() + "\"";
        }
        if (e instanceof WasmThrow) {
            return "uncaught Wasm exception";
        }
        if (e instanceof LinkException) {
            return "link error \"" + e.getMessage() + "\"";
        }
        if (e instanceof ScriptFailure) {
            return e.getMessage();
        }
        return Modules.describe(e);
    }

    static String brief(Command.Action a) {
        String s = a.toString();
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }
}
