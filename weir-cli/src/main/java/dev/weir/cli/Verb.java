package dev.weir.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every {@code weir} verb. To add one (run, wast, wat2wasm, wasm2wat, memcheck, ...):
 * extend this class, annotate it with {@code @Command(name = ..., mixinStandardHelpOptions = true,
 * description = ..., footerHeading = "%nExamples:%n", footer = {...})}, implement {@link #call()}
 * returning the exit status, and list the class in {@link WeirCommand}'s {@code subcommands}.
 *
 * <p>Conventions: results go to {@link #out()}, diagnostics to {@link #err()}; a failure the
 * user can act on is thrown as {@link dev.weir.cli.internal.CliException} (printed as one
 * {@code weir: ...} line, exit 1) or printed with {@link #fail}; usage errors are left to
 * picocli (exit 2).
 */
abstract class Verb implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Whether {@code --verbose} was given anywhere on the command line. */
    boolean verbose() {
        return Main.verbose(spec.root().commandLine().getParseResult());
    }

    /** Prints a one-line failure ({@code weir: message}), plus its stack trace under --verbose. */
    void fail(String message, Throwable cause) {
        err().println("weir: " + message);
        if (verbose() && cause != null) {
            Main.stackTrace(err(), cause);
        }
    }
}
