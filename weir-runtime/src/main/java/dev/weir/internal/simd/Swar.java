package dev.weir.internal.simd;

/**
 * SIMD-within-a-register helpers on one 64-bit half of a v128, generic over the lane width
 * {@code w} (8, 16 or 32) through the lane sign-bit mask {@code H} (0x8080..., 0x8000_8000...,
 * 0x8000_0000_8000_0000). Callers pass constants, so after inlining the JIT folds them.
 *
 * <p>The tricks keep carries and borrows inside lanes: add/sub work on the low {@code w-1} bits
 * and fix the sign bit up with XOR; comparisons compute the per-lane borrow of {@code a - b} at the
 * sign-bit position; {@link #expand} turns a sign-bit-per-lane mask into all-ones lanes by a
 * multiplication that cannot carry across lanes.
 */
final class Swar {
    static final long H8 = 0x8080_8080_8080_8080L;
    static final long H16 = 0x8000_8000_8000_8000L;
    static final long H32 = 0x8000_0000_8000_0000L;

    private Swar() {}

    /** Lane-wise wrapping add. */
    static long add(long a, long b, long h) {
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    /** Lane-wise wrapping subtract. */
    static long sub(long a, long b, long h) {
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    /** Turns a mask with only lane sign bits set into a mask with those lanes all ones. */
    static long expand(long signBits, long h, int w) {
        return (signBits >>> (w - 1)) * (-1L >>> (64 - w));
    }

    /** All-ones lanes where {@code a == b}: a lane of {@code a ^ b} is zero iff adding 0x7f..f to its low bits does not carry into its sign bit. */
    static long eq(long a, long b, long h, int w) {
        long x = a ^ b;
        long nonZero = (((x & ~h) + ~h) | x) & h;
        return expand(~nonZero & h, h, w);
    }

    /** Sign bit per lane: the borrow out of the lane when computing {@code a - b} unsigned, i.e. {@code a <u b}. */
    static long ltUBits(long a, long b, long h) {
        long d = sub(a, b, h);
        return ((~a & b) | (~(a ^ b) & d)) & h;
    }

    /** All-ones lanes where {@code a <u b}. */
    static long ltU(long a, long b, long h, int w) {
        return expand(ltUBits(a, b, h), h, w);
    }

    /** All-ones lanes where {@code a <s b}: flipping the sign bits maps signed order onto unsigned order. */
    static long ltS(long a, long b, long h, int w) {
        return expand(ltUBits(a ^ h, b ^ h, h), h, w);
    }

    static long minU(long a, long b, long h, int w) {
        long m = ltU(a, b, h, w);
        return (a & m) | (b & ~m);
    }

    static long maxU(long a, long b, long h, int w) {
        long m = ltU(a, b, h, w);
        return (b & m) | (a & ~m);
    }

    static long minS(long a, long b, long h, int w) {
        long m = ltS(a, b, h, w);
        return (a & m) | (b & ~m);
    }

    static long maxS(long a, long b, long h, int w) {
        long m = ltS(a, b, h, w);
        return (b & m) | (a & ~m);
    }

    /** Unsigned saturating add: lanes that carried out become all ones. */
    static long addSatU(long a, long b, long h, int w) {
        long sum = add(a, b, h);
        long carry = ((a & b) | ((a | b) & ~sum)) & h;
        return sum | expand(carry, h, w);
    }

    /** Unsigned saturating subtract: lanes that borrowed become zero. */
    static long subSatU(long a, long b, long h, int w) {
        return sub(a, b, h) & ~ltU(a, b, h, w);
    }

    /** Signed saturating add: overflowed lanes become MAX or MIN by the sign of {@code a}. */
    static long addSatS(long a, long b, long h, int w) {
        long sum = add(a, b, h);
        long overflow = expand(~(a ^ b) & (a ^ sum) & h, h, w);
        long sat = ~h ^ expand(a & h, h, w);
        return (sum & ~overflow) | (sat & overflow);
    }

    /** Signed saturating subtract. */
    static long subSatS(long a, long b, long h, int w) {
        long d = sub(a, b, h);
        long overflow = expand((a ^ b) & (a ^ d) & h, h, w);
        long sat = ~h ^ expand(a & h, h, w);
        return (d & ~overflow) | (sat & overflow);
    }

    /** Lane-wise {@code (a + b + 1) >>> 1} without widening: {@code (a|b) - ((a^b) >>> 1)} never borrows. */
    static long avgrU(long a, long b, long h) {
        return (a | b) - (((a ^ b) >>> 1) & ~h);
    }

    /** Lane-wise absolute value (MIN stays MIN): {@code (a ^ m) - m} with m = all ones in negative lanes. */
    static long abs(long a, long h, int w) {
        long m = expand(a & h, h, w);
        return sub(a ^ m, m, h);
    }

    /** Lane-wise shift left; {@code c} already reduced modulo the lane width. */
    static long shl(long a, int c, long h, int w) {
        long laneMax = -1L >>> (64 - w);
        long ones = h >>> (w - 1);
        return (a << c) & (((laneMax << c) & laneMax) * ones);
    }

    /** Lane-wise logical shift right; {@code c} already reduced modulo the lane width. */
    static long shrU(long a, int c, long h, int w) {
        long laneMax = -1L >>> (64 - w);
        long ones = h >>> (w - 1);
        return (a >>> c) & ((laneMax >>> c) * ones);
    }

    /**
     * Lane-wise arithmetic shift right: logical shift, then OR in the sign-fill bits of negative
     * lanes (the {@code c} high bits of the lane).
     */
    static long shrS(long a, int c, long h, int w) {
        long laneMax = -1L >>> (64 - w);
        long ones = h >>> (w - 1);
        long fill = ((laneMax << (w - c)) & laneMax) * ones; // top c bits of every lane
        long neg = expand(a & h, h, w);
        return shrU(a, c, h, w) | (fill & neg);
    }

    // ---- float lane packing (two f32 in one long, lane 0 in the low 32 bits) ----

    static float f32Lo(long x) {
        return Float.intBitsToFloat((int) x);
    }

    static float f32Hi(long x) {
        return Float.intBitsToFloat((int) (x >>> 32));
    }

    static long packF32(float lo, float hi) {
        return (Float.floatToRawIntBits(lo) & 0xFFFF_FFFFL) | ((long) Float.floatToRawIntBits(hi) << 32);
    }

    static long packI32(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | ((long) hi << 32);
    }

    static long mask32(boolean lo, boolean hi) {
        return (lo ? 0xFFFF_FFFFL : 0) | (hi ? 0xFFFF_FFFF_0000_0000L : 0);
    }
}
