package dev.weir.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code weir} command. Verbs are listed in {@code subcommands}; see {@link Verb}.
 */
@Command(name = "weir",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Weir: a WebAssembly runtime for the JVM.",
            "Runs, checks, converts and describes WebAssembly modules (.wasm and .wat)."
        },
        commandListHeading = "%nCommands:%n",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            InspectCommand.class,
            WastCommand.class,
            Wat2WasmCommand.class,
            Wasm2WatCommand.class,
            MemcheckCommand.class,
            CompletionCommand.class,
            HelpCommand.class
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir run examples/wasm/fib.wasm --invoke fib 20",
            "  weir run --dir . app.wasm arg1 arg2",
            "  weir inspect examples/wasm/add.wasm",
            "  weir validate examples/wasm/*.wasm",
            "  weir wat2wasm examples/wat/add.wat -o add.wasm",
            "  weir wast test.wast",
            "  weir memcheck examples/wasm/c-exchange.wasm --invoke double_free_demo",
            "  weir inspect --json module.wasm",
            "  weir help inspect",
            "",
            "Exit status: 0 success, 1 failure (one 'weir: ...' line on stderr), 2 usage error.",
            "Add --verbose to see Java stack traces of failures and step timings; --progress/--no-progress",
            "force the progress line of long steps on or off (default: on only on a terminal)."
        })
public final class WeirCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Read through {@link Main#verbose}; declared here so every verb accepts it (inherited scope). */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print Java stack traces on failure, and how long each step (reading, validating, "
                + "compiling) took.")
    boolean verbose;

    /**
     * Null (the default) shows progress of long steps only on a terminal; read through
     * {@link Main#progress}. Inherited, like --verbose, so it may follow the verb.
     */
    @Option(names = "--progress", negatable = true, scope = ScopeType.INHERIT,
            description = "Show (or with --no-progress never show) a progress line on stderr while a large module "
                + "is decoded and compiled (default: only on a terminal).")
    Boolean progress;

    /** Whether the command's streams are the process's own (set by {@link Main}; see RunCommand). */
    boolean processStdio;

    /** {@code weir} with no verb: usage on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return spec.exitCodeOnInvalidInput();
    }
}
