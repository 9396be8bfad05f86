package dev.weir.text.internal.print;

import java.nio.charset.StandardCharsets;

/**
 * Literal spellings of the text format (spec 6.3): numbers, floats that parse back to the same
 * bits, and strings. Everything appends to a {@link StringBuilder} without temporary objects
 * except where the JDK's float-to-decimal conversion allocates.
 */
final class Lits {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** f32 canonical NaN payload (spec 4.3.2: only the quiet bit set). */
    private static final int F32_CANON = 0x400000;
    private static final long F64_CANON = 1L << 51;

    private Lits() {}

    static void u32(StringBuilder sb, int v) {
        if (v >= 0) {
            sb.append(v);
        } else {
            sb.append(Integer.toUnsignedLong(v));
        }
    }

    static void u64(StringBuilder sb, long v) {
        if (v >= 0) {
            sb.append(v);
        } else {
            sb.append(Long.toUnsignedString(v));
        }
    }

    /** {@code 0x} and exactly {@code digits} lower-case hex digits of {@code v}. */
    static void hex(StringBuilder sb, long v, int digits) {
        sb.append("0x");
        for (int i = digits - 1; i >= 0; i--) {
            sb.append(HEX[(int) (v >>> (i * 4)) & 0xF]);
        }
    }

    private static void hexMin(StringBuilder sb, long v) {
        sb.append("0x").append(Long.toHexString(v));
    }

    /**
     * An f32 literal denoting exactly {@code bits}: {@code inf}, {@code nan} (canonical payload),
     * {@code nan:0x...} (any other payload, spec 6.3.2), else the shortest decimal Java finds,
     * falling back to a hex float if that decimal would not parse back to the same value.
     */
    static void f32(StringBuilder sb, int bits) {
        if ((bits & 0x7F800000) == 0x7F800000) {
            if (bits < 0) {
                sb.append('-');
            }
            int payload = bits & 0x7FFFFF;
            if (payload == 0) {
                sb.append("inf");
            } else if (payload == F32_CANON) {
                sb.append("nan");
            } else {
                sb.append("nan:");
                hexMin(sb, payload);
            }
            return;
        }
        float f = Float.intBitsToFloat(bits);
        String s = Float.toString(f);
        if (Float.floatToRawIntBits(Float.parseFloat(s)) != bits) {
            s = Float.toHexString(f);
        }
        sb.append(s);
    }

    /** An f64 literal denoting exactly {@code bits}; see {@link #f32}. */
    static void f64(StringBuilder sb, long bits) {
        if ((bits & 0x7FF0000000000000L) == 0x7FF0000000000000L) {
            if (bits < 0) {
                sb.append('-');
            }
            long payload = bits & 0xFFFFFFFFFFFFFL;
            if (payload == 0) {
                sb.append("inf");
            } else if (payload == F64_CANON) {
                sb.append("nan");
            } else {
                sb.append("nan:");
                hexMin(sb, payload);
            }
            return;
        }
        double d = Double.longBitsToDouble(bits);
        String s = Double.toString(d);
        if (Double.doubleToRawLongBits(Double.parseDouble(s)) != bits) {
            s = Double.toHexString(d);
        }
        sb.append(s);
    }

    /**
     * A string literal of raw bytes: printable ASCII as is, with quote and backslash escaped as
     * {@code \"} and {@code \\}; every other byte as {@code \hh} (spec 6.3.3), so the output is
     * pure ASCII whatever the content.
     */
    static void string(StringBuilder sb, byte[] b) {
        sb.ensureCapacity(sb.length() + b.length + 2);
        sb.append('"');
        for (byte x : b) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                sb.append((char) c);
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else {
                sb.append('\\').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        sb.append('"');
    }

    /** A name (import, export, quoted identifier) as a string literal of its UTF-8 bytes. */
    static void string(StringBuilder sb, String s) {
        string(sb, s.getBytes(StandardCharsets.UTF_8));
    }
}
