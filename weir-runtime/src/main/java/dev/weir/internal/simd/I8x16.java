package dev.weir.internal.simd;

import static dev.weir.internal.simd.Swar.H8;

/**
 * {@code i8x16.*} instructions (core spec 4.4.3 "Vector Instructions", numerics 4.3).
 *
 * <p>Stack-slot convention (see {@link V128}): a v128 is two longs, low half (bytes 0-7, lane 0 in
 * the least significant byte) at {@code s[i]}, high half at {@code s[i+1]}. Unary ops read and
 * write {@code s[i..i+1]}; binary ops read a at {@code s[i..i+1]}, b at {@code s[i+2..i+3]} and
 * write the result at {@code s[i..i+1]}; ternary ops take the third operand at {@code s[i+4..i+5]}.
 */
public final class I8x16 {
    private static final int W = 8;
    private static final long ONES = 0x0101_0101_0101_0101L;

    private I8x16() {}

    // ---- lanes ----

    /** {@code i8x16.splat}: the low 8 bits of {@code v} in every lane, written at {@code s[i..i+1]}. */
    public static void splat(long[] s, int i, int v) {
        long x = (v & 0xFFL) * ONES;
        s[i] = x;
        s[i + 1] = x;
    }

    /** {@code i8x16.extract_lane_s}; {@code lane} in 0..15 (validated by the decoder). */
    public static int extractLaneS(long lo, long hi, int lane) {
        return (byte) ((lane < 8 ? lo : hi) >>> ((lane & 7) << 3));
    }

    /** {@code i8x16.extract_lane_u}. */
    public static int extractLaneU(long lo, long hi, int lane) {
        return (int) ((lane < 8 ? lo : hi) >>> ((lane & 7) << 3)) & 0xFF;
    }

    /** {@code i8x16.replace_lane}: replaces lane {@code lane} of the vector at {@code s[i..i+1]} with the low 8 bits of {@code v}. */
    public static void replaceLane(long[] s, int i, int lane, int v) {
        int k = i + (lane >>> 3);
        int sh = (lane & 7) << 3;
        s[k] = (s[k] & ~(0xFFL << sh)) | ((v & 0xFFL) << sh);
    }

    /** Byte {@code idx} (0..31) of the concatenation a ++ b. */
    private static long byteOf(long aLo, long aHi, long bLo, long bHi, int idx) {
        long src = idx < 16 ? (idx < 8 ? aLo : aHi) : (idx < 24 ? bLo : bHi);
        return (src >>> ((idx & 7) << 3)) & 0xFF;
    }

    /**
     * {@code i8x16.shuffle}: the 16 immediate lane indices (each 0..31, validated) packed like a
     * v128 constant: index of result lane k in byte k of {@code lanesLo} (k < 8) or {@code lanesHi}.
     */
    public static void shuffle(long[] s, int i, long lanesLo, long lanesHi) {
        long aLo = s[i];
        long aHi = s[i + 1];
        long bLo = s[i + 2];
        long bHi = s[i + 3];
        long rLo = 0;
        long rHi = 0;
        for (int k = 0; k < 64; k += 8) {
            rLo |= byteOf(aLo, aHi, bLo, bHi, (int) (lanesLo >>> k) & 31) << k;
            rHi |= byteOf(aLo, aHi, bLo, bHi, (int) (lanesHi >>> k) & 31) << k;
        }
        s[i] = rLo;
        s[i + 1] = rHi;
    }

    /** Swizzle of one half of the index vector: out-of-range (>= 16 unsigned) indices give 0. */
    private static long swizzleHalf(long aLo, long aHi, long idx) {
        long r = 0;
        for (int k = 0; k < 64; k += 8) {
            int j = (int) (idx >>> k) & 0xFF;
            if (j < 16) {
                r |= (((j < 8 ? aLo : aHi) >>> ((j & 7) << 3)) & 0xFF) << k;
            }
        }
        return r;
    }

    /** {@code i8x16.swizzle}: result lane k = a[b[k]] if b[k] < 16 else 0. */
    public static void swizzle(long[] s, int i) {
        long aLo = s[i];
        long aHi = s[i + 1];
        s[i] = swizzleHalf(aLo, aHi, s[i + 2]);
        s[i + 1] = swizzleHalf(aLo, aHi, s[i + 3]);
    }

