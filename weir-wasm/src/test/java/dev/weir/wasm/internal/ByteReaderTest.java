package dev.weir.wasm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasm.HeapType;
import dev.weir.wasm.Limits;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.ValType;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ByteReaderTest {
    private static ByteReader r(int... b) {
        byte[] a = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = (byte) b[i];
        }
        return new ByteReader(a, 0, a.length, 100);
    }

    private static void fails(String msg, Function<ByteReader, Object> f, int... b) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> f.apply(r(b)));
        assertTrue(e.getMessage().contains(msg), e.getMessage());
        assertTrue(e.offset() >= 100, "source offset " + e.offset());
    }

    @Test
    void unsignedLeb() {
        assertEquals(0, r(0x00).u32());
        assertEquals(624485, r(0xE5, 0x8E, 0x26).u32());
        assertEquals(-1, r(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32());
        assertEquals(0xFFFFFFFFL, r(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32L());
        assertEquals(0, r(0x80, 0x80, 0x80, 0x80, 0x00).u32()); // padded zero is fine
        fails("integer too large", ByteReader::u32, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F);
        fails("integer representation too long", ByteReader::u32, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
        fails("unexpected end", ByteReader::u32, 0x80, 0x80);
        assertEquals(-1L, r(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).u64());
        fails("integer too large", ByteReader::u64, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02);
        fails("integer representation too long", ByteReader::u64, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
    }

    @Test
    void signedLeb() {
        assertEquals(-1, r(0x7F).s32());
        assertEquals(63, r(0x3F).s32());
        assertEquals(-64, r(0x40).s32());
        assertEquals(Integer.MIN_VALUE, r(0x80, 0x80, 0x80, 0x80, 0x78).s32());
        assertEquals(Integer.MAX_VALUE, r(0xFF, 0xFF, 0xFF, 0xFF, 0x07).s32());
        fails("integer too large", ByteReader::s32, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F);
        fails("integer too large", ByteReader::s32, 0x80, 0x80, 0x80, 0x80, 0x70);
        fails("integer representation too long", ByteReader::s32, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F);
        assertEquals(Long.MIN_VALUE, r(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64());
        assertEquals(Long.MAX_VALUE, r(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00).s64());
        fails("integer too large", ByteReader::s64, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        assertEquals(0xFFFFFFFFL, r(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s33());
        assertEquals(-(1L << 32), r(0x80, 0x80, 0x80, 0x80, 0x70).s33());
        fails("integer too large", ByteReader::s33, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F);
    }

    @Test
    void floatsAreRawLittleEndianBits() {
        assertEquals(Float.floatToRawIntBits(1.5f), r(0x00, 0x00, 0xC0, 0x3F).f32Bits());
        assertEquals(Double.doubleToRawLongBits(-2.0), r(0, 0, 0, 0, 0, 0, 0, 0xC0).f64Bits());
        fails("unexpected end", ByteReader::f32Bits, 0, 0, 0);
    }

    @Test
    void namesAreStrictUtf8() {
        assertEquals("abc", r(3, 'a', 'b', 'c').name());
        assertEquals("\u00e9\u20ac\uD83D\uDE00", r(9, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80).name());
        fails("malformed UTF-8 encoding", ByteReader::name, 2, 0xC0, 0x80);          // overlong
        fails("malformed UTF-8 encoding", ByteReader::name, 3, 0xED, 0xA0, 0x80);    // surrogate
        fails("malformed UTF-8 encoding", ByteReader::name, 4, 0xF4, 0x90, 0x80, 0x80); // > U+10FFFF
        fails("malformed UTF-8 encoding", ByteReader::name, 2, 0xE2, 0x82);          // truncated
        fails("malformed UTF-8 encoding", ByteReader::name, 1, 0x80);                // stray continuation
        fails("length out of bounds", ByteReader::name, 5, 'a');
    }

    @Test
    void types() {
        assertEquals(ValType.I32, r(0x7F).valType());
        assertEquals(ValType.V128, r(0x7B).valType());
        assertEquals(ValType.FUNCREF, r(0x70).valType());
        assertEquals(ValType.ref(false, 5), r(0x64, 0x05).valType());
        assertEquals(ValType.ref(true, HeapType.EXN), r(0x63, 0x69).valType());
        assertEquals(ValType.ref(false, HeapType.NOEXN), r(0x64, 0x74).valType());
        assertEquals(ValType.I8, r(0x78).storageType());
        assertEquals(ValType.I16, r(0x77).storageType());
        fails("malformed value type", ByteReader::valType, 0x60);
        fails("malformed reference type", ByteReader::refType, 0x7F);
        fails("malformed heap type", ByteReader::heapType, 0x60);
        fails("malformed storage type", ByteReader::storageType, 0x76);
        assertEquals(Integer.MAX_VALUE, r(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).heapType()); // clamped, still unknown
    }

    @Test
    void limits() {
        assertEquals(Limits.of(1), r(0x00, 0x01).limits(true));
        assertEquals(Limits.of(1, 2), r(0x01, 0x01, 0x02).limits(true));
        assertEquals(new Limits(1, true, 2, true, false, 16), r(0x03, 0x01, 0x02).limits(true));
        assertEquals(new Limits(1L << 40, false, 0, false, true, 16),
                r(0x04, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20).limits(true));
        assertEquals(new Limits(1, false, 0, false, false, 0), r(0x08, 0x01, 0x00).limits(true));
        fails("malformed limits flags", b -> b.limits(true), 0x10, 0x00);
        fails("malformed limits flags", b -> b.limits(false), 0x02, 0x00, 0x00);
        fails("malformed limits flags", b -> b.limits(false), 0x08, 0x00);
        fails("invalid custom page size", b -> b.limits(true), 0x08, 0x00, 0x40);
    }

    @Test
    void countsAreCheckedBeforeAllocation() {
        fails("unexpected end", b -> b.count(1), 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00);
        assertEquals(2, r(0x02, 0, 0).count(1));
    }
}
