package dev.weir.internal.gc;

import static dev.weir.internal.gc.GcOps.REF_CAST;
import static dev.weir.internal.gc.GcOps.REF_CAST_NULL;
import static dev.weir.internal.gc.GcOps.REF_TEST;
import static dev.weir.internal.gc.GcOps.REF_TEST_NULL;
import static dev.weir.internal.gc.GcOps.STRUCT_NEW_DEFAULT;
import static dev.weir.internal.gc.GcOps.test;
import static dev.weir.internal.gc.GcTesting.array;
import static dev.weir.internal.gc.GcTesting.fin;
import static dev.weir.internal.gc.GcTesting.finalSub;
import static dev.weir.internal.gc.GcTesting.func;
import static dev.weir.internal.gc.GcTesting.imm;
import static dev.weir.internal.gc.GcTesting.instance;
import static dev.weir.internal.gc.GcTesting.mut;
import static dev.weir.internal.gc.GcTesting.open;
import static dev.weir.internal.gc.GcTesting.rec;
import static dev.weir.internal.gc.GcTesting.struct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Trap;
import dev.weir.internal.gc.GcTesting.Stack;
import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.ValType;
import org.junit.jupiter.api.Test;

class CastTest {
    private static final int[] ALL_ABSTRACT = {HeapType.ANY, HeapType.EQ, HeapType.I31, HeapType.STRUCT,
        HeapType.ARRAY, HeapType.NONE, HeapType.FUNC, HeapType.NOFUNC, HeapType.EXTERN, HeapType.NOEXTERN,
        HeapType.EXN, HeapType.NOEXN};

    /** A hierarchy: $A = sub struct {}, $B = sub $A (i32), $C = sub final $B (i32 i64), $D = struct (i32) final, ... */
    private static RecGroup[] hierarchy() {
        return new RecGroup[] {
            rec(open(struct())),                                                     // 0 $A
            rec(open(struct(imm(ValType.I32)), 0)),                                  // 1 $B <: $A
            rec(finalSub(struct(imm(ValType.I32), mut(ValType.I64)), 1)),            // 2 $C <: $B
            rec(fin(struct(imm(ValType.I32)))),                                      // 3 $D, no supertype
            rec(open(struct(imm(ValType.I32)), 0)),                                  // 4 $B2 == $B
            rec(fin(array(mut(ValType.I8)))),                                        // 5 array
            rec(open(func(ValType.I32))),                                            // 6 func (i32)
            rec(open(func(ValType.I32), 6)),                                         // 7 sub of 6
            rec(open(struct(imm(ValType.I32))), open(struct(imm(ValType.I32)))),     // 8, 9: a rec group of two
        };
    }

    private final InstanceState a = instance(hierarchy());
    private final InstanceState b = instance(hierarchy());

    private static Object newStruct(InstanceState inst, int type) {
        return new Stack().op(inst, STRUCT_NEW_DEFAULT, type).popRef();
    }

    private static FunctionInstance function(InstanceState inst, int type) {
        FuncType ft = inst.types.funcType(type);
        return new FunctionInstance(ft, inst.canonicalType(type), false) {
            @Override
            public void call(ExecContext ctx, long[] s, Object[] r, int base) {
            }

            @Override
            public String debugName() {
                return "test";
            }
        };
    }

    @Test
    void nullPassesOnlyNullableTests() {
        for (int h : ALL_ABSTRACT) {
            assertTrue(test(a, null, true, h));
            assertFalse(test(a, null, false, h));
        }
        assertTrue(test(a, null, true, 2));
        assertFalse(test(a, null, false, 2));
    }

    @Test
    void declaredSupertypesAreFollowed() {
        Object c = newStruct(a, 2);
        assertTrue(test(a, c, false, 2));
        assertTrue(test(a, c, false, 1));
        assertTrue(test(a, c, false, 0));
        assertFalse(test(a, c, false, 3), "structurally a subtype of $D, but not declared");
        Object bObj = newStruct(a, 1);
        assertFalse(test(a, bObj, false, 2), "a supertype is not a subtype");
        assertTrue(test(a, bObj, false, 0));
        Object aObj = newStruct(a, 0);
        assertFalse(test(a, aObj, false, 1));
        assertTrue(test(a, aObj, false, 0));
    }

    @Test
    void equivalentTypesShareCanonicalIds() {
        assertEquals(a.canonicalType(1), a.canonicalType(4));
        assertNotEquals(a.canonicalType(1), a.canonicalType(3), "different supertypes and finality");
        assertNotEquals(a.canonicalType(8), a.canonicalType(3), "a type in a bigger rec group differs");
        assertNotEquals(a.canonicalType(8), a.canonicalType(9), "positions in a rec group differ");
        Object bObj = newStruct(a, 1);
        assertTrue(test(a, bObj, false, 4));
        Object b2 = newStruct(a, 4);
        assertTrue(test(a, b2, false, 1));
        assertFalse(test(a, newStruct(a, 8), false, 9));
        assertFalse(test(a, newStruct(a, 3), false, 1));
    }

    @Test
    void objectsCrossModuleBoundariesByCanonicalId() {
        Object c = newStruct(a, 2);
        assertEquals(a.canonicalType(2), b.canonicalType(2));
        for (int t = 0; t <= 2; t++) {
            assertTrue(test(b, c, false, t), "module b's type " + t);
        }
        assertTrue(test(b, c, false, 4), "b's $B2 is equivalent to a's $B");
        assertFalse(test(b, c, false, 3));
        assertTrue(test(b, newStruct(a, 8), false, 8));
        // A third module whose $B has a different shape: no longer the same type.
        InstanceState other = instance(rec(open(struct())), rec(open(struct(imm(ValType.I64)), 0)));
        assertFalse(test(other, c, false, 1));
        assertTrue(test(other, c, false, 0), "the root struct {} is shared");
    }

