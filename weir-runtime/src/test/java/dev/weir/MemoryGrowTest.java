package dev.weir;

import static dev.weir.MemoryWasmAccessTest.assertOob;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** memory.grow semantics, limits, capacity policy, layout transitions and the 4 GiB wasm32 memory. */
class MemoryGrowTest {
    private static final long PAGE = 65536;

    @Test
    void typeAccessors() {
        Memory m = Memory.create(2, 10, 16, false, false, Long.MAX_VALUE);
        assertEquals(2, m.pages());
        assertEquals(2 * PAGE, m.byteSize());
        assertEquals(2, m.minPages());
        assertEquals(10, m.maxPages());
        assertEquals(65536, m.pageSize());
        assertFalse(m.isShared());
        assertFalse(m.isAddress64());
        Memory s = Memory.create(0, 1, 0, true, true, Long.MAX_VALUE);
        assertEquals(1, s.pageSize());
        assertTrue(s.isShared());
        assertTrue(s.isAddress64());
        assertEquals(0, s.byteSize());
        assertOob(() -> s.loadI8U(0));
        assertEquals(-1, Memory.create(0, -1, 16, false, false, Long.MAX_VALUE).maxPages());
    }

    @Test
    void invalidTypesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Memory.create(-1, -1, 16, false, false, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Memory.create(2, 1, 16, false, false, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Memory.create(0, -2, 16, false, false, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Memory.create(65537, -1, 16, false, false, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Memory.create(0, 65537, 16, false, false, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Memory.create(0, 1, 17, false, false, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Memory.create(0, -1, 16, true, false, Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> Memory.create(0, 1, 16, false, false, -1));
        Trap t = assertThrows(Trap.class, () -> Memory.create(4, -1, 16, false, false, 3 * PAGE));
        assertTrue(t.getMessage().contains("exceeds memory limits"), t.getMessage());
        Trap huge = assertThrows(Trap.class, () -> Memory.create(1L << 40, -1, 16, false, true, Long.MAX_VALUE));
        assertTrue(huge.getMessage().contains("could not be allocated"), huge.getMessage());
    }

    @Test
    void growReturnsOldSizeOrMinusOne() {
        Memory m = Memory.create(1, 3, 16, false, false, Long.MAX_VALUE);
        assertEquals(1, m.grow(0));
        assertEquals(1, m.grow(1));
        assertEquals(2, m.pages());
        assertEquals(-1, m.grow(2)); // past max
        assertEquals(2, m.pages());
        assertEquals(-1, m.grow(-1)); // unsigned 2^64-1
        assertEquals(-1, m.grow(Long.MIN_VALUE));
        assertEquals(2, m.grow(1));
        assertEquals(3, m.grow(0));
        assertEquals(-1, m.grow(1));
        m.storeI8(3 * PAGE - 1, 1);
        assertOob(() -> m.storeI8(3 * PAGE, 1));
    }

    @Test
    void wasm32AddressSpaceAndStoreLimit() {
        Memory m = Memory.create(0, -1, 16, false, false, Long.MAX_VALUE);
        assertEquals(-1, m.grow(65537)); // past 4 GiB, no max declared
        assertEquals(-1, m.grow(1L << 48));
        Memory limited = Memory.create(1, -1, 16, false, false, 3 * PAGE + 100);
        assertEquals(1, limited.grow(2));
        assertEquals(-1, limited.grow(1));
        assertEquals(3, limited.pages());
        Memory bytePages = Memory.create(0, -1, 0, false, false, Long.MAX_VALUE);
        assertEquals(-1, bytePages.grow((1L << 32) + 1));
        assertEquals(0, bytePages.grow(5));
        bytePages.storeI32(1, 7);
        assertOob(() -> bytePages.storeI32(2, 7));
        Memory m64 = Memory.create(0, -1, 16, false, true, 10 * PAGE);
        assertEquals(-1, m64.grow(11));
        assertEquals(0, m64.grow(10));
    }

    @Test
    void newPagesAreZeroAndOldDataSurvives() {
        Memory m = Memory.create(1, -1, 16, false, false, Long.MAX_VALUE);
        m.fill(0, 0x77, PAGE);
        for (int i = 0; i < 20; i++) {
            long old = m.grow(1);
            assertEquals(i + 1, old);
            assertEquals(0, m.loadI64(old * PAGE));
            assertEquals(0, m.loadI64((old + 1) * PAGE - 8));
            m.fill(old * PAGE, 0x77, PAGE);
        }
        assertEquals(0x7777777777777777L, m.loadI64(0));
        assertEquals(0x7777777777777777L, m.loadI64(21 * PAGE - 8));
    }

    @Test
    void capacityGrowsGeometrically() {
        Memory m = Memory.create(1, -1, 16, false, false, Long.MAX_VALUE);
        assertEquals(PAGE, m.capacity());
        for (int i = 0; i < 100; i++) {
            m.grow(1);
        }
        assertTrue(m.generation() <= 12, "reallocations: " + m.generation());
        assertTrue(m.capacity() >= m.byteSize());
        Memory capped = Memory.create(1, 3, 16, false, false, Long.MAX_VALUE);
        capped.grow(1);
        capped.grow(1);
        assertTrue(capped.capacity() <= 3 * PAGE, "capacity beyond max: " + capped.capacity());
    }

    @Test
    void growListener() {
        Memory m = Memory.create(1, 2, 16, false, false, Long.MAX_VALUE);
        List<String> events = new ArrayList<>();
        m.setGrowListener((mem, o, n) -> events.add(o + "->" + n));
        m.grow(1);
        m.grow(5); // fails
        m.grow(0); // no change
        assertEquals(List.of("1->2"), events);
        m.setGrowListener(null);
    }

    @Test
    void flatToSegmentedTransitionKeepsData() {
        // flat up to 4 pages, then 64 KiB chunks
        Memory m = Memory.create(1, -1, 16, false, false, Long.MAX_VALUE, 4 * PAGE, 16);
        assertTrue(m.isFlat());
        for (int i = 0; i < 4 * PAGE; i += 4096) {
            if (i >= m.byteSize()) {
                m.grow(1);
            }
            m.storeI32(i, i);
        }
        assertTrue(m.isFlat());
        m.storeI64(4 * PAGE - 4 - 8, 0x1122334455667788L);
        long gen = m.generation();
        assertEquals(4, m.grow(3));
        assertFalse(m.isFlat());
        assertTrue(m.generation() > gen);
        for (int i = 0; i < 4 * PAGE - 4096; i += 4096) {
            assertEquals(i, m.loadI32(i));
        }
        assertEquals(0x1122334455667788L, m.loadI64(4 * PAGE - 12));
        m.storeI64(PAGE - 3, -1L); // straddles a chunk boundary
        assertEquals(-1L, m.loadI64(PAGE - 3));
        assertEquals(0, m.loadI64(7 * PAGE - 8));
        m.storeI64(7 * PAGE - 8, 5);
        for (int i = 0; i < 10; i++) { // last chunk grows without losing data
            m.grow(1);
            assertEquals(5, m.loadI64(7 * PAGE - 8));
        }
        assertOob(() -> m.loadI8U(17 * PAGE));
    }

    @Test
    void segmentedPartialLastChunkGrowth() {
        // 1-byte pages, 256-byte chunks: the last chunk grows geometrically in many small steps
        Memory m = Memory.create(3, -1, 0, false, false, Long.MAX_VALUE, 0, 8);
        byte[] ref = new byte[5000];
        for (int i = 0; m.byteSize() < 5000; i++) {
            int size = (int) m.byteSize();
            m.storeI8(size - 1, i);
            ref[size - 1] = (byte) i;
            m.grow(1 + (i % 7));
        }
        assertArrayEquals(java.util.Arrays.copyOf(ref, (int) m.byteSize()), m.readBytes(0, (int) m.byteSize()));
        assertTrue(m.capacity() < 2 * m.byteSize() + 256, "capacity " + m.capacity());
    }

    @Test
    void sharedMemoryNeverReallocates() {
        Memory m = Memory.create(1, 100, 16, true, false, Long.MAX_VALUE);
        m.storeI32(8, 99);
        for (int i = 0; i < 99; i++) {
            assertEquals(i + 1, m.grow(1));
        }
        assertEquals(0, m.generation());
        assertEquals(99, m.loadI32(8));
        assertEquals(-1, m.grow(1));
    }

    @Test
    void hostAllocationFailureMakesGrowReturnMinusOne() {
        // A chunk table that cannot exist: OutOfMemoryError is thrown and turned into -1.
        Memory m = Memory.create(1, -1, 16, false, true, Long.MAX_VALUE, 0, 3);
        assertEquals(-1, m.grow(1L << 40));
        assertEquals(1, m.pages());
        m.storeI64(0, 1);
        assertEquals(1, m.grow(1));
    }

    @Test
    void growBeyondTheHeapReturnsMinusOne() {
        long max = Runtime.getRuntime().maxMemory();
        Memory m = Memory.create(1, -1, 16, false, true, Long.MAX_VALUE);
        long pages = (max + (4L << 30)) / PAGE; // more than the whole heap
        assertEquals(-1, m.grow(pages));
        assertEquals(1, m.pages());
        assertEquals(0, m.loadI64(PAGE - 8));
        assertEquals(1, m.grow(1));
    }

    @Test
    void fullWasm32Memory4GiB() {
        long max = Runtime.getRuntime().maxMemory();
        assumeTrue(max >= (6L << 30), "skipped: needs -Xmx6g or more for a 4 GiB memory (max heap is "
                + (max >> 20) + " MiB)");
        Memory m = Memory.create(1, 65536, 16, false, false, Long.MAX_VALUE);
        assertEquals(1, m.grow(65535));
        assertEquals(65536, m.pages());
        assertEquals(1L << 32, m.byteSize());
        assertEquals(-1, m.grow(1));
        long end = 1L << 32;
        m.storeI64(end - 8, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, m.loadI64(end - 8));
        assertEquals(0x01, m.loadI8U(end - 1));
        assertOob(() -> m.loadI32(end - 3));
        assertOob(() -> m.loadI8U(end));
        long boundary = 1L << 30; // chunk boundary of the segmented layout
        for (long b : new long[] {boundary, 2 * boundary, 3 * boundary, DEFAULT_FLAT_END}) {
            m.storeI64(b - 3, 0x1122334455667788L);
            assertEquals(0x1122334455667788L, m.loadI64(b - 3));
            m.storeV128(b - 9, 1, 2);
            assertEquals(2, m.loadV128Hi(b - 9));
        }
        m.fill(end - 100, 0xEE, 100);
        m.copy(boundary - 50, end - 100, 100);
        assertEquals(0xEEEEEEEE, m.loadI32(boundary + 10));
        m.writeLong(end - 8, 3);
        assertEquals(3, m.readLong(end - 8));
    }

    private static final long DEFAULT_FLAT_END = Memory.DEFAULT_FLAT_LIMIT;

    @Test
    void segmentedFullAddressSpaceAtSmallScale() {
        // Same shape as the 4 GiB test with 1-byte pages: flat up to 64 bytes, 32-byte chunks.
        Memory m = Memory.create(1, 1024, 0, false, false, Long.MAX_VALUE, 64, 5);
        assertEquals(1, m.grow(1023));
        assertEquals(-1, m.grow(1));
        m.storeI64(1016, 42);
        assertEquals(42, m.loadI64(1016));
        assertOob(() -> m.loadI64(1017));
        for (long b = 32; b < 1024; b += 32) {
            m.storeI64(b - 5, b);
            assertEquals(b, m.loadI64(b - 5));
        }
    }
}
