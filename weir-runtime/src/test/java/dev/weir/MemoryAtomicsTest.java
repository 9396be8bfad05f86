package dev.weir;

import static dev.weir.MemoryWasmAccessTest.assertOob;
import static dev.weir.MemoryWasmAccessTest.assertTrap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Threads-proposal atomics: semantics on every layout, real concurrency on shared memories. */
class MemoryAtomicsTest {
    private static final long S = MemoryLayouts.SIZE;

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void loadsStoresAndRmw(MemoryLayouts layout) {
        Memory m = layout.create();
        m.storeI64(0, 0x1111111111111111L);
        assertEquals(0x11, m.atomicLoadI8(0));
        assertEquals(0x1111, m.atomicLoadI16(0));
        assertEquals(0x11111111, m.atomicLoadI32(0));
        assertEquals(0x1111111111111111L, m.atomicLoadI64(0));

        assertEquals(0x11111111, m.atomicRmwAddI32(0, 0x12345678));
        assertEquals(0x23456789, m.loadI32(0));
        assertEquals(0x23456789, m.atomicRmwSubI32(0, 0x12345678));
        assertEquals(0x11111111, m.atomicRmwAndI32(0, 0x0F0F0F0F));
        assertEquals(0x01010101, m.atomicRmwOrI32(0, 0xF0000000));
        assertEquals(0xF1010101, m.atomicRmwXorI32(0, -1));
        assertEquals(0x0EFEFEFE, m.atomicRmwXchgI32(0, 7));
        assertEquals(7, m.loadI32(0));

        m.storeI64(8, -1);
        assertEquals(-1, m.atomicRmwAddI64(8, 1));
        assertEquals(0, m.atomicRmwSubI64(8, 1));
        assertEquals(-1, m.atomicRmwAndI64(8, 0xFF00));
        assertEquals(0xFF00, m.atomicRmwOrI64(8, 1));
        assertEquals(0xFF01, m.atomicRmwXorI64(8, 0xFF01));
        assertEquals(0, m.atomicRmwXchgI64(8, Long.MIN_VALUE));
        assertEquals(Long.MIN_VALUE, m.loadI64(8));

        // narrow RMW: zero-extended results, wraps within its width, neighbours untouched
        m.storeI32(16, 0xAABBCCFF);
        assertEquals(0xFF, m.atomicRmwAddI8(16, 1));
        assertEquals(0xAABBCC00, m.loadI32(16));
        assertEquals(0xCC00, m.atomicRmwSubI16(16, 1));
        assertEquals(0xAABBCBFF, m.loadI32(16));
        assertEquals(0xCB, m.atomicRmwXchgI8(17, 0x1FF));
        assertEquals(0xAABBFFFF, m.loadI32(16));
        assertEquals(0xAABB, m.atomicRmwAndI16(18, 0x0F0F));
        assertEquals(0x0A0B, m.atomicRmwOrI16(18, 0xF000));
        assertEquals(0xFA0B, m.atomicRmwXorI16(18, 0xFFFF));
        assertEquals(0x05F4FFFF, m.loadI32(16));
        assertEquals(0xFF, m.atomicRmwAndI8(16, 0x0F));
        assertEquals(0x0F, m.atomicRmwOrI8(16, 0x30));
        assertEquals(0x3F, m.atomicRmwXorI8(16, 0x3F));
        assertEquals(0x05F4FF00, m.loadI32(16));
        assertEquals(0xFF00, m.atomicRmwXchgI16(16, 0x12345));
        assertEquals(0x05F42345, m.loadI32(16));
        assertEquals(0x05F4, m.atomicRmwAddI16(18, 0x10000)); // adds 0 within 16 bits
        assertEquals(0x05F42345, m.loadI32(16));

        m.atomicStoreI8(24, 0x1AB);
        m.atomicStoreI16(26, 0x1CDEF);
        assertEquals(0xCDEF00AB, m.loadI32(24));
        m.atomicStoreI32(28, -1);
        m.atomicStoreI64(32, 0x0102030405060708L);
        assertEquals(-1, m.loadI32(28));
        assertEquals(0x0102030405060708L, m.loadI64(32));
        // memory end: aligned accesses at the last slot work
        m.atomicStoreI64(S - 8, 3);
        assertEquals(3, m.atomicRmwAddI64(S - 8, 1));
        assertEquals(4, m.atomicLoadI8(S - 8));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void cmpxchg(MemoryLayouts layout) {
        Memory m = layout.create();
        m.storeI64(0, 0x1111111111111111L);
        assertEquals(0x11111111, m.atomicCmpxchgI32(0, 0, 0x12345678)); // mismatch: unchanged
        assertEquals(0x11111111, m.loadI32(0));
        assertEquals(0x11111111, m.atomicCmpxchgI32(0, 0x11111111, 0x12345678));
        assertEquals(0x12345678, m.loadI32(0));
        assertEquals(0x1111111112345678L, m.atomicCmpxchgI64(0, 0x1111111112345678L, 5));
        assertEquals(5, m.loadI64(0));
        assertEquals(5, m.atomicCmpxchgI64(0, 6, 7));
        assertEquals(5, m.loadI64(0));
        m.storeI32(8, 0x11111111);
        assertEquals(0x11, m.atomicCmpxchgI8(8, 0, 0xCDCDCDCD));
        assertEquals(0x11111111, m.loadI32(8));
        assertEquals(0x11, m.atomicCmpxchgI8(9, 0x111, 0xCDCDCDCD)); // expected is wrapped to 8 bits
        assertEquals(0x1111CD11, m.loadI32(8));
        assertEquals(0x1111, m.atomicCmpxchgI16(10, 0x1111, 0xCAFECAFE));
        assertEquals(0xCAFECD11, m.loadI32(8));
        assertEquals(0xCAFE, m.atomicCmpxchgI16(10, 0xCAFD, 0));
        assertEquals(0xCAFECD11, m.loadI32(8));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void alignmentAndBounds(MemoryLayouts layout) {
        Memory m = layout.create();
        assertTrap("unaligned atomic", () -> m.atomicLoadI16(1));
        assertTrap("unaligned atomic", () -> m.atomicLoadI32(2));
        assertTrap("unaligned atomic", () -> m.atomicLoadI64(4));
        assertTrap("unaligned atomic", () -> m.atomicStoreI32(1, 0));
        assertTrap("unaligned atomic", () -> m.atomicRmwAddI16(3, 0));
        assertTrap("unaligned atomic", () -> m.atomicRmwXchgI64(12, 0));
        assertTrap("unaligned atomic", () -> m.atomicCmpxchgI32(6, 0, 0));
        assertTrap("unaligned atomic", () -> m.atomicNotify(1, 1));
        assertTrap("unaligned atomic", () -> m.atomicWait64(4, 0, 0));
        assertTrap("unaligned atomic", () -> m.atomicLoadI32(-1)); // alignment is checked first
        m.atomicLoadI8(S - 1);
        assertOob(() -> m.atomicLoadI8(S));
        assertOob(() -> m.atomicLoadI32(S));
        assertOob(() -> m.atomicStoreI64(S, 0));
        assertOob(() -> m.atomicRmwAddI64(-8, 0));
        assertOob(() -> m.atomicCmpxchgI64(Long.MIN_VALUE, 0, 0));
        assertOob(() -> m.atomicNotify(S, 1));
        assertOob(() -> m.atomicWait32(S, 0, 0));
    }

    @Test
    void waitAndNotifyOnUnsharedMemory() {
        Memory m = Memory.create(1, 1, 16, false, false, Long.MAX_VALUE);
        assertEquals(0, m.atomicNotify(0, 10));
        assertTrap("expected shared memory", () -> m.atomicWait32(0, 0, 0));
        assertTrap("expected shared memory", () -> m.atomicWait64(0, 0, -1));
    }

    @Test
    void waitResultsOnSharedMemory() {
        Memory m = Memory.create(1, 1, 16, true, false, Long.MAX_VALUE);
        m.storeI64(0, 0xFFFFFFFFFFFFL);
        assertEquals(1, m.atomicWait32(0, 0, 0)); // not-equal
        assertEquals(1, m.atomicWait64(0, 0, 0));
        assertEquals(0, m.atomicNotify(0, 0));
        assertEquals(2, m.atomicWait32(0, -1, 0)); // equal, timeout 0: timed-out
        long t0 = System.nanoTime();
        assertEquals(2, m.atomicWait64(0, 0xFFFFFFFFFFFFL, 20_000_000));
        assertTrue(System.nanoTime() - t0 >= 19_000_000);
        assertEquals(0, m.waitingAt(0));
    }

    @Test
    @Timeout(20)
    void notifyWakesWaitersAcrossThreads() throws Exception {
        Memory m = Memory.create(1, 1, 16, true, false, Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> m.atomicWait32(64, 0, -1)));
            }
            while (m.waitingAt(64) < 3) {
                Thread.sleep(1);
            }
            assertEquals(0, m.atomicNotify(128, 5)); // other address: nobody
            assertEquals(2, m.atomicNotify(64, 2));
            assertEquals(1, m.atomicNotify(64, -1)); // count is unsigned: "all"
            for (Future<Integer> f : results) {
                assertEquals(0, f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void concurrentRmwIsAtomic() throws Exception {
        Memory m = Memory.create(1, 1, 16, true, false, Long.MAX_VALUE);
        int threads = 4;
        int iters = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                fs.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < iters; i++) {
                        m.atomicRmwAddI32(0, 1);
                        m.atomicRmwAddI64(8, 3);
                        m.atomicRmwAddI8(16 + id, 1); // neighbouring bytes in one word
                        m.atomicRmwAddI16(24 + 2 * id, 1);
                        int old;
                        do {
                            old = m.atomicLoadI32(40);
                        } while (m.atomicCmpxchgI32(40, old, old + 2) != old);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * iters, m.loadI32(0));
        assertEquals(3L * threads * iters, m.loadI64(8));
        for (int t = 0; t < threads; t++) {
            assertEquals(iters & 0xFF, m.loadI8U(16 + t));
            assertEquals(iters & 0xFFFF, m.loadI16U(24 + 2 * t));
        }
        assertEquals(2 * threads * iters, m.loadI32(40));
    }

    @Test
    @Timeout(60)
    void sharedMemoryGrowsWhileOtherThreadsAccessIt() throws Exception {
        Memory m = Memory.create(1, 256, 16, true, false, Long.MAX_VALUE, 0, 12);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> reader = pool.submit(() -> {
                long sum = 0;
                while (m.pages() < 256) {
                    long top = m.byteSize() - 8;
                    m.storeI64(top, top);
                    sum += m.loadI64(top) == top ? 1 : 0;
                    m.atomicRmwAddI32(0, 1);
                }
                return sum;
            });
            for (int i = 1; i < 256; i++) {
                assertEquals(i, m.grow(1));
            }
            assertTrue(reader.get(30, TimeUnit.SECONDS) >= 0);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(256, m.pages());
        long top = 255L * 65536 - 8; // written by the reader before the last grow (or still zero)
        assertTrue(m.loadI64(top) == top || m.loadI64(top) == 0);
        m.storeI64(256L * 65536 - 8, 1);
        assertEquals(1, m.atomicLoadI64(256L * 65536 - 8));
    }
}
