package dev.weir.internal.num;

import dev.weir.testsupport.TestSuites;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test-only reader for the official {@code .wast} files: s-expressions, constants and NaN patterns. */
public final class WastReader {
    private WastReader() {}

    /** The spec testsuite (weir-test-support's lookup), or null when it is absent or incomplete. */
    public static Path suiteDir() {
        Path p = TestSuites.locate(TestSuites.Suite.WASM);
        return Files.isRegularFile(p.resolve("simd_lane.wast")) ? p : null;
    }

    // ---- a tiny s-expression reader ----

    public static List<Object> parse(String text) {
        List<Object> root = new ArrayList<>();
        List<List<Object>> stack = new ArrayList<>();
        stack.add(root);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';' && i + 1 < n && text.charAt(i + 1) == ';') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' && i + 1 < n && text.charAt(i + 1) == ';') {
                int depth = 0;
                do {
                    if (text.startsWith("(;", i)) {
                        depth++;
                        i += 2;
                    } else if (text.startsWith(";)", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                } while (depth > 0 && i < n);
            } else if (c == '(') {
                List<Object> l = new ArrayList<>();
                stack.get(stack.size() - 1).add(l);
                stack.add(l);
                i++;
            } else if (c == ')') {
                stack.remove(stack.size() - 1);
                i++;
            } else if (c == '"') {
                int j = i + 1;
                while (text.charAt(j) != '"') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                stack.get(stack.size() - 1).add(text.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '(' && text.charAt(j) != ')') {
                    j++;
                }
                stack.get(stack.size() - 1).add(text.substring(i, j));
                i = j;
            }
        }
        return root;
    }

    // ---- literals ----

    public static long parseInt(String s) {
        s = s.replace("_", "");
        boolean neg = s.startsWith("-");
        if (neg || s.startsWith("+")) {
            s = s.substring(1);
        }
        BigInteger v = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
        return (neg ? v.negate() : v).longValue();
    }

    /** Raw bits of a float literal; NaN patterns give the sentinel strings handled by {@link Lane}. */
    public static long parseFloatBits(String s, boolean f32) {
        s = s.replace("_", "");
        boolean neg = s.startsWith("-");
        String m = neg || s.startsWith("+") ? s.substring(1) : s;
        long sign = neg ? (f32 ? 0x8000_0000L : Long.MIN_VALUE) : 0;
        if (m.equals("inf")) {
            return sign | (f32 ? 0x7f80_0000L : 0x7ff0_0000_0000_0000L);
        }
        if (m.startsWith("nan")) {
            long payload = m.startsWith("nan:0x") ? Long.parseLong(m.substring(6), 16) : (f32 ? 0x40_0000L : 1L << 51);
            return sign | (f32 ? 0x7f80_0000L : 0x7ff0_0000_0000_0000L) | payload;
        }
        if (m.startsWith("0x") && !m.contains("p") && !m.contains("P")) {
            m = m + "p0";
        }
        if (f32) {
            return Float.floatToRawIntBits(Float.parseFloat((neg ? "-" : "") + m)) & 0xFFFF_FFFFL;
        }
        return Double.doubleToRawLongBits(Double.parseDouble((neg ? "-" : "") + m));
    }

    /** One expected lane: exact bits, or a NaN class. */
    public record Lane(int width, boolean isFloat, long bits, String nanClass) {
        public boolean matches(long actual) {
            long mask = width == 64 ? -1L : (1L << width) - 1;
            actual &= mask;
            if (nanClass == null) {
                return actual == (bits & mask);
            }
            long exp = width == 32 ? 0x7f80_0000L : 0x7ff0_0000_0000_0000L;
            long quiet = width == 32 ? 0x40_0000L : 1L << 51;
            long mant = width == 32 ? 0x7F_FFFFL : 0xF_FFFF_FFFF_FFFFL;
            if ((actual & exp) != exp || (actual & mant) == 0) {
                return false;
            }
            return nanClass.equals("arithmetic") ? (actual & quiet) != 0 : (actual & mant) == quiet;
        }
    }

    /** A value: a v128 as lanes of a shape, or a scalar as one lane. */
    public static List<Lane> value(List<?> form) {
        String t = (String) form.get(0);
        List<Lane> lanes = new ArrayList<>();
        switch (t) {
            case "v128.const": {
                String shape = (String) form.get(1);
                int w = Integer.parseInt(shape.substring(1, shape.indexOf('x')));
                boolean fl = shape.charAt(0) == 'f';
                for (int k = 2; k < form.size(); k++) {
                    lanes.add(lane((String) form.get(k), w, fl));
                }
                return lanes;
            }
            case "i32.const": lanes.add(lane((String) form.get(1), 32, false)); return lanes;
            case "i64.const": lanes.add(lane((String) form.get(1), 64, false)); return lanes;
            case "f32.const": lanes.add(lane((String) form.get(1), 32, true)); return lanes;
            case "f64.const": lanes.add(lane((String) form.get(1), 64, true)); return lanes;
            default: throw new UnsupportedOperationException(t);
        }
    }

    public static Lane lane(String lit, int w, boolean fl) {
        if (fl && lit.startsWith("nan:") && !lit.startsWith("nan:0x")) {
            return new Lane(w, true, 0, lit.substring(4));
        }
        return new Lane(w, fl, fl ? parseFloatBits(lit, w == 32) : parseInt(lit), null);
    }

    /** Packs lanes into slots: a v128 (more than one lane) into two slots, a scalar into one. */
    public static long[] slots(List<Lane> lanes) {
        if (lanes.size() == 1) {
            return new long[] {lanes.get(0).bits()};
        }
        int w = lanes.get(0).width();
        long[] v = new long[2];
        int perHalf = 64 / w;
        for (int k = 0; k < lanes.size(); k++) {
            long mask = w == 64 ? -1L : (1L << w) - 1;
            v[k / perHalf] |= (lanes.get(k).bits() & mask) << ((k % perHalf) * w);
        }
        return v;
    }

    public static boolean matches(List<Lane> expected, long[] stack, int sp) {
        if (expected.size() == 1) {
            return expected.get(0).matches(stack[sp - 1]);
        }
        int w = expected.get(0).width();
        int perHalf = 64 / w;
        for (int k = 0; k < expected.size(); k++) {
            long half = stack[sp - 2 + k / perHalf];
            if (!expected.get(k).matches(half >>> ((k % perHalf) * w))) {
                return false;
            }
        }
        return true;
    }

}
