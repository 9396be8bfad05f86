package dev.weir.cli;

import dev.weir.cli.internal.CliException;
import dev.weir.cli.internal.Progress;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir validate FILE...}: decode and validate each module; one line per result. */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Decode and validate WebAssembly modules.",
            "Prints 'FILE: valid' for each good module (nothing with -q). For each bad one, prints one "
                + "line to stderr naming the file, the byte offset and the reason (and the function for "
                + "validation errors), and exits with status 1."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir validate examples/wasm/add.wasm",
            "      examples/wasm/add.wasm: valid",
            "  weir validate -q build/*.wasm && echo all valid",
            "  weir validate broken.wasm",
            "      weir: broken.wasm: malformed module at byte 0x1f: unexpected end",
            "",
            "Exit status: 0 all valid, 1 some module failed, 2 usage error."
        })
final class ValidateCommand extends Verb {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Module files (.wasm; .wat when supported).")
    List<String> files;

    @Option(names = {"-q", "--quiet"}, description = "Print only failures.")
    boolean quiet;

    @Override
    public Integer call() {
        int failures = 0;
        Progress progress = progress();
        for (String file : files) {
            try {
                validate(load(file, progress), progress);
                if (!quiet) {
                    out().println(file + ": valid");
                }
            } catch (CliException e) {
                // Keep going: a batch run should name every bad file, not just the first.
                fail(e.getMessage(), e);
                failures++;
            }
        }
        out().flush();
        return failures == 0 ? 0 : 1;
    }
}
