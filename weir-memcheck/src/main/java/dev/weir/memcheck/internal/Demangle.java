package dev.weir.memcheck.internal;

/**
 * Readable names for reports: Rust's legacy mangling ({@code _ZN8rust_raw5upper17h0123456789abcdefE}
 * becomes {@code rust_raw::upper}); other names are returned unchanged. Never throws.
 */
public final class Demangle {
    private Demangle() {
    }

    public static String name(String s) {
        if (s == null || !s.startsWith("_ZN") || !s.contains("E")) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 3;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            int j = i;
            while (j < s.length() && Character.isDigit(s.charAt(j))) {
                j++;
            }
            int len;
            try {
                len = Integer.parseInt(s.substring(i, j));
            } catch (NumberFormatException e) {
                return s;
            }
            if (len <= 0 || j + len > s.length()) {
                return s;
            }
            String part = s.substring(j, j + len);
            i = j + len;
            boolean hash = part.length() == 17 && part.charAt(0) == 'h' && part.substring(1).chars().allMatch(
                    c -> Character.digit(c, 16) >= 0);
            if (!hash) {
                if (out.length() > 0) {
                    out.append("::");
                }
                out.append(unescape(part));
            }
        }
        return out.length() == 0 ? s : out.toString();
    }

    private static String unescape(String p) {
        if (p.startsWith("_$")) {
            p = p.substring(1);
        }
        return p.replace("$LT$", "<").replace("$GT$", ">").replace("$RF$", "&").replace("$BP$", "*")
                .replace("$C$", ",").replace("$u20$", " ").replace("$u7b$", "{").replace("$u7d$", "}")
                .replace("$u5b$", "[").replace("$u5d$", "]").replace("$u27$", "'").replace("$u2b$", "+")
                .replace("$SP$", "@").replace("..", "::");
    }
}
