package dev.weir.internal.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.MalformedStringException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringsTest {
    private static int jdkInvalidIndex(byte[] b) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        CoderResult r = d.decode(in, CharBuffer.allocate(b.length + 1), true);
        return r.isError() ? in.position() : -1;
    }

    private static int idx(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        assertEquals(jdkInvalidIndex(b), Strings.invalidUtf8Index(b, 0, b.length), "JDK disagrees");
        return Strings.invalidUtf8Index(b, 0, b.length);
    }

    @Test
    void utf8EdgeCases() {
        assertEquals(-1, idx());
        assertEquals(-1, idx('a', 0x7F));
        assertEquals(-1, idx(0xC2, 0x80));
        assertEquals(-1, idx(0xE0, 0xA0, 0x80));
        assertEquals(-1, idx(0xED, 0x9F, 0xBF)); // U+D7FF
        assertEquals(-1, idx(0xF0, 0x90, 0x80, 0x80));
        assertEquals(-1, idx(0xF4, 0x8F, 0xBF, 0xBF)); // U+10FFFF
        assertEquals(0, idx(0x80));
        assertEquals(0, idx(0xC0, 0x80)); // overlong NUL
        assertEquals(0, idx(0xC1, 0xBF));
        assertEquals(1, idx('x', 0xE0, 0x80, 0x80)); // overlong
        assertEquals(0, idx(0xED, 0xA0, 0x80)); // surrogate
        assertEquals(0, idx(0xF0, 0x80, 0x80, 0x80));
        assertEquals(0, idx(0xF4, 0x90, 0x80, 0x80)); // > U+10FFFF
        assertEquals(0, idx(0xF5, 0x80, 0x80, 0x80));
        assertEquals(0, idx(0xFF));
        assertEquals(2, idx('a', 'b', 0xE2, 0x82)); // truncated at end
        assertEquals(0, idx(0xC3, 'a'));
    }

    @Test
    void utf8ValidatorMatchesJdkOnRandomInput() {
        Random r = new Random(1234);
        int[] pool = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        for (int n = 0; n < 50_000; n++) {
            byte[] b = new byte[r.nextInt(12)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : pool[r.nextInt(pool.length)]);
            }
            assertEquals(jdkInvalidIndex(b), Strings.invalidUtf8Index(b, 0, b.length),
                    () -> java.util.Arrays.toString(b));
        }
    }

    @Test
    void decodeAndEncode() {
        assertEquals("añ€𝄞", Strings.decode("añ€𝄞".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 0));
        MalformedStringException e = assertThrows(MalformedStringException.class,
                () -> Strings.decode(new byte[] {'o', 'k', (byte) 0xFF}, StandardCharsets.UTF_8, 0x1000));
        assertEquals("invalid utf-8 at byte 2 (address 0x1002)", e.getMessage());
        assertEquals(-1, Strings.unpairedSurrogateIndex("a\uD83D\uDE00b"));
        assertEquals(1, Strings.unpairedSurrogateIndex("a\uDE00"));
        assertEquals(1, Strings.unpairedSurrogateIndex("a\uD83D"));
        assertEquals(1, Strings.unpairedSurrogateIndex("a\uD83Dx"));
        assertThrows(MalformedStringException.class, () -> Strings.encode("\uD800", StandardCharsets.UTF_8, 0));
        assertArrayEquals(new byte[] {'h', 0, 'i', 0}, Strings.encode("hi", StandardCharsets.UTF_16LE, 0));
        String lone = "x\uDC00";
        assertEquals(lone, Strings.decodeUtf16LeLenient(Strings.encodeUtf16LeLenient(lone)));
    }
}
