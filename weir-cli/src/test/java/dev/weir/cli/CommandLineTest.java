package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Help, version and usage errors of the top-level command. */
class CommandLineTest {
    @ParameterizedTest
    @ValueSource(strings = {"validate", "inspect", "run", "wast", "wat2wasm", "wasm2wat", "memcheck", "completion"})
    void everyVerbHasHelpWithExamples(String verb) {
        for (String[] args : new String[][] {{verb, "--help"}, {"help", verb}}) {
            CliRun r = CliRun.run(args);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().startsWith("Usage: weir " + verb), r.out());
            assertTrue(r.out().contains("\nExamples:\n  weir " + verb + " "), r.out());
            assertTrue(r.out().contains("--verbose"), r.out());
        }
    }

    @Test
    void topLevelHelpListsVerbsAndExamples() {
        CliRun r = CliRun.run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("\nCommands:\n"), r.out());
        assertTrue(r.out().contains("  validate "), r.out());
        assertTrue(r.out().contains("  inspect "), r.out());
        assertTrue(r.out().contains("\nExamples:\n  weir "), r.out());
    }

    @Test
    void versionComesFromTheBuild() {
        CliRun r = CliRun.run("--version");
        assertEquals(0, r.exit());
        assertTrue(Pattern.compile("^weir \\d+\\.\\d+\\.\\d+\\S*\nJava 1?\\d").matcher(r.out()).find(), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"validate", "inspect", "run", "wast", "wat2wasm", "wasm2wat", "memcheck", "completion"})
    void everyVerbPrintsTheSameVersion(String verb) {
        CliRun top = CliRun.run("--version");
        CliRun r = CliRun.run(verb, "--version");
        assertEquals(0, r.exit(), r.err());
        assertEquals(top.out(), r.out());
        assertEquals("", r.err());
    }

    @Test
    void noVerbIsUsageError() {
        CliRun r = CliRun.run();
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Usage: weir"), r.err());
    }

    @Test
    void unknownVerbIsUsageErrorWithSuggestion() {
        CliRun r = CliRun.run("inspekt", "x.wasm");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("weir: Unmatched argument"), r.err());
        assertTrue(r.err().contains("inspect"), r.err());
        assertTrue(r.err().contains("Try 'weir --help'"), r.err());
    }

    /** A verb with a bug in it. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("kaput");
        }
    }

    @Test
    void bugsAreReportedAsInternalErrorsInOneLine() {
        for (boolean verbose : new boolean[] {false, true}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err), CommandLine.Help.Ansi.OFF);
            cl.addSubcommand("boom", new Boom());
            // picocli copies streams and handlers to subcommands when they are set: re-set them for the new one.
            cl.setErr(cl.getErr());
            cl.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
            int code = verbose ? cl.execute("--verbose", "boom") : cl.execute("boom");
            cl.getErr().flush();
            assertEquals(1, code);
            String e = err.toString();
            assertTrue(e.startsWith("weir: internal error: java.lang.IllegalStateException: kaput"), e);
            assertEquals(verbose, e.contains("\tat dev.weir.cli.CommandLineTest$Boom.call"), e);
            if (!verbose) {
                assertEquals(1, e.split("\n").length, e);
                assertTrue(e.contains("rerun with --verbose"), e);
            }
        }
    }

    @Test
    void unknownOptionIsUsageError() {
        CliRun r = CliRun.run("inspect", "--jsn", "x.wasm");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("weir: Unknown option: '--jsn'"), r.err());
        assertTrue(r.err().contains("Try 'weir inspect --help'"), r.err());
    }
}
