package dev.weir.cli.internal;

import dev.weir.text.TextParseException;
import dev.weir.text.Wat;
import dev.weir.wasm.WasmException;
import dev.weir.wasm.WasmModule;

/**
 * Where the CLI meets weir-text's WAT parser: turns its failures into one-line
 * {@link CliException}s ({@code FILE:LINE:COL: reason}).
 */
final class WatSeam {
    private WatSeam() {
    }

    static WasmModule parse(String file, String text) {
        try {
            return Wat.parse(text);
        } catch (TextParseException e) {
            throw ModuleLoader.textError(file, e);
        } catch (WasmException e) {
            // (module binary "...") is decoded: its bytes can be malformed.
            throw new CliException(file + ": " + ModuleLoader.describe(e, null, false), e);
        }
    }
}
