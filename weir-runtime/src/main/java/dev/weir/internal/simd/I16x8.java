package dev.weir.internal.simd;

import static dev.weir.internal.simd.Swar.H16;

/** {@code i16x8.*} instructions. Stack-slot convention as in {@link V128}. */
public final class I16x8 {
    private static final int W = 16;
    private static final long ONES = 0x0001_0001_0001_0001L;

    private I16x8() {}

    // ---- lanes ----

    public static void splat(long[] s, int i, int v) {
        long x = (v & 0xFFFFL) * ONES;
        s[i] = x;
        s[i + 1] = x;
    }

    public static int extractLaneS(long lo, long hi, int lane) {
        return (short) ((lane < 4 ? lo : hi) >>> ((lane & 3) << 4));
    }

    public static int extractLaneU(long lo, long hi, int lane) {
        return (int) ((lane < 4 ? lo : hi) >>> ((lane & 3) << 4)) & 0xFFFF;
    }

    public static void replaceLane(long[] s, int i, int lane, int v) {
        int k = i + (lane >>> 2);
        int sh = (lane & 3) << 4;
        s[k] = (s[k] & ~(0xFFFFL << sh)) | ((v & 0xFFFFL) << sh);
    }

    // ---- comparisons ----

    public static void eq(long[] s, int i) {
        s[i] = Swar.eq(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.eq(s[i + 1], s[i + 3], H16, W);
    }

    public static void ne(long[] s, int i) {
        s[i] = ~Swar.eq(s[i], s[i + 2], H16, W);
        s[i + 1] = ~Swar.eq(s[i + 1], s[i + 3], H16, W);
    }

    public static void ltS(long[] s, int i) {
        s[i] = Swar.ltS(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.ltS(s[i + 1], s[i + 3], H16, W);
    }

    public static void ltU(long[] s, int i) {
        s[i] = Swar.ltU(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.ltU(s[i + 1], s[i + 3], H16, W);
    }

    public static void gtS(long[] s, int i) {
        s[i] = Swar.ltS(s[i + 2], s[i], H16, W);
        s[i + 1] = Swar.ltS(s[i + 3], s[i + 1], H16, W);
    }

    public static void gtU(long[] s, int i) {
        s[i] = Swar.ltU(s[i + 2], s[i], H16, W);
        s[i + 1] = Swar.ltU(s[i + 3], s[i + 1], H16, W);
    }

    public static void leS(long[] s, int i) {
        s[i] = ~Swar.ltS(s[i + 2], s[i], H16, W);
        s[i + 1] = ~Swar.ltS(s[i + 3], s[i + 1], H16, W);
    }

    public static void leU(long[] s, int i) {
        s[i] = ~Swar.ltU(s[i + 2], s[i], H16, W);
        s[i + 1] = ~Swar.ltU(s[i + 3], s[i + 1], H16, W);
    }

    public static void geS(long[] s, int i) {
        s[i] = ~Swar.ltS(s[i], s[i + 2], H16, W);
        s[i + 1] = ~Swar.ltS(s[i + 1], s[i + 3], H16, W);
    }

    public static void geU(long[] s, int i) {
        s[i] = ~Swar.ltU(s[i], s[i + 2], H16, W);
        s[i + 1] = ~Swar.ltU(s[i + 1], s[i + 3], H16, W);
    }

    // ---- unary, tests ----

    public static void abs(long[] s, int i) {
        s[i] = Swar.abs(s[i], H16, W);
        s[i + 1] = Swar.abs(s[i + 1], H16, W);
    }

    public static void neg(long[] s, int i) {
        s[i] = Swar.sub(0, s[i], H16);
        s[i + 1] = Swar.sub(0, s[i + 1], H16);
    }

    private static boolean hasZeroLane(long x) {
        return ((x - ONES) & ~x & H16) != 0;
    }

    public static int allTrue(long lo, long hi) {
        return hasZeroLane(lo) || hasZeroLane(hi) ? 0 : 1;
    }

    private static int bitmaskHalf(long x) {
        return (int) (((x >>> 15) & 1) | ((x >>> 30) & 2) | ((x >>> 45) & 4) | ((x >>> 60) & 8));
    }

    public static int bitmask(long lo, long hi) {
        return bitmaskHalf(lo) | (bitmaskHalf(hi) << 4);
    }

    // ---- narrow (i32x4 -> i16x8) ----

    private static long narrowS(long h) {
        int a = (int) h;
        int b = (int) (h >>> 32);
        a = a < Short.MIN_VALUE ? Short.MIN_VALUE : Math.min(a, Short.MAX_VALUE);
        b = b < Short.MIN_VALUE ? Short.MIN_VALUE : Math.min(b, Short.MAX_VALUE);
        return (a & 0xFFFFL) | ((b & 0xFFFFL) << 16);
    }

    private static long narrowU(long h) {
        int a = (int) h;
        int b = (int) (h >>> 32);
        a = a < 0 ? 0 : Math.min(a, 0xFFFF);
        b = b < 0 ? 0 : Math.min(b, 0xFFFF);
        return a | ((long) b << 16);
    }

    public static void narrowI32x4S(long[] s, int i) {
        long lo = narrowS(s[i]) | (narrowS(s[i + 1]) << 32);
        long hi = narrowS(s[i + 2]) | (narrowS(s[i + 3]) << 32);
        s[i] = lo;
        s[i + 1] = hi;
    }

    public static void narrowI32x4U(long[] s, int i) {
        long lo = narrowU(s[i]) | (narrowU(s[i + 1]) << 32);
        long hi = narrowU(s[i + 2]) | (narrowU(s[i + 3]) << 32);
        s[i] = lo;
        s[i + 1] = hi;
    }

    // ---- extend (i8x16 -> i16x8) ----

    /** Widens 4 bytes (the low 32 bits of {@code x}) to 4 i16 lanes. */
    private static long extendS(long x) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            r |= ((byte) (x >>> (k << 3)) & 0xFFFFL) << (k << 4);
        }
        return r;
    }

    private static long extendU(long x) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            r |= ((x >>> (k << 3)) & 0xFFL) << (k << 4);
        }
        return r;
    }

    /** Writes the 8 bytes of {@code half}, sign-extended to i16 lanes, at {@code s[i..i+1]}. */
    static void extendS(long[] s, int i, long half) {
        s[i] = extendS(half);
        s[i + 1] = extendS(half >>> 32);
    }

    static void extendU(long[] s, int i, long half) {
        s[i] = extendU(half);
        s[i + 1] = extendU(half >>> 32);
    }

    public static void extendLowI8x16S(long[] s, int i) {
        extendS(s, i, s[i]);
    }

    public static void extendHighI8x16S(long[] s, int i) {
        extendS(s, i, s[i + 1]);
    }

    public static void extendLowI8x16U(long[] s, int i) {
        extendU(s, i, s[i]);
    }

    public static void extendHighI8x16U(long[] s, int i) {
        extendU(s, i, s[i + 1]);
    }

    // ---- extadd_pairwise (i8x16 -> i16x8) ----

    private static long extaddPairwiseHalf(long x, boolean signed) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            int sh = k << 4;
            int a;
            int b;
            if (signed) {
                a = (byte) (x >>> sh);
                b = (byte) (x >>> (sh + 8));
            } else {
                a = (int) (x >>> sh) & 0xFF;
                b = (int) (x >>> (sh + 8)) & 0xFF;
            }
            r |= ((a + b) & 0xFFFFL) << sh;
        }
        return r;
    }

    public static void extaddPairwiseI8x16S(long[] s, int i) {
        s[i] = extaddPairwiseHalf(s[i], true);
        s[i + 1] = extaddPairwiseHalf(s[i + 1], true);
    }

    public static void extaddPairwiseI8x16U(long[] s, int i) {
        s[i] = extaddPairwiseHalf(s[i], false);
        s[i + 1] = extaddPairwiseHalf(s[i + 1], false);
    }

    // ---- extmul (i8x16 -> i16x8): products of 4 bytes (low 32 bits of a and b) ----

    private static long extmulQuarter(long a, long b, boolean signed) {
        long r = 0;
        for (int k = 0; k < 4; k++) {
            int sh = k << 3;
            int x = signed ? (byte) (a >>> sh) : (int) (a >>> sh) & 0xFF;
            int y = signed ? (byte) (b >>> sh) : (int) (b >>> sh) & 0xFF;
            r |= ((x * y) & 0xFFFFL) << (k << 4);
        }
        return r;
    }

    private static void extmul(long[] s, int i, long a, long b, boolean signed) {
        s[i] = extmulQuarter(a, b, signed);
        s[i + 1] = extmulQuarter(a >>> 32, b >>> 32, signed);
    }

    public static void extmulLowI8x16S(long[] s, int i) {
        extmul(s, i, s[i], s[i + 2], true);
    }

    public static void extmulHighI8x16S(long[] s, int i) {
        extmul(s, i, s[i + 1], s[i + 3], true);
    }

    public static void extmulLowI8x16U(long[] s, int i) {
        extmul(s, i, s[i], s[i + 2], false);
    }

    public static void extmulHighI8x16U(long[] s, int i) {
        extmul(s, i, s[i + 1], s[i + 3], false);
    }

    // ---- shifts (count modulo 16) ----

    public static void shl(long[] s, int i, int count) {
        int c = count & 15;
        s[i] = Swar.shl(s[i], c, H16, W);
        s[i + 1] = Swar.shl(s[i + 1], c, H16, W);
    }

    public static void shrS(long[] s, int i, int count) {
        int c = count & 15;
        s[i] = Swar.shrS(s[i], c, H16, W);
        s[i + 1] = Swar.shrS(s[i + 1], c, H16, W);
    }

    public static void shrU(long[] s, int i, int count) {
        int c = count & 15;
        s[i] = Swar.shrU(s[i], c, H16, W);
        s[i + 1] = Swar.shrU(s[i + 1], c, H16, W);
    }

    // ---- binary arithmetic ----

    public static void add(long[] s, int i) {
        s[i] = Swar.add(s[i], s[i + 2], H16);
        s[i + 1] = Swar.add(s[i + 1], s[i + 3], H16);
    }

    public static void addSatS(long[] s, int i) {
        s[i] = Swar.addSatS(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.addSatS(s[i + 1], s[i + 3], H16, W);
    }

    public static void addSatU(long[] s, int i) {
        s[i] = Swar.addSatU(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.addSatU(s[i + 1], s[i + 3], H16, W);
    }

    public static void sub(long[] s, int i) {
        s[i] = Swar.sub(s[i], s[i + 2], H16);
        s[i + 1] = Swar.sub(s[i + 1], s[i + 3], H16);
    }

    public static void subSatS(long[] s, int i) {
        s[i] = Swar.subSatS(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.subSatS(s[i + 1], s[i + 3], H16, W);
    }

    public static void subSatU(long[] s, int i) {
        s[i] = Swar.subSatU(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.subSatU(s[i + 1], s[i + 3], H16, W);
    }

    private static long mulHalf(long a, long b) {
        long r = 0;
        for (int k = 0; k < 64; k += 16) {
            r |= (((a >>> k) * (b >>> k)) & 0xFFFFL) << k;
        }
        return r;
    }

    public static void mul(long[] s, int i) {
        s[i] = mulHalf(s[i], s[i + 2]);
        s[i + 1] = mulHalf(s[i + 1], s[i + 3]);
    }

    public static void minS(long[] s, int i) {
        s[i] = Swar.minS(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.minS(s[i + 1], s[i + 3], H16, W);
    }

    public static void minU(long[] s, int i) {
        s[i] = Swar.minU(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.minU(s[i + 1], s[i + 3], H16, W);
    }

    public static void maxS(long[] s, int i) {
        s[i] = Swar.maxS(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.maxS(s[i + 1], s[i + 3], H16, W);
    }

    public static void maxU(long[] s, int i) {
        s[i] = Swar.maxU(s[i], s[i + 2], H16, W);
        s[i + 1] = Swar.maxU(s[i + 1], s[i + 3], H16, W);
    }

    public static void avgrU(long[] s, int i) {
        s[i] = Swar.avgrU(s[i], s[i + 2], H16);
        s[i + 1] = Swar.avgrU(s[i + 1], s[i + 3], H16);
    }

    /**
     * Q15 rounding multiply, spec iq15mulrsat_s: {@code sat16((a * b + 2^14) >> 15)}. Only
     * {@code -32768 * -32768} overflows (to 32768), which saturates to 32767.
     */
    private static long q15Half(long a, long b) {
        long r = 0;
        for (int k = 0; k < 64; k += 16) {
            int p = ((short) (a >>> k) * (short) (b >>> k) + 0x4000) >> 15;
            r |= ((p > Short.MAX_VALUE ? Short.MAX_VALUE : p) & 0xFFFFL) << k;
        }
        return r;
    }

    public static void q15mulrSatS(long[] s, int i) {
        s[i] = q15Half(s[i], s[i + 2]);
        s[i + 1] = q15Half(s[i + 1], s[i + 3]);
    }

    /** {@code i16x8.relaxed_q15mulr_s}. Deterministic profile: {@link #q15mulrSatS} (saturates). */
    public static void relaxedQ15mulrS(long[] s, int i) {
        q15mulrSatS(s, i);
    }

    /**
     * Relaxed dot of one half: 4 i16 lanes, each the signed-saturating sum of two signed i8 x i8
     * products (spec ivdotsat with both operands signed: the deterministic choice R_idot = 0).
     */
    static long relaxedDotHalf(long a, long b) {
        long r = 0;
        for (int k = 0; k < 64; k += 16) {
            int p = (byte) (a >>> k) * (byte) (b >>> k) + (byte) (a >>> (k + 8)) * (byte) (b >>> (k + 8));
            p = p > Short.MAX_VALUE ? Short.MAX_VALUE : p; // only 2 * (-128 * -128) = 32768 overflows
            r |= (p & 0xFFFFL) << k;
        }
        return r;
    }

    /**
     * {@code i16x8.relaxed_dot_i8x16_i7x16_s}. Deterministic profile: b is read as signed and the
     * pairwise sum saturates to i16 (so -128*-128*2 gives 32767).
     */
    public static void relaxedDotI8x16I7x16S(long[] s, int i) {
        s[i] = relaxedDotHalf(s[i], s[i + 2]);
        s[i + 1] = relaxedDotHalf(s[i + 1], s[i + 3]);
    }

    /** {@code i16x8.relaxed_laneselect}. Deterministic profile: {@code v128.bitselect}. */
    public static void relaxedLaneselect(long[] s, int i) {
        V128.bitselect(s, i);
    }
}
