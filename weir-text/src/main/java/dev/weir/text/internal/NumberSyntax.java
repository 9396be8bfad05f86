package dev.weir.text.internal;

/**
 * Recognises the lexical forms of numbers (spec 6.3.1 integers, 6.3.2 floats), exactly as the
 * reference interpreter's lexer does:
 *
 * <pre>
 * num    ::= digit ('_'? digit)*            hexnum ::= hexdigit ('_'? hexdigit)*
 * nat    ::= num | '0x' hexnum              int    ::= ('+'|'-') nat
 * float  ::= sign? num '.' num?  |  sign? num ('.' num?)? ('e'|'E') sign? num
 *          | sign? '0x' hexnum '.' hexnum?  |  sign? '0x' hexnum ('.' hexnum?)? ('p'|'P') sign? num
 *          | sign? 'inf' | sign? 'nan' | sign? 'nan:0x' hexnum
 * </pre>
 *
 * Anything else (e.g. {@code 0x}, {@code 1_}, {@code 1__0}, {@code 0x1p}) is not a number.
 */
final class NumberSyntax {
    private NumberSyntax() {}

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** End of a {@code num} (hex if {@code hex}) starting at {@code i}, or -1 if none / bad '_'. */
    private static int digits(byte[] b, int i, int e, boolean hex) {
        if (i >= e || !(hex ? isHexDigit(b[i]) : isDigit(b[i]))) {
            return -1;
        }
        i++;
        while (i < e) {
            int c = b[i];
            if (c == '_') {
                i++;
                if (i >= e || !(hex ? isHexDigit(b[i]) : isDigit(b[i]))) {
                    return -1;
                }
                i++;
            } else if (hex ? isHexDigit(c) : isDigit(c)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean matches(byte[] b, int i, int e, String s) {
        if (e - i < s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[i + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** NAT, INT or FLOAT if {@code b[s, e)} is a number literal, else null. */
    static TokenKind classify(byte[] b, int s, int e) {
        int i = s;
        if (i >= e) {
            return null;
        }
        boolean signed = b[i] == '+' || b[i] == '-';
        if (signed) {
            i++;
        }
        if (i >= e) {
            return null;
        }
        int c = b[i];
        if (c == 'i' || c == 'n') {
            if (e - i == 3 && (matches(b, i, e, "inf") || matches(b, i, e, "nan"))) {
                return TokenKind.FLOAT;
            }
            if (matches(b, i, e, "nan:0x")) {
                return digits(b, i + 6, e, true) == e ? TokenKind.FLOAT : null;
            }
            return null;
        }
        boolean hex = matches(b, i, e, "0x");
        if (hex) {
            i += 2;
        }
        int j = digits(b, i, e, hex);
        if (j < 0) {
            return null;
        }
        if (j == e) {
            return signed ? TokenKind.INT : TokenKind.NAT;
        }
        if (b[j] == '.') {
            j++;
            if (j < e && (hex ? isHexDigit(b[j]) : isDigit(b[j]))) {
                j = digits(b, j, e, hex);
                if (j < 0) {
                    return null;
                }
            }
        }
        if (j < e && (hex ? (b[j] == 'p' || b[j] == 'P') : (b[j] == 'e' || b[j] == 'E'))) {
            j++;
            if (j < e && (b[j] == '+' || b[j] == '-')) {
                j++;
            }
            j = digits(b, j, e, false);
            if (j < 0) {
                return null;
            }
        }
        return j == e ? TokenKind.FLOAT : null;
    }

    /** {@link #classify(byte[], int, int)} for a Java string (non-ASCII chars never match). */
    static TokenKind classify(String s) {
        byte[] b = new byte[s.length()];
        for (int k = 0; k < b.length; k++) {
            char ch = s.charAt(k);
            b[k] = ch < 0x80 ? (byte) ch : (byte) '?';
        }
        return classify(b, 0, b.length);
    }
}
