package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** InstructionWriter and InstructionReader against each other and against hand-written bytes. */
class InstructionCodecTest {
    private static InstructionReader reader(byte[] b) {
        return new InstructionReader(b, 0, b.length, 1000);
    }

    private static byte[] bytes(int... b) {
        byte[] a = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            a[i] = (byte) b[i];
        }
        return a;
    }

    /** Writes plausible immediates for any opcode (what the text parser does). */
    static void writeWithImmediates(InstructionWriter w, Opcode op) {
        w.op(op);
        switch (op.immediate()) {
            case NONE: break;
            case BLOCK_TYPE: w.blockType(ValType.I32); break;
            case LABEL: case FUNC: case TYPE: case LOCAL: case GLOBAL: case TABLE: case MEMORY: case TAG:
            case DATA: case ELEM: w.u32(300); break;
            case CALL_INDIRECT: case MEMORY_INIT: case MEMORY_COPY: case TABLE_INIT: case TABLE_COPY:
            case TYPE_FIELD: case TYPE_TYPE: case TYPE_DATA: case TYPE_ELEM: case TYPE_SIZE:
                w.u32(7).u32(70000); break;
            case BR_TABLE: w.u32(2).u32(0).u32(1).u32(2); break;
            case MEMARG: w.memarg(op.naturalAlignment(), 1L << 33, 3); break;
            case MEMARG_LANE: w.memarg(op.naturalAlignment(), 16, 0).byteValue(1); break;
            case I32: w.s32(-5); break;
            case I64: w.s64(Long.MIN_VALUE); break;
            case F32: w.f32(Float.floatToRawIntBits(2.5f)); break;
            case F64: w.f64(Double.doubleToRawLongBits(-0.0)); break;
            case V128: case SHUFFLE: w.v128(0x0706050403020100L, 0x0F0E0D0C0B0A0908L); break;
            case LANE: w.byteValue(3); break;
            case SELECT_TYPES: w.u32(1).valType(ValType.ref(false, 4)); break;
            case HEAP_TYPE: w.heapType(HeapType.STRUCT); break;
            case TRY_TABLE: w.blockType(null).u32(1).byteValue(3).u32(0); break;
            case BR_ON_CAST: w.byteValue(3).u32(1).heapType(HeapType.ANY).heapType(9); break;
            case ZERO_BYTE: w.byteValue(0); break;
            default: throw new AssertionError(op);
        }
    }

    @Test
    void everyOpcodeRoundTrips() {
        InstructionWriter w = new InstructionWriter();
        for (Opcode op : Opcode.values()) {
            writeWithImmediates(w, op);
        }
        InstructionReader r = reader(w.toByteArray());
        int n = 0;
        for (Opcode op : Opcode.values()) {
            assertTrue(r.hasNext());
            int before = r.position();
            assertSame(op, r.next(), "instruction " + n);
            assertEquals(before + 1000, r.offset());
            n++;
        }
        assertFalse(r.hasNext());
    }

    @Test
    void immediatesAreDecoded() {
        InstructionWriter w = new InstructionWriter();
        writeWithImmediates(w, Opcode.I64_ATOMIC_LOAD);
        writeWithImmediates(w, Opcode.BR_TABLE);
        writeWithImmediates(w, Opcode.TRY_TABLE);
        writeWithImmediates(w, Opcode.BR_ON_CAST);
        writeWithImmediates(w, Opcode.I8X16_SHUFFLE);
        writeWithImmediates(w, Opcode.SELECT_T);
        writeWithImmediates(w, Opcode.STRUCT_GET_S);
        w.op(Opcode.BLOCK).blockTypeIndex(70000);
        w.op(Opcode.LOOP).blockType(null);
        w.op(Opcode.F32_CONST).f32(Float.floatToRawIntBits(2.5f));
        InstructionReader r = reader(w.toByteArray());
        r.next();
        assertEquals(3, r.align());
        assertEquals(1L << 33, r.memOffset());
        assertEquals(3, r.memory());
        r.next();
        assertEquals(2, r.tableSize());
        assertEquals(1, r.tableLabel(1));
        assertEquals(2, r.defaultLabel());
        r.next();
        assertNull(r.blockResult());
        assertEquals(-1, r.blockTypeIndex());
        assertEquals(1, r.catchCount());
        assertEquals(3, r.catchKind(0));
        assertEquals(-1, r.catchTag(0));
        assertEquals(0, r.catchLabel(0));
        r.next();
        assertEquals(3, r.castFlags());
        assertEquals(1, r.index());
        assertEquals(HeapType.ANY, r.heapType());
        assertEquals(9, r.heapType2());
        r.next();
        for (int i = 0; i < 16; i++) {
            assertEquals(i, r.shuffleLane(i));
        }
        r.next();
        assertEquals(List.of(ValType.ref(false, 4)), r.selectTypes());
        r.next();
        assertEquals(7, r.index());
        assertEquals(70000, r.index2());
        r.next();
        assertEquals(70000, r.blockTypeIndex());
        r.next();
        assertEquals(-1, r.blockTypeIndex());
        assertNull(r.blockResult());
        r.next();
        assertEquals(2.5f, Float.intBitsToFloat(r.f32Bits()));
    }

    @Test
    void writerUsesShortestLeb128() {
        assertArrayEquals(bytes(0xE5, 0x8E, 0x26), new InstructionWriter().u32(624485).toByteArray());
        assertArrayEquals(bytes(0x7F), new InstructionWriter().s32(-1).toByteArray());
        assertArrayEquals(bytes(0xC0, 0xBB, 0x78), new InstructionWriter().s32(-123456).toByteArray());
        assertArrayEquals(bytes(0x80, 0x01), new InstructionWriter().s64(128).toByteArray());
        assertArrayEquals(bytes(0x70), new InstructionWriter().heapType(HeapType.FUNC).toByteArray());
        assertArrayEquals(bytes(0xFD, 0x6E), new InstructionWriter().op(Opcode.I8X16_ADD).toByteArray());
        assertArrayEquals(bytes(0xFD, 0x80, 0x02), new InstructionWriter().op(Opcode.I8X16_RELAXED_SWIZZLE).toByteArray());
        assertArrayEquals(bytes(0x70), new InstructionWriter().valType(ValType.FUNCREF).toByteArray());
        assertArrayEquals(bytes(0x6E), new InstructionWriter().valType(ValType.ref(true, HeapType.ANY)).toByteArray());
        assertArrayEquals(bytes(0x64, 0x6E), new InstructionWriter().valType(ValType.ref(false, HeapType.ANY)).toByteArray());
        assertArrayEquals(bytes(0x64, 0x03), new InstructionWriter().valType(ValType.ref(false, 3)).toByteArray());
        assertArrayEquals(bytes(0x02, 0x10), new InstructionWriter().memarg(2, 16, 0).toByteArray());
        assertArrayEquals(bytes(0x42, 0x01, 0x10), new InstructionWriter().memarg(2, 16, 1).toByteArray());
        assertThrows(IllegalArgumentException.class, () -> new InstructionWriter().u32(-1));
        assertThrows(IllegalStateException.class, () -> new InstructionWriter().op(Opcode.NOP).toExpression());
        Expression e = new InstructionWriter().op(Opcode.NOP).op(Opcode.END).toExpression();
        assertEquals(2, e.length());
    }

    private static void malformed(String msg, int... code) {
        MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> {
            InstructionReader r = reader(bytes(code));
            while (r.hasNext()) {
                r.next();
            }
        });
        assertTrue(e.getMessage().contains(msg), e.getMessage());
        assertTrue(e.offset() >= 1000);
    }

    @Test
    void malformedInstructions() {
        malformed("illegal opcode ff", 0xFF);
        malformed("illegal opcode 27", 0x27);
        malformed("illegal opcode fd 9a", 0xFD, 0x9A, 0x01);
        malformed("illegal opcode fb 1f", 0xFB, 0x1F);
        malformed("unexpected end", 0x41);
        malformed("integer too large", 0x41, 0x80, 0x80, 0x80, 0x80, 0x10);
        malformed("integer representation too long", 0x10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
        malformed("malformed memop flags", 0x28, 0x40 | 0x3F | 0x80, 0x01, 0x00, 0x00); // align 64+
        malformed("malformed memop flags", 0x28, 0x80, 0x01, 0x00);                     // flags 128
        malformed("zero byte expected", 0xFE, 0x03, 0x01);
        malformed("malformed br_on_cast flags", 0xFB, 0x18, 0x04, 0x00, 0x6E, 0x6E);
        malformed("malformed catch clause", 0x1F, 0x40, 0x01, 0x04, 0x00);
        malformed("malformed value type", 0x1C, 0x01, 0x60);
        malformed("malformed heap type", 0xD0, 0x60);
        // A br_table claiming 2^32-1 labels in a 7-byte body fails without allocating.
        malformed("unexpected end", 0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00);
        malformed("unexpected end", 0x1C, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F);
    }

    @Test
    void memargWithMemoryIndexAndLargeAlignment() {
        InstructionReader r = reader(bytes(0x28, 0x40 | 0x05, 0x02, 0x80, 0x01));
        r.next();
        assertEquals(5, r.align()); // well-formed; the validator rejects it against natural alignment
        assertEquals(2, r.memory());
        assertEquals(128, r.memOffset());
    }
}
