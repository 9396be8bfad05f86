package dev.weir.spec;

import dev.weir.text.TextParseException;
import dev.weir.text.Wat;
import dev.weir.text.internal.wast.Command.ModuleCommand;
import dev.weir.wasm.InvalidModuleException;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Turns script modules into module models, once per module per script run: text through the WAT
 * parser, binaries through the decoder, quoted text through the WAT parser after a UTF-8 check.
 * Results (model or exception) are cached so the three engines do not parse twice.
 */
final class Modules {
    /** A parse (and, if requested, validation) result: exactly one of model and error is set. */
    record Parsed(WasmModule model, RuntimeException error) {
    }

    private final Map<ModuleCommand, Parsed> parsed = new IdentityHashMap<>();
    private final Map<ModuleCommand, RuntimeException> validated = new IdentityHashMap<>();

    /** The model, or the exception the parser/decoder threw (any RuntimeException or Error is kept). */
    Parsed parse(ModuleCommand m) {
        return parsed.computeIfAbsent(m, Modules::doParse);
    }

    /** Validation error of a parsed module, or null if it validates. */
    RuntimeException validate(ModuleCommand m, WasmModule model) {
        if (validated.containsKey(m)) {
            return validated.get(m);
        }
        RuntimeException err = null;
        try {
            WasmValidator.validate(model);
        } catch (RuntimeException e) {
            err = e;
        } catch (StackOverflowError e) {
            err = new IllegalStateException("StackOverflowError in validator", e);
        }
        validated.put(m, err);
        return err;
    }

    private static Parsed doParse(ModuleCommand m) {
        try {
            return new Parsed(load(m), null);
        } catch (RuntimeException e) {
            return new Parsed(null, e);
        } catch (StackOverflowError e) {
            return new Parsed(null, new IllegalStateException("StackOverflowError while parsing", e));
        }
    }

    /** Loads a module without caching. */
    static WasmModule load(ModuleCommand m) {
        switch (m.kind()) {
            case BINARY:
                return WasmDecoder.decode(m.bytes());
            case QUOTE:
                return Wat.parse(m.bytes());
            default:
                return Wat.parseModule(m.text());
        }
    }

    /** True for the errors that mean "malformed" (spec: the text or binary does not parse). */
    static boolean isMalformed(Throwable e) {
        return e instanceof TextParseException || e instanceof MalformedModuleException;
    }

    /** True for a validation error. */
    static boolean isInvalid(Throwable e) {
        return e instanceof InvalidModuleException;
    }

    /** The message without position, the part spec scripts compare. */
    static String reason(Throwable e) {
        if (e instanceof TextParseException t) {
            return t.reason();
        }
        if (e instanceof dev.weir.wasm.WasmException w) {
            return w.reason();
        }
        return String.valueOf(e.getMessage());
    }

    /** A short description of an unexpected exception, naming its type. */
    static String describe(Throwable e) {
        if (isMalformed(e)) {
            return "malformed: " + e.getMessage();
        }
        if (isInvalid(e)) {
            return "invalid: " + e.getMessage();
        }
        StackTraceElement[] st = e.getStackTrace();
        String where = st.length > 0 ? " at " + st[0] : "";
        Throwable c = e.getCause();
        if (e instanceof IllegalStateException && c instanceof StackOverflowError) {
            return e.getMessage();
        }
        return e.getClass().getName() + ": " + e.getMessage() + where;
    }
}
