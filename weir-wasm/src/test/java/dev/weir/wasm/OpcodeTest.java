package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpcodeTest {
    @Test
    void codesAreUniqueAndLookUpInConstantTime() {
        Set<Integer> codes = new HashSet<>();
        for (Opcode op : Opcode.values()) {
            assertTrue(codes.add(op.code()), "duplicate code " + Integer.toHexString(op.code()));
            assertSame(op, Opcode.byCode(op.code()));
            if (op.isPrefixed()) {
                assertSame(op, Opcode.byPrefixed(op.prefix(), op.subOpcode()));
            }
        }
        assertEquals(575, Opcode.values().length);
        assertNull(Opcode.byCode(0xFF));
        assertNull(Opcode.byCode(0x27));
        assertNull(Opcode.byCode(0xFD009A));
        assertNull(Opcode.byCode(0xFE0004));
        assertNull(Opcode.byCode(0xFC0012));
        assertNull(Opcode.byCode(-1));
        assertNull(Opcode.byPrefixed(0xFD, 1L << 40));
    }

    @Test
    void namesFollowTheMnemonics() {
        Set<Opcode> variants = Set.of(Opcode.SELECT_T, Opcode.REF_TEST_NULL, Opcode.REF_CAST_NULL);
        for (Opcode op : Opcode.values()) {
            String expected = op.mnemonic().toUpperCase(java.util.Locale.ROOT).replace('.', '_');
            if (variants.contains(op)) {
                assertTrue(op.name().startsWith(expected + "_"), op.name());
                assertSame(Opcode.valueOf(expected), Opcode.byMnemonic(op.mnemonic()));
            } else {
                assertEquals(expected, op.name());
                assertSame(op, Opcode.byMnemonic(op.mnemonic()));
            }
        }
        assertNull(Opcode.byMnemonic("i32.frobnicate"));
        assertNull(Opcode.byMnemonic(null));
    }

    @Test
    void knownEncodings() {
        assertEquals(0x6A, Opcode.I32_ADD.code());
        assertEquals(0xFD006E, Opcode.I8X16_ADD.code());
        assertEquals(0xFD0054, Opcode.V128_LOAD8_LANE.code());
        assertEquals(0xFD0113, Opcode.I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S.code());
        assertEquals(0xFE0001, Opcode.MEMORY_ATOMIC_WAIT32.code());
        assertEquals(0xFE004D, Opcode.I64_ATOMIC_RMW16_CMPXCHG_U.code());
        assertEquals(0xFE0003, Opcode.ATOMIC_FENCE.code());
        assertEquals(0xFB0015, Opcode.REF_TEST_NULL.code());
        assertEquals(0xFB0018, Opcode.BR_ON_CAST.code());
        assertEquals(0xFC0016, Opcode.I64_MUL_WIDE_U.code());
        assertEquals(0x1F, Opcode.TRY_TABLE.code());
        assertEquals(0x15, Opcode.RETURN_CALL_REF.code());
        assertEquals(0xD6, Opcode.BR_ON_NON_NULL.code());
        assertEquals("select", Opcode.SELECT_T.mnemonic());
        assertEquals("ref.cast", Opcode.REF_CAST_NULL.mnemonic());
        assertEquals(ImmediateKind.SELECT_TYPES, Opcode.SELECT_T.immediate());
        assertEquals(ImmediateKind.BR_ON_CAST, Opcode.BR_ON_CAST_FAIL.immediate());
        assertEquals(ImmediateKind.MEMARG_LANE, Opcode.V128_STORE64_LANE.immediate());
    }

    @Test
    void naturalAlignmentOnlyForMemoryInstructions() {
        for (Opcode op : Opcode.values()) {
            boolean mem = op.immediate() == ImmediateKind.MEMARG || op.immediate() == ImmediateKind.MEMARG_LANE;
            assertEquals(mem, op.naturalAlignment() >= 0, op.name());
        }
        assertEquals(2, Opcode.I32_LOAD.naturalAlignment());
        assertEquals(0, Opcode.I64_LOAD8_U.naturalAlignment());
        assertEquals(4, Opcode.V128_LOAD.naturalAlignment());
        assertEquals(3, Opcode.V128_LOAD16X4_S.naturalAlignment());
        assertEquals(1, Opcode.V128_STORE16_LANE.naturalAlignment());
        assertEquals(3, Opcode.MEMORY_ATOMIC_WAIT64.naturalAlignment());
        assertEquals(2, Opcode.I64_ATOMIC_RMW32_XCHG_U.naturalAlignment());
        assertEquals(-1, Opcode.MEMORY_SIZE.naturalAlignment());
        assertTrue(Opcode.I32_ATOMIC_LOAD.isAtomic());
    }
}
