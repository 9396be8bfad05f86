package dev.weir.text.internal;

import dev.weir.text.TextParseException;
import java.nio.charset.StandardCharsets;

/**
 * One token of WebAssembly text. Immutable.
 *
 * <p>Positions: {@link #line()} and {@link #column()} are 1-based; {@link #offset()} is the
 * 0-based char (UTF-16) offset of the first character, i.e. an index into the source when it was
 * a Java {@code String}; {@link #byteStart()}/{@link #byteEnd()} index the UTF-8 source bytes.
 */
public final class Token {
    private static final byte[] NO_BYTES = new byte[0];

    private final TokenKind kind;
    private final byte[] src;
    private final int start;
    private final int end;
    private final int line;
    private final int column;
    private final int offset;
    /** Decoded value: string contents (STRING), name (ID, ANNOTATION); null otherwise. */
    private final byte[] value;
    private String text;

    Token(TokenKind kind, byte[] src, int start, int end, int line, int column, int offset, byte[] value) {
        this.kind = kind;
        this.src = src;
        this.start = start;
        this.end = end;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.value = value;
    }

    public TokenKind kind() {
        return kind;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** 0-based UTF-16 char offset of the token's first character. */
    public int offset() {
        return offset;
    }

    /** 0-based UTF-8 byte offset of the token's first byte. */
    public int byteStart() {
        return start;
    }

    /** UTF-8 byte offset just after the token. */
    public int byteEnd() {
        return end;
    }

    /** The token exactly as written in the source (quotes and escapes included for strings). */
    public String text() {
        String t = text;
        if (t == null) {
            t = new String(src, start, end - start, StandardCharsets.UTF_8);
            text = t;
        }
        return t;
    }

    /** True if the source text of this token equals {@code s} (an ASCII string); allocation-free. */
    public boolean textEquals(String s) {
        int n = end - start;
        if (n != s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (src[start + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True if this is the keyword {@code kw}. */
    public boolean isKeyword(String kw) {
        return kind == TokenKind.KEYWORD && textEquals(kw);
    }

    /** True if this is a KEYWORD whose text starts with {@code prefix} (an ASCII string). */
    public boolean keywordStartsWith(String prefix) {
        if (kind != TokenKind.KEYWORD || end - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (src[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** NAT, INT or FLOAT. */
    public boolean isNumber() {
        return kind == TokenKind.NAT || kind == TokenKind.INT || kind == TokenKind.FLOAT;
    }

    /**
     * Decoded bytes: the contents of a STRING (escapes resolved; may be any bytes), the name of
     * an ID or ANNOTATION (always valid UTF-8), else the UTF-8 source text. Returns a copy.
     */
    public byte[] bytes() {
        if (value != null) {
            return value.clone();
        }
        if (end == start) {
            return NO_BYTES;
        }
        return java.util.Arrays.copyOfRange(src, start, end);
    }

    /** Length of {@link #bytes()} without copying. */
    public int byteLength() {
        return value != null ? value.length : end - start;
    }

    /** True if {@link #bytes()} is well-formed UTF-8 (spec 6.3.4 "names" requires it). */
    public boolean isValidUtf8() {
        return value == null || Utf8.isValid(value, 0, value.length);
    }

    /**
     * The decoded string of a STRING token as a Java string, for names (spec 6.3.4).
     *
     * @throws TextParseException "malformed UTF-8 encoding" if the bytes are not valid UTF-8
     */
    public String utf8Value() {
        if (!isValidUtf8()) {
            throw error("malformed UTF-8 encoding");
        }
        return value != null ? new String(value, StandardCharsets.UTF_8) : text();
    }

    /**
     * The name of an ID without the {@code $} ({@code $"a b"} gives {@code a b}; {@code $x} and
     * {@code $"x"} both give {@code x}), or the id of an ANNOTATION.
     */
    public String name() {
        if (kind == TokenKind.ID || kind == TokenKind.ANNOTATION) {
            return new String(value, StandardCharsets.UTF_8);
        }
        return text();
    }

    /** An exception positioned at this token. */
    public TextParseException error(String reason) {
        return new TextParseException(line, column, reason);
    }

    /** An exception positioned at this token. */
    public TextParseException error(String reason, Throwable cause) {
        return new TextParseException(line, column, reason, cause);
    }

    @Override
    public String toString() {
        return kind == TokenKind.EOF ? "EOF@" + line + ":" + column : kind + "(" + text() + ")@" + line + ":" + column;
    }
}
