package dev.weir.internal.gc;

import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.ArrayType;
import dev.weir.wasm.CompositeType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.StructType;
import dev.weir.wasm.Types;
import dev.weir.wasm.ValType;
import java.util.List;

/**
 * The run-time type descriptor ("RTT") of a defined type: its canonical id, its supertype chain as
 * a display of canonical ids (so a cast is one array load and compare, spec 4.4.x "ref.test"), and
 * for struct and array types the storage layout.
 *
 * <p>Descriptors are cached per instance and type index in {@link InstanceState#gcCache}. Two
 * instances with equivalent types build equal descriptors (same canonical ids), which is all casts
 * compare, so objects flow freely between instances. Instances are immutable; the cache is filled
 * racily, which is benign because all fields are final.
 */
public final class RuntimeType {
    /** Storage kinds of fields and elements. */
    public static final byte I8 = 0;
    public static final byte I16 = 1;
    public static final byte I32 = 2;
    public static final byte I64 = 3;
    public static final byte F32 = 4;
    public static final byte F64 = 5;
    public static final byte V128 = 6;
    public static final byte REF = 7;

    /** Composite kinds. */
    public static final byte FUNC = 0;
    public static final byte STRUCT = 1;
    public static final byte ARRAY = 2;

    public final int typeIndex;
    public final int canonicalId;
    /** {@code display[d]} is the canonical id of the ancestor at depth d; the last entry is this type. */
    final int[] display;
    final int depth;
    public final byte kind;
    public final CompositeType composite;

    // ---- struct layout ----
    /** Storage kind per field. */
    final byte[] fieldKind;
    /** Index into {@link StructObject#prims} (numbers; a v128 takes two) or {@link StructObject#refs}. */
    final int[] fieldSlot;
    final int primSlots;
    final int refSlots;
    /** Operand stack slots of all fields ({@code struct.new}'s operands). */
    final int stackSlots;

    // ---- array layout ----
    /** Storage kind of the elements. */
    final byte elemKind;
    /** Operand stack slots of one element (2 for v128). */
    final int elemSlots;

    private RuntimeType(int typeIndex, int canonicalId, int[] display, byte kind, CompositeType composite) {
        this.typeIndex = typeIndex;
        this.canonicalId = canonicalId;
        this.display = display;
        this.depth = display.length - 1;
        this.kind = kind;
        this.composite = composite;
        if (composite instanceof StructType) {
            List<FieldType> fields = ((StructType) composite).fields();
            fieldKind = new byte[fields.size()];
            fieldSlot = new int[fields.size()];
            int p = 0;
            int q = 0;
            for (int i = 0; i < fields.size(); i++) {
                byte k = storageKind(fields.get(i).storage());
                fieldKind[i] = k;
                if (k == REF) {
                    fieldSlot[i] = q++;
                } else {
                    fieldSlot[i] = p;
                    p += k == V128 ? 2 : 1;
                }
            }
            primSlots = p;
            refSlots = q;
            stackSlots = p + q;
            elemKind = -1;
            elemSlots = 0;
        } else {
            fieldKind = null;
            fieldSlot = null;
            primSlots = 0;
            refSlots = 0;
            stackSlots = 0;
            elemKind = composite instanceof ArrayType ? storageKind(((ArrayType) composite).element().storage()) : -1;
            elemSlots = elemKind == V128 ? 2 : 1;
        }
    }

    /** The cached descriptor of type {@code typeIndex} of {@code inst}'s module, built on first use. */
    public static RuntimeType of(InstanceState inst, int typeIndex) {
        Object o = inst.gcCache[typeIndex];
        if (o != null) {
            return (RuntimeType) o;
        }
        RuntimeType t = build(inst.types, inst.canonicalTypes, typeIndex);
        inst.gcCache[typeIndex] = t;
        return t;
    }

    /** Builds a descriptor from a module's {@link Types} and its canonical ids (no caching). */
    public static RuntimeType build(Types types, int[] canonicalIds, int typeIndex) {
        int depth = 0;
        for (int t = types.supertype(typeIndex); t >= 0; t = types.supertype(t)) {
            depth++;
        }
        int[] display = new int[depth + 1];
        int t = typeIndex;
        for (int d = depth; d >= 0; d--) {
            display[d] = canonicalIds[t];
            t = types.supertype(t);
        }
        CompositeType c = types.composite(typeIndex);
        byte kind = c instanceof StructType ? STRUCT : c instanceof ArrayType ? ARRAY : FUNC;
        return new RuntimeType(typeIndex, canonicalIds[typeIndex], display, kind, c);
    }

    /**
     * The slot of field {@code field} of {@code st} in {@link StructObject}'s {@code prims} (numeric
     * fields, a v128 taking two) or {@code refs} (reference fields): the layout the constructor
     * computes, exposed so compiled code can bake the slot in. A subtype's fields start with its
     * supertype's, so the slot is the same in every object the static type admits.
     */
    public static int fieldSlot(StructType st, int field) {
        List<FieldType> fields = st.fields();
        boolean ref = storageKind(fields.get(field).storage()) == REF;
        int slot = 0;
        for (int i = 0; i < field; i++) {
            byte k = storageKind(fields.get(i).storage());
            if ((k == REF) == ref) {
                slot += k == V128 ? 2 : 1;
            }
        }
        return slot;
    }

    static byte storageKind(ValType v) {
        switch (v.kind()) {
            case I8: return I8;
            case I16: return I16;
            case I32: return I32;
            case I64: return I64;
            case F32: return F32;
            case F64: return F64;
            case V128: return V128;
            default: return REF;
        }
    }

    /**
     * Whether this type matches {@code t} (equal canonical ids or {@code t} is a declared ancestor):
     * canonical ids include the supertype, so equivalent types have equal depths and displays.
     */
    public boolean isSubtypeOf(RuntimeType t) {
        int d = t.depth;
        return d < display.length && display[d] == t.canonicalId;
    }

    public int depth() {
        return depth;
    }

    public int fieldCount() {
        return fieldKind == null ? 0 : fieldKind.length;
    }

    /** Storage kind of struct field {@code i}. */
    public byte fieldKind(int i) {
        return fieldKind[i];
    }

    /** Storage kind of the array elements. */
    public byte elemKind() {
        return elemKind;
    }

    /** Bytes per element as stored in a data segment (spec: |t| of the storage type). */
    static int byteSize(byte kind) {
        switch (kind) {
            case I8: return 1;
            case I16: return 2;
            case I32: case F32: return 4;
            case V128: return 16;
            default: return 8;
        }
    }

    @Override
    public String toString() {
        return "type " + typeIndex + " (canonical " + canonicalId + ", " + composite + ")";
    }
}
