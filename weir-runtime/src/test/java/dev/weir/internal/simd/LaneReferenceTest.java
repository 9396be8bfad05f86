package dev.weir.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the SWAR integer kernels against a naive lane-by-lane reference on random vectors whose
 * lanes are biased towards edge values (0, ±1, MIN, MAX, MIN+1, MAX-1).
 */
class LaneReferenceTest {
    private static final int ROUNDS = 2000;

    /** Lane k of a v128 (lo, hi) of width w, sign-extended. */
    static long lane(long lo, long hi, int w, int k) {
        int perHalf = 64 / w;
        long half = k < perHalf ? lo : hi;
        long x = half >>> ((k % perHalf) * w);
        return w == 64 ? x : (x << (64 - w)) >> (64 - w);
    }

    static long unsigned(long v, int w) {
        return w == 64 ? v : v & ((1L << w) - 1);
    }

    static long[] build(int w, long[] lanes) {
        long[] v = new long[2];
        int perHalf = 64 / w;
        for (int k = 0; k < lanes.length; k++) {
            v[k / perHalf] |= unsigned(lanes[k], w) << ((k % perHalf) * w);
        }
        return v;
    }

    static long[] randomVector(SplittableRandom r, int w) {
        if (r.nextInt(3) == 0) {
            return new long[] {r.nextLong(), r.nextLong()};
        }
        long min = w == 64 ? Long.MIN_VALUE : -(1L << (w - 1));
        long max = w == 64 ? Long.MAX_VALUE : (1L << (w - 1)) - 1;
        long[] edges = {0, 1, -1, min, max, min + 1, max - 1, 2, -2};
        long[] lanes = new long[128 / w];
        for (int k = 0; k < lanes.length; k++) {
            lanes[k] = r.nextBoolean() ? edges[r.nextInt(edges.length)] : r.nextLong();
        }
        return build(w, lanes);
    }

    static long satS(long v, int w) {
        long min = -(1L << (w - 1));
        long max = (1L << (w - 1)) - 1;
        return Math.max(min, Math.min(max, v));
    }

    static long satU(long v, int w) {
        return Math.max(0, Math.min((1L << w) - 1, v));
    }

    static long bool(boolean b) {
        return b ? -1 : 0;
    }

