package dev.weir;

import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The embedder-facing API: primitive accessors, bulk copies, strings and views. */
class MemoryHostApiTest {
    private static final long S = MemoryLayouts.SIZE;

    private static MemoryAccessException assertHostOob(Executable e) {
        return assertThrows(MemoryAccessException.class, e);
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void primitivesRoundTripLittleEndian(MemoryLayouts layout) {
        Memory m = layout.create();
        m.writeByte(0, 0xFE);
        assertEquals((byte) 0xFE, m.readByte(0));
        assertEquals(0xFE, m.readUnsignedByte(0));
        m.writeShort(1, 0xABCD); // unaligned on purpose
        assertEquals((short) 0xABCD, m.readShort(1));
        assertEquals(0xABCD, m.readUnsignedShort(1));
        assertEquals(0xCD, m.readUnsignedByte(1));
        m.writeInt(3, 0xDEADBEEF);
        assertEquals(0xDEADBEEF, m.readInt(3));
        assertEquals(0xDEADBEEFL, m.readUnsignedInt(3));
        m.writeLong(7, Long.MIN_VALUE + 5);
        assertEquals(Long.MIN_VALUE + 5, m.readLong(7));
        assertEquals(5, m.readUnsignedByte(7));
        m.writeFloat(15, -0.0f);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(m.readFloat(15)));
        m.writeDouble(19, Math.PI);
        assertEquals(Math.PI, m.readDouble(19));
        // host and wasm views agree
        assertEquals(m.readLong(7), m.loadI64(7));
        m.writeLong(S - 8, 9);
        assertEquals(9, m.readLong(S - 8));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void bulkReadWrite(MemoryLayouts layout) {
        Memory m = layout.create();
        byte[] src = new byte[10000];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i * 31);
        }
        m.write(S - 10000, src, 0, 10000);
        assertArrayEquals(src, m.readBytes(S - 10000, 10000));
        byte[] dst = new byte[20];
        m.read(S - 10000 + 5, dst, 10, 10);
        assertEquals(src[5], dst[10]);
        assertEquals(0, dst[9]);
        assertArrayEquals(new byte[0], m.readBytes(S, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> m.read(0, dst, 15, 10)); // host array misuse
    }

    @Test
    void outOfBoundsMessagesAndNothingWritten() {
        Memory m = Memory.create(1, 1, 16, false, false, Long.MAX_VALUE);
        MemoryAccessException e = assertHostOob(() -> m.readBytes(0xFFF0, 32));
        assertEquals("pointer/length out of bounds: addr=0xfff0, len=32, memory size=65536", e.getMessage());
        assertEquals(0xFFF0, e.address());
        assertEquals(32, e.length());
        assertEquals(65536, e.memorySize());
        assertHostOob(() -> m.write(S - 3, new byte[4], 0, 4));
        assertEquals(0, m.readInt(S - 4));
        assertHostOob(() -> m.writeInt(S - 3, -1));
        assertHostOob(() -> m.writeLong(S - 7, -1));
        assertHostOob(() -> m.writeShort(S - 1, -1));
        assertEquals(0, m.readLong(S - 8));
        assertHostOob(() -> m.readByte(S));
        assertHostOob(() -> m.readByte(-1));
        assertHostOob(() -> m.readInt(Long.MAX_VALUE));
        assertHostOob(() -> m.readInt(Long.MAX_VALUE - 1)); // addr + len would wrap
        assertHostOob(() -> m.readLong(Long.MIN_VALUE));
        assertHostOob(() -> m.readBytes(0, -1));
        assertHostOob(() -> m.readBytes(-5, 10));
        assertHostOob(() -> m.read(Long.MAX_VALUE - 2, new byte[8], 0, 8));
        assertHostOob(() -> m.view(S - 1, 2));
        assertHostOob(() -> m.view(0, -1));
        MemoryAccessException neg = assertHostOob(() -> m.readBytes(-1, 1));
        assertTrue(neg.getMessage().contains("addr=0xffffffffffffffff"), neg.getMessage());
    }

