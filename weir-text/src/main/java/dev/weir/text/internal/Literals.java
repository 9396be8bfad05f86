package dev.weir.text.internal;

import dev.weir.text.TextParseException;
import java.math.BigInteger;

/**
 * Number literals of the text format (spec 6.3.1 integers, 6.3.2 floats).
 *
 * <p>String overloads throw {@link NumberFormatException} whose message is the reference
 * interpreter's wording: "unknown operator" (not a number at all, e.g. {@code 0x}, {@code 1__0}),
 * "unexpected token" (a number of the wrong class, e.g. a float where an integer is needed, or a
 * sign on an unsigned literal), "constant out of range", or for the unsigned index/limit
 * parsers "i8/i32/i64 constant out of range". Token overloads throw {@link TextParseException}
 * at the token instead (KEYWORD/RESERVED tokens: "unknown operator TEXT"; other non-numbers:
 * "unexpected token").
 *
 * <p>Integers: {@code iN} accepts an unsigned literal below 2^N or a signed literal (with an
 * explicit sign) in [-2^(N-1), 2^(N-1)) and returns the two's complement bits; {@code uN} accepts
 * only unsigned literals. Floats return raw IEEE 754 bits, correctly rounded to nearest-even;
 * a literal whose rounded magnitude is infinite is out of range; {@code nan:0xN} needs
 * 1 <= N < 2^mantissaBits.
 */
public final class Literals {
    static final String OUT_OF_RANGE = "constant out of range";

    private Literals() {}

    // ------------------------------------------------------------------ integers (strings)

    /** i32: unsigned 0..2^32-1 or signed -2^31..2^31-1, returned as two's complement bits. */
    public static int parseI32(String s) {
        return (int) parseInt(s, 32, OUT_OF_RANGE);
    }

    /** i64: unsigned 0..2^64-1 or signed -2^63..2^63-1, returned as two's complement bits. */
    public static long parseI64(String s) {
        return parseInt(s, 64, OUT_OF_RANGE);
    }

    /** i8 lane value: 0..255 or -128..127; returns the low 8 bits. */
    public static byte parseI8(String s) {
        return (byte) parseInt(s, 8, OUT_OF_RANGE);
    }

    /** i16 lane value: 0..65535 or -32768..32767; returns the low 16 bits. */
    public static short parseI16(String s) {
        return (short) parseInt(s, 16, OUT_OF_RANGE);
    }

    /** u8 (lane indices): 0..255, no sign. Error "i8 constant out of range". */
    public static int parseU8(String s) {
        return (int) parseNat(s, 8, "i8 " + OUT_OF_RANGE);
    }

    /** u32 (indices, limits, alignments, offsets): 0..2^32-1, no sign; returns the bits. */
    public static int parseU32(String s) {
        return (int) parseNat(s, 32, "i32 " + OUT_OF_RANGE);
    }

    /** u64 (memory64 limits and offsets): 0..2^64-1, no sign; returns the bits. */
    public static long parseU64(String s) {
        return parseNat(s, 64, "i64 " + OUT_OF_RANGE);
    }

    // ------------------------------------------------------------------ floats (strings)

    /** f32 literal (any number form, {@code inf}, {@code nan}, {@code nan:0x..}) to raw bits. */
    public static int parseF32Bits(String s) {
        return (int) parseFloat(s, FloatFormat.F32);
    }

    /** f64 literal (any number form, {@code inf}, {@code nan}, {@code nan:0x..}) to raw bits. */
    public static long parseF64Bits(String s) {
        return parseFloat(s, FloatFormat.F64);
    }

    // ------------------------------------------------------------------ token overloads

    public static int parseI32(Token t) {
        return (int) onToken(t, 0);
    }

    public static long parseI64(Token t) {
        return onToken(t, 1);
    }

    public static int parseU32(Token t) {
        return (int) onToken(t, 2);
    }

    public static long parseU64(Token t) {
        return onToken(t, 3);
    }

    public static int parseU8(Token t) {
        return (int) onToken(t, 4);
    }

    public static int parseF32Bits(Token t) {
        return (int) onToken(t, 5);
    }

    public static long parseF64Bits(Token t) {
        return onToken(t, 6);
    }

    private static long onToken(Token t, int which) {
        checkNumberToken(t);
        String s = t.text();
        try {
            switch (which) {
                case 0: return parseI32(s);
                case 1: return parseI64(s);
                case 2: return parseU32(s);
                case 3: return parseU64(s);
                case 4: return parseU8(s);
                case 5: return parseF32Bits(s);
                default: return parseF64Bits(s);
            }
        } catch (NumberFormatException e) {
            throw t.error(e.getMessage(), e);
        }
    }

