package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class TypesTest {
    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;

    private static SubType func(ValType[] ps, ValType[] rs) {
        return SubType.of(FuncType.of(ps, rs));
    }

    private static SubType struct(boolean fin, List<Integer> sup, FieldType... fs) {
        return new SubType(fin, sup, new StructType(List.of(fs)));
    }

    private static SubType array(boolean fin, List<Integer> sup, FieldType f) {
        return new SubType(fin, sup, new ArrayType(f));
    }

    private static FieldType imm(ValType t) {
        return new FieldType(t, false);
    }

    private static FieldType mut(ValType t) {
        return new FieldType(t, true);
    }

    private static RecGroup rec(SubType... ts) {
        return new RecGroup(List.of(ts));
    }

    private static void invalidTypes(String expected, RecGroup... gs) {
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Types.of(List.of(gs)));
        assertTrue(e.reason().startsWith(expected), () -> e.reason());
    }

    @Test
    void equivalentTypesAcrossModulesShareCanonicalIds() {
        Types a = Types.of(List.of(rec(func(new ValType[] {I32}, new ValType[] {I64}))));
        Types b = Types.of(List.of(rec(struct(true, List.of())), rec(func(new ValType[] {I32}, new ValType[] {I64}))));
        assertEquals(a.canonicalId(0), b.canonicalId(1));
        assertNotEquals(b.canonicalId(0), b.canonicalId(1));
        // Within one module, two equal singleton groups are the same type.
        Types c = Types.of(List.of(rec(func(new ValType[0], new ValType[0])), rec(func(new ValType[0], new ValType[0]))));
        assertEquals(c.canonicalId(0), c.canonicalId(1));
        assertTrue(c.isTypeSubtype(0, 1));
        assertTrue(c.isHeapSubtype(0, 1));
    }

    @Test
    void recGroupsCompareStructurallyWithRelativeReferences() {
        // (rec (type $a (struct (field (ref null $b)))) (type $b (struct (field (ref null $a)))))
        RecGroup g = rec(struct(true, List.of(), imm(ValType.ref(true, 1))), struct(true, List.of(), imm(ValType.ref(true, 0))));
        RecGroup shifted = rec(struct(true, List.of(), imm(ValType.ref(true, 2))), struct(true, List.of(), imm(ValType.ref(true, 1))));
        Types a = Types.of(List.of(g));
        Types b = Types.of(List.of(rec(func(new ValType[0], new ValType[0])), shifted));
        assertEquals(a.canonicalId(0), b.canonicalId(1));
        assertEquals(a.canonicalId(1), b.canonicalId(2));
        // The same structure in a singleton group is a different type (iso-recursive, not equi-recursive).
        Types single = Types.of(List.of(rec(struct(true, List.of(), imm(ValType.ref(true, 0))))));
        assertNotEquals(a.canonicalId(0), single.canonicalId(0));
        assertNotEquals(a.canonicalId(0), a.canonicalId(1)); // different positions in the group
    }

    @Test
    void canonicalizationIsThreadSafe() throws Exception {
        ConcurrentLinkedQueue<Integer> ids = new ConcurrentLinkedQueue<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                for (int k = 0; k < 200; k++) {
                    Types x = Types.of(List.of(rec(struct(true, List.of(), imm(ValType.F64), mut(ValType.I16)),
                            array(true, List.of(), imm(ValType.ref(false, 0))))));
                    ids.add(x.canonicalId(1));
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(1, ids.stream().distinct().count());
    }

    @Test
    void abstractHeapHierarchy() {
        Types t = Types.of(List.of());
        int[][] yes = {
            {HeapType.EQ, HeapType.ANY}, {HeapType.I31, HeapType.EQ}, {HeapType.STRUCT, HeapType.ANY},
            {HeapType.ARRAY, HeapType.EQ}, {HeapType.NONE, HeapType.I31}, {HeapType.NONE, HeapType.ANY},
            {HeapType.NOFUNC, HeapType.FUNC}, {HeapType.NOEXTERN, HeapType.EXTERN}, {HeapType.NOEXN, HeapType.EXN},
        };
        for (int[] p : yes) {
            assertTrue(t.isHeapSubtype(p[0], p[1]), HeapType.name(p[0]) + " <: " + HeapType.name(p[1]));
            assertFalse(t.isHeapSubtype(p[1], p[0]), HeapType.name(p[1]) + " </: " + HeapType.name(p[0]));
        }
        assertFalse(t.isHeapSubtype(HeapType.FUNC, HeapType.ANY));
        assertFalse(t.isHeapSubtype(HeapType.EXTERN, HeapType.ANY));
        assertFalse(t.isHeapSubtype(HeapType.NONE, HeapType.FUNC));
        assertFalse(t.isHeapSubtype(HeapType.I31, HeapType.STRUCT));
        assertEquals(HeapType.ANY, t.top(HeapType.I31));
        assertEquals(HeapType.NOFUNC, t.bottom(HeapType.FUNC));
        assertTrue(t.isSubtype(ValType.ref(false, HeapType.I31), ValType.EQREF));
        assertFalse(t.isSubtype(ValType.EQREF, ValType.ref(false, HeapType.EQ)));
        assertFalse(t.isSubtype(ValType.I32, ValType.I64));
        assertTrue(Types.isDefaultable(ValType.FUNCREF));
        assertFalse(Types.isDefaultable(ValType.ref(false, HeapType.FUNC)));
    }

    @Test
    void concreteTypesAndDeclaredSupertypes() {
        // 0: (sub (struct (field i32)))  1: (sub 0 (struct (field i32) (field i64)))  2: (sub final 1 (struct i32 i64 f32))
        // 3: func  4: (array i8)
        Types t = Types.of(List.of(
                rec(struct(false, List.of(), imm(I32))),
                rec(struct(false, List.of(0), imm(I32), imm(I64))),
                rec(struct(true, List.of(1), imm(I32), imm(I64), imm(ValType.F32))),
                rec(func(new ValType[0], new ValType[0])),
                rec(array(true, List.of(), mut(ValType.I8)))));
        assertTrue(t.isTypeSubtype(2, 0));
        assertTrue(t.isTypeSubtype(1, 0));
        assertFalse(t.isTypeSubtype(0, 1));
        assertTrue(Types.isCanonicalSubtype(t.canonicalId(2), t.canonicalId(0)));
        assertFalse(Types.isCanonicalSubtype(t.canonicalId(0), t.canonicalId(2)));
        assertTrue(t.isHeapSubtype(2, HeapType.STRUCT));
        assertTrue(t.isHeapSubtype(2, HeapType.EQ));
        assertFalse(t.isHeapSubtype(2, HeapType.ARRAY));
        assertTrue(t.isHeapSubtype(4, HeapType.ARRAY));
        assertTrue(t.isHeapSubtype(3, HeapType.FUNC));
        assertFalse(t.isHeapSubtype(3, HeapType.ANY));
        assertTrue(t.isHeapSubtype(HeapType.NONE, 2));
        assertTrue(t.isHeapSubtype(HeapType.NOFUNC, 3));
        assertFalse(t.isHeapSubtype(HeapType.NOFUNC, 2));
        assertFalse(t.isHeapSubtype(HeapType.STRUCT, 0));
        assertEquals(HeapType.FUNC, t.top(3));
        assertEquals(HeapType.NONE, t.bottom(4));
        assertEquals(1, t.supertype(2));
    }

    @Test
    void subtypeDefinitionsAreChecked() {
        // final supertype
        invalidTypes("sub type 1 has final super type 0",
                rec(func(new ValType[0], new ValType[0])), rec(new SubType(true, List.of(0), FuncType.of(new ValType[0], new ValType[0]))));
        // kind mismatch
        invalidTypes("sub type 1 does not match super type 0",
                rec(array(false, List.of(), imm(I32))), rec(struct(false, List.of(0))));
        // mutable field must be invariant
        invalidTypes("sub type", rec(array(false, List.of(), mut(ValType.ANYREF))),
                rec(array(false, List.of(0), mut(ValType.NULLREF))));
        // immutable field is covariant, but not contravariant
        Types.of(List.of(rec(array(false, List.of(), imm(ValType.ANYREF))), rec(array(false, List.of(0), imm(ValType.NULLREF)))));
        invalidTypes("sub type", rec(array(false, List.of(), imm(ValType.NULLREF))),
                rec(array(false, List.of(0), imm(ValType.ANYREF))));
        // mutability must agree
        invalidTypes("sub type", rec(struct(false, List.of(), mut(I32))), rec(struct(false, List.of(0), imm(I32))));
        // func: params contravariant, results covariant
        Types.of(List.of(rec(new SubType(false, List.of(), FuncType.of(new ValType[] {ValType.NULLREF}, new ValType[] {ValType.ANYREF}))),
                rec(new SubType(false, List.of(0), FuncType.of(new ValType[] {ValType.ANYREF}, new ValType[] {ValType.NULLREF})))));
        invalidTypes("sub type", rec(new SubType(false, List.of(), FuncType.of(new ValType[] {ValType.ANYREF}, new ValType[0]))),
                rec(new SubType(false, List.of(0), FuncType.of(new ValType[] {ValType.NULLREF}, new ValType[0]))));
        // width subtyping: fewer fields is not a subtype
        invalidTypes("sub type", rec(struct(false, List.of(), imm(I32), imm(I32))), rec(struct(false, List.of(0), imm(I32))));
    }

    @Test
    void typeIndicesMustBeInScope() {
        invalidTypes("unknown type", rec(struct(true, List.of(), imm(ValType.ref(true, 1)))));
        invalidTypes("unknown type", rec(struct(false, List.of(5))));
        invalidTypes("forward use of type", rec(struct(false, List.of(1)), struct(false, List.of())));
        // Forward references within a rec group are fine.
        Types.of(List.of(rec(struct(true, List.of(), imm(ValType.ref(true, 1))), struct(true, List.of()))));
    }
}
