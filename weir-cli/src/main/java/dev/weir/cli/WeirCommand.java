package dev.weir.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code weir} command. Verbs are listed in {@code subcommands}; the ones still to
 * come with their issues: {@code run} (with --invoke, --fuel, --max-memory, --timeout),
 * {@code wast}, {@code wat2wasm}, {@code wasm2wat}, {@code memcheck}. See {@link Verb}.
 */
@Command(name = "weir",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Weir: a WebAssembly runtime for the JVM.",
            "Checks and describes WebAssembly modules (.wasm)."
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {
            ValidateCommand.class,
            InspectCommand.class,
            // Extension point: RunCommand, WastCommand, Wat2WasmCommand, Wasm2WatCommand, MemcheckCommand.
            HelpCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir inspect examples/wasm/add.wasm",
            "  weir validate examples/wasm/*.wasm",
            "  weir inspect --json module.wasm",
            "  weir help inspect",
            "",
            "Exit status: 0 success, 1 failure (one 'weir: ...' line on stderr), 2 usage error.",
            "Add --verbose to see Java stack traces of failures."
        })
public final class WeirCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Read through {@link Main#verbose}; declared here so every verb accepts it (inherited scope). */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print Java stack traces and extra detail on failure.")
    boolean verbose;

    /** {@code weir} with no verb: usage on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
