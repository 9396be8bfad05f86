package dev.weir.cli;

import dev.weir.cli.internal.CliException;
import dev.weir.cli.internal.ModuleLoader;
import dev.weir.cli.internal.Progress;
import dev.weir.text.WatPrinter;
import dev.weir.wasm.WasmException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir wasm2wat IN.wasm [-o OUT.wat]}: binary format to text format. */
@Command(name = "wasm2wat",
        mixinStandardHelpOptions = true,
        description = {
            "Translate a module from the binary format (.wasm) to the text format (.wat).",
            "Prints to standard output unless -o names a file. The module is validated first (skip with "
                + "--no-check); names from the name section become $identifiers."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir wasm2wat examples/wasm/add.wasm",
            "  weir wasm2wat module.wasm -o module.wat",
            "",
            "Exit status: 0 success, 1 the module is malformed or invalid, 2 usage error."
        })
final class Wasm2WatCommand extends Verb {
    @Parameters(paramLabel = "IN", description = "The binary module (.wasm).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (default: standard output).")
    String output;

    @Option(names = "--no-check", description = "Do not validate the module first.")
    boolean noCheck;

    @Override
    public Integer call() {
        Progress progress = progress();
        ModuleLoader.Loaded loaded = load(input, progress);
        if (!noCheck) {
            validate(loaded, progress);
        }
        String text;
        try {
            text = WatPrinter.print(loaded.module());
        } catch (WasmException e) {
            // Function bodies are decoded lazily: a malformed one shows up only when printed.
            throw new CliException(input + ": " + ModuleLoader.describe(e, loaded.module(),
                    loaded.format().equals("binary")), e);
        }
        if (output == null) {
            out().print(text);
            out().flush();
        } else {
            Wat2WasmCommand.Files2.write(output, text.getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }
}
