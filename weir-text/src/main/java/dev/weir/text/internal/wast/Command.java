package dev.weir.text.internal.wast;

import dev.weir.text.internal.SExpr;
import java.util.List;

/**
 * One top-level command of a {@code .wast} script (the spec interpreter's script language, see
 * the testsuite's README and {@code interpreter/README.md} "Scripts"). Every command knows the
 * 1-based source line of its opening parenthesis.
 */
public sealed interface Command
        permits Command.ModuleCommand, Command.ModuleInstance, Command.Register, Command.Action,
        Command.AssertReturn, Command.AssertTrap, Command.AssertExhaustion, Command.AssertException,
        Command.AssertInvalid, Command.AssertMalformed, Command.AssertUnlinkable,
        Command.AssertUninstantiable, Command.Thread, Command.Wait {

    /** 1-based line of the command in the script. */
    int line();

    /** How a module is written. */
    enum ModuleKind {
        /** {@code (module $id? field*)}: parse {@link ModuleCommand#text()} with the WAT parser. */
        TEXT,
        /** {@code (module $id? binary "..."*)}: {@link ModuleCommand#bytes()} is the binary. */
        BINARY,
        /** {@code (module $id? quote "..."*)}: {@link ModuleCommand#bytes()} is the UTF-8 text. */
        QUOTE
    }

    /**
     * A module: {@code (module ...)}, {@code (module binary ...)}, {@code (module quote ...)}, or
     * with {@code definition} (Wasm 3.0 scripts: defined but not instantiated; instantiate with
     * {@link ModuleInstance}).
     *
     * @param id the {@code $id} without {@code $}, or null
     * @param text for TEXT: the module node normalised to {@code (module $id? field*)} (no
     *     {@code definition} keyword), ready for the WAT parser; null otherwise
     * @param bytes for BINARY: the concatenated binary; for QUOTE: the concatenated text bytes
     *     (may be invalid UTF-8, which is itself a malformation); null for TEXT
     */
    record ModuleCommand(int line, String id, ModuleKind kind, boolean definition, SExpr.Node text, byte[] bytes)
            implements Command {
        @Override
        public String toString() {
            return "module" + (definition ? " definition" : "") + (id != null ? " $" + id : "")
                    + (kind == ModuleKind.TEXT ? "" : " " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** {@code (module instance $inst? $def?)}: instantiate a module definition (null = the latest module). */
    record ModuleInstance(int line, String instanceId, String moduleId) implements Command {
    }

    /** {@code (register "name" $id?)}: make a module's exports importable as {@code name}. */
    record Register(int line, String name, String moduleId) implements Command {
    }

    /** What an action does. */
    enum ActionKind { INVOKE, GET }

    /**
     * {@code (invoke $id? "name" const*)} or {@code (get $id? "name")}; as a top-level command it
     * must not trap (results are ignored).
     *
     * @param moduleId the module instance's id, or null for the most recent one
     */
    record Action(int line, ActionKind kind, String moduleId, String name, List<Const> args) implements Command {
        public Action {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(").append(kind == ActionKind.INVOKE ? "invoke" : "get");
            if (moduleId != null) {
                sb.append(" $").append(moduleId);
            }
            sb.append(" \"").append(name).append('"');
            for (Const c : args) {
                sb.append(' ').append(c);
            }
            return sb.append(')').toString();
        }
    }

    /** {@code (assert_return action result*)}. */
    record AssertReturn(int line, Action action, List<Expected> results) implements Command {
        public AssertReturn {
            results = List.copyOf(results);
        }
    }

    /**
     * {@code (assert_trap action "msg")}, or {@code (assert_trap module "msg")} (Wasm 3.0 spelling of
     * an uninstantiable module: instantiation must trap). Exactly one of {@code action} and
     * {@code module} is non-null.
     */
    record AssertTrap(int line, Action action, ModuleCommand module, String message) implements Command {
    }

    /** {@code (assert_exhaustion action "msg")}: resource exhaustion, e.g. "call stack exhausted". */
    record AssertExhaustion(int line, Action action, String message) implements Command {
    }

    /** {@code (assert_exception action)}: the action throws an uncaught Wasm exception. */
    record AssertException(int line, Action action) implements Command {
    }

    /**
     * {@code (assert_invalid module "msg")}: the module must fail validation. {@code custom} is true
     * for {@code assert_invalid_custom} (a custom annotation's contents are invalid).
     */
    record AssertInvalid(int line, ModuleCommand module, String message, boolean custom) implements Command {
    }

    /**
     * {@code (assert_malformed module "msg")}: the module must fail to parse or decode.
     * {@code custom} is true for {@code assert_malformed_custom} (a malformed custom annotation).
     */
    record AssertMalformed(int line, ModuleCommand module, String message, boolean custom) implements Command {
    }

    /** {@code (assert_unlinkable module "msg")}: instantiation must fail at link time. */
    record AssertUnlinkable(int line, ModuleCommand module, String message) implements Command {
    }

    /** {@code (assert_uninstantiable module "msg")} (older scripts): instantiation must trap. */
    record AssertUninstantiable(int line, ModuleCommand module, String message) implements Command {
    }

    /**
     * {@code (thread $name (shared (module $m))* command*)} (threads proposal): runs the commands in
     * a new thread that sees only the shared modules.
     */
    record Thread(int line, String name, List<String> sharedModules, List<Command> commands) implements Command {
        public Thread {
            sharedModules = List.copyOf(sharedModules);
            commands = List.copyOf(commands);
        }
    }

    /** {@code (wait $name)}: waits for a {@link Thread} to finish. */
    record Wait(int line, String name) implements Command {
    }
}
