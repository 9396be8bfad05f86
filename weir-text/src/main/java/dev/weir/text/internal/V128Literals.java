package dev.weir.text.internal;

import java.util.List;

/**
 * {@code v128.const SHAPE lane*} literals (spec 6.5.11 vector instructions): the shape keyword and
 * its lane literals to 16 little-endian bytes. Integer lanes take {@code iN} literals (signed or
 * unsigned in range); float lanes take any {@code fN} literal, rounded like scalar constants.
 *
 * <p>Errors: a lane count that does not match the shape is "wrong number of lane literals"
 * (checked before any lane is parsed, as the reference interpreter does); otherwise the
 * {@link Literals} errors ("constant out of range", "unknown operator", "unexpected token").
 */
public final class V128Literals {
    private V128Literals() {}

    /** Number of lanes of a shape keyword ({@code i8x16} 16 ... {@code f64x2} 2), or -1 if none. */
    public static int laneCount(String shape) {
        switch (shape) {
            case "i8x16":
                return 16;
            case "i16x8":
                return 8;
            case "i32x4":
            case "f32x4":
                return 4;
            case "i64x2":
            case "f64x2":
                return 2;
            default:
                return -1;
        }
    }

    /**
     * Parses lanes given as text.
     *
     * @throws IllegalArgumentException if {@code shape} is not a shape keyword
     * @throws NumberFormatException with the messages listed in the class comment
     */
    public static byte[] parse(String shape, List<String> lanes) {
        int n = laneCount(shape);
        if (n < 0) {
            throw new IllegalArgumentException("not a v128 shape: " + shape);
        }
        if (lanes.size() != n) {
            throw new NumberFormatException("wrong number of lane literals");
        }
        byte[] out = new byte[16];
        for (int i = 0; i < n; i++) {
            putLane(out, shape, i, lanes.get(i));
        }
        return out;
    }

    /**
     * Parses lanes given as tokens; errors are positioned at the shape token (count) or the
     * offending lane token.
     *
     * @throws dev.weir.text.TextParseException "unexpected token" if {@code shape} is not a shape
     *     keyword, otherwise the messages listed in the class comment
     */
    public static byte[] parse(Token shape, List<Token> lanes) {
        int n = shape.kind() == TokenKind.KEYWORD ? laneCount(shape.text()) : -1;
        if (n < 0) {
            throw shape.error("unexpected token");
        }
        if (lanes.size() != n) {
            throw shape.error("wrong number of lane literals");
        }
        byte[] out = new byte[16];
        String sh = shape.text();
        for (int i = 0; i < n; i++) {
            Token t = lanes.get(i);
            Literals.checkNumberToken(t);
            try {
                putLane(out, sh, i, t.text());
            } catch (NumberFormatException e) {
                throw t.error(e.getMessage(), e);
            }
        }
        return out;
    }

    private static void putLane(byte[] out, String shape, int i, String lane) {
        switch (shape) {
            case "i8x16":
                out[i] = Literals.parseI8(lane);
                break;
            case "i16x8":
                putLE(out, i * 2, Literals.parseI16(lane), 2);
                break;
            case "i32x4":
                putLE(out, i * 4, Literals.parseI32(lane), 4);
                break;
            case "i64x2":
                putLE(out, i * 8, Literals.parseI64(lane), 8);
                break;
            case "f32x4":
                putLE(out, i * 4, Literals.parseF32Bits(lane), 4);
                break;
            default: // f64x2
                putLE(out, i * 8, Literals.parseF64Bits(lane), 8);
        }
    }

    private static void putLE(byte[] out, int off, long v, int size) {
        for (int k = 0; k < size; k++) {
            out[off + k] = (byte) (v >>> (8 * k));
        }
    }
}
