package dev.weir.exchange;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.MalformedStringException;
import dev.weir.Memory;
import dev.weir.Trap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ownership, leak tracking and error handling, independent of the interpreter (a host-side fake allocator). */
class GuestHeapOwnershipTest {
    private Memory memory;
    private FakeAllocator fake;
    private GuestHeap heap;

    @BeforeEach
    void setUp() {
        memory = FakeAllocator.newMemory();
        fake = new FakeAllocator(memory);
        heap = GuestHeap.of(memory, fake);
    }

    @Test
    void copyInWritesBytesAndCloseFreesExactlyOnce() {
        GuestBuffer b = heap.copyIn(new byte[] {1, 2, 3, 4, 5});
        assertEquals(5, b.length());
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, memory.readBytes(b.address(), 5));
        assertEquals(Ownership.HOST, b.ownership());
        assertEquals(1, heap.liveAllocations().size());
        b.close();
        b.close(); // second close: no-op
        assertEquals(1, fake.frees);
        assertTrue(fake.liveBlocks.isEmpty());
        assertTrue(heap.liveAllocations().isEmpty());
        assertFalse(b.isOpen());
    }

    @Test
    void useAfterCloseThrowsIllegalState() {
        GuestBuffer b = heap.copyIn(new byte[] {9, 8, 7});
        b.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, b::ptr);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, b::toByteArray);
        assertThrows(IllegalStateException.class, () -> b.readByte(0));
        assertThrows(IllegalStateException.class, () -> b.writeInt(0, 1));
        assertThrows(IllegalStateException.class, b::view);
        assertThrows(IllegalStateException.class, b::give);
        assertEquals(3, b.length(), "length stays readable");
    }

    @Test
    void giveTransfersOwnershipSoTheHostCannotFreeTwice() {
        GuestBuffer b = heap.copyIn(new byte[] {1, 2, 3, 4, 5});
        long addr = b.address();
        int p = b.give();
        assertEquals(addr, Integer.toUnsignedLong(p));
        // the guest frees it (Vec::from_raw_parts dropped) ...
        fake.free(addr, 5, 1);
        // ... and the host's close cannot free it again: the seed's double free is impossible
        b.close();
        assertEquals(1, fake.frees);
        assertTrue(heap.liveAllocations().isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, b::ptr);
        assertTrue(e.getMessage().contains("given to the guest"), e.getMessage());
        assertThrows(IllegalStateException.class, b::give);
        // the freed address can be reused by the next allocation without a false "already owned"
        fake.next = addr;
        try (GuestBuffer again = heap.copyIn(new byte[5])) {
            assertEquals(addr, again.address());
        }
    }

    @Test
    void liveAllocationsTrackEveryHostOwnedBlock() {
        GuestBuffer a = heap.copyIn(new byte[10]);
        GuestString s = heap.copyInString("héllo");
        GuestBuffer given = heap.copyIn(new byte[3]);
        given.give();
        List<LiveAllocation> live = heap.liveAllocations();
        assertEquals(2, live.size());
        assertEquals(a.address(), live.get(0).address());
        assertEquals(10, live.get(0).size());
        assertEquals("copyIn", live.get(0).origin());
        assertEquals("copyInString", live.get(1).origin());
        assertEquals(6, live.get(1).size());
        assertTrue(heap.leaks().isEmpty(), "reachable handles are not leaks yet");
        a.close();
        assertEquals(1, heap.liveAllocations().size());
        assertEquals(1, heap.freeAll());
        assertFalse(s.isOpen());
        assertEquals(1, fake.liveBlocks.size(), "the given block is the guest's to free");
    }

    @Test
    void unreachableUnclosedHandlesAreReportedNotFreed() throws InterruptedException {
        List<LiveAllocation> reported = new CopyOnWriteArrayList<>();
        heap.onLeak(reported::add).recordAllocationSites(true);
        long addr = leakOne();
        for (int i = 0; i < 200 && reported.isEmpty(); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(1, reported.size(), "the cleaner reports the unreachable handle");
        assertEquals(addr, reported.get(0).address());
        assertTrue(reported.get(0).unreachable());
        assertInstanceOf(Throwable.class, reported.get(0).allocationSite());
        assertEquals(0, fake.frees, "reported, not freed from the cleaner thread");
        assertEquals(1, heap.leaks().size());
        assertEquals(1, heap.freeLeaked());
        assertEquals(1, fake.frees);
        assertTrue(heap.liveAllocations().isEmpty());
    }

    private long leakOne() {
        return heap.copyIn(new byte[] {1, 2, 3}).address(); // handle dropped without close
    }

    @Test
    void zeroLengthBuffersAndStrings() {
        GuestBuffer a = heap.copyIn(new byte[0]);
        GuestBuffer b = heap.copyIn(new byte[0]); // same dangling address: no false overlap
        GuestString s = heap.copyInString("");
        assertEquals(0, a.length());
        assertEquals(a.address(), b.address());
        assertArrayEquals(new byte[0], a.toByteArray());
        assertEquals("", s.read());
        a.close();
        b.close();
        s.close();
        assertEquals(3, fake.frees);
        try (GuestBuffer t = heap.take(1, 0)) {
            assertEquals(0, t.toByteArray().length);
        }
        try (GuestBuffer t = heap.take(0, 0)) {
            assertEquals(0, t.length());
        }
    }

    @Test
    void outOfBoundsGuestPointersAreTypedErrors() {
        long size = memory.byteSize();
        GuestMemoryException e = assertThrows(GuestMemoryException.class, () -> heap.take(size - 2, 5));
        assertTrue(e.getMessage().contains("pointer/length out of bounds"), e.getMessage());
        assertTrue(e.getMessage().contains("memory size=" + size), e.getMessage());
        assertEquals(size - 2, e.address());
        assertEquals(5, e.length());
        assertEquals(size, e.memorySize());
        assertThrows(GuestMemoryException.class, () -> heap.borrow(-1, 1));
        assertThrows(GuestMemoryException.class, () -> heap.borrow(0x1_0000_0000L, 0));
        assertThrows(GuestMemoryException.class, () -> heap.takeString(size, 1, UTF_8));
        GuestMemoryException nul = assertThrows(GuestMemoryException.class, () -> heap.take(0, 4));
        assertTrue(nul.getMessage().contains("null pointer"), nul.getMessage());
        assertTrue(heap.liveAllocations().isEmpty());
        // reads past the end of a valid buffer are rejected too
        try (GuestBuffer b = heap.copyIn(new byte[4])) {
            assertThrows(dev.weir.MemoryAccessException.class, () -> b.readInt(1));
        }
    }

    @Test
    void allocatorFailuresAreGuestAllocationExceptions() {
        fake.forcedResult = 0;
        GuestAllocationException nul = assertThrows(GuestAllocationException.class, () -> heap.copyIn(new byte[8]));
        assertTrue(nul.getMessage().contains("returned 0 (null) for 8 bytes"), nul.getMessage());
        assertTrue(nul.getMessage().contains("fake alloc/free"), nul.getMessage());
        assertEquals(8, nul.requestedSize());

        fake.forcedResult = memory.byteSize() - 4;
        GuestAllocationException oob = assertThrows(GuestAllocationException.class, () -> heap.copyIn(new byte[8]));
        assertTrue(oob.getMessage().contains("out-of-bounds block"), oob.getMessage());

        fake.trapOnAlloc = true;
        GuestAllocationException trap = assertThrows(GuestAllocationException.class, () -> heap.copyInString("x"));
        assertInstanceOf(Trap.class, trap.getCause());
        assertTrue(trap.getMessage().contains("trapped allocating 1 bytes"), trap.getMessage());
        fake.trapOnAlloc = false;

        assertThrows(GuestAllocationException.class, () -> heap.allocate(-1));
        assertThrows(IllegalArgumentException.class, () -> heap.allocate(4, 3));
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void allocatorHandingOutALiveBlockIsDetected() {
        GuestBuffer a = heap.copyIn(new byte[16]);
        fake.forcedResult = a.address() + 8;
        GuestAllocationException e = assertThrows(GuestAllocationException.class, () -> heap.copyIn(new byte[4]));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        a.close();
    }

    @Test
    void takingTheSameBlockTwiceIsRefused() {
        long p = fake.allocate(5, 1);
        GuestBuffer first = heap.take(p, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> heap.take(p, 5));
        assertTrue(e.getMessage().contains("free it twice"), e.getMessage());
        first.close();
        assertEquals(1, fake.frees);
    }

    @Test
    void invalidUtf8NamesTheByte() {
        long p = fake.allocate(3, 1);
        memory.write(p, new byte[] {'a', (byte) 0xC3, '('});
        try (GuestString s = heap.borrowString(p, 3, UTF_8)) {
            MalformedStringException e = assertThrows(MalformedStringException.class, s::read);
            assertTrue(e.getMessage().contains("invalid utf-8 at byte 1"), e.getMessage());
            assertEquals(1, e.index());
        }
        // takeString frees even when decoding fails
        assertThrows(MalformedStringException.class, () -> heap.takeString(p, 3, UTF_8));
        assertEquals(1, fake.frees);
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void unencodableHostStringsAllocateNothing() {
        MalformedStringException e = assertThrows(MalformedStringException.class,
                () -> heap.copyInString("ab\uD800c", UTF_8));
        assertTrue(e.getMessage().contains("unpaired surrogate U+D800 at char 2"), e.getMessage());
        assertThrows(MalformedStringException.class, () -> heap.copyInString("€", ISO_8859_1));
        assertThrows(MalformedStringException.class, () -> heap.copyInCString("a\0b"));
        assertTrue(fake.log.isEmpty(), "nothing was allocated: " + fake.log);
    }

    @Test
    void stringsInEveryEncoding() {
        try (GuestString u8 = heap.copyInString("grüße, ﬁx")) {
            assertEquals(13, u8.byteLength());
            assertEquals("grüße, ﬁx", u8.read());
        }
        try (GuestString u16 = heap.copyInString("a\uD800b", UTF_16LE)) { // lone surrogates survive UTF-16
            assertEquals(6, u16.byteLength());
            assertEquals("a\uD800b", u16.read());
        }
        try (GuestString l1 = heap.copyInString("café", ISO_8859_1)) {
            assertEquals(4, l1.byteLength());
            assertEquals("café", l1.read());
        }
        try (GuestString c = heap.copyInCString("hi")) {
            assertEquals(2, c.byteLength());
            assertEquals(0, memory.readByte(c.address() + 2));
            assertEquals(3, heap.liveAllocations().get(0).size(), "the block includes the NUL");
        }
        long p = fake.allocate(4, 1);
        memory.writeString(p, "ok!!");
        assertEquals("ok!!", heap.takeString(p, 4, UTF_8));
        assertTrue(fake.liveBlocks.isEmpty());
    }

    @Test
    void primitiveArraysRoundTripLittleEndian() {
        try (GuestBuffer b = heap.copyIn(new int[] {1, -2, 3, 40000})) {
            assertEquals(16, b.length());
            assertEquals(0, b.address() % 4);
            assertEquals(1, b.readByte(0));
            assertArrayEquals(new int[] {1, -2, 3, 40000}, b.toIntArray());
        }
        try (GuestBuffer b = heap.copyIn(new long[] {Long.MIN_VALUE, 7})) {
            assertArrayEquals(new long[] {Long.MIN_VALUE, 7}, b.toLongArray());
        }
        try (GuestBuffer b = heap.copyIn(new short[] {-1, 2})) {
            assertArrayEquals(new short[] {-1, 2}, b.toShortArray());
        }
        try (GuestBuffer b = heap.copyIn(new float[] {1.5f, Float.NaN})) {
            assertArrayEquals(new float[] {1.5f, Float.NaN}, b.toFloatArray());
        }
        try (GuestBuffer b = heap.copyIn(new double[] {Math.PI})) {
            assertArrayEquals(new double[] {Math.PI}, b.toDoubleArray());
        }
        try (GuestBuffer odd = heap.copyIn(new byte[3])) {
            assertThrows(IllegalStateException.class, odd::toIntArray);
        }
    }

    @Test
    void handlesNeverReadAStaleArrayAfterGrowth() {
        GuestBuffer b = heap.copyIn(new byte[] {10, 20, 30});
        GuestBuffer borrowed = heap.borrow(b.address(), 3);
        var view = b.view();
        for (int i = 0; i < 5; i++) {
            assertNotEquals(-1, memory.grow(3)); // reallocates the flat storage
        }
        b.writeByte(0, 11); // written through the new storage ...
        assertArrayEquals(new byte[] {11, 20, 30}, b.toByteArray());
        assertArrayEquals(new byte[] {11, 20, 30}, borrowed.toByteArray()); // ... and seen by every handle
        assertEquals(11, view.readByte(0));
        b.close();
    }

    @Test
    void allocationsThatGrowMemoryStayValid() {
        fake.growPagesPerAlloc = 2;
        GuestString s = heap.copyInString("this should be uppercase");
        GuestBuffer b = heap.copyIn(new byte[] {1, 2, 3}); // grows memory between copyIn and read
        assertEquals("this should be uppercase", s.read());
        assertArrayEquals(new byte[] {1, 2, 3}, b.toByteArray());
        heap.freeAll();
        assertEquals(2, fake.frees);
    }

    @Test
    void borrowedBuffersAreReadOnlyAndNeverFreed() {
        long p = fake.allocate(4, 1);
        GuestBuffer b = heap.borrow(p, 4);
        assertEquals(Ownership.BORROWED, b.ownership());
        assertThrows(IllegalStateException.class, () -> b.writeByte(0, 1));
        assertThrows(IllegalStateException.class, b::give);
        assertTrue(heap.liveAllocations().isEmpty(), "borrows are not host allocations");
        b.close();
        assertEquals(0, fake.frees);
        assertThrows(IllegalStateException.class, b::toByteArray);
    }

    @Test
    void freeTrapsPropagateOnceAndTheHandleStaysClosed() {
        GuestBuffer b = heap.copyIn(new byte[4]);
        fake.free(b.address(), 4, 1); // the guest freed it behind the host's back
        Trap t = assertThrows(Trap.class, b::close);
        assertTrue(t.getMessage().contains("double or invalid free"), t.getMessage());
        b.close(); // not retried
        assertEquals(2, fake.frees);
        assertTrue(heap.liveAllocations().isEmpty());
    }

    @Test
    void callHelpersNeedAnInstance() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> heap.callString("upper", "x"));
        assertTrue(e.getMessage().contains("no instance"), e.getMessage());
    }
}