    @Test
    void strictUtf8Decoding() {
        Memory m = Memory.create(1, 1, 16, false, false, Long.MAX_VALUE);
        int n = m.writeString(100, "héllo, wörld ✓ 𝄞");
        assertEquals("héllo, wörld ✓ 𝄞".getBytes(UTF_8).length, n);
        assertEquals("héllo, wörld ✓ 𝄞", m.readString(100, n));
        assertEquals("", m.readString(S, 0));
        assertHostOob(() -> m.readString(S - 2, 4)); // beyond the single page
        m.write(0x400, new byte[] {'a', 'b', (byte) 0xC3, '('}, 0, 4);
        MalformedStringException e = assertThrows(MalformedStringException.class, () -> m.readString(0x400, 4));
        assertEquals("invalid utf-8 at byte 2 (address 0x402)", e.getMessage());
        assertEquals(2, e.index());
        assertEquals(0x402, e.address());
        m.write(0x500, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3); // encoded surrogate
        assertThrows(MalformedStringException.class, () -> m.readString(0x500, 3));
        m.write(0x600, new byte[] {'x', (byte) 0xF0, (byte) 0x9F, (byte) 0x98}, 0, 4); // truncated emoji
        e = assertThrows(MalformedStringException.class, () -> m.readString(0x600, 4));
        assertEquals(1, e.index());
    }

    @Test
    void otherCharsets() {
        Memory m = Memory.create(1, 1, 16, false, false, Long.MAX_VALUE);
        int n = m.writeString(0, "Grüße", UTF_16LE);
        assertEquals(10, n);
        assertEquals("Grüße", m.readString(0, n, UTF_16LE));
        m.write(20, new byte[] {0x41, 0, 0x00, (byte) 0xDC}, 0, 4); // 'A', lone low surrogate
        MalformedStringException e = assertThrows(MalformedStringException.class, () -> m.readString(20, 4, UTF_16LE));
        assertTrue(e.getMessage().startsWith("invalid utf-16le at byte 2"), e.getMessage());
        Charset ascii = Charset.forName("US-ASCII");
        assertThrows(MalformedStringException.class, () -> m.writeString(40, "é", ascii));
        m.writeByte(40, 0x80);
        assertThrows(MalformedStringException.class, () -> m.readString(40, 1, ascii));
    }

    @Test
    void writeStringIsAllOrNothing() {
        Memory m = Memory.create(1, 1, 16, false, false, Long.MAX_VALUE);
        assertHostOob(() -> m.writeString(S - 3, "abcd"));
        assertEquals(0, m.readInt(S - 4));
        MalformedStringException e = assertThrows(MalformedStringException.class,
                () -> m.writeString(0, "ok\uD800!"));
        assertEquals(2, e.index());
        assertEquals(0, m.readInt(0));
        assertThrows(MalformedStringException.class, () -> m.writeCString(0, "a\0b"));
        assertEquals(0, m.readInt(0));
    }

    @Test
    void cStrings() {
        Memory m = Memory.create(1, 1, 16, false, false, Long.MAX_VALUE);
        assertEquals(6, m.writeCString(10, "hello"));
        assertEquals("hello", m.readCString(10, 100));
        assertEquals("hello", m.readCString(10, 5)); // NUL exactly at addr + maxLen
        MalformedStringException e = assertThrows(MalformedStringException.class, () -> m.readCString(10, 4));
        assertTrue(e.getMessage().contains("no NUL within 4 bytes"), e.getMessage());
        assertEquals("", m.readCString(16, 0));
        m.fill(S - 4, 'x', 4);
        MemoryAccessException end = assertHostOob(() -> m.readCString(S - 4, 100));
        assertTrue(end.getMessage().contains("end of memory"), end.getMessage());
        assertHostOob(() -> m.readCString(S, 1));
        assertHostOob(() -> m.readCString(-1, 1));
        m.write(200, new byte[] {(byte) 0xFF, 0}, 0, 2);
        assertThrows(MalformedStringException.class, () -> m.readCString(200, 10));
        assertThrows(IllegalArgumentException.class, () -> m.readCString(10, -1));
    }

