package dev.weir.internal.gc;

import static dev.weir.internal.gc.GcOps.STRUCT_GET;
import static dev.weir.internal.gc.GcOps.STRUCT_GET_S;
import static dev.weir.internal.gc.GcOps.STRUCT_GET_U;
import static dev.weir.internal.gc.GcOps.STRUCT_NEW;
import static dev.weir.internal.gc.GcOps.STRUCT_NEW_DEFAULT;
import static dev.weir.internal.gc.GcOps.STRUCT_SET;
import static dev.weir.internal.gc.GcTesting.fin;
import static dev.weir.internal.gc.GcTesting.imm;
import static dev.weir.internal.gc.GcTesting.instance;
import static dev.weir.internal.gc.GcTesting.mut;
import static dev.weir.internal.gc.GcTesting.open;
import static dev.weir.internal.gc.GcTesting.rec;
import static dev.weir.internal.gc.GcTesting.struct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.Trap;
import dev.weir.internal.gc.GcTesting.Stack;
import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.ValType;
import org.junit.jupiter.api.Test;

class StructOpsTest {
    // type 0: struct { i8 (mut), i16 (mut), i32, i64 (mut), f32, f64, v128 (mut), anyref (mut) }
    private final InstanceState inst = instance(
            rec(fin(struct(mut(ValType.I8), mut(ValType.I16), imm(ValType.I32), mut(ValType.I64),
                    imm(ValType.F32), imm(ValType.F64), mut(ValType.V128), mut(ValType.ANYREF)))),
            rec(open(struct(mut(ValType.I32)))),                                   // 1
            rec(open(struct(mut(ValType.I32), imm(ValType.V128), imm(ValType.EQREF)), 1))); // 2 <: 1

    private StructObject sample(Object ref) {
        Stack st = new Stack().i32(0x1FF).i32(0x18000).i32(-7).i64(Long.MIN_VALUE)
                .i32(Float.floatToRawIntBits(Float.NaN) | 1).i64(Double.doubleToRawLongBits(-0.0))
                .v128(0x0102030405060708L, 0x1112131415161718L).ref(ref);
        int base = st.sp - 9;
        st.op(inst, STRUCT_NEW, 0);
        assertEquals(base + 1, st.sp);
        return (StructObject) st.popRef();
    }

    @Test
    void newStoresEveryFieldKindAndGetReadsThemBack() {
        Object host = new Object();
        StructObject o = sample(host);
        assertEquals(8, o.fieldCount());
        Stack st = new Stack();
        st.ref(o).op(inst, STRUCT_GET, 0, 2);
        assertEquals(-7, st.popI32());
        st.ref(o).op(inst, STRUCT_GET, 0, 3);
        assertEquals(Long.MIN_VALUE, st.popI64());
        st.ref(o).op(inst, STRUCT_GET, 0, 4);
        assertEquals(Float.floatToRawIntBits(Float.NaN) | 1, st.popI32(), "NaN payload preserved");
        st.ref(o).op(inst, STRUCT_GET, 0, 5);
        assertEquals(Double.doubleToRawLongBits(-0.0), st.popI64());
        int before = st.sp;
        st.ref(o).op(inst, STRUCT_GET, 0, 6);
        assertEquals(before + 2, st.sp, "v128 takes two slots");
        assertArrayEquals(new long[] {0x0102030405060708L, 0x1112131415161718L}, st.popV128());
        st.ref(o).op(inst, STRUCT_GET, 0, 7);
        assertSame(host, st.popRef());
        assertEquals(before, st.sp);
    }

    @Test
    void packedFieldsAreTruncatedAndExtended() {
        StructObject o = sample(null);
        Stack st = new Stack();
        st.ref(o).op(inst, STRUCT_GET_S, 0, 0);
        assertEquals(-1, st.popI32(), "0x1FF stored as i8 0xFF, sign-extended");
        st.ref(o).op(inst, STRUCT_GET_U, 0, 0);
        assertEquals(0xFF, st.popI32());
        st.ref(o).op(inst, STRUCT_GET_S, 0, 1);
        assertEquals(-32768, st.popI32(), "0x18000 stored as i16 0x8000");
        st.ref(o).op(inst, STRUCT_GET_U, 0, 1);
        assertEquals(0x8000, st.popI32());
        assertEquals(-1, o.getBits(0));
    }

