package dev.weir.cli.internal;

import dev.weir.text.TextParseException;
import dev.weir.wasm.WasmException;
import dev.weir.wasm.WasmModule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The seam to weir-text's WAT parser, looked up by name so the CLI builds before the parser
 * exists: {@code static WasmModule dev.weir.text.Wat.parse(String)}. When the parser lands, this
 * class can become a direct call.
 */
final class WatSeam {
    private static final MethodHandle PARSE = find();

    private WatSeam() {
    }

    private static MethodHandle find() {
        try {
            Class<?> wat = Class.forName("dev.weir.text.Wat");
            return MethodHandles.publicLookup().findStatic(wat, "parse", MethodType.methodType(WasmModule.class, String.class));
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    static boolean available() {
        return PARSE != null;
    }

    static WasmModule parse(String file, String text) {
        if (PARSE == null) {
            throw new CliException(file + ": .wat not supported yet (this build has no WAT parser); use a .wasm file");
        }
        try {
            return (WasmModule) PARSE.invokeExact(text);
        } catch (TextParseException e) {
            throw ModuleLoader.textError(file, e);
        } catch (WasmException e) {
            throw new CliException(file + ": " + ModuleLoader.describe(e, null, false), e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("WAT parser failed", t);
        }
    }
}
