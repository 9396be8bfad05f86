package dev.weir.cli.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON writer (RFC 8259) for machine-readable CLI output, so the CLI needs no JSON
 * library. Values are trees of {@link Map} (keys in iteration order: use a LinkedHashMap),
 * {@link Collection}, {@link CharSequence}, {@link Integer}/{@link Long}/{@link BigInteger}/
 * {@link BigDecimal}, {@link Boolean} and {@code null}.
 *
 * <p>Output is pure ASCII: every non-ASCII character is written as a {@code \\uXXXX} escape, so
 * the result survives any platform default encoding on the way to stdout, and unpaired UTF-16
 * surrogates stay well-formed JSON text.
 */
public final class Json {
    private Json() {
    }

    /** Longest flat object or array that pretty output keeps on one line. */
    private static final int INLINE_WIDTH = 100;

    /**
     * Serializes {@code value} compactly, or when {@code pretty} with two-space indentation, keeping
     * short objects and arrays of plain values on one line ({@code {"id": 1, "size": 48}}) so lists
     * of records stay readable.
     */
    public static String write(Object value, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, pretty, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, boolean pretty, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof CharSequence) {
            string(sb, v.toString());
        } else if (v instanceof Boolean) {
            sb.append(((Boolean) v).booleanValue());
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof BigDecimal) {
            sb.append(((BigDecimal) v).toPlainString());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d);
            }
            sb.append(v);
        } else if (pretty && isFlat(v)) {
            int start = sb.length();
            inline(sb, v);
            if (sb.length() - start > INLINE_WIDTH) {
                sb.setLength(start);
                container(sb, v, pretty, depth);
            }
        } else {
            container(sb, v, pretty, depth);
        }
    }

    /** Writes an object or array over several lines (or compactly when not pretty). */
    private static void container(StringBuilder sb, Object v, boolean pretty, int depth) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, pretty, depth + 1);
                string(sb, String.valueOf(e.getKey()));
                sb.append(pretty ? ": " : ":");
                write(sb, e.getValue(), pretty, depth + 1);
            }
            newline(sb, pretty, depth);
            sb.append('}');
        } else if (v instanceof Collection) {
            Collection<?> c = (Collection<?>) v;
            if (c.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, pretty, depth + 1);
                write(sb, o, pretty, depth + 1);
            }
            newline(sb, pretty, depth);
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
        }
    }

    /** A non-empty object or array whose members are all scalars. */
    private static boolean isFlat(Object v) {
        Iterable<?> members;
        if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
            members = ((Map<?, ?>) v).values();
        } else if (v instanceof Collection && !((Collection<?>) v).isEmpty()) {
            members = (Collection<?>) v;
        } else {
            return false;
        }
        for (Object o : members) {
            if (o instanceof Map || o instanceof Collection) {
                return false;
            }
        }
        return true;
    }

    /** A flat container on one line, with a space after each comma and colon. */
    private static void inline(StringBuilder sb, Object v) {
        boolean first = true;
        if (v instanceof Map) {
            sb.append('{');
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                string(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue(), false, 0);
            }
            sb.append('}');
        } else {
            sb.append('[');
            for (Object o : (Collection<?>) v) {
                sb.append(first ? "" : ", ");
                first = false;
                write(sb, o, false, 0);
            }
            sb.append(']');
        }
    }

    private static void newline(StringBuilder sb, boolean pretty, int depth) {
        if (pretty) {
            sb.append('\n');
            for (int i = 0; i < depth; i++) {
                sb.append("  ");
            }
        }
    }

    /** Appends {@code s} as a quoted JSON string (RFC 8259 section 7). */
    public static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c >= 0x7F) {
                        sb.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int k = hex.length(); k < 4; k++) {
                            sb.append('0');
                        }
                        sb.append(hex);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
