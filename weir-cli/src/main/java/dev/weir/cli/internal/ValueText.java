package dev.weir.cli.internal;

import dev.weir.Func;
import dev.weir.Value;
import dev.weir.wasm.ValType;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Command-line text to Wasm {@link Value}s and back, for {@code weir run --invoke}.
 *
 * <p>Integers: decimal or {@code 0x} hex, optionally signed, anywhere in the signed or unsigned
 * range of the type ({@code -1} and {@code 0xffffffff} are the same i32). Floats: Java decimal or
 * hex-float syntax ({@code 1.5}, {@code 1e-3}, {@code 0x1.8p3}), {@code inf}, {@code nan} and
 * {@code nan:0xPAYLOAD} as in the text format (spec 6.3.3). v128: {@code 0x} and 32 hex digits,
 * most significant first. References: only {@code null}.
 */
public final class ValueText {
    private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private ValueText() {
    }

    /** Parses {@code text} as a value of type {@code t}; throws IllegalArgumentException saying what was expected. */
    public static Value parse(String text, ValType t) {
        switch (t.kind()) {
            case I32: return Value.i32(integer(text, 32, "i32").intValue());
            case I64: return Value.i64(integer(text, 64, "i64").longValue());
            case F32: return Value.f32Bits(f32(text));
            case F64: return Value.f64Bits(f64(text));
            case V128: return v128(text);
            case REF:
                if (!text.equals("null")) {
                    throw new IllegalArgumentException("'" + text + "' is not a " + t
                            + " (only null references can be passed on the command line)");
                }
                if (!t.nullable()) {
                    throw new IllegalArgumentException("cannot pass null as a " + t + " (non-nullable reference)");
                }
                return Value.nullRef(t);
            default:
                throw new IllegalArgumentException("cannot pass values of type " + t);
        }
    }

    /** A result as text: integers signed decimal, floats in Java's shortest form or inf/nan, v128 as 32 hex digits. */
    public static String format(Value v) {
        ValType t = v.type();
        switch (t.kind()) {
            case I32: return Integer.toString(v.i32());
            case I64: return Long.toString(v.i64());
            case F32: {
                int bits = v.f32Bits();
                float f = Float.intBitsToFloat(bits);
                if (Float.isNaN(f)) {
                    return nan(bits < 0, bits & 0x7fffff, 0x400000);
                }
                return Float.isInfinite(f) ? (f < 0 ? "-inf" : "inf") : Float.toString(f);
            }
            case F64: {
                long bits = v.f64Bits();
                double d = Double.longBitsToDouble(bits);
                if (Double.isNaN(d)) {
                    return nan(bits < 0, bits & 0xfffffffffffffL, 1L << 51);
                }
                return Double.isInfinite(d) ? (d < 0 ? "-inf" : "inf") : Double.toString(d);
            }
            case V128: return String.format(Locale.ROOT, "0x%016x%016x", v.v128Hi(), v.v128Lo());
            default: {
                if (v.isNull()) {
                    return "null";
                }
                Object r = v.ref();
                if (r instanceof Func) {
                    return "funcref " + r;
                }
                return t + " " + r;
            }
        }
    }

    private static String nan(boolean negative, long payload, long canonical) {
        return (negative ? "-" : "") + (payload == canonical ? "nan" : "nan:0x" + Long.toHexString(payload));
    }

    private static BigInteger integer(String text, int bits, String type) {
        String s = text.replace("_", "");
        boolean neg = s.startsWith("-");
        if (neg || s.startsWith("+")) {
            s = s.substring(1);
        }
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        if (hex) {
            s = s.substring(2);
        }
        BigInteger v;
        try {
            if (s.isEmpty() || s.startsWith("-") || s.startsWith("+")) {
                throw new NumberFormatException();
            }
            v = new BigInteger(s, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an " + type + " (decimal or 0x hex)");
        }
        BigInteger limit = bits == 32 ? TWO_32 : TWO_64;
        // Negative values down to -2^(n-1); non-negative up to 2^n - 1 (unsigned spelling).
        if (neg ? v.compareTo(limit.shiftRight(1)) > 0 : v.compareTo(limit) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range for " + type);
        }
        return neg ? v.negate() : v;
    }

    private static int f32(String text) {
        Long special = special(text, 23, 8);
        if (special != null) {
            return (int) (long) special;
        }
        return Float.floatToRawIntBits(Float.parseFloat(checkedFloat(text, "f32")));
    }

    private static long f64(String text) {
        Long special = special(text, 52, 11);
        if (special != null) {
            return special;
        }
        return Double.doubleToRawLongBits(Double.parseDouble(checkedFloat(text, "f64")));
    }

    /** Bits of inf/nan/nan:0x..., or null when {@code text} is a finite number. */
    private static Long special(String text, int mantissaBits, int exponentBits) {
        String s = text.toLowerCase(Locale.ROOT);
        long sign = 0;
        if (s.startsWith("-") || s.startsWith("+")) {
            sign = s.charAt(0) == '-' ? 1L << (mantissaBits + exponentBits) : 0;
            s = s.substring(1);
        }
        long expAll = ((1L << exponentBits) - 1) << mantissaBits;
        long mantissaMask = (1L << mantissaBits) - 1;
        if (s.equals("inf") || s.equals("infinity")) {
            return sign | expAll;
        }
        if (s.equals("nan")) {
            return sign | expAll | (1L << (mantissaBits - 1));
        }
        if (s.startsWith("nan:0x")) {
            long payload;
            try {
                payload = Long.parseLong(s.substring(6).replace("_", ""), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a NaN payload (nan:0x1 .. nan:0x"
                        + Long.toHexString(mantissaMask) + ")");
            }
            if (payload == 0 || (payload & ~mantissaMask) != 0) {
                throw new IllegalArgumentException("'" + text + "': NaN payload must be 1 .. 0x"
                        + Long.toHexString(mantissaMask));
            }
            return sign | expAll | payload;
        }
        return null;
    }

    /** Rejects what Java's parser accepts but a Wasm float literal is not (NaN, Infinity, f/d suffixes, spaces). */
    private static String checkedFloat(String text, String type) {
        String s = text.replace("_", "");
        String lower = s.toLowerCase(Locale.ROOT);
        boolean hex = lower.startsWith("0x") || lower.startsWith("-0x") || lower.startsWith("+0x");
        boolean bad = s.isEmpty() || !s.strip().equals(s) || lower.contains("n") || lower.contains("i");
        if (!hex) {
            bad |= lower.endsWith("f") || lower.endsWith("d");
        } else if (!lower.contains("p")) {
            // Java insists on a binary exponent in hex floats; the text format does not.
            s = s + "p0";
        }
        if (!bad) {
            try {
                Double.parseDouble(s);
                return s;
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an " + type
                + " (decimal, hex float like 0x1.8p3, inf, nan or nan:0x...)");
    }

    private static Value v128(String text) {
        String s = text.replace("_", "");
        if (!(s.startsWith("0x") || s.startsWith("0X")) || s.length() != 34) {
            throw new IllegalArgumentException("'" + text + "' is not a v128 (0x and 32 hex digits, most significant first)");
        }
        try {
            long hi = Long.parseUnsignedLong(s.substring(2, 18), 16);
            long lo = Long.parseUnsignedLong(s.substring(18), 16);
            return Value.v128(lo, hi);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a v128 (0x and 32 hex digits, most significant first)");
        }
    }
}
