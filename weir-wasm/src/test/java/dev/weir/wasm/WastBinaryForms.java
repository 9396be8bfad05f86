package dev.weir.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-side extraction of binary modules from .wast scripts: top-level {@code (module binary ...)}
 * forms and those inside {@code assert_invalid} / {@code assert_malformed}, with the expected message.
 * Just enough of the text format to find balanced forms and decode string escapes.
 */
final class WastBinaryForms {
    /** A binary module: the command it appears in ("module", "assert_invalid", ...), its bytes, the expected message. */
    record Form(String command, byte[] bytes, String message, int line) {
    }

    private static final Pattern BINARY_MODULE = Pattern.compile("^\\(module(\\s+\\$[^\\s()]+)?\\s+binary\\b");

    private static final Pattern ASSERTION = Pattern.compile("^\\((assert_invalid|assert_malformed)\\s+");

    private WastBinaryForms() {
    }

    static List<Form> extract(String text) {
        List<Form> out = new ArrayList<>();
        int line = 1;
        int counted = 0;
        for (int[] f : topLevelForms(text)) {
            String form = text.substring(f[0], f[1]);
            for (; counted < f[0]; counted++) {
                if (text.charAt(counted) == '\n') {
                    line++;
                }
            }
            if (form.startsWith("(module")) {
                if (BINARY_MODULE.matcher(form).find()) {
                    out.add(new Form("module", strings(form, form.indexOf("binary") + 6, form.length() - 1), null, line));
                }
                continue;
            }
            Matcher m = ASSERTION.matcher(form);
            if (!m.find()) {
                continue;
            }
            String rest = form.substring(m.end());
            if (!BINARY_MODULE.matcher(rest).find()) {
                continue;
            }
            int[] mod = topLevelForms(rest).get(0);
            String module = rest.substring(mod[0], mod[1]);
            byte[] bytes = strings(module, module.indexOf("binary") + 6, module.length() - 1);
            String tail = rest.substring(mod[1]);
            byte[] msg = strings(tail, 0, tail.length());
            out.add(new Form(m.group(1), bytes, new String(msg, StandardCharsets.UTF_8), line));
        }
        return out;
    }

    /** Start/end offsets of the top-level parenthesized forms, skipping comments and strings. */
    static List<int[]> topLevelForms(String t) {
        List<int[]> r = new ArrayList<>();
        int depth = 0;
        int start = -1;
        int i = 0;
        int n = t.length();
        while (i < n) {
            char c = t.charAt(i);
            if (c == ';' && i + 1 < n && t.charAt(i + 1) == ';') {
                int j = t.indexOf('\n', i);
                i = j < 0 ? n : j;
                continue;
            }
            if (c == '(' && i + 1 < n && t.charAt(i + 1) == ';') {
                int d = 1;
                i += 2;
                while (i < n && d > 0) {
                    if (t.startsWith("(;", i)) {
                        d++;
                        i += 2;
                    } else if (t.startsWith(";)", i)) {
                        d--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                continue;
            }
            if (c == '"') {
                i++;
                while (i < n && t.charAt(i) != '"') {
                    if (t.charAt(i) == '\\') {
                        i++;
                    }
                    i++;
                }
                i++;
                continue;
            }
            if (c == '(') {
                if (depth == 0) {
                    start = i;
                }
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    r.add(new int[] {start, i + 1});
                }
            }
            i++;
        }
        return r;
    }

    /** Concatenates the decoded contents of all string literals in t[from, to). */
    static byte[] strings(String t, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = from;
        while (i < to) {
            char c = t.charAt(i);
            if (c == ';' && i + 1 < to && t.charAt(i + 1) == ';') {
                int j = t.indexOf('\n', i);
                i = j < 0 ? to : j;
                continue;
            }
            if (c != '"') {
                i++;
                continue;
            }
            i++;
            while (i < to && t.charAt(i) != '"') {
                char d = t.charAt(i);
                if (d != '\\') {
                    int cp = t.codePointAt(i);
                    byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    out.write(enc, 0, enc.length);
                    i += Character.charCount(cp);
                    continue;
                }
                char e = t.charAt(i + 1);
                switch (e) {
                    case 'n': out.write('\n'); i += 2; break;
                    case 't': out.write('\t'); i += 2; break;
                    case 'r': out.write('\r'); i += 2; break;
                    case '"': out.write('"'); i += 2; break;
                    case '\'': out.write('\''); i += 2; break;
                    case '\\': out.write('\\'); i += 2; break;
                    case 'u': {
                        int close = t.indexOf('}', i);
                        int cp = Integer.parseInt(t.substring(i + 3, close).replace("_", ""), 16);
                        byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                        out.write(enc, 0, enc.length);
                        i = close + 1;
                        break;
                    }
                    default:
                        out.write(Integer.parseInt(t.substring(i + 1, i + 3), 16));
                        i += 3;
                }
            }
            i++;
        }
        return out.toByteArray();
    }
}