    @Test
    void setOverwritesOneField() {
        StructObject o = sample(null);
        Stack st = new Stack();
        int base = st.sp;
        st.ref(o).i32(0x7F).op(inst, STRUCT_SET, 0, 0);
        assertEquals(base, st.sp);
        st.ref(o).v128(-1, -2).op(inst, STRUCT_SET, 0, 6);
        assertEquals(base, st.sp);
        Object x = new Object();
        st.ref(o).ref(x).op(inst, STRUCT_SET, 0, 7);
        st.ref(o).i64(42).op(inst, STRUCT_SET, 0, 3);
        st.ref(o).op(inst, STRUCT_GET_S, 0, 0);
        assertEquals(0x7F, st.popI32());
        st.ref(o).op(inst, STRUCT_GET, 0, 6);
        assertArrayEquals(new long[] {-1, -2}, st.popV128());
        st.ref(o).op(inst, STRUCT_GET, 0, 7);
        assertSame(x, st.popRef());
        st.ref(o).op(inst, STRUCT_GET, 0, 3);
        assertEquals(42, st.popI64());
        st.ref(o).op(inst, STRUCT_GET, 0, 2);
        assertEquals(-7, st.popI32(), "other fields untouched");
    }

    @Test
    void newDefaultZeroesNumbersAndNullsReferences() {
        Stack st = new Stack();
        int base = st.sp;
        st.op(inst, STRUCT_NEW_DEFAULT, 0);
        assertEquals(base + 1, st.sp);
        StructObject o = (StructObject) st.r[base];
        for (int f : new int[] {0, 1, 2, 3, 4, 5}) {
            st.ref(o).op(inst, STRUCT_GET_U, 0, f);
            assertEquals(0, st.popI64());
        }
        st.ref(o).op(inst, STRUCT_GET, 0, 6);
        assertArrayEquals(new long[] {0, 0}, st.popV128());
        st.ref(o).op(inst, STRUCT_GET, 0, 7);
        assertNull(st.popRef());
    }

    @Test
    void nullStructTraps() {
        Trap t = assertThrows(Trap.class, () -> new Stack().ref(null).op(inst, STRUCT_GET, 0, 2));
        assertEquals("null structure reference", t.getMessage());
        t = assertThrows(Trap.class, () -> new Stack().ref(null).i32(1).op(inst, STRUCT_SET, 0, 0));
        assertEquals("null structure reference", t.getMessage());
        t = assertThrows(Trap.class, () -> new Stack().ref(null).op(inst, STRUCT_GET_S, 0, 0));
        assertEquals("null structure reference", t.getMessage());
    }

    @Test
    void supertypeAccessReadsSubtypeObjectWithSameLayoutPrefix() {
        Stack st = new Stack().i32(5).v128(7, 8).ref(I31.of(3)).op(inst, STRUCT_NEW, 2);
        StructObject sub = (StructObject) st.popRef();
        // struct.get through the supertype's index 1 on a subtype object.
        st.ref(sub).op(inst, STRUCT_GET, 1, 0);
        assertEquals(5, st.popI32());
        st.ref(sub).i32(9).op(inst, STRUCT_SET, 1, 0);
        st.ref(sub).op(inst, STRUCT_GET, 2, 0);
        assertEquals(9, st.popI32());
        st.ref(sub).op(inst, STRUCT_GET, 2, 2);
        assertInstanceOf(I31.class, st.popRef());
        assertEquals(dev.weir.wasm.HeapType.STRUCT, GcOps.heapKindOf(sub));
    }

    @Test
    void embedderAccessorsRejectWrongFieldKinds() {
        StructObject o = sample(null);
        assertThrows(IllegalArgumentException.class, () -> o.getBits(7));
        assertThrows(IllegalArgumentException.class, () -> o.getRef(2));
        assertThrows(IndexOutOfBoundsException.class, () -> o.getBits(8));
        assertEquals(0x1112131415161718L, o.getHighBits(6));
    }
}
