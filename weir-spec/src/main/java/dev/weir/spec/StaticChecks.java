package dev.weir.spec;

import dev.weir.text.internal.wast.Command;
import dev.weir.text.internal.wast.Command.ModuleCommand;
import dev.weir.text.internal.wast.Command.ModuleKind;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmEncoder;
import dev.weir.wasm.WasmModule;
import java.util.List;

/**
 * The {@link SpecEngine#PARSE} and {@link SpecEngine#VALIDATE} checks: one outcome per command
 * that carries a module.
 *
 * <p>Matching follows the reference interpreter's test runner, except that an error of the right
 * kind with a different message passes and is counted as "wrong message" (implementations word
 * some errors differently; the report lists them).
 */
final class StaticChecks {
    private final Modules modules;

    StaticChecks(Modules modules) {
        this.modules = modules;
    }

    /** Outcomes of one command on one static engine (empty if the command carries no module). */
    void check(Command c, SpecEngine engine, List<Outcome> out) {
        if (c instanceof ModuleCommand m) {
            out.add(expectValid(m.line(), describe(m), m, engine, true));
        } else if (c instanceof Command.AssertMalformed a) {
            out.add(malformed(a, engine));
        } else if (c instanceof Command.AssertInvalid a) {
            out.add(invalid(a, engine));
        } else if (c instanceof Command.AssertUnlinkable a) {
            out.add(expectValid(a.line(), "assert_unlinkable", a.module(), engine, false));
        } else if (c instanceof Command.AssertUninstantiable a) {
            out.add(expectValid(a.line(), "assert_uninstantiable", a.module(), engine, false));
        } else if (c instanceof Command.AssertTrap a && a.module() != null) {
            out.add(expectValid(a.line(), "assert_trap (module)", a.module(), engine, false));
        } else if (c instanceof Command.Thread t) {
            for (Command inner : t.commands()) {
                check(inner, engine, out);
            }
        }
    }

    static String describe(ModuleCommand m) {
        return m.toString();
    }

    /** A module that must parse (and validate): plain modules also round-trip through the encoder. */
    private Outcome expectValid(int line, String what, ModuleCommand m, SpecEngine engine, boolean roundTrip) {
        Modules.Parsed p = modules.parse(m);
        if (p.error() != null) {
            return Outcome.fail(line, what, engine, "does not parse: " + Modules.describe(p.error()));
        }
        if (engine == SpecEngine.PARSE) {
            if (roundTrip && m.kind() != ModuleKind.BINARY) {
                String err = roundTrip(p.model());
                if (err != null) {
                    return Outcome.fail(line, what, engine, err);
                }
            }
            return Outcome.pass(line, what, engine);
        }
        RuntimeException v = modules.validate(m, p.model());
        if (v != null) {
            return Outcome.fail(line, what, engine, "does not validate: " + Modules.describe(v));
        }
        return Outcome.pass(line, what, engine);
    }

    /** Text modules must encode to a binary the decoder accepts (spec 5: the text format's meaning is its binary). */
    private static String roundTrip(WasmModule model) {
        byte[] bin;
        try {
            bin = WasmEncoder.encode(model);
        } catch (RuntimeException | StackOverflowError e) {
            return "encoder failed: " + Modules.describe(e);
        }
        try {
            WasmDecoder.decode(bin);
        } catch (RuntimeException | StackOverflowError e) {
            return "encoded binary does not decode: " + Modules.describe(e);
        }
        return null;
    }

    private Outcome malformed(Command.AssertMalformed a, SpecEngine engine) {
        String what = (a.custom() ? "assert_malformed_custom" : "assert_malformed") + " \"" + a.message() + "\"";
        Modules.Parsed p = modules.parse(a.module());
        Throwable err = p.error();
        if (err == null && engine == SpecEngine.VALIDATE && !a.custom()) {
            err = modules.validate(a.module(), p.model());
        }
        if (err == null) {
            if (a.custom()) {
                // The custom-annotations proposal lets implementations ignore annotation contents.
                return Outcome.skip(a.line(), what, engine, "custom annotation contents are not checked (optional)");
            }
            return Outcome.fail(a.line(), what, engine, "module was accepted");
        }
        if (!Modules.isMalformed(err)) {
            return Outcome.fail(a.line(), what, engine, "expected a malformed module, got " + Modules.describe(err));
        }
        return messageOutcome(a.line(), what, engine, err, a.message());
    }

    private Outcome invalid(Command.AssertInvalid a, SpecEngine engine) {
        String what = (a.custom() ? "assert_invalid_custom" : "assert_invalid") + " \"" + a.message() + "\"";
        Modules.Parsed p = modules.parse(a.module());
        if (p.error() != null) {
            if (Modules.isInvalid(p.error())) {
                return messageOutcome(a.line(), what, engine, p.error(), a.message());
            }
            return Outcome.fail(a.line(), what, engine, "does not parse: " + Modules.describe(p.error()));
        }
        if (engine == SpecEngine.PARSE) {
            return Outcome.pass(a.line(), what, engine);
        }
        if (a.custom()) {
            return Outcome.skip(a.line(), what, engine, "custom annotation contents are not checked (optional)");
        }
        RuntimeException v = modules.validate(a.module(), p.model());
        if (v == null) {
            return Outcome.fail(a.line(), what, engine, "module was accepted");
        }
        if (!Modules.isInvalid(v)) {
            return Outcome.fail(a.line(), what, engine, "expected an invalid module, got " + Modules.describe(v));
        }
        return messageOutcome(a.line(), what, engine, v, a.message());
    }

    private static Outcome messageOutcome(int line, String what, SpecEngine engine, Throwable err, String expected) {
        String got = Modules.reason(err);
        if (got != null && got.contains(expected)) {
            return Outcome.pass(line, what, engine);
        }
        return Outcome.wrongMessage(line, what, engine, "wrong message: expected \"" + expected + "\", got \"" + got + "\"");
    }
}
