package dev.weir.internal.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher, the opcode table and the per-op methods agree: every lane-free opcode routes to
 * the method named after its text name (class = shape, method = camel-cased op) with the
 * documented stack effect.
 */
class DispatcherTest {
    static String camel(String op) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : op.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    static Class<?> shapeClass(String shape) {
        switch (shape) {
            case "v128": return V128.class;
            case "i8x16": return I8x16.class;
            case "i16x8": return I16x8.class;
            case "i32x4": return I32x4.class;
            case "i64x2": return I64x2.class;
            case "f32x4": return F32x4.class;
            case "f64x2": return F64x2.class;
            default: throw new AssertionError(shape);
        }
    }

    static Method method(String name) {
        String[] parts = name.split("\\.");
        String m = camel(parts[1]);
        for (Method x : shapeClass(parts[0]).getMethods()) {
            if (x.getName().equals(m)) {
                return x;
            }
        }
        throw new AssertionError("no method for " + name + " (" + m + ")");
    }

    @Test
    void everyLaneFreeOpcodeMatchesItsNamedMethod() throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        int checked = 0;
        for (int op = 0; op < 0x114; op++) {
            String name = V128.opName(op);
            if (name == null || !V128.isLaneFree(op)) {
                continue;
            }
            Method m = method(name);
            Class<?>[] p = m.getParameterTypes();
            for (int n = 0; n < 50; n++) {
                long[] in = new long[7];
                for (int k = 0; k < in.length; k++) {
                    in[k] = r.nextLong();
                }
                int delta = V128.stackDelta(op);
                long[] viaDispatch = Arrays.copyOf(in, 9);
                long[] viaMethod = Arrays.copyOf(in, 9);
                int sp;
                if (name.endsWith(".splat")) {
                    sp = 1;
                    assertEquals(2, V128.execute(op, viaDispatch, sp));
                    Object v = p[2] == int.class ? (Object) (int) in[0]
                            : p[2] == long.class ? (Object) in[0]
                            : p[2] == float.class ? (Object) Float.intBitsToFloat((int) in[0])
                            : (Object) Double.longBitsToDouble(in[0]);
                    m.invoke(null, viaMethod, 0, v);
                    assertEquals(Vec.hex(Arrays.copyOf(viaMethod, 2)), Vec.hex(Arrays.copyOf(viaDispatch, 2)), name);
                    continue;
                }
                if (p.length == 2 && p[0] == long.class) { // test op: (lo, hi) -> int
                    sp = 2;
                    assertEquals(sp + delta, V128.execute(op, viaDispatch, sp), name);
                    assertEquals((long) (int) m.invoke(null, in[0], in[1]), viaDispatch[0], name);
                    continue;
                }
                int operands = p.length == 3 ? 3 : (delta == 0 ? 2 : delta == -2 ? 4 : 6);
                sp = operands;
                assertEquals(sp + delta, V128.execute(op, viaDispatch, sp), name);
                if (p.length == 3) {
                    m.invoke(null, viaMethod, 0, (int) in[2]);
                } else {
                    m.invoke(null, viaMethod, 0);
                }
                assertEquals(Vec.hex(Arrays.copyOf(viaMethod, 2)), Vec.hex(Arrays.copyOf(viaDispatch, 2)), name);
            }
            checked++;
        }
        // 276 sub-opcodes - 20 unassigned - 38 with immediates or memory operands
        assertEquals(218, checked, "number of lane-free opcodes checked");
    }

    @Test
    void stackDeltaAndNames() {
        assertEquals("i8x16.add", V128.opName(0x6E));
        assertEquals("i32x4.relaxed_dot_i8x16_i7x16_add_s", V128.opName(0x113));
        assertEquals(null, V128.opName(0x9A));
        assertEquals(null, V128.opName(0x114));
        assertEquals(-2, V128.stackDelta(0x6E));
        assertEquals(0, V128.stackDelta(0x4D));
        assertEquals(-4, V128.stackDelta(0x52));
        assertEquals(-1, V128.stackDelta(0x6B)); // shift: v128 i32 -> v128
        assertEquals(-1, V128.stackDelta(0x64)); // bitmask: v128 -> i32
        assertEquals(1, V128.stackDelta(0x11)); // splat
        assertEquals(2, V128.stackDelta(0x0C)); // const
        assertEquals(1, V128.stackDelta(0x00)); // load
        assertEquals(-3, V128.stackDelta(0x0B)); // store
        assertEquals(-1, V128.stackDelta(0x15)); // extract_lane
        assertEquals(-1, V128.stackDelta(0x17)); // replace_lane
        assertFalse(V128.isLaneFree(0x0D));
        assertFalse(V128.isLaneFree(0x15));
        assertTrue(V128.isLaneFree(0x113));
        assertThrows(IllegalArgumentException.class, () -> V128.stackDelta(0x9A));
        assertThrows(IllegalArgumentException.class, () -> V128.stackDelta(-1));
        assertThrows(IllegalArgumentException.class, () -> V128.stackDelta(0x200));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> V128.execute(0x0D, new long[8], 4));
        assertTrue(e.getMessage().contains("i8x16.shuffle"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> V128.execute(0x9A, new long[8], 4));
        assertThrows(IllegalArgumentException.class, () -> V128.executeLane(0x6E, new long[8], 4, 0));
        for (int op = 0; op < 0x114; op++) {
            // every named opcode has a stack effect and vice versa
            boolean named = V128.opName(op) != null;
            int o = op;
            if (named) {
                V128.stackDelta(o);
            } else {
                assertThrows(IllegalArgumentException.class, () -> V128.stackDelta(o));
            }
        }
    }

    @Test
    void laneOpsThroughDispatcher() {
        long[] s = Arrays.copyOf(Vec.i8(0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -128), 3);
        assertEquals(1, V128.executeLane(0x15, s, 2, 1));
        assertEquals(-1, s[0]);
        s = Arrays.copyOf(Vec.i8(0, -1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -128), 3);
        V128.executeLane(0x16, s, 2, 15);
        assertEquals(128, s[0]);
        s = Arrays.copyOf(Vec.i32(1, 2, 3, 4), 3);
        s[2] = 0xABCD_EF01L;
        assertEquals(2, V128.executeLane(0x1C, s, 3, 2));
        Vec.assertVec(Vec.i32(1, 2, 0xABCD_EF01, 4), Arrays.copyOf(s, 2));
        s = new long[] {5, 6, 77};
        V128.executeLane(0x22, s, 3, 1); // f64x2.replace_lane with raw bits
        assertEquals(77, s[1]);
        s = new long[] {5, 6};
        V128.executeLane(0x21, s, 2, 1);
        assertEquals(6, s[0]);
        s = Arrays.copyOf(Vec.i16(1, 2, 3, 4, 5, 6, 7, -8), 3);
        s[2] = 0x1234_5678; // only the low 16 bits are stored
        V128.executeLane(0x1A, s, 3, 7);
        Vec.assertVec(Vec.i16(1, 2, 3, 4, 5, 6, 7, 0x5678), Arrays.copyOf(s, 2));
        s = Arrays.copyOf(Vec.i16(1, 2, 3, 4, 5, 6, 7, -8), 2);
        V128.executeLane(0x18, s, 2, 7);
        assertEquals(-8, s[0]);
    }
}
