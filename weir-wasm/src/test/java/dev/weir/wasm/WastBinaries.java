package dev.weir.wasm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side extraction of {@code (module binary "...")} byte strings from spec .wast scripts,
 * without a text parser: a small s-expression scanner that understands strings (with the WAST
 * escapes), line and block comments.
 */
final class WastBinaries {
    /** One binary module: where it is, its bytes, and what the script expects. */
    record Case(String file, int line, String command, byte[] bytes, String expected) {
        @Override
        public String toString() {
            return file + ":" + line + " " + command + (expected == null ? "" : " \"" + expected + "\"");
        }
    }

    private final String s;
    private final String file;
    private int pos;

    private WastBinaries(String s, String file) {
        this.s = s;
        this.file = file;
    }

    /** All binary modules: top-level ones (command "module") and inside assert_malformed/assert_invalid. */
    static List<Case> read(Path p) throws IOException {
        String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        return new WastBinaries(text, p.getFileName().toString()).all();
    }

    private List<Case> all() {
        List<Case> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= s.length()) {
                return out;
            }
            if (s.charAt(pos) != '(') {
                pos++;
                continue;
            }
            int start = pos;
            int end = matching(pos);
            String head = keyword(pos + 1);
            if (head.equals("module")) {
                byte[] b = binaryModule(start, end);
                if (b != null) {
                    out.add(new Case(file, line(start), "module", b, null));
                }
            } else if (head.equals("assert_malformed") || head.equals("assert_invalid")) {
                pos = start + 1 + head.length();
                skipSpace();
                if (pos < end && s.charAt(pos) == '(' && keyword(pos + 1).equals("module")) {
                    int mEnd = matching(pos);
                    byte[] b = binaryModule(pos, mEnd);
                    pos = mEnd + 1;
                    skipSpace();
                    String msg = pos < end && s.charAt(pos) == '"' ? new String(string(), StandardCharsets.UTF_8) : null;
                    if (b != null) {
                        out.add(new Case(file, line(start), head, b, msg));
                    }
                }
            }
            pos = end + 1;
        }
    }

    private int line(int at) {
        int n = 1;
        for (int i = 0; i < at; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private String keyword(int at) {
        int e = at;
        while (e < s.length() && !Character.isWhitespace(s.charAt(e)) && s.charAt(e) != '(' && s.charAt(e) != ')') {
            e++;
        }
        return s.substring(at, e);
    }

    /** The bytes of {@code (module $id? binary "..."*)} between start and end, or null if not binary. */
    private byte[] binaryModule(int start, int end) {
        pos = start + "(module".length();
        skipSpace();
        if (s.charAt(pos) == '$') {
            pos += keyword(pos).length();
            skipSpace();
        }
        if (!keyword(pos).equals("binary")) {
            return null;
        }
        pos += "binary".length();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            skipSpace();
            if (pos >= end || s.charAt(pos) != '"') {
                return b.toByteArray();
            }
            b.writeBytes(string());
        }
    }

    /** Index of the ')' matching the '(' at {@code open}. */
    private int matching(int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                i++;
                while (s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                    i++;
                }
            } else if (c == ';' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
                i = blockCommentEnd(i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        throw new IllegalStateException(file + ": unbalanced parentheses at line " + line(open));
    }

    private int blockCommentEnd(int i) {
        int depth = 0;
        while (i < s.length() - 1) {
            if (s.charAt(i) == '(' && s.charAt(i + 1) == ';') {
                depth++;
                i += 2;
            } else if (s.charAt(i) == ';' && s.charAt(i + 1) == ')') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i - 1;
                }
            } else {
                i++;
            }
        }
        return s.length() - 1;
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == ';' && pos + 1 < s.length() && s.charAt(pos + 1) == ';') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '(' && pos + 1 < s.length() && s.charAt(pos + 1) == ';') {
                pos = blockCommentEnd(pos) + 1;
            } else {
                return;
            }
        }
    }

    /** Decodes the string literal at pos (WAST escapes: \hh, \n, \t, \\, \', \", u{...}). */
    private byte[] string() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        pos++; // opening quote
        while (s.charAt(pos) != '"') {
            char c = s.charAt(pos);
            if (c != '\\') {
                int cp = s.codePointAt(pos);
                b.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                pos += Character.charCount(cp);
                continue;
            }
            char e = s.charAt(pos + 1);
            pos += 2;
            switch (e) {
                case 'n': b.write('\n'); break;
                case 't': b.write('\t'); break;
                case 'r': b.write('\r'); break;
                case '\\': b.write('\\'); break;
                case '\'': b.write('\''); break;
                case '"': b.write('"'); break;
                case 'u': {
                    int close = s.indexOf('}', pos);
                    int cp = Integer.parseInt(s.substring(pos + 1, close).replace("_", ""), 16);
                    b.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    pos = close + 1;
                    break;
                }
                default:
                    b.write(Integer.parseInt(s.substring(pos - 1, pos + 1), 16));
                    pos++;
            }
        }
        pos++;
        return b.toByteArray();
    }
}
