package dev.weir.cli;

import dev.weir.cli.internal.CliException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of the {@code weir} command. Exit status: 0 success, 1 failure (one
 * {@code weir: ...} line on stderr, stack trace only with {@code --verbose}), 2 usage error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Charset cs = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, cs), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, cs), true);
        System.exit(run(out, err, CommandLine.Help.Ansi.AUTO, true, args));
    }

    /** Runs one command line in-process with the given streams (tests use this); returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, CommandLine.Help.Ansi ansi, String... args) {
        return run(out, err, ansi, false, args);
    }

    /**
     * As {@link #run(PrintWriter, PrintWriter, CommandLine.Help.Ansi, String...)}; {@code processStdio}
     * says that {@code out} and {@code err} are the process's own streams, so a WASI guest
     * ({@code weir run app.wasm}) may use file descriptors 0-2 directly. Otherwise the guest gets
     * an empty stdin and its output is copied to {@code out}/{@code err} when it ends.
     */
    static int run(PrintWriter out, PrintWriter err, CommandLine.Help.Ansi ansi, boolean processStdio, String... args) {
        try {
            CommandLine cl = commandLine(out, err, ansi);
            ((WeirCommand) cl.getCommand()).processStdio = processStdio;
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Errors bypass picocli's handler. Weir must not produce these on any input; if it does, say
            // so in one line rather than dumping a JVM trace.
            internalError(err, e, containsVerbose(args));
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, CommandLine.Help.Ansi ansi) {
        CommandLine cl = new CommandLine(new WeirCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Every verb has --version (mixinStandardHelpOptions); make it print what `weir --version` does.
        VersionProvider version = new VersionProvider();
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(version);
        }
        // `weir run app.wasm -v --x` and `--invoke f -5`: unknown options after the file are the
        // guest's arguments (or negative numbers), not errors. RunCommand rejects a FILE that
        // looks like an option.
        cl.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            e.println("weir: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter e = c.getErr();
            boolean verbose = verbose(parseResult);
            if (ex instanceof CliException) {
                e.println("weir: " + ex.getMessage());
                if (verbose) {
                    stackTrace(e, ex);
                }
                return ((CliException) ex).exitCode();
            }
            internalError(e, ex, verbose);
            return 1;
        });
        return cl;
    }

    /** Prints the trace of what went wrong: a {@link CliException}'s cause when it has one. */
    static void stackTrace(PrintWriter err, Throwable t) {
        (t instanceof CliException && t.getCause() != null ? t.getCause() : t).printStackTrace(err);
    }

    /** A bug in Weir, not a problem with the user's input: say which. */
    private static void internalError(PrintWriter err, Throwable t, boolean verbose) {
        if (verbose) {
            err.println("weir: internal error: " + t);
            t.printStackTrace(err);
        } else {
            err.println("weir: internal error: " + t + " (rerun with --verbose for the stack trace; please report it)");
        }
    }

    /** Whether --verbose was matched on the root command or any subcommand of this parse. */
    static boolean verbose(ParseResult pr) {
        for (ParseResult r = pr; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** --progress (true), --no-progress (false), or null when neither was given. */
    static Boolean progress(ParseResult pr) {
        Boolean value = null;
        for (ParseResult r = pr; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--progress")) {
                value = r.matchedOption("--progress").getValue();
            }
        }
        return value;
    }

    private static boolean containsVerbose(String[] args) {
        for (String a : args) {
            if ("--verbose".equals(a)) {
                return true;
            }
            if ("--".equals(a)) {
                break;
            }
        }
        return false;
    }
}
