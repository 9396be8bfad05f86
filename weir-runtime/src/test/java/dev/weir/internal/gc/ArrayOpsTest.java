package dev.weir.internal.gc;

import static dev.weir.internal.gc.GcOps.ARRAY_COPY;
import static dev.weir.internal.gc.GcOps.ARRAY_FILL;
import static dev.weir.internal.gc.GcOps.ARRAY_GET;
import static dev.weir.internal.gc.GcOps.ARRAY_GET_S;
import static dev.weir.internal.gc.GcOps.ARRAY_GET_U;
import static dev.weir.internal.gc.GcOps.ARRAY_INIT_DATA;
import static dev.weir.internal.gc.GcOps.ARRAY_INIT_ELEM;
import static dev.weir.internal.gc.GcOps.ARRAY_LEN;
import static dev.weir.internal.gc.GcOps.ARRAY_NEW;
import static dev.weir.internal.gc.GcOps.ARRAY_NEW_DATA;
import static dev.weir.internal.gc.GcOps.ARRAY_NEW_DEFAULT;
import static dev.weir.internal.gc.GcOps.ARRAY_NEW_ELEM;
import static dev.weir.internal.gc.GcOps.ARRAY_NEW_FIXED;
import static dev.weir.internal.gc.GcOps.ARRAY_SET;
import static dev.weir.internal.gc.GcTesting.array;
import static dev.weir.internal.gc.GcTesting.fin;
import static dev.weir.internal.gc.GcTesting.instance;
import static dev.weir.internal.gc.GcTesting.mut;
import static dev.weir.internal.gc.GcTesting.rec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Trap;
import dev.weir.internal.gc.GcTesting.Stack;
import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.ValType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ArrayOpsTest {
    static final int I8 = 0;
    static final int I16 = 1;
    static final int I32 = 2;
    static final int I64 = 3;
    static final int F32 = 4;
    static final int V128 = 5;
    static final int REF = 6;
    static final int F64 = 7;

    private final InstanceState inst = instance(
            List.of(rec(fin(array(mut(ValType.I8)))), rec(fin(array(mut(ValType.I16)))),
                    rec(fin(array(mut(ValType.I32)))), rec(fin(array(mut(ValType.I64)))),
                    rec(fin(array(mut(ValType.F32)))), rec(fin(array(mut(ValType.V128)))),
                    rec(fin(array(mut(ValType.ANYREF)))), rec(fin(array(mut(ValType.F64))))),
            List.of("abcdefghijkl".getBytes(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}),
            1);

    private static void assertTrap(String message, Executable e) {
        Trap t = assertThrows(Trap.class, e);
        assertTrue(t.getMessage().startsWith(message), () -> "expected '" + message + "' but got '" + t.getMessage() + "'");
    }

    private ArrayObject newI32(int... values) {
        Stack st = new Stack();
        for (int v : values) {
            st.i32(v);
        }
        st.op(inst, ARRAY_NEW_FIXED, I32, values.length);
        return (ArrayObject) st.popRef();
    }

    private int[] contents(ArrayObject a) {
        int[] out = new int[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) a.getBits(i);
        }
        return out;
    }

    @Test
    void newFillsWithValueAndNewDefaultWithZero() {
        Stack st = new Stack();
        int base = st.sp;
        st.i64(-5).i32(4).op(inst, ARRAY_NEW, I64);
        assertEquals(base + 1, st.sp);
        ArrayObject a = (ArrayObject) st.popRef();
        assertEquals(4, a.length());
        for (int i = 0; i < 4; i++) {
            assertEquals(-5, a.getBits(i));
        }
        st.v128(1, 2).i32(3).op(inst, ARRAY_NEW, V128);
        assertEquals(base + 1, st.sp);
        ArrayObject v = (ArrayObject) st.popRef();
        st.ref(v).i32(2).op(inst, ARRAY_GET, V128);
        assertArrayEquals(new long[] {1, 2}, st.popV128());
        st.i32(0).op(inst, ARRAY_NEW_DEFAULT, REF);
        assertEquals(0, ((ArrayObject) st.popRef()).length());
        Object x = new Object();
        st.ref(x).i32(2).op(inst, ARRAY_NEW, REF);
        ArrayObject refs = (ArrayObject) st.popRef();
        assertSame(x, refs.getRef(1));
        st.i32(3).op(inst, ARRAY_NEW_DEFAULT, I16);
        assertArrayEquals(new int[] {0, 0, 0}, contents((ArrayObject) st.popRef()));
        assertEquals(base, st.sp);
    }

    @Test
    void packedElementsAreTruncatedAndExtended() {
        Stack st = new Stack().i32(0x1FF).i32(0x17FFF).op(inst, ARRAY_NEW_FIXED, I8, 2);
        ArrayObject a8 = (ArrayObject) st.popRef();
        st.ref(a8).i32(0).op(inst, ARRAY_GET_S, I8);
        assertEquals(-1, st.popI32());
        st.ref(a8).i32(0).op(inst, ARRAY_GET_U, I8);
        assertEquals(0xFF, st.popI32());
        st.ref(a8).i32(1).op(inst, ARRAY_GET_U, I8);
        assertEquals(0xFF, st.popI32());
        st.i32(0x18000).i32(2).op(inst, ARRAY_NEW, I16);
        ArrayObject a16 = (ArrayObject) st.popRef();
        st.ref(a16).i32(1).op(inst, ARRAY_GET_S, I16);
        assertEquals(-32768, st.popI32());
        st.ref(a16).i32(1).op(inst, ARRAY_GET_U, I16);
        assertEquals(0x8000, st.popI32());
        st.ref(a16).i32(0).i32(0x12345).op(inst, ARRAY_SET, I16);
        st.ref(a16).i32(0).op(inst, ARRAY_GET_U, I16);
        assertEquals(0x2345, st.popI32());
    }

    @Test
    void floatBitsArePreserved() {
        int nan = 0x7FA0_0001;
        Stack st = new Stack().i32(nan).i32(1).op(inst, ARRAY_NEW, F32);
        st.i32(0).op(inst, ARRAY_GET, F32);
        assertEquals(nan, st.popI32());
        long dnan = 0xFFF4_0000_0000_0001L;
        st.i64(dnan).op(inst, ARRAY_NEW_FIXED, F64, 1).i32(0).op(inst, ARRAY_GET, F64);
        assertEquals(dnan, st.popI64());
    }

    @Test
    void getSetLenAndBounds() {
        ArrayObject a = newI32(10, 20, 30);
        Stack st = new Stack();
        st.ref(a).op(inst, ARRAY_LEN, 0);
        assertEquals(3, st.popI32());
        st.ref(a).i32(2).i32(-3).op(inst, ARRAY_SET, I32);
        st.ref(a).i32(2).op(inst, ARRAY_GET, I32);
        assertEquals(-3, st.popI32());
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(3).op(inst, ARRAY_GET, I32));
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(-1).op(inst, ARRAY_GET, I32));
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(3).i32(0).op(inst, ARRAY_SET, I32));
        assertTrap("null array reference", () -> new Stack().ref(null).i32(0).op(inst, ARRAY_GET, I32));
        assertTrap("null array reference", () -> new Stack().ref(null).i32(0).i32(0).op(inst, ARRAY_SET, I32));
        assertTrap("null array reference", () -> new Stack().ref(null).op(inst, ARRAY_LEN, 0));
    }

    @Test
    void fillRangeAndBounds() {
        ArrayObject a = newI32(1, 2, 3, 4, 5);
        Stack st = new Stack();
        int base = st.sp;
        st.ref(a).i32(1).i32(9).i32(3).op(inst, ARRAY_FILL, I32);
        assertEquals(base, st.sp);
        assertArrayEquals(new int[] {1, 9, 9, 9, 5}, contents(a));
        st.ref(a).i32(5).i32(7).i32(0).op(inst, ARRAY_FILL, I32); // at the end with n = 0 is fine
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(3).i32(0).i32(3).op(inst, ARRAY_FILL, I32));
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(6).i32(0).i32(0).op(inst, ARRAY_FILL, I32));
        assertTrap("null array reference", () -> new Stack().ref(null).i32(0).i32(0).i32(0).op(inst, ARRAY_FILL, I32));
        assertArrayEquals(new int[] {1, 9, 9, 9, 5}, contents(a), "a trapping fill writes nothing");
        ArrayObject v = (ArrayObject) new Stack().i32(4).op(inst, ARRAY_NEW_DEFAULT, V128).popRef();
        new Stack().ref(v).i32(1).v128(5, 6).i32(2).op(inst, ARRAY_FILL, V128);
        Stack t = new Stack();
        t.ref(v).i32(0).op(inst, ARRAY_GET, V128);
        assertArrayEquals(new long[] {0, 0}, t.popV128());
        t.ref(v).i32(2).op(inst, ARRAY_GET, V128);
        assertArrayEquals(new long[] {5, 6}, t.popV128());
        t.ref(v).i32(3).op(inst, ARRAY_GET, V128);
        assertArrayEquals(new long[] {0, 0}, t.popV128());
    }

    @Test
    void copyHandlesOverlapInBothDirections() {
        ArrayObject a = newI32(0, 1, 2, 3, 4, 5, 6, 7);
        Stack st = new Stack();
        int base = st.sp;
        st.ref(a).i32(2).ref(a).i32(0).i32(5).op(inst, ARRAY_COPY, I32, I32); // forward overlap
        assertEquals(base, st.sp);
        assertArrayEquals(new int[] {0, 1, 0, 1, 2, 3, 4, 7}, contents(a));
        ArrayObject b = newI32(0, 1, 2, 3, 4, 5, 6, 7);
        st.ref(b).i32(0).ref(b).i32(3).i32(5).op(inst, ARRAY_COPY, I32, I32); // backward overlap
        assertArrayEquals(new int[] {3, 4, 5, 6, 7, 5, 6, 7}, contents(b));
        ArrayObject c = newI32(9, 9);
        st.ref(c).i32(1).ref(b).i32(7).i32(1).op(inst, ARRAY_COPY, I32, I32); // between arrays
        assertArrayEquals(new int[] {9, 7}, contents(c));
    }

    @Test
    void copyBoundsAndNulls() {
        ArrayObject a = newI32(1, 2, 3);
        ArrayObject b = newI32(4, 5);
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(2).ref(b).i32(0).i32(2).op(inst, ARRAY_COPY, I32, I32));
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(0).ref(b).i32(1).i32(2).op(inst, ARRAY_COPY, I32, I32));
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(0).ref(b).i32(-1).i32(1).op(inst, ARRAY_COPY, I32, I32));
        assertTrap("null array reference", () -> new Stack().ref(null).i32(0).ref(b).i32(0).i32(0).op(inst, ARRAY_COPY, I32, I32));
        assertTrap("null array reference", () -> new Stack().ref(a).i32(0).ref(null).i32(0).i32(0).op(inst, ARRAY_COPY, I32, I32));
        new Stack().ref(a).i32(3).ref(b).i32(2).i32(0).op(inst, ARRAY_COPY, I32, I32); // empty at the ends
        assertArrayEquals(new int[] {1, 2, 3}, contents(a));
        // v128 and ref arrays copy whole elements.
        ArrayObject v = (ArrayObject) new Stack().v128(1, 2).v128(3, 4).op(inst, ARRAY_NEW_FIXED, V128, 2).popRef();
        new Stack().ref(v).i32(0).ref(v).i32(1).i32(1).op(inst, ARRAY_COPY, V128, V128);
        Stack t = new Stack().ref(v).i32(0).op(inst, ARRAY_GET, V128);
        assertArrayEquals(new long[] {3, 4}, t.popV128());
    }

    @Test
    void newDataDecodesLittleEndianAndChecksSegmentBounds() {
        Stack st = new Stack();
        int base = st.sp;
        st.i32(1).i32(3).op(inst, ARRAY_NEW_DATA, I8, 0);
        assertEquals(base + 1, st.sp);
        assertArrayEquals(new int[] {'b', 'c', 'd'}, contents((ArrayObject) st.popRef()));
        st.i32(1).i32(2).op(inst, ARRAY_NEW_DATA, I16, 1);
        assertArrayEquals(new int[] {0x0302, 0x0504}, contents((ArrayObject) st.popRef()));
        st.i32(0).i32(4).op(inst, ARRAY_NEW_DATA, I32, 1);
        assertArrayEquals(new int[] {0x04030201, 0x08070605, 0x0C0B0A09, 0x100F0E0D}, contents((ArrayObject) st.popRef()));
        st.i32(1).i32(2).op(inst, ARRAY_NEW_DATA, I64, 1);
        ArrayObject l = (ArrayObject) st.popRef();
        assertEquals(0x0908070605040302L, l.getBits(0));
        assertEquals(0x11100F0E0D0C0B0AL, l.getBits(1));
        st.i32(1).i32(1).op(inst, ARRAY_NEW_DATA, V128, 1).i32(0).op(inst, ARRAY_GET, V128);
        assertArrayEquals(new long[] {0x0908070605040302L, 0x11100F0E0D0C0B0AL}, st.popV128());
        st.i32(12).i32(0).op(inst, ARRAY_NEW_DATA, I8, 0);
        assertEquals(0, ((ArrayObject) st.popRef()).length());
        assertTrap("out of bounds memory access", () -> new Stack().i32(10).i32(3).op(inst, ARRAY_NEW_DATA, I8, 0));
        assertTrap("out of bounds memory access", () -> new Stack().i32(13).i32(0).op(inst, ARRAY_NEW_DATA, I8, 0));
        assertTrap("out of bounds memory access", () -> new Stack().i32(0).i32(5).op(inst, ARRAY_NEW_DATA, I32, 1));
        assertTrap("out of bounds memory access", () -> new Stack().i32(0).i32(-1).op(inst, ARRAY_NEW_DATA, V128, 1));
        assertTrap("out of bounds memory access", () -> new Stack().i32(-1).i32(-1).op(inst, ARRAY_NEW_DATA, I8, 0));
        inst.dropData(0);
        assertTrap("out of bounds memory access", () -> new Stack().i32(0).i32(1).op(inst, ARRAY_NEW_DATA, I8, 0));
        assertEquals(0, ((ArrayObject) new Stack().i32(0).i32(0).op(inst, ARRAY_NEW_DATA, I8, 0).popRef()).length());
    }

    @Test
    void initDataChecksArrayThenSegment() {
        ArrayObject a = (ArrayObject) new Stack().i32(6).op(inst, ARRAY_NEW_DEFAULT, I16).popRef();
        Stack st = new Stack();
        int base = st.sp;
        st.ref(a).i32(2).i32(5).i32(2).op(inst, ARRAY_INIT_DATA, I16, 0);
        assertEquals(base, st.sp);
        assertArrayEquals(new int[] {0, 0, 0x6766, 0x6968, 0, 0}, contents(a));
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(0).i32(0).i32(7).op(inst, ARRAY_INIT_DATA, I16, 0));
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(7).i32(99).i32(0).op(inst, ARRAY_INIT_DATA, I16, 0));
        assertTrap("out of bounds memory access", () -> new Stack().ref(a).i32(0).i32(11).i32(1).op(inst, ARRAY_INIT_DATA, I16, 0));
        assertTrap("out of bounds memory access", () -> new Stack().ref(a).i32(0).i32(13).i32(0).op(inst, ARRAY_INIT_DATA, I16, 0));
        assertTrap("null array reference", () -> new Stack().ref(null).i32(0).i32(0).i32(0).op(inst, ARRAY_INIT_DATA, I16, 0));
        new Stack().ref(a).i32(6).i32(12).i32(0).op(inst, ARRAY_INIT_DATA, I16, 0);
        assertArrayEquals(new int[] {0, 0, 0x6766, 0x6968, 0, 0}, contents(a), "traps wrote nothing");
    }

    @Test
    void newElemAndInitElemUseTheSegment() {
        Object x = new Object();
        Object y = I31.of(4);
        inst.elems[0] = new Object[] {x, y, null};
        Stack st = new Stack();
        st.i32(1).i32(2).op(inst, ARRAY_NEW_ELEM, REF, 0);
        ArrayObject a = (ArrayObject) st.popRef();
        assertEquals(2, a.length());
        assertSame(y, a.getRef(0));
        assertNull(a.getRef(1));
        assertTrap("out of bounds table access", () -> new Stack().i32(2).i32(2).op(inst, ARRAY_NEW_ELEM, REF, 0));
        st.ref(a).i32(1).i32(0).i32(1).op(inst, ARRAY_INIT_ELEM, REF, 0);
        assertSame(x, a.getRef(1));
        assertTrap("out of bounds array access", () -> new Stack().ref(a).i32(1).i32(0).i32(2).op(inst, ARRAY_INIT_ELEM, REF, 0));
        assertTrap("out of bounds table access", () -> new Stack().ref(a).i32(0).i32(2).i32(2).op(inst, ARRAY_INIT_ELEM, REF, 0));
        assertTrap("null array reference", () -> new Stack().ref(null).i32(0).i32(0).i32(0).op(inst, ARRAY_INIT_ELEM, REF, 0));
        inst.dropElem(0);
        assertTrap("out of bounds table access", () -> new Stack().ref(a).i32(0).i32(0).i32(1).op(inst, ARRAY_INIT_ELEM, REF, 0));
        new Stack().ref(a).i32(0).i32(0).i32(0).op(inst, ARRAY_INIT_ELEM, REF, 0);
    }

    @Test
    void hugeArraysTrapInsteadOfExhaustingTheHeap() {
        assertTrap("allocation too large", () -> new Stack().i32(-1).op(inst, ARRAY_NEW_DEFAULT, I8));
        assertTrap("allocation too large", () -> new Stack().i64(0).i32(Integer.MAX_VALUE).op(inst, ARRAY_NEW, I64));
        assertTrap("allocation too large", () -> new Stack().v128(0, 0).i32(0x7000_0000).op(inst, ARRAY_NEW, V128));
        long old = GcOps.maxArrayBytes();
        try {
            GcOps.setMaxArrayBytes(1000);
            assertTrap("allocation too large", () -> new Stack().i32(1001).op(inst, ARRAY_NEW_DEFAULT, I8));
            assertTrap("allocation too large", () -> new Stack().i32(126).op(inst, ARRAY_NEW_DEFAULT, REF));
            assertEquals(1000, ((ArrayObject) new Stack().i32(1000).op(inst, ARRAY_NEW_DEFAULT, I8).popRef()).length());
            assertEquals(250, ((ArrayObject) new Stack().i32(250).op(inst, ARRAY_NEW_DEFAULT, F32).popRef()).length());
        } finally {
            GcOps.setMaxArrayBytes(old);
        }
        assertThrows(IllegalArgumentException.class, () -> GcOps.setMaxArrayBytes(-1));
    }

    @Test
    void heapKindOfArrays() {
        assertEquals(dev.weir.wasm.HeapType.ARRAY, GcOps.heapKindOf(newI32()));
    }
}
