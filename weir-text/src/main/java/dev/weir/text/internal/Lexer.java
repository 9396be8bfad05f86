package dev.weir.text.internal;

import dev.weir.text.TextParseException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tokenizer for WebAssembly text (spec 6.2 "Lexical Format", Wasm 3.0), working on UTF-8 bytes.
 *
 * <p>Tokens follow the longest-match rule: a maximal run of idchars, string literals and
 * {@code , [ ] { }} forms one token, classified as KEYWORD, ID, STRING, NAT/INT/FLOAT or else
 * RESERVED (e.g. {@code 0$x}, {@code "a""b"}, {@code 1x}). RESERVED tokens are returned, not
 * thrown, so the caller can report them ("unknown operator") or accept them inside annotations.
 * Like the reference interpreter, a {@code ;} ends a run, so {@code module;;c} is a keyword
 * followed by a comment.
 *
 * <p>White space, line comments, nested block comments and (unless {@code keepAnnotations})
 * annotations {@code (@id ...)} are skipped. With {@code keepAnnotations} an annotation yields an
 * {@link TokenKind#ANNOTATION} token, then its contents as ordinary tokens, then its RPAREN.
 *
 * <p>Errors (TextParseException, reference interpreter wording): "unclosed comment", "unclosed
 * string literal", "illegal control character in string literal", "illegal escape", "empty
 * identifier", "empty annotation id", "unclosed annotation", "malformed UTF-8 encoding",
 * "misplaced control character", "misplaced unicode character" ("illegal character" inside
 * annotations).
 *
 * <p>Not thread-safe; one instance per input.
 */
public final class Lexer {
    /** idchar (spec 6.3.5): 0-9 A-Z a-z ! # $ % & ' * + - . / : < = > ? @ \ ^ _ ` | ~ */
    private static final boolean[] IDCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            IDCHAR[c] = true;
        }
        for (int c = 'A'; c <= 'Z'; c++) {
            IDCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            IDCHAR[c] = true;
        }
        for (char c : "!#$%&'*+-./:<=>?@\\^_`|~".toCharArray()) {
            IDCHAR[c] = true;
        }
    }

    private final byte[] src;
    private final int len;
    private final boolean keepAnnotations;

    private int pos;
    private int line = 1;
    /** Byte offset of the current line's first byte. */
    private int lineStart;
    /** UTF-16 char offset of the current line's first char. */
    private int lineStartChar;
    /** (UTF-8 bytes - UTF-16 chars) of all multi-byte characters before the scan position. */
    private int extra;

    /** Parenthesis depth inside annotations (0 = not in an annotation). */
    private int annotDepth;
    private int annotLine;
    private int annotColumn;

    private byte[] buf = new byte[256];
    private int bufLen;
    private Token peeked;

    /** Lexes UTF-8 text, skipping annotations. The array is not copied and must not change. */
    public Lexer(byte[] utf8) {
        this(utf8, false);
    }

    /** Lexes UTF-8 text; with {@code keepAnnotations} annotations are returned as tokens. */
    public Lexer(byte[] utf8, boolean keepAnnotations) {
        this.src = utf8;
        this.len = utf8.length;
        this.keepAnnotations = keepAnnotations;
    }

    /** Lexes a Java string (encoded to UTF-8; lone surrogates become '?'). */
    public Lexer(String text) {
        this(text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Lexes a Java string; with {@code keepAnnotations} annotations are returned as tokens. */
    public Lexer(String text, boolean keepAnnotations) {
        this(text.getBytes(StandardCharsets.UTF_8), keepAnnotations);
    }

    /** True if the character is an idchar (spec 6.3.5). */
    public static boolean isIdChar(int c) {
        return c >= 0 && c < 256 && IDCHAR[c];
    }

    /** The UTF-8 source being lexed (not a copy). */
    public byte[] source() {
        return src;
    }

    /** Returns the next token without consuming it. */
    public Token peek() {
        if (peeked == null) {
            peeked = next0();
        }
        return peeked;
    }

    /** Returns and consumes the next token; after the end, returns EOF tokens forever. */
    public Token next() {
        Token t = peeked;
        if (t != null) {
            peeked = null;
            return t;
        }
        return next0();
    }

    private Token next0() {
        for (;;) {
            Token t = scan();
            if (t.kind() != TokenKind.ANNOTATION || keepAnnotations) {
                return t;
            }
            // Annotations are white space (spec 6.2.5); still lex their contents so that
            // unclosed strings, comments and parentheses are reported.
            while (annotDepth > 0) {
                scan();
            }
        }
    }

    // ---------------------------------------------------------------- positions and errors

    private int charOffset(int p) {
        return p - extra;
    }

    private int column(int p) {
        return p - extra - lineStartChar + 1;
    }

    private void newlineAt(int p) {
        line++;
        lineStart = p;
        lineStartChar = p - extra;
    }

    private TextParseException error(int p, String reason) {
        return new TextParseException(line, column(p), reason);
    }

    private Token make(TokenKind kind, int s, int e, byte[] value) {
        return new Token(kind, src, s, e, line, column(s), charOffset(s), value);
    }

    /** Accounts for a multi-byte UTF-8 character of {@code n} bytes (a 4-byte one is 2 chars). */
    private void countMultiByte(int n) {
        extra += n == 4 ? 2 : n - 1;
    }

    // ---------------------------------------------------------------- main scanner

    private Token scan() {
        final byte[] b = src;
        for (;;) {
            int p = pos;
            if (p >= len) {
                if (annotDepth > 0) {
                    throw new TextParseException(annotLine, annotColumn, "unclosed annotation");
                }
                return make(TokenKind.EOF, p, p, null);
            }
            int c = b[p] & 0xFF;
            switch (c) {
                case ' ':
                case '\t':
                    pos = p + 1;
                    continue;
                case '\n':
                    pos = p + 1;
                    newlineAt(pos);
                    continue;
                case '\r':
                    p++;
                    if (p < len && b[p] == '\n') {
                        p++;
                    }
                    pos = p;
                    newlineAt(p);
                    continue;
                case '(':
                    if (p + 1 < len && b[p + 1] == ';') {
                        blockComment(p);
                        continue;
                    }
                    if (p + 1 < len && b[p + 1] == '@') {
                        Token t = annotationStart(p);
                        if (t != null) {
                            return t;
                        }
                    }
                    if (annotDepth > 0) {
                        annotDepth++;
                    }
                    pos = p + 1;
                    return make(TokenKind.LPAREN, p, p + 1, null);
                case ')':
                    if (annotDepth > 0) {
                        annotDepth--;
                    }
                    pos = p + 1;
                    return make(TokenKind.RPAREN, p, p + 1, null);
                case ';':
                    if (p + 1 < len && b[p + 1] == ';') {
                        lineComment(p);
                        continue;
                    }
                    pos = p + 1;
                    return make(TokenKind.RESERVED, p, p + 1, null);
                default:
                    if (IDCHAR[c] || c == '"' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
                        return run(p);
                    }
                    if (c >= 0x80) {
                        if (Utf8.sequenceLength(b, p, len) < 0) {
                            throw error(p, "malformed UTF-8 encoding");
                        }
                        throw error(p, annotDepth > 0 ? "illegal character" : "misplaced unicode character");
                    }
                    throw error(p, annotDepth > 0 ? "illegal character" : "misplaced control character");
            }
        }
    }

    /** Skips {@code ;; ...} up to (not including) the line break. Any valid UTF-8 is allowed. */
    private void lineComment(int p) {
        final byte[] b = src;
        p += 2;
        while (p < len) {
            byte c = b[p];
            if (c == '\n' || c == '\r') {
                break;
            }
            if (c < 0) {
                int n = Utf8.sequenceLength(b, p, len);
                if (n < 0) {
                    throw error(p, "malformed UTF-8 encoding");
                }
                countMultiByte(n);
                p += n;
            } else {
                p++;
            }
        }
        pos = p;
    }

    /** Skips a nested block comment {@code (; ... ;)} starting at {@code p}. */
    private void blockComment(int p) {
        final byte[] b = src;
        int startLine = line;
        int startColumn = column(p);
        int depth = 1;
        p += 2;
        for (;;) {
            if (p >= len) {
                throw new TextParseException(startLine, startColumn, "unclosed comment");
            }
            byte c = b[p];
            if (c == '(' && p + 1 < len && b[p + 1] == ';') {
                depth++;
                p += 2;
            } else if (c == ';' && p + 1 < len && b[p + 1] == ')') {
                p += 2;
                if (--depth == 0) {
                    break;
                }
            } else if (c == '\n') {
                p++;
                newlineAt(p);
            } else if (c == '\r') {
                p++;
                if (p < len && b[p] == '\n') {
                    p++;
                }
                newlineAt(p);
            } else if (c < 0) {
                int n = Utf8.sequenceLength(b, p, len);
                if (n < 0) {
                    throw error(p, "malformed UTF-8 encoding");
                }
                countMultiByte(n);
                p += n;
            } else {
                p++;
            }
        }
        pos = p;
    }

    /**
     * At {@code (@}: returns the ANNOTATION token, or null if inside an annotation the
     * {@code (@} is not followed by an id (then it is a plain parenthesis and a reserved atom).
     */
    private Token annotationStart(int p) {
        final byte[] b = src;
        int q = p + 2;
        byte[] name;
        int end;
        int startColumn = column(p);
        int startOffset = charOffset(p);
        if (q < len && IDCHAR[b[q] & 0xFF]) {
            end = q;
            while (end < len && IDCHAR[b[end] & 0xFF]) {
                end++;
            }
            name = Arrays.copyOfRange(b, q, end);
        } else if (q < len && b[q] == '"') {
            int savedExtra = extra;
            try {
                end = scanString(q);
            } catch (TextParseException e) {
                extra = savedExtra;
                if (annotDepth > 0) {
                    return null;
                }
                throw error(p, "empty annotation id");
            }
            if (bufLen == 0) {
                throw new TextParseException(line, startColumn, "empty annotation id");
            }
            if (!Utf8.isValid(buf, 0, bufLen)) {
                throw new TextParseException(line, startColumn, "malformed UTF-8 encoding");
            }
            name = Arrays.copyOf(buf, bufLen);
        } else {
            if (annotDepth > 0) {
                return null;
            }
            throw error(p, "empty annotation id");
        }
        if (annotDepth == 0) {
            annotLine = line;
            annotColumn = startColumn;
        }
        annotDepth++;
        Token t = new Token(TokenKind.ANNOTATION, src, p, end, line, startColumn, startOffset, name);
        pos = end;
        return t;
    }

    /** Lexes a maximal run of idchars, strings and {@code , [ ] { }} starting at {@code s}. */
    private Token run(int s) {
        final byte[] b = src;
        int startExtra = extra;
        int p = s;
        int strings = 0;
        boolean punct = false;
        byte[] value = null;
        int firstStringStart = -1;
        int firstStringEnd = -1;
        while (p < len) {
            int c = b[p] & 0xFF;
            if (c == '"') {
                int q;
                if (p == s + 1 && b[s] == '$') {
                    try {
                        q = scanString(p);
                    } catch (TextParseException e) {
                        extra = startExtra;
                        throw error(s, "empty identifier");
                    }
                } else {
                    q = scanString(p);
                }
                if (++strings == 1) {
                    value = Arrays.copyOf(buf, bufLen);
                    firstStringStart = p;
                    firstStringEnd = q;
                }
                p = q;
            } else if (IDCHAR[c]) {
                p++;
            } else if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
                punct = true;
                p++;
            } else {
                break;
            }
        }
        pos = p;
        // Token positions are computed from the run start, before any multi-byte string chars.
        int runExtra = extra;
        extra = startExtra;
        try {
            return classify(s, p, strings, punct, value, firstStringStart, firstStringEnd);
        } finally {
            extra = runExtra;
        }
    }

    private Token classify(int s, int e, int strings, boolean punct, byte[] value, int strStart, int strEnd) {
        final byte[] b = src;
        int first = b[s] & 0xFF;
        if (strings > 0) {
            if (strings == 1 && strStart == s && strEnd == e) {
                return make(TokenKind.STRING, s, e, value);
            }
            if (strings == 1 && first == '$' && strStart == s + 1 && strEnd == e) {
                // Wasm 3.0 quoted identifier: a non-empty name (valid UTF-8), spec 6.3.5.
                if (value.length == 0) {
                    throw error(s, "empty identifier");
                }
                if (!Utf8.isValid(value)) {
                    throw error(s, "malformed UTF-8 encoding");
                }
                return make(TokenKind.ID, s, e, value);
            }
            if (first == '$' && strStart != s + 1 && (e == s + 1 || !IDCHAR[b[s + 1] & 0xFF])) {
                throw error(s, "empty identifier");
            }
            return make(TokenKind.RESERVED, s, e, null);
        }
        if (first == '$') {
            if (e == s + 1 || !IDCHAR[b[s + 1] & 0xFF]) {
                throw error(s, "empty identifier");
            }
            if (punct) {
                return make(TokenKind.RESERVED, s, e, null);
            }
            return make(TokenKind.ID, s, e, Arrays.copyOfRange(b, s + 1, e));
        }
        if (punct) {
            return make(TokenKind.RESERVED, s, e, null);
        }
        if (first == '+' || first == '-' || (first >= '0' && first <= '9') || first == 'i' || first == 'n') {
            TokenKind k = NumberSyntax.classify(b, s, e);
            if (k != null) {
                return make(k, s, e, null);
            }
        }
        if (first >= 'a' && first <= 'z') {
            return make(TokenKind.KEYWORD, s, e, null);
        }
        return make(TokenKind.RESERVED, s, e, null);
    }

    // ---------------------------------------------------------------- strings

    private void put(byte v) {
        if (bufLen == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[bufLen++] = v;
    }

    private static int hexValue(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Decodes the string literal whose opening quote is at {@code q} into {@code buf[0, bufLen)}
     * (spec 6.3.3) and returns the offset after the closing quote.
     */
    private int scanString(int q) {
        final byte[] b = src;
        bufLen = 0;
        int p = q + 1;
        for (;;) {
            if (p >= len) {
                throw error(q, "unclosed string literal");
            }
            int c = b[p] & 0xFF;
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\') {
                if (p + 1 >= len) {
                    throw error(q, "unclosed string literal");
                }
                int e = b[p + 1] & 0xFF;
                switch (e) {
                    case 't':
                        put((byte) 0x09);
                        p += 2;
                        break;
                    case 'n':
                        put((byte) 0x0A);
                        p += 2;
                        break;
                    case 'r':
                        put((byte) 0x0D);
                        p += 2;
                        break;
                    case '"':
                    case '\'':
                    case '\\':
                        put((byte) e);
                        p += 2;
                        break;
                    case 'u':
                        p = unicodeEscape(p);
                        break;
                    default:
                        int h1 = hexValue(e);
                        int h2 = p + 2 < len ? hexValue(b[p + 2] & 0xFF) : -1;
                        if (h1 < 0 || h2 < 0) {
                            throw error(p, "illegal escape");
                        }
                        put((byte) (h1 * 16 + h2));
                        p += 3;
                }
            } else if (c == '\n' || c == '\r') {
                throw error(q, "unclosed string literal");
            } else if (c < 0x20 || c == 0x7F) {
                throw error(p, "illegal control character in string literal");
            } else if (c >= 0x80) {
                int n = Utf8.sequenceLength(b, p, len);
                if (n < 0) {
                    throw error(p, "malformed UTF-8 encoding");
                }
                for (int k = 0; k < n; k++) {
                    put(b[p + k]);
                }
                countMultiByte(n);
                p += n;
            } else {
                put((byte) c);
                p++;
            }
        }
    }

    /** A backslash-u escape {@code {hexnum}} at {@code p} (the backslash): a Unicode scalar value, UTF-8 encoded. */
    private int unicodeEscape(int p) {
        final byte[] b = src;
        int i = p + 2;
        if (i >= len || b[i] != '{') {
            throw error(p, "illegal escape");
        }
        i++;
        int cp = 0;
        int digits = 0;
        boolean lastUnderscore = false;
        while (i < len && b[i] != '}') {
            int h = hexValue(b[i] & 0xFF);
            if (h >= 0) {
                if (cp <= 0x10FFFF) {
                    cp = cp * 16 + h; // stays below 2^25, no overflow
                }
                digits++;
                lastUnderscore = false;
            } else if (b[i] == '_' && digits > 0 && !lastUnderscore) {
                lastUnderscore = true;
            } else {
                throw error(p, "illegal escape");
            }
            i++;
        }
        if (i >= len || digits == 0 || lastUnderscore) {
            throw error(p, "illegal escape");
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
            throw error(p, "illegal escape");
        }
        if (bufLen + 4 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2 + 4);
        }
        bufLen = Utf8.encode(cp, buf, bufLen);
        return i + 1;
    }
}
