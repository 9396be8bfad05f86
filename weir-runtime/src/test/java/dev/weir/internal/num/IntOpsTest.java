package dev.weir.internal.num;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.Trap;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntOpsTest {
    private static void assertTrap(String message, Runnable r) {
        Trap t = assertThrows(Trap.class, r::run);
        assertEquals(message, t.getMessage());
    }

    @Test
    void i32DivisionTraps() {
        assertTrap("integer divide by zero", () -> IntOps.i32DivS(1, 0));
        assertTrap("integer divide by zero", () -> IntOps.i32DivU(1, 0));
        assertTrap("integer divide by zero", () -> IntOps.i32RemS(1, 0));
        assertTrap("integer divide by zero", () -> IntOps.i32RemU(1, 0));
        assertTrap("integer overflow", () -> IntOps.i32DivS(Integer.MIN_VALUE, -1));
    }

    @Test
    void i64DivisionTraps() {
        assertTrap("integer divide by zero", () -> IntOps.i64DivS(1, 0));
        assertTrap("integer divide by zero", () -> IntOps.i64DivU(1, 0));
        assertTrap("integer divide by zero", () -> IntOps.i64RemS(1, 0));
        assertTrap("integer divide by zero", () -> IntOps.i64RemU(1, 0));
        assertTrap("integer overflow", () -> IntOps.i64DivS(Long.MIN_VALUE, -1));
    }

    @Test
    void i32DivisionValues() {
        // i32.wast
        assertEquals(-2, IntOps.i32DivS(-5, 2)); // truncates toward zero
        assertEquals(0x4000_0000, IntOps.i32DivU(Integer.MIN_VALUE, 2));
        assertEquals(0, IntOps.i32DivU(-5, -1)); // 0xfffffffb / 0xffffffff
        assertEquals(0x7FFF_FFFD, IntOps.i32DivU(-5, 2)); // 0xfffffffb / 2
        assertEquals(0, IntOps.i32RemS(Integer.MIN_VALUE, -1)); // defined, no trap
        assertEquals(-1, IntOps.i32RemS(-5, 2)); // sign of dividend
        assertEquals(1, IntOps.i32RemU(-5, 2));
        assertEquals(-5, IntOps.i32RemU(-5, -1)); // 0xfffffffb rem 0xffffffff = 0xfffffffb
        assertEquals(Integer.MIN_VALUE, IntOps.i32DivS(Integer.MIN_VALUE, 1));
    }

    @Test
    void i64DivisionValues() {
        assertEquals(0, IntOps.i64RemS(Long.MIN_VALUE, -1));
        assertEquals(0x4000_0000_0000_0000L, IntOps.i64DivU(Long.MIN_VALUE, 2));
        assertEquals(1, IntOps.i64RemU(-5L, 2));
        assertEquals(-2, IntOps.i64DivS(-5, 2));
        assertEquals(-1, IntOps.i64RemS(-5, 2));
    }

    @Test
    void rotationsAndBitCounts() {
        assertEquals(0xbcde_f01a, IntOps.i32Rotl(0xabcd_ef01, 4));
        assertEquals(0x1abc_def0, IntOps.i32Rotr(0xabcd_ef01, 4));
        assertEquals(0x8000_0000, IntOps.i32Rotl(1, 31));
        assertEquals(1, IntOps.i32Rotl(1, 32)); // count mod 32
        assertEquals(0x8000_0000, IntOps.i32Rotr(1, 1));
        assertEquals(0x8000_0000_0000_0000L, IntOps.i64Rotr(1, 65)); // count mod 64
        assertEquals(2, IntOps.i64Rotl(1, -63)); // -63 mod 64 = 1
        assertEquals(32, IntOps.i32Clz(0));
        assertEquals(32, IntOps.i32Ctz(0));
        assertEquals(0, IntOps.i32Clz(-1));
        assertEquals(64, IntOps.i64Clz(0));
        assertEquals(64, IntOps.i64Ctz(0));
        assertEquals(63, IntOps.i64Ctz(Long.MIN_VALUE));
        assertEquals(32, IntOps.i32Popcnt(-1));
        assertEquals(64, IntOps.i64Popcnt(-1));
        assertEquals(16, IntOps.i32Popcnt(0xAAAA_AAAA));
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger u(long x) {
        BigInteger b = BigInteger.valueOf(x);
        return x < 0 ? b.add(TWO_64) : b;
    }

    @Test
    void unsignedMultiplyHighMatchesBigInteger() {
        long[] edge = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL, 0x1_0000_0000L};
        SplittableRandom r = new SplittableRandom(42);
        for (int n = 0; n < 2000; n++) {
            long a = n < 49 ? edge[n % 7] : r.nextLong();
            long b = n < 49 ? edge[n / 7] : r.nextLong();
            BigInteger p = u(a).multiply(u(b));
            assertEquals(p.shiftRight(64).longValue(), IntOps.unsignedMultiplyHigh(a, b), a + " * " + b);
            long[] s = {a, b};
            IntOps.i64MulWideU(s, 0);
            assertEquals(p.longValue(), s[0]);
            assertEquals(p.shiftRight(64).longValue(), s[1]);
            BigInteger q = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
            s = new long[] {a, b};
            IntOps.i64MulWideS(s, 0);
            assertEquals(q.longValue(), s[0]);
            assertEquals(q.shiftRight(64).longValue(), s[1]);
        }
    }

    @Test
    void add128AndSub128() {
        // wide-arithmetic.wast
        long[] s = {1, 1, -1, -1};
        IntOps.i64Add128(s, 0);
        assertEquals(0, s[0]);
        assertEquals(1, s[1]);
        s = new long[] {1, 0, -1, 0};
        IntOps.i64Add128(s, 0);
        assertEquals(0, s[0]);
        assertEquals(1, s[1]); // carry out of the low word
        s = new long[] {0, 0, 1, 1};
        IntOps.i64Sub128(s, 0);
        assertEquals(-1, s[0]);
        assertEquals(-2, s[1]); // borrow
        s = new long[] {0, 1, 1, 1};
        IntOps.i64Sub128(s, 0);
        assertEquals(-1, s[0]);
        assertEquals(-1, s[1]);
        SplittableRandom r = new SplittableRandom(7);
        BigInteger mod = BigInteger.ONE.shiftLeft(128);
        for (int n = 0; n < 1000; n++) {
            long aLo = r.nextLong(), aHi = r.nextLong(), bLo = r.nextLong(), bHi = r.nextLong();
            BigInteger a = u(aHi).shiftLeft(64).add(u(aLo));
            BigInteger b = u(bHi).shiftLeft(64).add(u(bLo));
            BigInteger sum = a.add(b).mod(mod);
            BigInteger diff = a.subtract(b).mod(mod);
            assertEquals(sum.shiftRight(64).longValue(), IntOps.add128Hi(aLo, aHi, bLo, bHi));
            assertEquals(diff.shiftRight(64).longValue(), IntOps.sub128Hi(aLo, aHi, bLo, bHi));
        }
    }
}