    @Test
    void utf16AssemblyScriptStrings() {
        Memory m = Memory.create(1, 1, 16, false, false, Long.MAX_VALUE);
        String s = "AS \uD83D\uDE00 lone:\uDC00";
        int n = m.writeUtf16String(64, s);
        assertEquals(2 * s.length(), n);
        assertEquals(0x41, m.readUnsignedShort(64));
        assertEquals(s, m.readUtf16String(64, n));
        assertThrows(MalformedStringException.class, () -> m.readUtf16String(64, 3));
        assertHostOob(() -> m.readUtf16String(S - 2, 4));
        assertHostOob(() -> m.writeUtf16String(S - 2, "ab"));
    }

    @ParameterizedTest
    @EnumSource(MemoryLayouts.class)
    void viewsAccessAndCheckTheirRange(MemoryLayouts layout) {
        Memory m = layout.create();
        MemoryView v = m.view(1000, 64);
        assertEquals(1000, v.address());
        assertEquals(64, v.length());
        v.writeInt(0, 0x01020304);
        assertEquals(0x01020304, m.readInt(1000));
        v.writeLong(56, -2);
        assertEquals(-2, m.readLong(1056));
        v.writeDouble(8, 1.25);
        assertEquals(1.25, v.readDouble(8));
        v.writeFloat(16, 2.5f);
        assertEquals(2.5f, v.readFloat(16));
        v.writeShort(20, 0x7FFF);
        assertEquals(0x7FFF, v.readShort(20));
        v.writeByte(22, 0x90);
        assertEquals(0x90, v.readUnsignedByte(22));
        MemoryAccessException e = assertHostOob(() -> v.readLong(57));
        assertTrue(e.getMessage().startsWith("view offset out of bounds: off=57, len=8, view length=64"), e.getMessage());
        assertHostOob(() -> v.readByte(-1));
        assertHostOob(() -> v.readByte(Long.MIN_VALUE));
        assertHostOob(() -> v.writeInt(62, 0));
        assertHostOob(() -> v.slice(60, 8));
        MemoryView sub = v.slice(56, 8);
        assertEquals(-2, sub.readLong(0));
        ByteBuffer bb = v.toByteBuffer();
        assertEquals(ByteOrder.LITTLE_ENDIAN, bb.order());
        assertEquals(0x01020304, bb.getInt(0));
        v.writeInt(0, 0);
        assertEquals(0x01020304, bb.getInt(0)); // snapshot, not a live buffer
        byte[] b = new byte[4];
        v.write(4, new byte[] {9, 8, 7, 6}, 0, 4);
        v.read(4, b, 0, 4);
        assertArrayEquals(new byte[] {9, 8, 7, 6}, b);
        m.writeString(1024, "view", UTF_8);
        assertEquals("view", m.view(1024, 4).readString(UTF_8));
    }

    @Test
    void viewNeverGoesStaleAcrossReallocatingGrow() {
        Memory m = Memory.create(1, -1, 16, false, false, Long.MAX_VALUE);
        MemoryView v = m.view(PAGE_END - 16, 16);
        long gen = m.generation();
        long cap = m.capacity();
        while (m.capacity() == cap) {
            m.grow(1);
        }
        assertTrue(m.generation() > gen, "grow must have reallocated the backing array");
        m.writeLong(PAGE_END - 16, 0x1234);
        assertEquals(0x1234, v.readLong(0)); // write through memory, read through the old view
        v.writeLong(8, 0x5678);
        assertEquals(0x5678, m.loadI64(PAGE_END - 8));
        assertEquals(0x5678, m.readLong(PAGE_END - 8));
    }

    @Test
    void viewFollowsFlatToSegmentedSwitch() {
        Memory m = Memory.create(1, -1, 16, false, false, Long.MAX_VALUE, PAGE_END, 12);
        MemoryView v = m.view(PAGE_END - 8, 8);
        assertTrue(m.isFlat());
        m.grow(3);
        assertTrue(!m.isFlat());
        m.storeI64(PAGE_END - 8, 77);
        assertEquals(77, v.readLong(0));
        v.writeInt(4, 5);
        assertEquals(5, m.loadI32(PAGE_END - 4));
    }

    private static final long PAGE_END = 65536;
}
