package dev.weir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The wasm32 fast path ({@code loadI32(int addr, int offset)} and friends, used by weir-compiler):
 * for every layout and for addresses and offsets around every edge it must behave exactly like the
 * long-address methods at {@code ea = u32(addr) + offset}: same value or the same trap, and a
 * trapping store writes nothing.
 */
class MemoryInt32PathTest {
    private static final int S = (int) MemoryLayouts.SIZE;
    private static final int[] ADDRS = {0, 1, 7, S / 2, S - 9, S - 8, S - 7, S - 5, S - 4, S - 3, S - 2, S - 1, S,
        S + 1, 2 * S, -1, -4, -8, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE - 3};
    private static final int[] OFFSETS = {0, 1, 2, 3, 4, 7, 8, S - 8, S - 4, S - 1, S, S + 1, (1 << 30) - 1};

    /** The outcome of an access: its value or "trap". */
    static String outcome(LongSupplier access) {
        try {
            return Long.toString(access.getAsLong());
        } catch (Trap t) {
            assertEquals("out of bounds memory access", t.getMessage());
            return "trap";
        }
    }

    static long ea(int addr, int offset) {
        return Integer.toUnsignedLong(addr) + offset;
    }

    static void fill(Memory m) {
        long size = m.byteSize();
        for (long i = 0; i < size; i++) {
            m.storeI8(i, (int) (i * 31 + 7));
        }
    }

    static void checkLoads(Memory m, int a, int o) {
        long ea = ea(a, o);
        String where = "addr=" + a + " offset=" + o;
        assertEquals(outcome(() -> m.loadI32(ea)), outcome(() -> m.loadI32(a, o)), "loadI32 " + where);
        assertEquals(outcome(() -> m.loadI64(ea)), outcome(() -> m.loadI64(a, o)), "loadI64 " + where);
        assertEquals(outcome(() -> m.loadI8S(ea)), outcome(() -> m.loadI8S(a, o)), "loadI8S " + where);
        assertEquals(outcome(() -> m.loadI8U(ea)), outcome(() -> m.loadI8U(a, o)), "loadI8U " + where);
        assertEquals(outcome(() -> m.loadI16S(ea)), outcome(() -> m.loadI16S(a, o)), "loadI16S " + where);
        assertEquals(outcome(() -> m.loadI16U(ea)), outcome(() -> m.loadI16U(a, o)), "loadI16U " + where);
        // the compact forms (weir-compiler's choice in functions with many accesses) agree too
        assertEquals(outcome(() -> m.loadI32(ea)), outcome(() -> m.loadI32Compact(a, o)), "loadI32Compact " + where);
        assertEquals(outcome(() -> m.loadI64(ea)), outcome(() -> m.loadI64Compact(a, o)), "loadI64Compact " + where);
        assertEquals(outcome(() -> m.loadI8S(ea)), outcome(() -> m.loadI8SCompact(a, o)), "loadI8SCompact " + where);
        assertEquals(outcome(() -> m.loadI8U(ea)), outcome(() -> m.loadI8UCompact(a, o)), "loadI8UCompact " + where);
        assertEquals(outcome(() -> m.loadI16S(ea)), outcome(() -> m.loadI16SCompact(a, o)), "loadI16SCompact " + where);
        assertEquals(outcome(() -> m.loadI16U(ea)), outcome(() -> m.loadI16UCompact(a, o)), "loadI16UCompact " + where);
    }

    /** Each store through the int path, checked against the long path's result on a twin memory. */
    static void checkStores(Memory m, Memory twin, int a, int o) {
        long ea = ea(a, o);
        String where = "addr=" + a + " offset=" + o;
        long v = 0x8877_6655_4433_2211L ^ ea;
        assertEquals(outcome(() -> { twin.storeI8(ea, (int) v); return 0; }),
                outcome(() -> { m.storeI8(a, o, (int) v); return 0; }), "storeI8 " + where);
        assertEquals(outcome(() -> { twin.storeI16(ea, (int) v); return 0; }),
                outcome(() -> { m.storeI16(a, o, (int) v); return 0; }), "storeI16 " + where);
        assertEquals(outcome(() -> { twin.storeI32(ea, (int) v); return 0; }),
                outcome(() -> { m.storeI32(a, o, (int) v); return 0; }), "storeI32 " + where);
        assertEquals(outcome(() -> { twin.storeI64(ea, v); return 0; }),
                outcome(() -> { m.storeI64(a, o, v); return 0; }), "storeI64 " + where);
        long w = ~v; // the compact forms, with other values so that a missed store shows
        assertEquals(outcome(() -> { twin.storeI8(ea, (int) w); return 0; }),
                outcome(() -> { m.storeI8Compact(a, o, (int) w); return 0; }), "storeI8Compact " + where);
        assertEquals(outcome(() -> { twin.storeI16(ea, (int) w); return 0; }),
                outcome(() -> { m.storeI16Compact(a, o, (int) w); return 0; }), "storeI16Compact " + where);
        assertEquals(outcome(() -> { twin.storeI32(ea, (int) w); return 0; }),
                outcome(() -> { m.storeI32Compact(a, o, (int) w); return 0; }), "storeI32Compact " + where);
        assertEquals(outcome(() -> { twin.storeI64(ea, w); return 0; }),
                outcome(() -> { m.storeI64Compact(a, o, w); return 0; }), "storeI64Compact " + where);
    }

    static void assertSameBytes(Memory a, Memory b) {
        assertEquals(a.byteSize(), b.byteSize());
        for (long i = 0; i < a.byteSize(); i += 8) {
            assertEquals(b.loadI64(i), a.loadI64(i), "bytes at " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MemoryLayouts.class, names = {"FLAT", "SEGMENTED", "TINY_CHUNKS", "SHARED", "BYTE_PAGES"})
    void matchesTheLongAddressPathAtEveryEdge(MemoryLayouts layout) {
        Memory m = layout.create();
        Memory twin = layout.create();
        fill(m);
        fill(twin);
        for (int a : ADDRS) {
            for (int o : OFFSETS) {
                checkLoads(m, a, o);
                checkStores(m, twin, a, o);
            }
        }
        assertSameBytes(m, twin);
    }

    @Test
    void followsGrowthAndTheSwitchToSegmented() {
        // Flat up to 2 pages, then segmented: the fast path must widen with the size, then step aside.
        Memory m = Memory.create(1, 4, 16, false, false, Long.MAX_VALUE, 2 * S, 12);
        Memory twin = Memory.create(1, 4, 16, false, false, Long.MAX_VALUE, 2 * S, 12);
        for (int pages = 1; pages <= 4; pages++) {
            if (pages > 1) {
                assertEquals(pages - 1, m.grow(1));
                assertEquals(pages - 1, twin.grow(1));
            }
            int size = pages * S;
            for (int a : new int[] {0, S - 4, S, size - 8, size - 4, size - 1, size, size + 4}) {
                for (int o : new int[] {0, 4, S}) {
                    checkLoads(m, a, o);
                    checkStores(m, twin, a, o);
                }
            }
            assertTrue(m.loadI32(size - 4, 0) == twin.loadI32(size - 4));
        }
        assertSameBytes(m, twin);
    }
}
