package dev.weir.internal.gc;

/**
 * A struct instance: numeric fields in one {@code long[]} (a v128 field takes two longs, low half
 * first; i32/f32 stored sign-extended; packed i8/i16 fields stored truncated and sign-extended, so
 * {@code struct.get_s} is a plain read and {@code get_u} a mask), reference fields in one
 * {@code Object[]}. The layout ({@link RuntimeType#fieldSlot}) is computed once per type.
 */
public final class StructObject extends GcObject {
    private static final long[] NO_PRIMS = new long[0];
    private static final Object[] NO_REFS = new Object[0];

    final long[] prims;
    final Object[] refs;

    /** A struct with every field at its default value (zero, or null for references). */
    StructObject(RuntimeType rtt) {
        super(rtt);
        this.prims = rtt.primSlots == 0 ? NO_PRIMS : new long[rtt.primSlots];
        this.refs = rtt.refSlots == 0 ? NO_REFS : new Object[rtt.refSlots];
    }

    /** {@code struct.new}: the field values are at {@code s/r[from ..)} in field order. */
    static StructObject fromStack(RuntimeType t, long[] s, Object[] r, int from) {
        StructObject o = new StructObject(t);
        byte[] kinds = t.fieldKind;
        int at = from;
        for (int i = 0; i < kinds.length; i++) {
            o.store(i, s, r, at);
            at += kinds[i] == RuntimeType.V128 ? 2 : 1;
        }
        return o;
    }

    /** Writes field {@code i} from the stack slot(s) at {@code at}, truncating packed values. */
    void store(int i, long[] s, Object[] r, int at) {
        int slot = rtt.fieldSlot[i];
        switch (rtt.fieldKind[i]) {
            case RuntimeType.I8:
                prims[slot] = (byte) s[at];
                break;
            case RuntimeType.I16:
                prims[slot] = (short) s[at];
                break;
            case RuntimeType.I32:
            case RuntimeType.F32:
                prims[slot] = (int) s[at];
                break;
            case RuntimeType.V128:
                prims[slot] = s[at];
                prims[slot + 1] = s[at + 1];
                break;
            case RuntimeType.REF:
                refs[slot] = r[at];
                break;
            default:
                prims[slot] = s[at];
        }
    }

    /** Reads field {@code i} onto the stack at {@code at}; packed fields are sign- or zero-extended. */
    void load(int i, long[] s, Object[] r, int at, boolean signed) {
        int slot = rtt.fieldSlot[i];
        switch (rtt.fieldKind[i]) {
            case RuntimeType.I8:
                s[at] = signed ? prims[slot] : prims[slot] & 0xFF;
                break;
            case RuntimeType.I16:
                s[at] = signed ? prims[slot] : prims[slot] & 0xFFFF;
                break;
            case RuntimeType.V128:
                s[at] = prims[slot];
                s[at + 1] = prims[slot + 1];
                break;
            case RuntimeType.REF:
                r[at] = refs[slot];
                break;
            default:
                s[at] = prims[slot];
        }
    }

    // ---- accessors for embedders and tests ----

    public int fieldCount() {
        return rtt.fieldKind.length;
    }

    /** A numeric field's bits (i32/f32 sign-extended, packed sign-extended); not for v128 or refs. */
    public long getBits(int field) {
        checkField(field);
        if (rtt.fieldKind[field] == RuntimeType.REF) {
            throw new IllegalArgumentException("field " + field + " is a reference field");
        }
        return prims[rtt.fieldSlot[field]];
    }

    /** The high 64 bits of a v128 field (its low half is {@link #getBits}). */
    public long getHighBits(int field) {
        checkField(field);
        if (rtt.fieldKind[field] != RuntimeType.V128) {
            throw new IllegalArgumentException("field " + field + " is not a v128 field");
        }
        return prims[rtt.fieldSlot[field] + 1];
    }

    /** A reference field's value. */
    public Object getRef(int field) {
        checkField(field);
        if (rtt.fieldKind[field] != RuntimeType.REF) {
            throw new IllegalArgumentException("field " + field + " is not a reference field");
        }
        return refs[rtt.fieldSlot[field]];
    }

    private void checkField(int field) {
        if (field < 0 || field >= rtt.fieldKind.length) {
            throw new IndexOutOfBoundsException("field " + field + " of a struct with " + rtt.fieldKind.length + " fields");
        }
    }

    @Override
    public String toString() {
        return "struct " + rtt.typeIndex + " (" + rtt.fieldKind.length + " fields)";
    }
}
