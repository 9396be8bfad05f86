package dev.weir.cli.internal;

import dev.weir.wasm.ArrayType;
import dev.weir.wasm.CompositeType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.Limits;
import dev.weir.wasm.StructType;
import dev.weir.wasm.SubType;
import java.math.BigInteger;

/** Text-format (WAT) spellings of types and names, and human-readable sizes, for CLI output. */
public final class WatText {
    private WatText() {
    }

    /** {@code (func ...)}, {@code (struct (field ...)...)} or {@code (array ...)}. */
    public static String composite(CompositeType c) {
        if (c instanceof FuncType) {
            return c.toString();
        }
        StringBuilder sb = new StringBuilder();
        if (c instanceof StructType) {
            sb.append("(struct");
            for (FieldType f : ((StructType) c).fields()) {
                sb.append(" (field ").append(f).append(')');
            }
            return sb.append(')').toString();
        }
        return "(array " + ((ArrayType) c).element() + ")";
    }

    /** A defined type; open or subtyped types get the {@code (sub final? super* ...)} wrapper (spec 6.4.9). */
    public static String subType(SubType t) {
        if (t.isFinal() && t.supertypes().isEmpty()) {
            return composite(t.composite());
        }
        StringBuilder sb = new StringBuilder("(sub");
        if (t.isFinal()) {
            sb.append(" final");
        }
        for (int s : t.supertypes()) {
            sb.append(' ').append(s);
        }
        return sb.append(' ').append(composite(t.composite())).append(')').toString();
    }

    /** Short kind of a composite type: func, struct or array. */
    public static String kind(CompositeType c) {
        return c instanceof FuncType ? "func" : c instanceof StructType ? "struct" : "array";
    }

    /** Page size in bytes of memory limits. */
    public static long pageSize(Limits l) {
        return 1L << l.pageSizeLog2();
    }

    /** {@code pages << pageSizeLog2} without overflow (memory64 limits are unsigned 64-bit). */
    public static BigInteger bytes(long pages, Limits l) {
        return new BigInteger(Long.toUnsignedString(pages)).shiftLeft(l.pageSizeLog2());
    }

    public static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    /** Human-readable byte count in binary units: {@code 0 B}, {@code 64 KiB}, {@code 1.5 MiB}, {@code 4 GiB}. */
    public static String humanBytes(BigInteger n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB"};
        int u = 0;
        BigInteger k = BigInteger.valueOf(1024);
        BigInteger whole = n;
        BigInteger rem = BigInteger.ZERO;
        while (whole.compareTo(k) >= 0 && u < units.length - 1) {
            BigInteger[] qr = whole.divideAndRemainder(k);
            whole = qr[0];
            rem = qr[1];
            u++;
        }
        if (rem.signum() == 0) {
            return whole + " " + units[u];
        }
        // One decimal, truncated: enough to tell 1.5 MiB from 1 MiB without pretending precision.
        return whole + "." + rem.multiply(BigInteger.TEN).divide(k) + " " + units[u];
    }

    /** {@code $name} for a name-section name, quoted with WAT escapes when it is not a plain identifier. */
    public static String id(String name) {
        if (name == null) {
            return null;
        }
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            // idchar (spec 6.3.5): printable ASCII except space, quotes, comma, semicolon, brackets.
            plain = c > 0x20 && c < 0x7F && "\"',;()[]{}".indexOf(c) < 0;
        }
        return plain ? "$" + name : "$" + quoted(name);
    }

    /** A WAT string literal: {@code "..."} with {@code \"}, {@code \\} and {@code \hh} escapes for control characters. */
    public static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                sb.append('\\').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A plain name when it is printable ASCII without spaces, else {@link #quoted}. */
    public static String nameOrQuoted(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                return quoted(s);
            }
        }
        return s.isEmpty() ? "\"\"" : s;
    }

    /** {@code 0x1f}. */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
