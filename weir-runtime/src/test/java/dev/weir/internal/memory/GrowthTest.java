package dev.weir.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GrowthTest {
    @Test
    void flatCapacityIsGeometricAndCapped() {
        assertEquals(152, Growth.flatCapacity(100, 101, 1000, 1 << 20)); // x1.5 = 150, rounded up to 8
        assertEquals(208, Growth.flatCapacity(100, 201, 1000, 1 << 20));
        assertEquals(120, Growth.flatCapacity(100, 101, 120, 1 << 20)); // capped by the maximum
        assertEquals(128, Growth.flatCapacity(100, 101, 1000, 128)); // capped by the flat limit
    }

    @Test
    void segmentedReusesFullChunksAndCopiesFromFlat() {
        byte[] flat = new byte[40];
        for (int i = 0; i < 40; i++) {
            flat[i] = (byte) i;
        }
        byte[][] t = Growth.segmented(flat, new byte[][] {flat}, 40, 50, 4, 1000);
        assertEquals(4, t.length);
        assertEquals(16, t[2].length);
        assertEquals(39, t[2][7]);
        assertEquals(8, t[3].length); // 50 - 48 = 2 bytes needed, rounded to 8
        byte[][] t2 = Growth.segmented(null, t, 50, 54, 4, 1000);
        assertSame(t[0], t2[0]);
        assertSame(t[3], t2[3]); // 6 bytes still fit in the 8-byte last chunk
        byte[][] t3 = Growth.segmented(null, t2, 54, 60, 4, 1000);
        assertEquals(16, t3[3].length);
        assertEquals(Growth.capacity(t3), 64);
    }

    @Test
    void sharedAppendsAndNeverMoves() {
        byte[][] t = Growth.shared(new byte[0][], 20, 4);
        assertEquals(2, t.length);
        byte[][] t2 = Growth.shared(t, 32, 4);
        assertSame(t, t2);
        byte[][] t3 = Growth.shared(t, 33, 4);
        assertSame(t[1], t3[1]);
        assertEquals(3, t3.length);
        assertThrows(OutOfMemoryError.class, () -> Growth.shared(t, 1L << 40, 3));
    }
}