    /** Throws the reference interpreter's error for a token that is not a number at all. */
    static void checkNumberToken(Token t) {
        switch (t.kind()) {
            case NAT:
            case INT:
            case FLOAT:
                return;
            case KEYWORD:
            case RESERVED:
                throw t.error("unknown operator " + t.text());
            default:
                throw t.error("unexpected token");
        }
    }

    // ------------------------------------------------------------------ integer core

    /**
     * Magnitude of an unsigned literal body {@code s[from..]} (decimal or {@code 0x} hex, '_'
     * already validated) as unsigned 64-bit bits, or {@code -1L} with {@code overflow[0]} set.
     */
    private static long magnitude(String s, int from, boolean[] overflow) {
        long v = 0;
        if (s.startsWith("0x", from)) {
            for (int i = from + 2; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '_') {
                    continue;
                }
                if ((v >>> 60) != 0) {
                    overflow[0] = true;
                    return -1L;
                }
                v = (v << 4) | Character.digit(c, 16);
            }
        } else {
            final long maxDiv10 = Long.divideUnsigned(-1L, 10);
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '_') {
                    continue;
                }
                int d = c - '0';
                if (Long.compareUnsigned(v, maxDiv10) > 0) {
                    overflow[0] = true;
                    return -1L;
                }
                long next = v * 10 + d;
                if (Long.compareUnsigned(next, v * 10) < 0) { // carry out of 64 bits
                    overflow[0] = true;
                    return -1L;
                }
                v = next;
            }
        }
        return v;
    }

    /** iN per spec: unsigned below 2^N, or explicitly signed in [-2^(N-1), 2^(N-1)). */
    static long parseInt(String s, int bits, String rangeMessage) {
        TokenKind k = NumberSyntax.classify(s);
        if (k == null) {
            throw new NumberFormatException("unknown operator");
        }
        if (k == TokenKind.FLOAT) {
            throw new NumberFormatException("unexpected token");
        }
        char first = s.charAt(0);
        boolean signed = first == '+' || first == '-';
        boolean[] overflow = new boolean[1];
        long mag = magnitude(s, signed ? 1 : 0, overflow);
        if (overflow[0]) {
            throw new NumberFormatException(rangeMessage);
        }
        if (!signed) {
            if (bits < 64 && Long.compareUnsigned(mag, 1L << bits) >= 0) {
                throw new NumberFormatException(rangeMessage);
            }
            return mag;
        }
        long half = 1L << (bits - 1); // 2^63 is Long.MIN_VALUE: compare unsigned
        if (first == '+') {
            if (Long.compareUnsigned(mag, half) >= 0) {
                throw new NumberFormatException(rangeMessage);
            }
            return mag;
        }
        if (Long.compareUnsigned(mag, half) > 0) {
            throw new NumberFormatException(rangeMessage);
        }
        return -mag;
    }

    /** uN per spec: an unsigned literal below 2^N (a sign is "unexpected token"). */
    static long parseNat(String s, int bits, String rangeMessage) {
        TokenKind k = NumberSyntax.classify(s);
        if (k == null) {
            throw new NumberFormatException("unknown operator");
        }
        if (k != TokenKind.NAT) {
            throw new NumberFormatException("unexpected token");
        }
        boolean[] overflow = new boolean[1];
        long mag = magnitude(s, 0, overflow);
        if (overflow[0] || (bits < 64 && Long.compareUnsigned(mag, 1L << bits) >= 0)) {
            throw new NumberFormatException(rangeMessage);
        }
        return mag;
    }

    // ------------------------------------------------------------------ float core

    /** Binary interchange format parameters. */
    enum FloatFormat {
        F32(23, 8),
        F64(52, 11);

        final int mantBits;
        final int expBits;
        final int bias;
        final long expMask;

        FloatFormat(int mantBits, int expBits) {
            this.mantBits = mantBits;
            this.expBits = expBits;
            this.bias = (1 << (expBits - 1)) - 1;
            this.expMask = ((1L << expBits) - 1) << mantBits;
        }

        long signBit() {
            return 1L << (mantBits + expBits);
        }
    }

    static long parseFloat(String s, FloatFormat f) {
        TokenKind k = NumberSyntax.classify(s);
        if (k == null) {
            throw new NumberFormatException("unknown operator");
        }
        char first = s.charAt(0);
        boolean negative = first == '-';
        int i = (first == '+' || first == '-') ? 1 : 0;
        long bits;
        if (s.startsWith("inf", i)) {
            bits = f.expMask;
        } else if (s.startsWith("nan:0x", i)) {
            BigInteger payload = new BigInteger(stripUnderscores(s, i + 6), 16);
            if (payload.signum() == 0 || payload.bitLength() > f.mantBits) {
                throw new NumberFormatException(OUT_OF_RANGE);
            }
            bits = f.expMask | payload.longValue();
        } else if (s.startsWith("nan", i)) {
            bits = f.expMask | (1L << (f.mantBits - 1)); // canonical NaN (spec 4.3.2)
        } else if (s.startsWith("0x", i)) {
            bits = hexFloat(s, i + 2, f);
        } else {
            bits = decimalFloat(stripUnderscores(s, i), f);
        }
        return negative ? bits | f.signBit() : bits;
    }

    private static String stripUnderscores(String s, int from) {
        if (s.indexOf('_', from) < 0) {
            return from == 0 ? s : s.substring(from);
        }
        StringBuilder sb = new StringBuilder(s.length() - from);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '_') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Unsigned decimal float (syntax already validated, no sign, no '_'). Java's parsers round
     * decimal text correctly to nearest-even; f32 must be parsed directly with parseFloat, since
     * going through double would round twice.
     */
    private static long decimalFloat(String s, FloatFormat f) {
        if (f == FloatFormat.F32) {
            float v = Float.parseFloat(s);
            if (Float.isInfinite(v)) {
                throw new NumberFormatException(OUT_OF_RANGE);
            }
            return Float.floatToRawIntBits(v) & 0xFFFFFFFFL;
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw new NumberFormatException(OUT_OF_RANGE);
        }
        return Double.doubleToRawLongBits(v);
    }

    /** Unsigned hex float body after "0x": hexnum ('.' hexnum?)? (('p'|'P') sign? num)?. */
    private static long hexFloat(String s, int from, FloatFormat f) {
        StringBuilder digits = new StringBuilder(s.length());
        int fracDigits = 0;
        boolean inFrac = false;
        int i = from;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                continue;
            }
            if (c == '.') {
                inFrac = true;
            } else if (c == 'p' || c == 'P') {
                break;
            } else {
                digits.append(c);
                if (inFrac) {
                    fracDigits++;
                }
            }
        }
        long exp = 0;
        if (i < s.length()) {
            i++; // 'p'
            boolean negExp = false;
            if (s.charAt(i) == '+' || s.charAt(i) == '-') {
                negExp = s.charAt(i) == '-';
                i++;
            }
            // Saturate: beyond 2^40 every non-zero mantissa of a realistic length over- or underflows.
            final long cap = 1L << 40;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '_' && exp < cap) {
                    exp = exp * 10 + (c - '0');
                }
            }
            if (negExp) {
                exp = -exp;
            }
        }
        BigInteger mant = new BigInteger(digits.toString(), 16);
        return roundToFloat(mant, exp - 4L * fracDigits, f);
    }

    /**
     * IEEE bits of the positive value {@code mant * 2^exp} rounded to nearest, ties to even.
     *
     * @throws NumberFormatException "constant out of range" if the rounded value is infinite
     */
    static long roundToFloat(BigInteger mant, long exp, FloatFormat f) {
        if (mant.signum() == 0) {
            return 0;
        }
        final int mantBits = f.mantBits;
        final long minQ = 1 - f.bias - mantBits; // exponent of the smallest subnormal's unit
        int len = mant.bitLength();
        long top = len - 1 + exp; // value lies in [2^top, 2^(top+1))
        if (top > f.bias + 1) {
            throw new NumberFormatException(OUT_OF_RANGE);
        }
        long q = Math.max(top - mantBits, minQ); // exponent of the result's unit in the last place
        long shift = q - exp;
        long r;
        if (shift <= 0) {
            r = mant.shiftLeft((int) -shift).longValueExact();
        } else if (shift > len + 1) {
            return 0; // below half the smallest subnormal: rounds to zero
        } else {
            int sh = (int) shift;
            r = mant.shiftRight(sh).longValue();
            boolean half = mant.testBit(sh - 1);
            boolean sticky = mant.getLowestSetBit() < sh - 1;
            if (half && (sticky || (r & 1) != 0)) {
                r++;
            }
            if (r == 1L << (mantBits + 1)) { // carry into a new binade
                r >>= 1;
                q++;
            }
        }
        if (q + mantBits > f.bias) {
            throw new NumberFormatException(OUT_OF_RANGE);
        }
        if (r < (1L << mantBits)) {
            return r; // subnormal (q == minQ) or zero
        }
        long biasedExp = q + mantBits + f.bias;
        return (biasedExp << mantBits) | (r - (1L << mantBits));
    }
}