    private static DynamicTest binary(String name, int op, int w, LongBinaryOperator f) {
        return DynamicTest.dynamicTest(name, () -> {
            SplittableRandom r = new SplittableRandom(name.hashCode());
            for (int n = 0; n < ROUNDS; n++) {
                long[] a = randomVector(r, w);
                long[] b = n % 4 == 0 ? a.clone() : randomVector(r, w);
                long[] expected = new long[128 / w];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = f.applyAsLong(lane(a[0], a[1], w, k), lane(b[0], b[1], w, k));
                }
                Vec.assertVec(build(w, expected), Vec.exec(op, a, b));
            }
        });
    }

    private static DynamicTest unary(String name, int op, int w, LongUnaryOperator f) {
        return DynamicTest.dynamicTest(name, () -> {
            SplittableRandom r = new SplittableRandom(name.hashCode());
            for (int n = 0; n < ROUNDS; n++) {
                long[] a = randomVector(r, w);
                long[] expected = new long[128 / w];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = f.applyAsLong(lane(a[0], a[1], w, k));
                }
                Vec.assertVec(build(w, expected), Vec.exec(op, a));
            }
        });
    }

    private static DynamicTest shift(String name, int op, int w, LongBinaryOperator f) {
        return DynamicTest.dynamicTest(name, () -> {
            SplittableRandom r = new SplittableRandom(name.hashCode());
            for (int n = 0; n < ROUNDS; n++) {
                long[] a = randomVector(r, w);
                int count = n < 200 ? n - 100 : r.nextInt();
                long[] expected = new long[128 / w];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = f.applyAsLong(lane(a[0], a[1], w, k), count & (w - 1));
                }
                Vec.assertVec(build(w, expected), Vec.exec(op, a, Vec.scalar(count)));
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> integerLaneOps() {
        List<DynamicTest> t = new ArrayList<>();
        int[] widths = {8, 16, 32, 64};
        int[] cmpBase = {0x23, 0x2D, 0x37, -1};
        for (int wi = 0; wi < 4; wi++) {
            int w = widths[wi];
            String p = "i" + w + "x" + (128 / w) + ".";
            if (cmpBase[wi] >= 0) {
                int c = cmpBase[wi];
                t.add(binary(p + "eq", c, w, (x, y) -> bool(x == y)));
                t.add(binary(p + "ne", c + 1, w, (x, y) -> bool(x != y)));
                t.add(binary(p + "lt_s", c + 2, w, (x, y) -> bool(x < y)));
                t.add(binary(p + "lt_u", c + 3, w, (x, y) -> bool(unsigned(x, w) < unsigned(y, w))));
                t.add(binary(p + "gt_s", c + 4, w, (x, y) -> bool(x > y)));
                t.add(binary(p + "gt_u", c + 5, w, (x, y) -> bool(unsigned(x, w) > unsigned(y, w))));
                t.add(binary(p + "le_s", c + 6, w, (x, y) -> bool(x <= y)));
                t.add(binary(p + "le_u", c + 7, w, (x, y) -> bool(unsigned(x, w) <= unsigned(y, w))));
                t.add(binary(p + "ge_s", c + 8, w, (x, y) -> bool(x >= y)));
                t.add(binary(p + "ge_u", c + 9, w, (x, y) -> bool(unsigned(x, w) >= unsigned(y, w))));
            }
        }
        // i8x16 (0x6E..) and i16x8 (0x8E..) share a layout
        for (int w : new int[] {8, 16}) {
            int o = w == 8 ? 0 : 0x20;
            String p = w == 8 ? "i8x16." : "i16x8.";
            t.add(binary(p + "add", 0x6E + o, w, (x, y) -> x + y));
            t.add(binary(p + "add_sat_s", 0x6F + o, w, (x, y) -> satS(x + y, w)));
            t.add(binary(p + "add_sat_u", 0x70 + o, w, (x, y) -> satU(unsigned(x, w) + unsigned(y, w), w)));
            t.add(binary(p + "sub", 0x71 + o, w, (x, y) -> x - y));
            t.add(binary(p + "sub_sat_s", 0x72 + o, w, (x, y) -> satS(x - y, w)));
            t.add(binary(p + "sub_sat_u", 0x73 + o, w, (x, y) -> satU(unsigned(x, w) - unsigned(y, w), w)));
            t.add(binary(p + "min_s", 0x76 + o, w, Math::min));
            t.add(binary(p + "min_u", 0x77 + o, w, (x, y) -> Math.min(unsigned(x, w), unsigned(y, w))));
            t.add(binary(p + "max_s", 0x78 + o, w, Math::max));
            t.add(binary(p + "max_u", 0x79 + o, w, (x, y) -> Math.max(unsigned(x, w), unsigned(y, w))));
            t.add(binary(p + "avgr_u", 0x7B + o, w, (x, y) -> (unsigned(x, w) + unsigned(y, w) + 1) >> 1));
        }
        t.add(binary("i16x8.mul", 0x95, 16, (x, y) -> x * y));
        t.add(binary("i16x8.q15mulr_sat_s", 0x82, 16, (x, y) -> satS((x * y + 0x4000) >> 15, 16)));
        t.add(binary("i16x8.relaxed_q15mulr_s", 0x111, 16, (x, y) -> satS((x * y + 0x4000) >> 15, 16)));
        t.add(binary("i32x4.add", 0xAE, 32, (x, y) -> x + y));
        t.add(binary("i32x4.sub", 0xB1, 32, (x, y) -> x - y));
        t.add(binary("i32x4.mul", 0xB5, 32, (x, y) -> x * y));
        t.add(binary("i32x4.min_s", 0xB6, 32, Math::min));
        t.add(binary("i32x4.min_u", 0xB7, 32, (x, y) -> Math.min(unsigned(x, 32), unsigned(y, 32))));
        t.add(binary("i32x4.max_s", 0xB8, 32, Math::max));
        t.add(binary("i32x4.max_u", 0xB9, 32, (x, y) -> Math.max(unsigned(x, 32), unsigned(y, 32))));
        t.add(binary("i64x2.add", 0xCE, 64, (x, y) -> x + y));
        t.add(binary("i64x2.sub", 0xD1, 64, (x, y) -> x - y));
        t.add(binary("i64x2.mul", 0xD5, 64, (x, y) -> x * y));
        t.add(binary("i64x2.eq", 0xD6, 64, (x, y) -> bool(x == y)));
        t.add(binary("i64x2.ne", 0xD7, 64, (x, y) -> bool(x != y)));
        t.add(binary("i64x2.lt_s", 0xD8, 64, (x, y) -> bool(x < y)));
        t.add(binary("i64x2.gt_s", 0xD9, 64, (x, y) -> bool(x > y)));
        t.add(binary("i64x2.le_s", 0xDA, 64, (x, y) -> bool(x <= y)));
        t.add(binary("i64x2.ge_s", 0xDB, 64, (x, y) -> bool(x >= y)));
        int[] absOp = {0x60, 0x80, 0xA0, 0xC0};
        int[] shlOp = {0x6B, 0x8B, 0xAB, 0xCB};
        for (int wi = 0; wi < 4; wi++) {
            int w = 8 << wi;
            String p = "i" + w + "x" + (128 / w) + ".";
            t.add(unary(p + "abs", absOp[wi], w, Math::abs));
            t.add(unary(p + "neg", absOp[wi] + 1, w, x -> -x));
            t.add(shift(p + "shl", shlOp[wi], w, (x, c) -> x << c));
            t.add(shift(p + "shr_s", shlOp[wi] + 1, w, (x, c) -> x >> c));
            t.add(shift(p + "shr_u", shlOp[wi] + 2, w, (x, c) -> unsigned(x, w) >>> c));
        }
        t.add(unary("i8x16.popcnt", 0x62, 8, x -> Long.bitCount(unsigned(x, 8))));
        return t.stream();
    }

    @TestFactory
    Stream<DynamicTest> testsAndBitmasks() {
        List<DynamicTest> t = new ArrayList<>();
        int[] allTrue = {0x63, 0x83, 0xA3, 0xC3};
        for (int wi = 0; wi < 4; wi++) {
            int w = 8 << wi;
            int op = allTrue[wi];
            t.add(DynamicTest.dynamicTest("all_true/bitmask i" + w, () -> {
                SplittableRandom r = new SplittableRandom(w);
                for (int n = 0; n < ROUNDS; n++) {
                    long[] a = randomVector(r, w);
                    if (n % 3 == 0) { // make all lanes non-zero most of the time
                        a[0] |= r.nextLong() | 0x0101_0101_0101_0101L;
                        a[1] |= 0x0101_0101_0101_0101L;
                    }
                    int all = 1;
                    int mask = 0;
                    for (int k = 0; k < 128 / w; k++) {
                        long x = lane(a[0], a[1], w, k);
                        all &= x != 0 ? 1 : 0;
                        mask |= (x < 0 ? 1 : 0) << k;
                    }
                    assertEquals(all, Vec.exec(op, a)[0], Vec.hex(a));
                    assertEquals(mask, Vec.exec(op + 1, a)[0], Vec.hex(a));
                    assertEquals((a[0] | a[1]) != 0 ? 1 : 0, Vec.exec(0x53, a)[0]);
                }
            }));
        }
        return t.stream();
    }
}
