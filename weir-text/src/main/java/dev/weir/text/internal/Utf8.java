package dev.weir.text.internal;

/** UTF-8 well-formedness checks (Unicode 3.9, table 3-7), as the spec requires for names. */
public final class Utf8 {
    private Utf8() {}

    /**
     * Length of the well-formed multi-byte sequence starting at {@code b[i]} (a byte >= 0x80),
     * or -1 if it is malformed (stray continuation byte, overlong form, surrogate, > U+10FFFF,
     * or truncated before {@code end}).
     */
    public static int sequenceLength(byte[] b, int i, int end) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return 1;
        }
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            if (b0 == 0xE0) {
                lo = 0xA0; // no overlong forms
            } else if (b0 == 0xED) {
                hi = 0x9F; // no surrogates
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F; // <= U+10FFFF
            }
        } else {
            return -1;
        }
        if (end - i < n) {
            return -1;
        }
        int b1 = b[i + 1] & 0xFF;
        if (b1 < lo || b1 > hi) {
            return -1;
        }
        for (int k = 2; k < n; k++) {
            int c = b[i + k] & 0xFF;
            if (c < 0x80 || c > 0xBF) {
                return -1;
            }
        }
        return n;
    }

    /** True if {@code b[off, off+len)} is well-formed UTF-8. */
    public static boolean isValid(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            if (b[i] >= 0) {
                i++;
            } else {
                int n = sequenceLength(b, i, end);
                if (n < 0) {
                    return false;
                }
                i += n;
            }
        }
        return true;
    }

    /** True if {@code b} is well-formed UTF-8. */
    public static boolean isValid(byte[] b) {
        return isValid(b, 0, b.length);
    }

    /** Appends the UTF-8 encoding of scalar value {@code cp} (caller checked the range). */
    static int encode(int cp, byte[] out, int pos) {
        if (cp < 0x80) {
            out[pos] = (byte) cp;
            return pos + 1;
        } else if (cp < 0x800) {
            out[pos] = (byte) (0xC0 | (cp >> 6));
            out[pos + 1] = (byte) (0x80 | (cp & 0x3F));
            return pos + 2;
        } else if (cp < 0x10000) {
            out[pos] = (byte) (0xE0 | (cp >> 12));
            out[pos + 1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[pos + 2] = (byte) (0x80 | (cp & 0x3F));
            return pos + 3;
        } else {
            out[pos] = (byte) (0xF0 | (cp >> 18));
            out[pos + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[pos + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[pos + 3] = (byte) (0x80 | (cp & 0x3F));
            return pos + 4;
        }
    }
}
