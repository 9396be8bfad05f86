package dev.weir.internal.gc;

import static dev.weir.internal.gc.GcOps.I31_GET_S;
import static dev.weir.internal.gc.GcOps.I31_GET_U;
import static dev.weir.internal.gc.GcOps.REF_I31;
import static dev.weir.internal.gc.GcOps.refEq;
import static dev.weir.internal.gc.GcTesting.fin;
import static dev.weir.internal.gc.GcTesting.instance;
import static dev.weir.internal.gc.GcTesting.rec;
import static dev.weir.internal.gc.GcTesting.struct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Trap;
import dev.weir.internal.gc.GcTesting.Stack;
import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.HeapType;
import org.junit.jupiter.api.Test;

class I31Test {
    private final InstanceState inst = instance(rec(fin(struct())));

    private int[] roundTrip(int v) {
        Stack st = new Stack().i32(v).op(inst, REF_I31, 0);
        Object ref = st.r[st.sp - 1];
        st.op(inst, I31_GET_S, 0);
        int signed = st.popI32();
        st.ref(ref).op(inst, I31_GET_U, 0);
        return new int[] {signed, st.popI32()};
    }

    @Test
    void wrapsTo31BitsAndExtends() {
        assertEquals(0, roundTrip(0)[0]);
        assertEquals(100, roundTrip(100)[1]);
        assertEquals(-1, roundTrip(-1)[0]);
        assertEquals(0x7FFF_FFFF, roundTrip(-1)[1]);
        assertEquals(-0x4000_0000, roundTrip(0x4000_0000)[0], "bit 30 is the sign");
        assertEquals(0x4000_0000, roundTrip(0x4000_0000)[1]);
        assertEquals(0x3FFF_FFFF, roundTrip(0xBFFF_FFFF)[0], "bit 31 is dropped");
        assertEquals(0, roundTrip(0x8000_0000)[0]);
        assertEquals(5000, roundTrip(5000)[0]);
    }

    @Test
    void nullTraps() {
        Trap t = assertThrows(Trap.class, () -> new Stack().ref(null).op(inst, I31_GET_S, 0));
        assertEquals("null i31 reference", t.getMessage());
        t = assertThrows(Trap.class, () -> new Stack().ref(null).op(inst, I31_GET_U, 0));
        assertEquals("null i31 reference", t.getMessage());
    }

    @Test
    void refEqComparesI31ByValueAndObjectsByIdentity() {
        assertTrue(refEq(I31.of(123456789), I31.of(123456789)), "uncached values still equal");
        assertTrue(refEq(I31.of(1), I31.of(1 | 0x8000_0000)), "equal after wrapping");
        assertFalse(refEq(I31.of(1), I31.of(2)));
        assertTrue(refEq(null, null));
        assertFalse(refEq(I31.of(0), null));
        assertFalse(refEq(null, I31.of(0)));
        Object s1 = new Stack().op(inst, GcOps.STRUCT_NEW_DEFAULT, 0).popRef();
        Object s2 = new Stack().op(inst, GcOps.STRUCT_NEW_DEFAULT, 0).popRef();
        assertTrue(refEq(s1, s1));
        assertFalse(refEq(s1, s2), "structurally equal structs are distinct objects");
        assertFalse(refEq(s1, I31.of(0)));
        assertEquals(HeapType.I31, GcOps.heapKindOf(I31.of(3)));
    }

    @Test
    void conversionsAreIdentity() {
        Object x = I31.of(3);
        Stack st = new Stack().ref(x).op(inst, GcOps.EXTERN_CONVERT_ANY, 0).op(inst, GcOps.ANY_CONVERT_EXTERN, 0);
        assertEquals(x, st.popRef());
    }
}
