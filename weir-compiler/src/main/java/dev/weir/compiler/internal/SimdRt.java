package dev.weir.compiler.internal;

import dev.weir.internal.simd.I8x16;
import dev.weir.internal.simd.V128;

/**
 * Static helpers for compiled SIMD code ({@link SimdEmitter}). A v128 travels as two longs
 * (lo = bytes 0-7, hi = bytes 8-15, VALUES.md).
 *
 * <p>Two kinds of helper:
 * <ul>
 * <li>the generic path ({@link #un}, {@link #bin}, {@link #ter}, {@link #test}, {@link #shift},
 * {@link #shuffle}): writes the operands to the per-store scratch array
 * ({@code ExecContext.simdScratch}) and runs the interpreter's implementation
 * ({@link V128#execute}), so both engines share one definition of every SIMD op; the result's low
 * half is returned, its high half is left in {@code scratch[1]} for the caller to load.
 * No allocation.</li>
 * <li>per-half helpers {@code (long, long) -> long} for the ops inlined because they are hot and
 * lane-wise: SWAR add/sub (carries kept inside lanes), mul, float arithmetic, splats, lane
 * insertion, load extension. They are tiny, so HotSpot inlines them into the generated method.</li>
 * </ul>
 */
public final class SimdRt {
    private SimdRt() {
    }

    private static final long H8 = 0x8080_8080_8080_8080L;
    private static final long H16 = 0x8000_8000_8000_8000L;
    private static final long H32 = 0x8000_0000_8000_0000L;

    // ------------------------------------------------------------------ generic path

    /** Unary v128 op {@code op} (an 0xFD sub-opcode); result lo returned, hi in {@code s[1]}. */
    public static long un(long a0, long a1, long[] s, int op) {
        s[0] = a0;
        s[1] = a1;
        V128.execute(op, s, 2);
        return s[0];
    }

    public static long bin(long a0, long a1, long b0, long b1, long[] s, int op) {
        s[0] = a0;
        s[1] = a1;
        s[2] = b0;
        s[3] = b1;
        V128.execute(op, s, 4);
        return s[0];
    }

    public static long ter(long a0, long a1, long b0, long b1, long c0, long c1, long[] s, int op) {
        s[0] = a0;
        s[1] = a1;
        s[2] = b0;
        s[3] = b1;
        s[4] = c0;
        s[5] = c1;
        V128.execute(op, s, 6);
        return s[0];
    }

    /** Puts one v128 operand at {@code s[0..1]}, for a direct call of an interpreter op {@code (long[] s, int i)}. */
    public static void put2(long a0, long a1, long[] s) {
        s[0] = a0;
        s[1] = a1;
    }

    public static void put4(long a0, long a1, long b0, long b1, long[] s) {
        s[0] = a0;
        s[1] = a1;
        s[2] = b0;
        s[3] = b1;
    }

    public static void put6(long a0, long a1, long b0, long b1, long c0, long c1, long[] s) {
        s[0] = a0;
        s[1] = a1;
        s[2] = b0;
        s[3] = b1;
        s[4] = c0;
        s[5] = c1;
    }

    /** v128 -> i32 ops (all_true, bitmask, any_true). */
    public static int test(long a0, long a1, long[] s, int op) {
        s[0] = a0;
        s[1] = a1;
        V128.execute(op, s, 2);
        return (int) s[0];
    }

    /** Shifts: v128, i32 count -> v128. */
    public static long shift(long a0, long a1, int n, long[] s, int op) {
        s[0] = a0;
        s[1] = a1;
        s[2] = n;
        V128.execute(op, s, 3);
        return s[0];
    }

    /** {@code i8x16.shuffle} with its 16 lane indices packed like a v128 constant. */
    public static long shuffle(long a0, long a1, long b0, long b1, long[] s, long lanesLo, long lanesHi) {
        s[0] = a0;
        s[1] = a1;
        s[2] = b0;
        s[3] = b1;
        I8x16.shuffle(s, 0, lanesLo, lanesHi);
        return s[0];
    }

    // ------------------------------------------------------------------ per-half helpers

