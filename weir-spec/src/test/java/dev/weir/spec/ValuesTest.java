package dev.weir.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Value;
import dev.weir.text.internal.wast.Const;
import dev.weir.text.internal.wast.Expected;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.ValType;
import org.junit.jupiter.api.Test;

class ValuesTest {
    private static final byte C = Expected.VecPattern.CANONICAL;
    private static final byte A = Expected.VecPattern.ARITHMETIC;

    @Test
    void nanPatterns() {
        assertTrue(Values.nan32(0x7fc00000, C));
        assertTrue(Values.nan32(0xffc00000, C));
        assertFalse(Values.nan32(0x7fc00001, C));
        assertTrue(Values.nan32(0x7fc00001, A));
        assertFalse(Values.nan32(0x7f800001, A)); // signalling NaN is not arithmetic
        assertFalse(Values.nan32(0x7f800000, A)); // infinity
        assertTrue(Values.nan64(0xfff8000000000000L, C));
        assertFalse(Values.nan64(0x7ff8000000000001L, C));
        assertTrue(Values.nan64(0x7ffc000000000000L, A));
        assertFalse(Values.nan64(0x7ff0000000000001L, A));
    }

    @Test
    void exactFloatsCompareBits() {
        Expected negZero = new Expected.Exact(new Const.Num(ValType.F32, 0x80000000L));
        assertTrue(Values.matches(negZero, Value.f32Bits(0x80000000)));
        assertFalse(Values.matches(negZero, Value.f32Bits(0)));
        assertFalse(Values.matches(negZero, Value.i32(0x80000000)));
    }

    @Test
    void vectorLanes() {
        Expected.VecPattern p = new Expected.VecPattern("i16x8", new long[] {1, 2, 3, 4, 5, 6, 7, 0xffff}, new byte[8]);
        assertTrue(Values.matchesVec(p, 0x0004000300020001L, 0xffff000700060005L));
        assertFalse(Values.matchesVec(p, 0x0004000300020001L, 0x7fff000700060005L));
        Expected.VecPattern f = new Expected.VecPattern("f64x2", new long[] {0, 0x3ff0000000000000L}, new byte[] {C, 0});
        assertTrue(Values.matchesVec(f, 0xfff8000000000000L, 0x3ff0000000000000L));
        assertFalse(Values.matchesVec(f, 0xfff8000000000001L, 0x3ff0000000000000L));
        Expected.VecPattern fa = new Expected.VecPattern("f32x4", new long[4], new byte[] {A, A, A, A});
        assertTrue(Values.matchesVec(fa, 0x7fc000017fe00000L, 0xffc000007fc00000L));
    }

    @Test
    void references() {
        Value host = Values.toValue(new Const.HostRef(3, true), ValType.EXTERNREF);
        assertTrue(Values.matches(new Expected.Exact(new Const.HostRef(3, true)), host));
        assertTrue(Values.matches(new Expected.Exact(new Const.HostRef(3, false)), host));
        assertFalse(Values.matches(new Expected.Exact(new Const.HostRef(4, true)), host));
        assertTrue(Values.matches(new Expected.RefKind(HeapType.EXTERN), host));
        assertFalse(Values.matches(new Expected.RefKind(HeapType.FUNC), host));
        assertFalse(Values.matches(new Expected.RefNull(HeapType.EXTERN), host));
        Value nul = Values.toValue(new Const.RefNull(HeapType.FUNC), ValType.FUNCREF);
        assertTrue(Values.matches(new Expected.RefNull(Expected.RefNull.ANY_HIERARCHY), nul));
        assertFalse(Values.matches(new Expected.RefKind(Expected.RefKind.ANY_REF), nul));
        assertFalse(Values.matches(new Expected.Exact(new Const.Num(ValType.I32, 0)), nul));
    }
}
