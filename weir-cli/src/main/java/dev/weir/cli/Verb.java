package dev.weir.cli;

import dev.weir.cli.internal.ModuleLoader;
import dev.weir.cli.internal.Progress;
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

    /** Whether out() and err() are the process's own streams (see {@link Main#run}). */
    boolean processStdio() {
        Object root = spec.root().userObject();
        return root instanceof WeirCommand && ((WeirCommand) root).processStdio;
    }

    /**
     * Progress reporting per --progress/--no-progress: by default live only when weir runs on a
     * terminal with its own stdio; step timings under --verbose.
     */
    Progress progress() {
        Boolean p = Main.progress(spec.root().commandLine().getParseResult());
        boolean live = p != null ? p : processStdio() && System.console() != null;
        return new Progress(err(), live, verbose());
    }

    /** {@link ModuleLoader#load} as a progress step ("reading FILE"). */
    static ModuleLoader.Loaded load(String file, Progress progress) {
        return progress.phase("reading " + file, () -> ModuleLoader.load(file));
    }

    /** {@link ModuleLoader#validate} as a progress step ("validating N functions of FILE"). */
    static void validate(ModuleLoader.Loaded loaded, Progress progress) {
        progress.phase("validating " + functions(loaded) + " of " + loaded.file(), () -> {
            ModuleLoader.validate(loaded);
            return null;
        });
    }

    /** {@code 1 function}, {@code 12034 functions}: the module's defined functions. */
    static String functions(ModuleLoader.Loaded loaded) {
        int n = loaded.module().definedFunctionCount();
        return n + (n == 1 ? " function" : " functions");
    }

    /** Prints a one-line failure ({@code weir: message}), plus its stack trace under --verbose. */
    void fail(String message, Throwable cause) {
        err().println("weir: " + message);
        if (verbose() && cause != null) {
            Main.stackTrace(err(), cause);
        }
    }
}