    /** Lane-wise wrapping add: add the low w-1 bits of each lane, then fix the sign bits with XOR. */
    private static long swarAdd(long a, long b, long h) {
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    private static long swarSub(long a, long b, long h) {
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    public static long add8(long a, long b) {
        return swarAdd(a, b, H8);
    }

    public static long sub8(long a, long b) {
        return swarSub(a, b, H8);
    }

    public static long add16(long a, long b) {
        return swarAdd(a, b, H16);
    }

    public static long sub16(long a, long b) {
        return swarSub(a, b, H16);
    }

    public static long add32(long a, long b) {
        return swarAdd(a, b, H32);
    }

    public static long sub32(long a, long b) {
        return swarSub(a, b, H32);
    }

    public static long mul32(long a, long b) {
        return pack32((int) a * (int) b, (int) (a >>> 32) * (int) (b >>> 32));
    }

    /** All-ones lanes where the lanes of a and b are equal: a lane of a^b is zero iff adding 0x7f..f to its low bits does not carry into its sign bit. */
    private static long swarEq(long a, long b, long h, int w) {
        long x = a ^ b;
        long nonZero = (((x & ~h) + ~h) | x) & h;
        return ((~nonZero & h) >>> (w - 1)) * (-1L >>> (64 - w));
    }

    public static long eq8(long a, long b) {
        return swarEq(a, b, H8, 8);
    }

    public static long eq16(long a, long b) {
        return swarEq(a, b, H16, 16);
    }

    public static long eq32(long a, long b) {
        return swarEq(a, b, H32, 32);
    }

    public static long eq64(long a, long b) {
        return a == b ? -1L : 0L;
    }

    public static long ne8(long a, long b) {
        return ~swarEq(a, b, H8, 8);
    }

    public static long ne16(long a, long b) {
        return ~swarEq(a, b, H16, 16);
    }

    public static long ne32(long a, long b) {
        return ~swarEq(a, b, H32, 32);
    }

    public static long ne64(long a, long b) {
        return a != b ? -1L : 0L;
    }

    // Shifts (spec 4.4.3.x "ishl"/"ishr"): the count is taken modulo the lane width.

    public static long shl8(long x, int c) {
        c &= 7;
        return (x << c) & (((0xFFL << c) & 0xFF) * 0x0101_0101_0101_0101L);
    }

    public static long shrU8(long x, int c) {
        c &= 7;
        return (x >>> c) & ((0xFFL >>> c) * 0x0101_0101_0101_0101L);
    }

    /** Arithmetic shift: bias to unsigned (flip the sign bits), shift logically, subtract the shifted bias. */
    public static long shrS8(long x, int c) {
        return swarSub(shrU8(x ^ H8, c), shrU8(H8, c), H8);
    }

    public static long shl16(long x, int c) {
        c &= 15;
        return (x << c) & (((0xFFFFL << c) & 0xFFFF) * 0x0001_0001_0001_0001L);
    }

    public static long shrU16(long x, int c) {
        c &= 15;
        return (x >>> c) & ((0xFFFFL >>> c) * 0x0001_0001_0001_0001L);
    }

    public static long shrS16(long x, int c) {
        return swarSub(shrU16(x ^ H16, c), shrU16(H16, c), H16);
    }

    public static long shl32(long x, int c) {
        return pack32((int) x << c, (int) (x >>> 32) << c); // int shifts already take c mod 32
    }

    public static long shrU32(long x, int c) {
        return pack32((int) x >>> c, (int) (x >>> 32) >>> c);
    }

    public static long shrS32(long x, int c) {
        return pack32((int) x >> c, (int) (x >>> 32) >> c);
    }

    /** {@code i8x16.bitmask}: bit k = sign bit of byte k. */
    public static int bitmask8(long lo, long hi) {
        return gatherSigns8(lo) | (gatherSigns8(hi) << 8);
    }

    /** The 8 byte sign bits of x as an 8-bit number: the multiply moves byte k's bit to bit 56 + k without carries. */
    private static int gatherSigns8(long x) {
        return (int) ((((x & H8) >>> 7) * 0x0102_0408_1020_4080L) >>> 56);
    }

    public static int bitmask32(long lo, long hi) {
        return (int) (lo >>> 31) & 1 | (int) (lo >>> 62) & 2 | (int) (hi >>> 29) & 4 | (int) (hi >>> 60) & 8;
    }

    public static long bitselect(long a, long b, long c) {
        return (a & c) | (b & ~c);
    }

    public static int anyTrue(long lo, long hi) {
        return (lo | hi) != 0 ? 1 : 0;
    }

    private static long pack32(int lo, int hi) {
        return (lo & 0xFFFF_FFFFL) | ((long) hi << 32);
    }

    private static long packF32(float lo, float hi) {
        return pack32(Float.floatToRawIntBits(lo), Float.floatToRawIntBits(hi));
    }

    private static float f32Lo(long x) {
        return Float.intBitsToFloat((int) x);
    }

    private static float f32Hi(long x) {
        return Float.intBitsToFloat((int) (x >>> 32));
    }

    // Float lanes: any NaN result is allowed to be any NaN here (spec 4.3.3 "NaN propagation";
    // the tests accept canonical or arithmetic NaNs), exactly as in the interpreter's F32x4/F64x2.

    public static long addF32(long a, long b) {
        return packF32(f32Lo(a) + f32Lo(b), f32Hi(a) + f32Hi(b));
    }

    public static long subF32(long a, long b) {
        return packF32(f32Lo(a) - f32Lo(b), f32Hi(a) - f32Hi(b));
    }

    public static long mulF32(long a, long b) {
        return packF32(f32Lo(a) * f32Lo(b), f32Hi(a) * f32Hi(b));
    }

    public static long divF32(long a, long b) {
        return packF32(f32Lo(a) / f32Lo(b), f32Hi(a) / f32Hi(b));
    }

    public static long addF64(long a, long b) {
        return Double.doubleToRawLongBits(Double.longBitsToDouble(a) + Double.longBitsToDouble(b));
    }

    public static long subF64(long a, long b) {
        return Double.doubleToRawLongBits(Double.longBitsToDouble(a) - Double.longBitsToDouble(b));
    }

    public static long mulF64(long a, long b) {
        return Double.doubleToRawLongBits(Double.longBitsToDouble(a) * Double.longBitsToDouble(b));
    }

    public static long divF64(long a, long b) {
        return Double.doubleToRawLongBits(Double.longBitsToDouble(a) / Double.longBitsToDouble(b));
    }

    // ------------------------------------------------------------------ splat, lanes, load extension

    public static long splat8(int v) {
        return (v & 0xFFL) * 0x0101_0101_0101_0101L;
    }

    public static long splat16(int v) {
        return (v & 0xFFFFL) * 0x0001_0001_0001_0001L;
    }

    public static long splat32(int v) {
        return (v & 0xFFFF_FFFFL) * 0x0000_0001_0000_0001L;
    }

    /** Replaces the byte at bit {@code sh} of one half with the low 8 bits of {@code v}. */
    public static long repl8(long half, int v, int sh) {
        return (half & ~(0xFFL << sh)) | ((v & 0xFFL) << sh);
    }

    public static long repl16(long half, int v, int sh) {
        return (half & ~(0xFFFFL << sh)) | ((v & 0xFFFFL) << sh);
    }

    public static long repl32(long half, int v, int sh) {
        return (half & ~(0xFFFF_FFFFL << sh)) | ((v & 0xFFFF_FFFFL) << sh);
    }

    /** {@code v128.load8x8_s}, one half: four bytes to four sign-extended i16 lanes. */
    public static long ext8S(int x) {
        return ((byte) x & 0xFFFFL) | (((byte) (x >> 8) & 0xFFFFL) << 16)
                | (((byte) (x >> 16) & 0xFFFFL) << 32) | ((long) (byte) (x >> 24) << 48);
    }

    public static long ext8U(int x) {
        return (x & 0xFFL) | ((x & 0xFF00L) << 8) | ((x & 0xFF_0000L) << 16) | (((long) x & 0xFF00_0000L) << 24);
    }

    /** {@code v128.load16x4_s}, one half: two i16 to two sign-extended i32 lanes. */
    public static long ext16S(int x) {
        return pack32((short) x, x >> 16);
    }

    public static long ext16U(int x) {
        return (x & 0xFFFFL) | (((long) x & 0xFFFF_0000L) << 16);
    }
}
