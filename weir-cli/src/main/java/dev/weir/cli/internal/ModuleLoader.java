package dev.weir.cli.internal;

import dev.weir.text.TextParseException;
import dev.weir.wasm.InvalidModuleException;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmException;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a module file named on the command line (binary {@code .wasm}, or text {@code .wat} once
 * weir-text has a parser), decodes and validates it, and turns every failure into a one-line
 * {@link CliException}: {@code FILE: malformed module at byte 0x1f: integer too large}.
 */
public final class ModuleLoader {
    /** Above this a file cannot be held in one byte array; say so instead of failing with OOM. */
    private static final long MAX_FILE_SIZE = Integer.MAX_VALUE - 16;

    private ModuleLoader() {
    }

    /** A decoded (not yet validated) module and where it came from. */
    public record Loaded(String file, long size, String format, WasmModule module) {
    }

    /** Reads and decodes {@code file}; throws {@link CliException} with a one-line reason. */
    public static Loaded load(String file) {
        byte[] bytes = read(file);
        if (isText(file, bytes)) {
            return new Loaded(file, bytes.length, "text", WatSeam.parse(file, utf8(file, bytes)));
        }
        try {
            return new Loaded(file, bytes.length, "binary", WasmDecoder.decode(bytes));
        } catch (MalformedModuleException e) {
            throw new CliException(file + ": " + describe(e, null, true), e);
        }
    }

    /** Validates a loaded module; throws {@link CliException} naming offset, function and reason. */
    public static void validate(Loaded loaded) {
        InvalidModuleException e = validationError(loaded.module());
        if (e != null) {
            // A module parsed from text has no binary, so its byte offsets mean nothing to the user.
            boolean binary = loaded.format().equals("binary");
            throw new CliException(loaded.file() + ": " + describe(e, loaded.module(), binary), e);
        }
    }

    /** The validation failure of {@code module}, or null when it is valid. */
    public static InvalidModuleException validationError(WasmModule module) {
        try {
            WasmValidator.validate(module);
            return null;
        } catch (InvalidModuleException e) {
            return e;
        }
    }

    /**
     * {@code malformed module at byte 0x1f: integer too large} or
     * {@code invalid module at byte 0x2a in function 3 ($add): type mismatch}. The module (may be
     * null) supplies the function's name from the name section; {@code withOffset} is false for
     * modules parsed from text.
     */
    public static String describe(WasmException e, WasmModule module, boolean withOffset) {
        StringBuilder sb = new StringBuilder(e instanceof InvalidModuleException ? "invalid module" : "malformed module");
        if (withOffset && e.offset() >= 0) {
            sb.append(" at byte ").append(WatText.hex(e.offset()));
        }
        if (e instanceof InvalidModuleException && ((InvalidModuleException) e).functionIndex() >= 0) {
            int f = ((InvalidModuleException) e).functionIndex();
            sb.append(" in function ").append(f);
            String name = module == null ? null : module.functionName(f);
            if (name != null) {
                sb.append(" (").append(WatText.id(name)).append(')');
            }
        }
        return sb.append(": ").append(e.reason()).toString();
    }

    private static byte[] read(String file) {
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new CliException(file + ": invalid file name (" + e.getReason() + ")", e);
        }
        try {
            if (Files.isDirectory(path)) {
                throw new CliException(file + ": is a directory");
            }
            long size = Files.size(path);
            if (size > MAX_FILE_SIZE) {
                throw new CliException(file + ": file too large (" + size + " bytes; at most 2 GiB)");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new CliException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new CliException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Text when named {@code .wat}/{@code .wast}, or when it lacks the binary magic and starts
     * with an s-expression or comment. Anything else goes to the decoder, which names the problem
     * ("magic header not detected").
     */
    static boolean isText(String file, byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 'a' && b[2] == 's' && b[3] == 'm') {
            return false;
        }
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".wat") || lower.endsWith(".wast")) {
            return true;
        }
        if (lower.endsWith(".wasm")) {
            return false;
        }
        for (byte x : b) {
            if (x == ' ' || x == '\t' || x == '\n' || x == '\r') {
                continue;
            }
            return x == '(' || x == ';';
        }
        return false;
    }

    private static String utf8(String file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CliException(file + ": malformed UTF-8 encoding", e);
        }
    }

    /** Wraps a text parser failure as {@code FILE:LINE:COL: reason}. */
    static CliException textError(String file, TextParseException e) {
        String where = e.line() > 0 ? ":" + e.line() + ":" + e.column() : "";
        return new CliException(file + where + ": " + e.reason(), e);
    }
}
