package dev.weir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Wasm-level loads, stores and bulk operations, run against every storage layout. */
class MemoryWasmAccessTest {
    private static final long S = MemoryLayouts.SIZE;

    static void assertTrap(String msg, Executable e) {
        Trap t = assertThrows(Trap.class, e);
        assertEquals(msg, t.getMessage());
    }

    static void assertOob(Executable e) {
        assertTrap("out of bounds memory access", e);
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void littleEndianRoundTrips(MemoryLayouts layout) {
        Memory m = layout.create();
        m.storeI32(0, 0x11223344);
        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, m.readBytes(0, 4));
        m.storeI64(8, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, m.loadI64(8));
        assertEquals(0x05060708, m.loadI32(8));
        assertEquals(0x0708, m.loadI16U(8));
        assertEquals(0x08, m.loadI8U(8));
        m.storeI16(16, 0xBEEF);
        assertEquals(0xBEEF, m.loadI16U(16));
        assertEquals((short) 0xBEEF, m.loadI16S(16));
        m.storeI8(20, 0x80);
        assertEquals(-128, m.loadI8S(20));
        assertEquals(128, m.loadI8U(20));
        m.storeI32(24, -2);
        assertEquals(0xFFFF_FFFEL, m.loadI32U(24));
        m.storeF32(32, 1.5f);
        assertEquals(1.5f, m.loadF32(32));
        m.storeF64(40, -2.25);
        assertEquals(-2.25, m.loadF64(40));
        m.storeI32(48, 0x7fa00001); // signalling NaN bits survive the integer path
        assertEquals(0x7fa00001, m.loadI32(48));
        m.storeV128(64, 0x1111111122222222L, 0x3333333344444444L);
        assertEquals(0x1111111122222222L, m.loadV128Lo(64));
        assertEquals(0x3333333344444444L, m.loadV128Hi(64));
        assertEquals(0x3333333344444444L, m.loadI64(72));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void straddlingChunkBoundaries(MemoryLayouts layout) {
        Memory m = layout.create();
        long c = layout.chunk();
        long b = c < S ? c * 3 : S / 2;
        for (int k = 1; k < 16; k++) {
            long a = b - k;
            m.storeI64(a, 0x8877665544332211L + k);
            assertEquals(0x8877665544332211L + k, m.loadI64(a));
            m.storeI32(a, 0xCAFEBABE + k);
            assertEquals(0xCAFEBABE + k, m.loadI32(a));
            m.storeI16(a, 0x8001 + k);
            assertEquals((short) (0x8001 + k), m.loadI16S(a));
            m.storeV128(a, k, -k);
            assertEquals(k, m.loadV128Lo(a));
            assertEquals(-k, m.loadV128Hi(a));
            assertEquals(k, m.readLong(a));
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void exactEdges(MemoryLayouts layout) {
        Memory m = layout.create();
        m.storeI8(S - 1, 7);
        assertEquals(7, m.loadI8U(S - 1));
        m.storeI16(S - 2, 0x1234);
        m.storeI32(S - 4, 0x12345678);
        m.storeI64(S - 8, 42);
        assertEquals(42, m.loadI64(S - 8));
        m.storeV128(S - 16, 1, 2);
        assertEquals(2, m.loadV128Hi(S - 16));

        assertOob(() -> m.loadI8U(S));
        assertOob(() -> m.loadI8S(S));
        assertOob(() -> m.loadI16U(S - 1));
        assertOob(() -> m.loadI32(S - 3));
        assertOob(() -> m.loadI64(S - 7));
        assertOob(() -> m.loadF32(S - 3));
        assertOob(() -> m.loadF64(S - 7));
        assertOob(() -> m.loadV128Lo(S - 15));
        assertOob(() -> m.loadV128Hi(S - 15));
        assertOob(() -> m.loadI32U(S));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void overflowingAddresses(MemoryLayouts layout) {
        Memory m = layout.create();
        long[] bad = {-1, -4, -8, -16, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 3, 1L << 32,
            (1L << 32) - 1, S, S + 1};
        for (long a : bad) {
            assertOob(() -> m.loadI8U(a));
            assertOob(() -> m.loadI32(a));
            assertOob(() -> m.loadI64(a));
            assertOob(() -> m.loadV128Lo(a));
            assertOob(() -> m.storeI8(a, 1));
            assertOob(() -> m.storeI32(a, 1));
            assertOob(() -> m.storeI64(a, 1));
            assertOob(() -> m.storeV128(a, 1, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void failedStoresWriteNothing(MemoryLayouts layout) {
        Memory m = layout.create();
        assertOob(() -> m.storeI32(S - 3, -1));
        assertOob(() -> m.storeI64(S - 1, -1));
        assertOob(() -> m.storeI16(S - 1, -1));
        assertOob(() -> m.storeV128(S - 8, -1, -1));
        assertArrayEquals(new byte[16], m.readBytes(S - 16, 16));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void fillBounds(MemoryLayouts layout) {
        Memory m = layout.create();
        m.fill(S - 10, 0xAB, 10);
        assertEquals(0xAB, m.loadI8U(S - 1));
        assertEquals(0, m.loadI8U(S - 11));
        m.fill(S, 1, 0); // zero length at the very end is fine (spec: d + n > len traps, equal is fine)
        assertOob(() -> m.fill(S + 1, 1, 0));
        assertOob(() -> m.fill(S - 20, 0xCD, 21));
        assertOob(() -> m.fill(0, 1, -1L)); // 2^64 - 1 bytes
        assertOob(() -> m.fill(-1L, 1, 2)); // wraps to 0 if added naively
        assertOob(() -> m.fill(Long.MAX_VALUE, 1, Long.MAX_VALUE));
        assertEquals(0, m.loadI8U(S - 20)); // nothing written by the failed fill
        m.fill(0, 0x5A, S);
        assertEquals(0x5A5A5A5A, m.loadI32(S / 2 + 1));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void initChecksBothRangesFirst(MemoryLayouts layout) {
        Memory m = layout.create();
        byte[] data = {1, 2, 3, 4, 5, 6, 7, 8};
        m.init(S - 8, data, 0, 8);
        assertEquals(0x0807060504030201L, m.loadI64(S - 8));
        m.fill(0, 0, S);
        assertOob(() -> m.init(S - 4, data, 0, 8)); // dst OOB
        assertOob(() -> m.init(0, data, 4, 5)); // src OOB
        assertOob(() -> m.init(0, data, -1L, 2)); // src offset wraps
        assertOob(() -> m.init(0, data, 0, -1L));
        assertOob(() -> m.init(S + 1, data, 0, 0));
        assertOob(() -> m.init(0, data, 9, 0));
        assertOob(() -> m.init(0, new byte[0], 0, 1)); // dropped segment
        m.init(S, data, 8, 0);
        m.init(0, new byte[0], 0, 0);
        assertArrayEquals(new byte[4], m.readBytes(S - 4, 4));
        assertEquals(0, m.loadI64(0));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void copyBoundsAndOverlap(MemoryLayouts layout) {
        Memory m = layout.create();
        assertOob(() -> m.copy(0, S - 3, 4));
        assertOob(() -> m.copy(S - 3, 0, 4));
        assertOob(() -> m.copy(0, 0, -1L));
        assertOob(() -> m.copy(-1L, 0, 2));
        assertOob(() -> m.copy(S + 1, 0, 0));
        m.copy(S, S, 0);
        byte[] ref = new byte[(int) S];
        Random r = new Random(42);
        r.nextBytes(ref);
        m.write(0, ref);
        for (int i = 0; i < 300; i++) {
            int len = r.nextInt(i % 10 == 0 ? 20000 : 100);
            int src = r.nextInt((int) S - len + 1);
            int dst = Math.max(0, Math.min((int) S - len, src + r.nextInt(2 * len + 3) - len - 1));
            if (i % 7 == 0) {
                dst = r.nextInt((int) S - len + 1);
            }
            System.arraycopy(ref, src, ref, dst, len);
            m.copy(dst, src, len);
        }
        assertArrayEquals(ref, m.readBytes(0, (int) S));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void copyFromOtherMemory(MemoryLayouts layout) {
        Memory dst = layout.create();
        for (MemoryLayouts other : MemoryLayouts.values()) {
            Memory src = other.create();
            byte[] data = new byte[5000];
            new Random(other.ordinal()).nextBytes(data);
            src.write(100, data);
            dst.copyFrom(src, 100, 4000, data.length);
            assertArrayEquals(data, dst.readBytes(4000, data.length), other.name());
            assertOob(() -> dst.copyFrom(src, S - 10, 0, 11));
            assertOob(() -> dst.copyFrom(src, 0, S - 10, 11));
            assertOob(() -> dst.copyFrom(src, -1L, 0, 2));
        }
        dst.copyFrom(dst, 0, 1, 10); // same memory: memmove
    }

    /** Random differential run against a plain byte[] model: catches straddle and chunk-math bugs. */
    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void randomOpsMatchReferenceModel(MemoryLayouts layout) {
        Memory m = layout.create();
        byte[] ref = new byte[(int) S];
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(ref).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Random r = new Random(7 + layout.ordinal());
        for (int i = 0; i < 20000; i++) {
            int a = r.nextBoolean() ? r.nextInt((int) S) : (int) (S - 1 - r.nextInt(20));
            long v = r.nextLong();
            switch (r.nextInt(6)) {
                case 0:
                    if (a + 8 <= S) { m.storeI64(a, v); bb.putLong(a, v); } else { assertOob(() -> m.storeI64(a, v)); }
                    break;
                case 1:
                    if (a + 4 <= S) { m.storeI32(a, (int) v); bb.putInt(a, (int) v); } else { assertOob(() -> m.storeI32(a, (int) v)); }
                    break;
                case 2:
                    if (a + 2 <= S) { m.storeI16(a, (int) v); bb.putShort(a, (short) v); } else { assertOob(() -> m.storeI16(a, (int) v)); }
                    break;
                case 3:
                    if (a + 8 <= S) { assertEquals(bb.getLong(a), m.loadI64(a)); } else { assertOob(() -> m.loadI64(a)); }
                    break;
                case 4:
                    if (a + 4 <= S) { assertEquals(bb.getInt(a), m.loadI32(a)); } else { assertOob(() -> m.loadI32(a)); }
                    break;
                default:
                    if (a + 2 <= S) { assertEquals(bb.getShort(a), m.loadI16S(a)); } else { assertOob(() -> m.loadI16S(a)); }
                    break;
            }
        }
        assertArrayEquals(ref, m.readBytes(0, (int) S));
    }
}
