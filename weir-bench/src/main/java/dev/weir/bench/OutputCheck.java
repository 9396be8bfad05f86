package dev.weir.bench;

/** Describes where a program's stdout first differs from the expected text, for FAIL messages. */
final class OutputCheck {
    private OutputCheck() {
    }

    /** e.g. {@code at char 12 (line 2): expected "49999\n-4" but got "4999x\n"}; lengths when one is a prefix. */
    static String difference(String expected, String actual) {
        int n = Math.min(expected.length(), actual.length());
        int i = 0;
        while (i < n && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        int line = 1;
        for (int k = 0; k < i; k++) {
            if (expected.charAt(k) == '\n') {
                line++;
            }
        }
        return "at char " + i + " (line " + line + "): expected " + quote(expected, i) + " but got " + quote(actual, i)
                + " (" + expected.length() + " vs " + actual.length() + " chars)";
    }

    private static String quote(String s, int from) {
        if (from >= s.length()) {
            return "<end>";
        }
        String part = s.substring(from, Math.min(s.length(), from + 24));
        return '"' + part.replace("\n", "\\n").replace("\r", "\\r") + '"';
    }
}
