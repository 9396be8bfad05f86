package dev.weir.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AtomicsTest {
    @Test
    void varHandleAtomicsAvailableOnHotSpot() {
        // Not a requirement (there is a locking fallback), but the fast path should be the one tested.
        assertTrue(Atomics.VARHANDLE_ATOMICS, "byte[] VarHandle atomics unavailable on this JVM");
    }

    @Test
    void narrowCasTouchesOnlyItsBytes() {
        for (boolean shared : new boolean[] {false, true}) {
            byte[] c = new byte[8];
            for (int off = 0; off < 8; off++) {
                c[off] = (byte) (0x10 + off);
            }
            assertEquals(0x13, Atomics.rmw(c, 3, 1, Atomics.ADD, 0xF0, shared));
            assertEquals(0x1716, Atomics.rmw(c, 6, 2, Atomics.XCHG, 0xBEEF, shared));
            assertEquals(0x11, Atomics.cmpxchg(c, 1, 1, 0x11, 0x99, shared));
            assertEquals(0x99, Atomics.cmpxchg(c, 1, 1, 0x11, 0x55, shared));
            assertEquals(0x1514, Atomics.load(c, 4, 2, shared));
            Atomics.store(c, 0, 1, 0x1FF, shared);
            byte[] expect = {(byte) 0xFF, (byte) 0x99, 0x12, 0x03, 0x14, 0x15, (byte) 0xEF, (byte) 0xBE};
            assertEquals(java.util.Arrays.toString(expect), java.util.Arrays.toString(c), "shared=" + shared);
            assertEquals(0xBEEF1514L, Atomics.load(c, 4, 4, shared));
            assertEquals(0xBEEF15140312_99FFL, Atomics.load(c, 0, 8, shared));
        }
    }
}
