package dev.weir.internal.num;

import dev.weir.Trap;

/**
 * Integer operations of WebAssembly (core spec 4.3.2 "Integer Operations") that need more than one
 * Java operator, plus the wide-arithmetic proposal ({@code i64.add128}, {@code i64.sub128},
 * {@code i64.mul_wide_s}, {@code i64.mul_wide_u}).
 *
 * <p>Trap messages are the reference interpreter's wording, so spec tests can match them.
 */
public final class IntOps {
    /** Trap message of {@code div}/{@code rem} by zero. */
    public static final String DIVIDE_BY_ZERO = "integer divide by zero";
    /** Trap message of {@code div_s(MIN, -1)} and of out-of-range float-to-int truncation. */
    public static final String INTEGER_OVERFLOW = "integer overflow";

    private IntOps() {}

    // ---- cold trap paths: kept out of the hot methods so those stay tiny and inlinable ----

    static Trap divideByZero() {
        return new Trap(DIVIDE_BY_ZERO);
    }

    static Trap integerOverflow() {
        return new Trap(INTEGER_OVERFLOW);
    }

    // ---- i32 ----

    /** {@code i32.div_s}: traps on a zero divisor and on {@code MIN / -1} (whose result is unrepresentable). */
    public static int i32DivS(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        if (b == -1 && a == Integer.MIN_VALUE) {
            throw integerOverflow();
        }
        return a / b;
    }

    /** {@code i32.div_u}: traps on a zero divisor. */
    public static int i32DivU(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Integer.divideUnsigned(a, b);
    }

    /**
     * {@code i32.rem_s}: traps on a zero divisor only; {@code MIN rem -1} is 0 (the spec defines the
     * remainder even where the quotient overflows, and Java's {@code %} already yields 0 there).
     */
    public static int i32RemS(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return a % b;
    }

    /** {@code i32.rem_u}: traps on a zero divisor. */
    public static int i32RemU(int a, int b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Integer.remainderUnsigned(a, b);
    }

    /** {@code i32.rotl}; the count is taken modulo 32 as the spec requires. */
    public static int i32Rotl(int a, int count) {
        return Integer.rotateLeft(a, count);
    }

    /** {@code i32.rotr}; the count is taken modulo 32. */
    public static int i32Rotr(int a, int count) {
        return Integer.rotateRight(a, count);
    }

    /** {@code i32.clz}: 32 for zero. */
    public static int i32Clz(int a) {
        return Integer.numberOfLeadingZeros(a);
    }

    /** {@code i32.ctz}: 32 for zero. */
    public static int i32Ctz(int a) {
        return Integer.numberOfTrailingZeros(a);
    }

    /** {@code i32.popcnt}. */
    public static int i32Popcnt(int a) {
        return Integer.bitCount(a);
    }

    // ---- i64 ----

    /** {@code i64.div_s}: traps on a zero divisor and on {@code MIN / -1}. */
    public static long i64DivS(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        if (b == -1 && a == Long.MIN_VALUE) {
            throw integerOverflow();
        }
        return a / b;
    }

    /** {@code i64.div_u}: traps on a zero divisor. */
    public static long i64DivU(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Long.divideUnsigned(a, b);
    }

    /** {@code i64.rem_s}: traps on a zero divisor only; {@code MIN rem -1} is 0. */
    public static long i64RemS(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return a % b;
    }

    /** {@code i64.rem_u}: traps on a zero divisor. */
    public static long i64RemU(long a, long b) {
        if (b == 0) {
            throw divideByZero();
        }
        return Long.remainderUnsigned(a, b);
    }

    /** {@code i64.rotl}; the count is taken modulo 64 (an i64 operand; only its low 6 bits matter). */
    public static long i64Rotl(long a, long count) {
        return Long.rotateLeft(a, (int) count);
    }

    /** {@code i64.rotr}; the count is taken modulo 64. */
    public static long i64Rotr(long a, long count) {
        return Long.rotateRight(a, (int) count);
    }

    /** {@code i64.clz}: 64 for zero (returned as long, the Wasm result type). */
    public static long i64Clz(long a) {
        return Long.numberOfLeadingZeros(a);
    }

    /** {@code i64.ctz}: 64 for zero. */
    public static long i64Ctz(long a) {
        return Long.numberOfTrailingZeros(a);
    }

    /** {@code i64.popcnt}. */
    public static long i64Popcnt(long a) {
        return Long.bitCount(a);
    }

    // ---- wide arithmetic (proposal "wide-arithmetic"; 128-bit values as (lo, hi) pairs) ----

    /**
     * High 64 bits of the unsigned 128-bit product {@code a * b}. Java 17 has only the signed
     * {@link Math#multiplyHigh}; the unsigned high word differs from it by {@code b} when {@code a}
     * is negative and by {@code a} when {@code b} is negative (two's-complement correction).
     */
    public static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    /** High word of {@code (aHi:aLo) + (bHi:bLo)} mod 2^128; the low word is simply {@code aLo + bLo}. */
    public static long add128Hi(long aLo, long aHi, long bLo, long bHi) {
        long lo = aLo + bLo;
        long carry = Long.compareUnsigned(lo, aLo) < 0 ? 1 : 0;
        return aHi + bHi + carry;
    }

    /** High word of {@code (aHi:aLo) - (bHi:bLo)} mod 2^128; the low word is simply {@code aLo - bLo}. */
    public static long sub128Hi(long aLo, long aHi, long bLo, long bHi) {
        long borrow = Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0;
        return aHi - bHi - borrow;
    }

    /**
     * {@code i64.add128} on an operand stack: operands {@code lo1, hi1, lo2, hi2} at
     * {@code s[i..i+3]} (lo1 deepest); the result {@code lo, hi} is written to {@code s[i], s[i+1]}.
     * Stack effect: 4 slots popped, 2 pushed.
     */
    public static void i64Add128(long[] s, int i) {
        long aLo = s[i];
        long aHi = s[i + 1];
        long bLo = s[i + 2];
        long bHi = s[i + 3];
        s[i] = aLo + bLo;
        s[i + 1] = add128Hi(aLo, aHi, bLo, bHi);
    }

    /** {@code i64.sub128} on an operand stack; same layout as {@link #i64Add128}. */
    public static void i64Sub128(long[] s, int i) {
        long aLo = s[i];
        long aHi = s[i + 1];
        long bLo = s[i + 2];
        long bHi = s[i + 3];
        s[i] = aLo - bLo;
        s[i + 1] = sub128Hi(aLo, aHi, bLo, bHi);
    }

    /**
     * {@code i64.mul_wide_s} on an operand stack: operands {@code a, b} at {@code s[i], s[i+1]};
     * the 128-bit signed product's {@code lo, hi} replace them. Stack effect: 2 popped, 2 pushed.
     */
    public static void i64MulWideS(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = a * b;
        s[i + 1] = Math.multiplyHigh(a, b);
    }

    /** {@code i64.mul_wide_u} on an operand stack; same layout as {@link #i64MulWideS}. */
    public static void i64MulWideU(long[] s, int i) {
        long a = s[i];
        long b = s[i + 1];
        s[i] = a * b;
        s[i + 1] = unsignedMultiplyHigh(a, b);
    }
}
