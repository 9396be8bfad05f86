package dev.weir.text;

import dev.weir.text.internal.SExprReader;
import dev.weir.text.internal.wast.Command;
import dev.weir.text.internal.wast.ScriptParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The WebAssembly script format ({@code .wast}) used by the official spec testsuite: reads a
 * script into its commands (modules, {@code register}, actions and assertions).
 *
 * <p>Modules inside the script are not parsed here: a {@code Command.ModuleCommand} keeps the
 * module's text, binary or quoted source so that a runner can parse it when the command runs
 * (a malformed module in an {@code assert_malformed} must not stop the script from reading).
 * The command model lives in {@code dev.weir.text.internal.wast}; it is used by Weir's own spec
 * runner and is not a stable API.
 *
 * @throws TextParseException (from every method) with line:column when the script itself is
 *     malformed (bad S-expressions, unknown commands, bad constants)
 */
public final class Wast {
    private Wast() {}

    /** Parses a script given as UTF-8 bytes. */
    @SuppressWarnings("exports")
    public static List<Command> parse(byte[] utf8) {
        return ScriptParser.parse(SExprReader.read(utf8));
    }

    /** Parses a script given as a string. */
    @SuppressWarnings("exports")
    public static List<Command> parse(String text) {
        return ScriptParser.parse(SExprReader.read(text));
    }

    /** Reads and parses a script file (UTF-8). */
    @SuppressWarnings("exports")
    public static List<Command> parseFile(Path file) throws IOException {
        return parse(Files.readAllBytes(file));
    }
}