    /**
     * {@code i8x16.relaxed_swizzle}. Deterministic profile (Wasm 3.0, every relaxed parameter 0):
     * identical to {@link #swizzle}, i.e. out-of-range indices give 0.
     */
    public static void relaxedSwizzle(long[] s, int i) {
        swizzle(s, i);
    }

    // ---- comparisons: all-ones lanes where true ----

    public static void eq(long[] s, int i) {
        s[i] = Swar.eq(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.eq(s[i + 1], s[i + 3], H8, W);
    }

    public static void ne(long[] s, int i) {
        s[i] = ~Swar.eq(s[i], s[i + 2], H8, W);
        s[i + 1] = ~Swar.eq(s[i + 1], s[i + 3], H8, W);
    }

    public static void ltS(long[] s, int i) {
        s[i] = Swar.ltS(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.ltS(s[i + 1], s[i + 3], H8, W);
    }

    public static void ltU(long[] s, int i) {
        s[i] = Swar.ltU(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.ltU(s[i + 1], s[i + 3], H8, W);
    }

    public static void gtS(long[] s, int i) {
        s[i] = Swar.ltS(s[i + 2], s[i], H8, W);
        s[i + 1] = Swar.ltS(s[i + 3], s[i + 1], H8, W);
    }

    public static void gtU(long[] s, int i) {
        s[i] = Swar.ltU(s[i + 2], s[i], H8, W);
        s[i + 1] = Swar.ltU(s[i + 3], s[i + 1], H8, W);
    }

    public static void leS(long[] s, int i) {
        s[i] = ~Swar.ltS(s[i + 2], s[i], H8, W);
        s[i + 1] = ~Swar.ltS(s[i + 3], s[i + 1], H8, W);
    }

    public static void leU(long[] s, int i) {
        s[i] = ~Swar.ltU(s[i + 2], s[i], H8, W);
        s[i + 1] = ~Swar.ltU(s[i + 3], s[i + 1], H8, W);
    }

    public static void geS(long[] s, int i) {
        s[i] = ~Swar.ltS(s[i], s[i + 2], H8, W);
        s[i + 1] = ~Swar.ltS(s[i + 1], s[i + 3], H8, W);
    }

    public static void geU(long[] s, int i) {
        s[i] = ~Swar.ltU(s[i], s[i + 2], H8, W);
        s[i + 1] = ~Swar.ltU(s[i + 1], s[i + 3], H8, W);
    }

    // ---- unary ----

    public static void abs(long[] s, int i) {
        s[i] = Swar.abs(s[i], H8, W);
        s[i + 1] = Swar.abs(s[i + 1], H8, W);
    }

    public static void neg(long[] s, int i) {
        s[i] = Swar.sub(0, s[i], H8);
        s[i + 1] = Swar.sub(0, s[i + 1], H8);
    }

    /** Per-byte population count, the classic SWAR reduction stopped at byte granularity. */
    private static long popcntHalf(long x) {
        x = x - ((x >>> 1) & 0x5555_5555_5555_5555L);
        x = (x & 0x3333_3333_3333_3333L) + ((x >>> 2) & 0x3333_3333_3333_3333L);
        return (x + (x >>> 4)) & 0x0F0F_0F0F_0F0F_0F0FL;
    }

    public static void popcnt(long[] s, int i) {
        s[i] = popcntHalf(s[i]);
        s[i + 1] = popcntHalf(s[i + 1]);
    }

    private static boolean hasZeroByte(long x) {
        return ((x - ONES) & ~x & H8) != 0;
    }

    /** {@code i8x16.all_true}: 1 iff no lane is zero. */
    public static int allTrue(long lo, long hi) {
        return hasZeroByte(lo) || hasZeroByte(hi) ? 0 : 1;
    }

    /**
     * Gathers the 8 lane sign bits of a half into bits 0..7: after isolating bit 0 of each byte,
     * the multiplication places byte k's bit at position 56 + k without any two partial products
     * overlapping (so no carries).
     */
    private static int bitmaskHalf(long x) {
        return (int) ((((x >>> 7) & ONES) * 0x0102_0408_1020_4080L) >>> 56);
    }

    /** {@code i8x16.bitmask}: bit k of the result is the sign bit of lane k. */
    public static int bitmask(long lo, long hi) {
        return bitmaskHalf(lo) | (bitmaskHalf(hi) << 8);
    }

    // ---- narrow (i16x8 -> i8x16) ----

    private static long narrowS(long h) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            int v = (short) (h >>> (k << 4));
            v = v < -128 ? -128 : Math.min(v, 127);
            r |= (v & 0xFFL) << (k << 3);
        }
        return r;
    }

    private static long narrowU(long h) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            int v = (short) (h >>> (k << 4));
            v = v < 0 ? 0 : Math.min(v, 255);
            r |= (long) v << (k << 3);
        }
        return r;
    }

    /** {@code i8x16.narrow_i16x8_s}: lanes of a then b, each signed-saturated to i8. */
    public static void narrowI16x8S(long[] s, int i) {
        long lo = narrowS(s[i]) | (narrowS(s[i + 1]) << 32);
        long hi = narrowS(s[i + 2]) | (narrowS(s[i + 3]) << 32);
        s[i] = lo;
        s[i + 1] = hi;
    }

    /** {@code i8x16.narrow_i16x8_u}: lanes of a then b, signed input unsigned-saturated to u8. */
    public static void narrowI16x8U(long[] s, int i) {
        long lo = narrowU(s[i]) | (narrowU(s[i + 1]) << 32);
        long hi = narrowU(s[i + 2]) | (narrowU(s[i + 3]) << 32);
        s[i] = lo;
        s[i + 1] = hi;
    }

    // ---- shifts: the count is taken modulo the lane width (8) ----

    public static void shl(long[] s, int i, int count) {
        int c = count & 7;
        s[i] = Swar.shl(s[i], c, H8, W);
        s[i + 1] = Swar.shl(s[i + 1], c, H8, W);
    }

    public static void shrS(long[] s, int i, int count) {
        int c = count & 7;
        s[i] = Swar.shrS(s[i], c, H8, W);
        s[i + 1] = Swar.shrS(s[i + 1], c, H8, W);
    }

    public static void shrU(long[] s, int i, int count) {
        int c = count & 7;
        s[i] = Swar.shrU(s[i], c, H8, W);
        s[i + 1] = Swar.shrU(s[i + 1], c, H8, W);
    }

    // ---- binary arithmetic ----

    public static void add(long[] s, int i) {
        s[i] = Swar.add(s[i], s[i + 2], H8);
        s[i + 1] = Swar.add(s[i + 1], s[i + 3], H8);
    }

    public static void addSatS(long[] s, int i) {
        s[i] = Swar.addSatS(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.addSatS(s[i + 1], s[i + 3], H8, W);
    }

    public static void addSatU(long[] s, int i) {
        s[i] = Swar.addSatU(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.addSatU(s[i + 1], s[i + 3], H8, W);
    }

    public static void sub(long[] s, int i) {
        s[i] = Swar.sub(s[i], s[i + 2], H8);
        s[i + 1] = Swar.sub(s[i + 1], s[i + 3], H8);
    }

    public static void subSatS(long[] s, int i) {
        s[i] = Swar.subSatS(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.subSatS(s[i + 1], s[i + 3], H8, W);
    }

    public static void subSatU(long[] s, int i) {
        s[i] = Swar.subSatU(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.subSatU(s[i + 1], s[i + 3], H8, W);
    }

    public static void minS(long[] s, int i) {
        s[i] = Swar.minS(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.minS(s[i + 1], s[i + 3], H8, W);
    }

    public static void minU(long[] s, int i) {
        s[i] = Swar.minU(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.minU(s[i + 1], s[i + 3], H8, W);
    }

    public static void maxS(long[] s, int i) {
        s[i] = Swar.maxS(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.maxS(s[i + 1], s[i + 3], H8, W);
    }

    public static void maxU(long[] s, int i) {
        s[i] = Swar.maxU(s[i], s[i + 2], H8, W);
        s[i + 1] = Swar.maxU(s[i + 1], s[i + 3], H8, W);
    }

    public static void avgrU(long[] s, int i) {
        s[i] = Swar.avgrU(s[i], s[i + 2], H8);
        s[i + 1] = Swar.avgrU(s[i + 1], s[i + 3], H8);
    }

    /** {@code i8x16.relaxed_laneselect}. Deterministic profile: {@code v128.bitselect}. */
    public static void relaxedLaneselect(long[] s, int i) {
        V128.bitselect(s, i);
    }
}
