package dev.weir.text;

import dev.weir.text.internal.print.ModulePrinter;
import dev.weir.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The WebAssembly text format printer: {@link WasmModule} to WAT, in the flat (linear)
 * instruction syntax and layout {@code wasm2wat} prints by default.
 *
 * <p>For every module {@code m} that {@link Wat#parse} accepts, {@code Wat.parse(print(m))}
 * equals {@code m} ({@link WasmModule#equals}): types are always referenced by index, literals
 * denote their exact bits (floats as round-tripping decimals, NaN payloads as {@code nan:0x...}),
 * and names from the name section become {@code $identifiers} (quoted {@code $"..."} when they
 * contain characters identifiers cannot; made unique with a {@code _N} suffix when repeated).
 * Binary details the text format cannot express are normalized by the parser: non-minimal
 * LEB128 encodings, a memarg's explicit memory index 0, split runs of same-typed locals, empty
 * {@code else} clauses and funcref element segments of {@code ref.func} expressions. Custom
 * sections other than names are not printed.
 *
 * <p>Instructions that cannot be decoded throw {@code MalformedModuleException}. Thread-safe.
 */
public final class WatPrinter {
    private WatPrinter() {}

    /** The module as text, ending with a newline. */
    public static String print(WasmModule module) {
        StringBuilder sb = new StringBuilder();
        try {
            ModulePrinter.print(module, sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder never throws
        }
        return sb.toString();
    }

    /** Writes the module as text to {@code out} (in chunks, without building the whole text first). */
    public static void print(WasmModule module, Appendable out) throws IOException {
        ModulePrinter.print(module, out);
    }
}
