package dev.weir.cli.internal;

import java.math.BigDecimal;
import java.util.Locale;

/** Byte sizes ({@code 65536}, {@code 64k}, {@code 64m}, {@code 1g}, {@code 1GiB}) and durations ({@code 200ms}, {@code 5s}). */
public final class Quantities {
    private Quantities() {
    }

    /** Bytes with an optional binary suffix k/m/g/t (optionally followed by b or ib); throws IllegalArgumentException. */
    public static long bytes(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            int at = "kmgt".indexOf(s.charAt(s.length() - 1));
            if (at >= 0) {
                shift = 10 * (at + 1);
                s = s.substring(0, s.length() - 1);
            }
        }
        try {
            BigDecimal v = new BigDecimal(s).multiply(BigDecimal.valueOf(1L << shift));
            if (v.signum() < 0 || v.stripTrailingZeros().scale() > 0) {
                throw new NumberFormatException();
            }
            return v.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a byte size (e.g. 65536, 64k, 64m, 1g)");
        }
    }

    /** Milliseconds of a duration with unit ms, s, m or h (a bare number means seconds); throws IllegalArgumentException. */
    public static long millis(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long unit;
        if (s.endsWith("ms")) {
            unit = 1;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            unit = 1000;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            unit = 60_000;
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("h")) {
            unit = 3_600_000;
            s = s.substring(0, s.length() - 1);
        } else {
            unit = 1000;
        }
        try {
            BigDecimal v = new BigDecimal(s).multiply(BigDecimal.valueOf(unit));
            if (v.signum() <= 0) {
                throw new NumberFormatException();
            }
            // Round sub-millisecond remainders up: a timeout never fires early.
            return v.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a positive duration (e.g. 200ms, 5s, 2m)");
        }
    }
}
