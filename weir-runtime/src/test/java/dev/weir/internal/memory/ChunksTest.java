package dev.weir.internal.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Chunk-splitting bulk operations against a flat reference array. */
class ChunksTest {
    private static final int SHIFT = 4; // 16-byte chunks
    private static final int SIZE = 16 * 20 + 9; // partial last chunk

    private static byte[][] table() {
        byte[][] t = new byte[21][];
        for (int i = 0; i < 20; i++) {
            t[i] = new byte[16];
        }
        t[20] = new byte[16]; // capacity beyond SIZE, as in a geometrically grown last chunk
        return t;
    }

    private static byte[] flatten(byte[][] t) {
        byte[] out = new byte[SIZE];
        Chunks.read(t, SHIFT, 0, out, 0, SIZE);
        return out;
    }

    @Test
    void randomBulkOpsMatchReference() {
        Random r = new Random(99);
        byte[][] t = table();
        byte[] ref = new byte[SIZE];
        for (int n = 0; n < 5000; n++) {
            int len = r.nextInt(60);
            int a = r.nextInt(SIZE - len + 1);
            int b = r.nextInt(SIZE - len + 1);
            switch (r.nextInt(4)) {
                case 0: {
                    byte[] src = new byte[len + 3];
                    r.nextBytes(src);
                    Chunks.write(t, SHIFT, a, src, 3, len);
                    System.arraycopy(src, 3, ref, a, len);
                    break;
                }
                case 1: {
                    byte v = (byte) r.nextInt();
                    Chunks.fill(t, SHIFT, a, v, len);
                    java.util.Arrays.fill(ref, a, a + len, v);
                    break;
                }
                case 2:
                    Chunks.copy(t, SHIFT, a, t, SHIFT, b, len, a > b);
                    System.arraycopy(ref, b, ref, a, len);
                    break;
                default: {
                    byte needle = ref[Math.min(SIZE - 1, a + len / 2)];
                    long expect = -1;
                    for (int i = 0; i < len; i++) {
                        if (ref[a + i] == needle) {
                            expect = i;
                            break;
                        }
                    }
                    assertEquals(expect, Chunks.indexOf(t, SHIFT, a, len, needle));
                }
            }
            assertArrayEquals(ref, flatten(t));
        }
    }

    @Test
    void copyBetweenDifferentLayouts() {
        byte[] flat = new byte[SIZE];
        new Random(5).nextBytes(flat);
        byte[][] t = table();
        Chunks.copy(t, SHIFT, 3, new byte[][] {flat}, Chunks.FLAT_SHIFT, 0, SIZE - 3, false);
        byte[] expect = new byte[SIZE];
        System.arraycopy(flat, 0, expect, 3, SIZE - 3);
        assertArrayEquals(expect, flatten(t));
    }

    @Test
    void roundUp8() {
        assertEquals(0, Chunks.roundUp8(0));
        assertEquals(8, Chunks.roundUp8(1));
        assertEquals(8, Chunks.roundUp8(8));
        assertEquals(16, Chunks.roundUp8(9));
    }
}
