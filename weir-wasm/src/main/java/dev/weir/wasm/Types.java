package dev.weir.wasm;

import dev.weir.wasm.internal.validate.TypeRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's defined types, validated and canonicalized: iso-recursive type equivalence
 * (spec 3.1.3, 4.2), a process-wide canonical id per defined type, and subtyping (spec 3.3.x
 * "matching") for value, heap and defined types.
 *
 * <p>Canonical ids are shared by all modules in the process: two modules' equivalent types get the
 * same id, so a runtime can check {@code call_indirect} signatures and casts across instances by
 * comparing ids ({@link #isCanonicalSubtype}). All queries are allocation-free; instances are
 * immutable and thread-safe.
 *
 * <p>Heap types are ints as in {@link HeapType}; {@link #isHeapSubtype} also accepts any value
 * below {@link HeapType#EXN} as the bottom heap type that the validator uses for unreachable code.
 */
public final class Types {
    private final List<SubType> types;
    private final byte[] kind;
    private final int[] canon;
    private final int[] superIdx;
    private final int[] depth;

    private Types(List<SubType> types) {
        this.types = types;
        int n = types.size();
        kind = new byte[n];
        canon = new int[n];
        superIdx = new int[n];
        depth = new int[n];
    }

    /** Validates and canonicalizes the module's type section; throws {@link InvalidModuleException}. */
    public static Types of(WasmModule module) {
        return of(module.recGroups());
    }

    /** Validates and canonicalizes a list of rec groups (spec 3.2.x, "rec types"). */
    public static Types of(List<RecGroup> groups) {
        List<SubType> flat = new ArrayList<>();
        for (RecGroup g : groups) {
            flat.addAll(g.types());
        }
        Types t = new Types(List.copyOf(flat));
        int start = 0;
        for (RecGroup g : groups) {
            t.addGroup(start, g.types().size());
            start += g.types().size();
        }
        return t;
    }

    private void addGroup(int s, int n) {
        int end = s + n;
        // 1. References must stay within the types defined so far plus this group; supertypes must
        //    come earlier (spec 3.2: "x < the index of the type being defined").
        for (int i = s; i < end; i++) {
            SubType st = types.get(i);
            if (st.supertypes().size() > 1) {
                throw new InvalidModuleException("multiple supertypes");
            }
            for (int sup : st.supertypes()) {
                if (sup < 0 || sup >= end) {
                    throw new InvalidModuleException("unknown type " + Integer.toUnsignedString(sup));
                }
                if (sup >= i) {
                    throw new InvalidModuleException("forward use of type " + sup + " in sub type definition");
                }
            }
            CompositeType c = st.composite();
            if (c instanceof FuncType) {
                kind[i] = TypeRegistry.KIND_FUNC;
                for (ValType v : ((FuncType) c).params()) {
                    checkRef(v, end);
                }
                for (ValType v : ((FuncType) c).results()) {
                    checkRef(v, end);
                }
            } else if (c instanceof StructType) {
                kind[i] = TypeRegistry.KIND_STRUCT;
                for (FieldType f : ((StructType) c).fields()) {
                    checkRef(f.storage(), end);
                }
            } else {
                kind[i] = TypeRegistry.KIND_ARRAY;
                checkRef(((ArrayType) c).element().storage(), end);
            }
            superIdx[i] = st.supertypes().isEmpty() ? -1 : st.supertypes().get(0);
            depth[i] = superIdx[i] < 0 ? 0 : depth[superIdx[i]] + 1;
        }
        // 2. Canonicalize the group as a whole.
        IntBuf key = new IntBuf();
        key.add(n);
        byte[] kinds = new byte[n];
        int[] supers = new int[n];
        int[] depths = new int[n];
        for (int i = s; i < end; i++) {
            SubType st = types.get(i);
            kinds[i - s] = kind[i];
            depths[i - s] = depth[i];
            int sup = superIdx[i];
            supers[i - s] = sup < 0 ? -1 : sup >= s ? -(2 + sup - s) : canon[sup];
            key.add(st.isFinal() ? 1 : 0);
            key.add(sup < 0 ? Integer.MIN_VALUE : heapKey(sup, s));
            key.add(kind[i]);
            CompositeType c = st.composite();
            if (c instanceof FuncType) {
                FuncType f = (FuncType) c;
                key.add(f.params().size());
                for (ValType v : f.params()) {
                    valKey(key, v, s);
                }
                key.add(f.results().size());
                for (ValType v : f.results()) {
                    valKey(key, v, s);
                }
            } else if (c instanceof StructType) {
                List<FieldType> fs = ((StructType) c).fields();
                key.add(fs.size());
                for (FieldType f : fs) {
                    valKey(key, f.storage(), s);
                    key.add(f.mutable() ? 1 : 0);
                }
            } else {
                FieldType f = ((ArrayType) c).element();
                valKey(key, f.storage(), s);
                key.add(f.mutable() ? 1 : 0);
            }
        }
        int base = TypeRegistry.canonicalize(new TypeRegistry.Key(key.toArray()), kinds, supers, depths);
        for (int i = 0; i < n; i++) {
            canon[s + i] = base + i;
        }
        // 3. Declared supertypes must be non-final and structurally matched (spec 3.2, "sub types").
        for (int i = s; i < end; i++) {
            int sup = superIdx[i];
            if (sup < 0) {
                continue;
            }
            SubType superType = types.get(sup);
            if (superType.isFinal()) {
                throw new InvalidModuleException("sub type " + i + " has final super type " + sup);
            }
            if (!matchesComposite(types.get(i).composite(), superType.composite())) {
                throw new InvalidModuleException("sub type " + i + " does not match super type " + sup);
            }
        }
    }

    private static void checkRef(ValType v, int limit) {
        if (v.isRef() && v.heapType() >= limit) {
            throw new InvalidModuleException("unknown type " + v.heapType());
        }
    }

    private int heapKey(int heapType, int groupStart) {
        if (heapType < 0) {
            return heapType; // abstract: -23..-12
        }
        if (heapType >= groupStart) {
            return -1000 - (heapType - groupStart); // relative to the group
        }
        return canon[heapType]; // outside the group: its canonical identity
    }

    private void valKey(IntBuf key, ValType v, int groupStart) {
        if (!v.isRef()) {
            key.add(v.kind().ordinal());
            return;
        }
        key.add(v.nullable() ? 100 : 101);
        key.add(heapKey(v.heapType(), groupStart));
    }

    private boolean matchesComposite(CompositeType sub, CompositeType sup) {
        if (sub instanceof FuncType && sup instanceof FuncType) {
            FuncType a = (FuncType) sub;
            FuncType b = (FuncType) sup;
            if (a.params().size() != b.params().size() || a.results().size() != b.results().size()) {
                return false;
            }
            for (int i = 0; i < a.params().size(); i++) {
                if (!isSubtype(b.params().get(i), a.params().get(i))) {
                    return false; // contravariant
                }
            }
            for (int i = 0; i < a.results().size(); i++) {
                if (!isSubtype(a.results().get(i), b.results().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (sub instanceof StructType && sup instanceof StructType) {
            List<FieldType> a = ((StructType) sub).fields();
            List<FieldType> b = ((StructType) sup).fields();
            if (a.size() < b.size()) {
                return false;
            }
            for (int i = 0; i < b.size(); i++) {
                if (!isFieldSubtype(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (sub instanceof ArrayType && sup instanceof ArrayType) {
            return isFieldSubtype(((ArrayType) sub).element(), ((ArrayType) sup).element());
        }
        return false;
    }

    /** Field matching: immutable fields are covariant, mutable ones invariant (spec 3.3.x). */
    public boolean isFieldSubtype(FieldType a, FieldType b) {
        if (a.mutable() != b.mutable()) {
            return false;
        }
        if (!isSubtype(a.storage(), b.storage())) {
            return false;
        }
        return !a.mutable() || isSubtype(b.storage(), a.storage());
    }

    // ---- queries ----

    /** Number of defined types. */
    public int size() {
        return types.size();
    }

    public SubType subType(int typeIndex) {
        return types.get(typeIndex);
    }

    public CompositeType composite(int typeIndex) {
        return types.get(typeIndex).composite();
    }

    public boolean isFunc(int typeIndex) {
        return typeIndex >= 0 && typeIndex < kind.length && kind[typeIndex] == TypeRegistry.KIND_FUNC;
    }

    public boolean isStruct(int typeIndex) {
        return typeIndex >= 0 && typeIndex < kind.length && kind[typeIndex] == TypeRegistry.KIND_STRUCT;
    }

    public boolean isArray(int typeIndex) {
        return typeIndex >= 0 && typeIndex < kind.length && kind[typeIndex] == TypeRegistry.KIND_ARRAY;
    }

    /** The function type at an index, or null if the type is not a function type. */
    public FuncType funcType(int typeIndex) {
        return isFunc(typeIndex) ? (FuncType) types.get(typeIndex).composite() : null;
    }

    public StructType structType(int typeIndex) {
        return isStruct(typeIndex) ? (StructType) types.get(typeIndex).composite() : null;
    }

    public ArrayType arrayType(int typeIndex) {
        return isArray(typeIndex) ? (ArrayType) types.get(typeIndex).composite() : null;
    }

    /** The process-wide canonical id of a defined type: equal ids mean equivalent types. */
    public int canonicalId(int typeIndex) {
        return canon[typeIndex];
    }

    /** The declared supertype's index, or -1. */
    public int supertype(int typeIndex) {
        return superIdx[typeIndex];
    }

    public boolean isFinal(int typeIndex) {
        return types.get(typeIndex).isFinal();
    }

    /** Whether defined type {@code a} matches defined type {@code b} (equivalent, or b is a declared ancestor). */
    public boolean isTypeSubtype(int a, int b) {
        if (canon[a] == canon[b]) {
            return true;
        }
        int d = depth[a] - depth[b];
        if (d <= 0) {
            return false;
        }
        while (d-- > 0) {
            a = superIdx[a];
        }
        return canon[a] == canon[b];
    }

    /** Cross-module subtyping of canonical ids ({@link #canonicalId}): for casts and call_indirect at run time. */
    public static boolean isCanonicalSubtype(int canonicalA, int canonicalB) {
        return TypeRegistry.isSubtype(canonicalA, canonicalB);
    }

    /**
     * Heap subtyping (spec 3.3.x): any ⊇ eq ⊇ {i31, struct, array} ⊇ none, func ⊇ nofunc,
     * extern ⊇ noextern, exn ⊇ noexn, concrete types below the abstract type of their kind and
     * above the bottom of their hierarchy, declared supertypes transitively.
     */
    public boolean isHeapSubtype(int a, int b) {
        if (a == b || a < HeapType.EXN) {
            return true; // equal, or the validator's bottom heap type
        }
        if (b < HeapType.EXN) {
            return false;
        }
        if (a >= 0) {
            if (b >= 0) {
                return isTypeSubtype(a, b);
            }
            switch (kind[a]) {
                case TypeRegistry.KIND_FUNC:
                    return b == HeapType.FUNC;
                case TypeRegistry.KIND_STRUCT:
                    return b == HeapType.STRUCT || b == HeapType.EQ || b == HeapType.ANY;
                default:
                    return b == HeapType.ARRAY || b == HeapType.EQ || b == HeapType.ANY;
            }
        }
        if (b >= 0) {
            return a == bottom(b);
        }
        switch (a) {
            case HeapType.NONE:
                return b == HeapType.ANY || b == HeapType.EQ || b == HeapType.I31 || b == HeapType.STRUCT
                        || b == HeapType.ARRAY;
            case HeapType.I31:
            case HeapType.STRUCT:
            case HeapType.ARRAY:
                return b == HeapType.EQ || b == HeapType.ANY;
            case HeapType.EQ:
                return b == HeapType.ANY;
            case HeapType.NOFUNC:
                return b == HeapType.FUNC;
            case HeapType.NOEXTERN:
                return b == HeapType.EXTERN;
            case HeapType.NOEXN:
                return b == HeapType.EXN;
            default:
                return false;
        }
    }

    /** Value type matching: numeric and vector types by equality, references by nullability and heap type. */
    public boolean isSubtype(ValType a, ValType b) {
        if (!a.isRef() || !b.isRef()) {
            return a.kind() == b.kind();
        }
        if (a.nullable() && !b.nullable()) {
            return false;
        }
        return isHeapSubtype(a.heapType(), b.heapType());
    }

    /** The top of a heap type's hierarchy: any, func, extern or exn. */
    public int top(int heapType) {
        if (heapType >= 0) {
            return kind[heapType] == TypeRegistry.KIND_FUNC ? HeapType.FUNC : HeapType.ANY;
        }
        return HeapType.topOfAbstract(heapType);
    }

    /** The bottom of a heap type's hierarchy: none, nofunc, noextern or noexn. */
    public int bottom(int heapType) {
        return HeapType.bottomOf(top(heapType));
    }

    /** Whether a value of the type has a default (numbers, vectors, nullable references). */
    public static boolean isDefaultable(ValType t) {
        return t.isDefaultable();
    }

    /** A growable int buffer for keys. */
    private static final class IntBuf {
        private int[] a = new int[32];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
