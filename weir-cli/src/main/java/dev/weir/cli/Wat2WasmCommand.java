package dev.weir.cli;

import dev.weir.cli.internal.CliException;
import dev.weir.cli.internal.ModuleLoader;
import dev.weir.cli.internal.Progress;
import dev.weir.wasm.WasmEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir wat2wasm IN.wat [-o OUT.wasm]}: text format to binary format. */
@Command(name = "wat2wasm",
        mixinStandardHelpOptions = true,
        description = {
            "Translate a module from the text format (.wat) to the binary format (.wasm).",
            "The module is validated first (skip with --no-check). The output is IN with the extension "
                + ".wasm unless -o names another file."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir wat2wasm examples/wat/add.wat",
            "      writes examples/wat/add.wasm",
            "  weir wat2wasm module.wat -o build/module.wasm",
            "",
            "Exit status: 0 success, 1 the text does not parse or the module is invalid, 2 usage error."
        })
final class Wat2WasmCommand extends Verb {
    @Parameters(paramLabel = "IN", description = "The text module (.wat).")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Output file (default: IN with .wasm).")
    String output;

    @Option(names = "--no-check", description = "Do not validate the module before writing it.")
    boolean noCheck;

    @Override
    public Integer call() {
        Progress progress = progress();
        ModuleLoader.Loaded loaded = load(input, progress);
        if (!loaded.format().equals("text")) {
            throw new CliException(input + ": is a binary module already (use wasm2wat to get text)");
        }
        if (!noCheck) {
            validate(loaded, progress);
        }
        byte[] bytes = WasmEncoder.encode(loaded.module());
        Files2.write(output != null ? output : withExtension(input, ".wasm"), bytes);
        return 0;
    }

    /** {@code dir/a.wat} to {@code dir/a.wasm}; a name without .wat gets the extension appended. */
    static String withExtension(String file, String ext) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf(java.io.File.separatorChar));
        int dot = file.lastIndexOf('.');
        String base = dot > slash + 1 ? file.substring(0, dot) : file;
        return base + ext;
    }

    /** Writing output files with one-line errors. */
    static final class Files2 {
        private Files2() {
        }

        static void write(String file, byte[] bytes) {
            try {
                Files.write(Path.of(file), bytes);
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new CliException(file + ": cannot write: " + (e instanceof java.nio.file.NoSuchFileException
                        ? "no such directory" : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                        : e.getMessage()), e);
            }
        }
    }
}