    @Test
    void abstractHierarchyOfAnyRefs() {
        Object s = newStruct(a, 0);
        Object arr = new Stack().i32(2).op(a, GcOps.ARRAY_NEW_DEFAULT, 5).popRef();
        Object i31 = I31.of(7);
        Object host = "a host string";
        check(s, HeapType.ANY, HeapType.EQ, HeapType.STRUCT, HeapType.EXTERN);
        check(arr, HeapType.ANY, HeapType.EQ, HeapType.ARRAY, HeapType.EXTERN);
        check(i31, HeapType.ANY, HeapType.EQ, HeapType.I31, HeapType.EXTERN);
        check(host, HeapType.ANY, HeapType.EXTERN);
        assertFalse(test(a, arr, false, 0));
        assertTrue(test(a, arr, false, 5));
        assertFalse(test(a, s, false, 5));
        assertFalse(test(a, i31, false, 0));
        assertFalse(test(a, host, false, 0));
        assertFalse(test(a, host, false, 6));
    }

    @Test
    void functionsAndExceptions() {
        FunctionInstance f = function(a, 7);
        FunctionInstance g = function(b, 6);
        check(f, HeapType.FUNC, HeapType.ANY, HeapType.EXTERN);
        assertTrue(test(a, f, false, 7));
        assertTrue(test(a, f, false, 6), "declared func supertype");
        assertTrue(test(b, f, false, 6), "across modules");
        assertFalse(test(a, g, false, 7));
        assertTrue(test(a, g, true, 6));
        assertFalse(test(a, f, false, 0), "a function is never a struct");
        assertFalse(test(a, newStruct(a, 0), false, 6), "a struct is never a function");
        ExceptionInstance e = new ExceptionInstance(null, new long[0], new Object[0]);
        check(e, HeapType.EXN, HeapType.ANY, HeapType.EXTERN);
        assertEquals(HeapType.FUNC, GcOps.heapKindOf(f));
        assertEquals(HeapType.EXN, GcOps.heapKindOf(e));
        assertEquals(HeapType.EXTERN, GcOps.heapKindOf("host"));
    }

    /** {@code ref} passes exactly the abstract tests listed (ANY/EXTERN pass for any non-null value). */
    private void check(Object ref, int... expected) {
        for (int h : ALL_ABSTRACT) {
            boolean want = false;
            for (int e : expected) {
                want |= e == h;
            }
            assertEquals(want, test(a, ref, false, h), ref + " as " + HeapType.name(h));
            assertEquals(want, test(a, ref, true, h), ref + " as nullable " + HeapType.name(h));
        }
    }

    @Test
    void refTestAndRefCastThroughExecute() {
        Object c = newStruct(a, 2);
        Stack st = new Stack().ref(c).op(a, REF_TEST, 1);
        assertEquals(1, st.popI32());
        st.ref(null).op(a, REF_TEST, 1);
        assertEquals(0, st.popI32());
        st.ref(null).op(a, REF_TEST_NULL, 1);
        assertEquals(1, st.popI32());
        st.ref(c).op(a, REF_CAST, 0);
        assertSame(c, st.popRef());
        st.ref(null).op(a, REF_CAST_NULL, 3);
        assertEquals(null, st.popRef());
        Trap t = assertThrows(Trap.class, () -> new Stack().ref(c).op(a, REF_CAST, 3));
        assertEquals("cast failure", t.getMessage());
        t = assertThrows(Trap.class, () -> new Stack().ref(null).op(a, REF_CAST, HeapType.ANY));
        assertEquals("cast failure", t.getMessage());
    }

    @Test
    void structSupertypeInsideTheSameRecGroup() {
        InstanceState m = instance(rec(open(struct()), open(struct(imm(ValType.I32)), 0)));
        assertTrue(test(m, newStruct(m, 1), false, 0));
        assertFalse(test(m, newStruct(m, 0), false, 1));
    }

    /**
     * Function casts go through {@code Types.isCanonicalSubtype}; with a supertype at position 0 of
     * the same rec group the registry's encoding (-1 = "no supertype" = "group type 0") breaks it
     * (type-subtyping.wast line 510). Enable once TypeRegistry/Types encode in-group supers as -(2 + i).
     */
    @Test
    void funcSupertypeInsideTheSameRecGroup() {
        InstanceState m = instance(rec(open(func(ValType.I64)), open(func(ValType.I64), 0)));
        FunctionInstance f = function(m, 1);
        assertTrue(test(m, f, false, 0));
        assertFalse(test(m, function(m, 0), false, 1));
    }

    @Test
    void runtimeTypesAreCachedPerInstance() {
        RuntimeType t = RuntimeType.of(a, 2);
        assertSame(t, RuntimeType.of(a, 2));
        assertSame(t, a.gcCache[2]);
        assertEquals(2, t.depth());
        assertEquals(a.canonicalType(2), t.canonicalId);
        RuntimeType u = RuntimeType.of(b, 2);
        assertTrue(u.isSubtypeOf(RuntimeType.of(a, 0)));
        assertTrue(RuntimeType.of(a, 0).isSubtypeOf(RuntimeType.of(a, 0)));
        assertFalse(RuntimeType.of(a, 0).isSubtypeOf(u));
    }
}
