package dev.weir.text.internal.print;

import dev.weir.wasm.ArrayType;
import dev.weir.wasm.CompositeType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.Limits;
import dev.weir.wasm.StructType;
import dev.weir.wasm.SubType;
import dev.weir.wasm.ValType;
import java.util.List;

/** Spells types (spec 6.4) with the module's type identifiers. */
final class TypeText {
    private final String[] typeIds;

    TypeText(Ids ids) {
        this.typeIds = ids.types;
    }

    void heapType(StringBuilder sb, int ht) {
        if (ht < 0 && HeapType.isAbstract(ht)) {
            sb.append(HeapType.name(ht));
        } else {
            Ids.ref(sb, typeIds, ht);
        }
    }

    /** A reference type; the nullable abstract ones use their shorthand ({@code funcref}, ...). */
    void refType(StringBuilder sb, boolean nullable, int ht) {
        if (nullable && ht < 0 && HeapType.isAbstract(ht)) {
            sb.append(shorthand(ht));
            return;
        }
        sb.append(nullable ? "(ref null " : "(ref ");
        heapType(sb, ht);
        sb.append(')');
    }

    /** The abbreviation of {@code (ref null ht)} for an abstract heap type (spec 6.4.2). */
    private static String shorthand(int ht) {
        switch (ht) {
            case HeapType.NONE: return "nullref";
            case HeapType.NOFUNC: return "nullfuncref";
            case HeapType.NOEXTERN: return "nullexternref";
            case HeapType.NOEXN: return "nullexnref";
            default: return HeapType.name(ht) + "ref";
        }
    }

    void valType(StringBuilder sb, ValType t) {
        switch (t.kind()) {
            case I32: sb.append("i32"); break;
            case I64: sb.append("i64"); break;
            case F32: sb.append("f32"); break;
            case F64: sb.append("f64"); break;
            case V128: sb.append("v128"); break;
            case I8: sb.append("i8"); break;
            case I16: sb.append("i16"); break;
            default: refType(sb, t.nullable(), t.heapType());
        }
    }

    /** {@code (kw t t ...)} for a non-empty list; nothing for an empty one. */
    void list(StringBuilder sb, String kw, List<ValType> ts) {
        if (ts.isEmpty()) {
            return;
        }
        sb.append(" (").append(kw);
        for (ValType t : ts) {
            sb.append(' ');
            valType(sb, t);
        }
        sb.append(')');
    }

    /** Parameters, named where {@code localIds} has a name ({@code (param $x t)}), then results. */
    void signature(StringBuilder sb, FuncType f, String[] localIds) {
        List<ValType> ps = f.params();
        if (localIds == null) {
            list(sb, "param", ps);
        } else {
            boolean open = false;
            for (int i = 0; i < ps.size(); i++) {
                String id = i < localIds.length ? localIds[i] : null;
                if (id != null) {
                    if (open) {
                        sb.append(')');
                        open = false;
                    }
                    sb.append(" (param ").append(id).append(' ');
                    valType(sb, ps.get(i));
                    sb.append(')');
                } else {
                    sb.append(open ? " " : " (param ");
                    open = true;
                    valType(sb, ps.get(i));
                }
            }
            if (open) {
                sb.append(')');
            }
        }
        list(sb, "result", f.results());
    }

    private void field(StringBuilder sb, FieldType f) {
        if (f.mutable()) {
            sb.append("(mut ");
            valType(sb, f.storage());
            sb.append(')');
        } else {
            valType(sb, f.storage());
        }
    }

    void composite(StringBuilder sb, CompositeType c) {
        if (c instanceof FuncType f) {
            sb.append("(func");
            signature(sb, f, null);
            sb.append(')');
        } else if (c instanceof StructType s) {
            sb.append("(struct");
            for (FieldType f : s.fields()) {
                sb.append(" (field ");
                field(sb, f);
                sb.append(')');
            }
            sb.append(')');
        } else {
            sb.append("(array ");
            field(sb, ((ArrayType) c).element());
            sb.append(')');
        }
    }

    /** A defined type: plain composite when final without supertypes, else {@code (sub final? x* ...)}. */
    void subType(StringBuilder sb, SubType t) {
        if (t.isFinal() && t.supertypes().isEmpty()) {
            composite(sb, t.composite());
            return;
        }
        sb.append("(sub");
        if (t.isFinal()) {
            sb.append(" final");
        }
        for (int s : t.supertypes()) {
            sb.append(' ');
            Ids.ref(sb, typeIds, s);
        }
        sb.append(' ');
        composite(sb, t.composite());
        sb.append(')');
    }

    /** {@code i64? min max?} of a table, plus {@code shared? (pagesize n)?} of a memory. */
    static void limits(StringBuilder sb, Limits l, boolean memory) {
        if (l.address64()) {
            sb.append(" i64");
        }
        sb.append(' ');
        Lits.u64(sb, l.min());
        if (l.hasMax()) {
            sb.append(' ');
            Lits.u64(sb, l.max());
        }
        if (memory) {
            if (l.shared()) {
                sb.append(" shared");
            }
            if (l.hasCustomPageSize()) {
                sb.append(" (pagesize ");
                Lits.u64(sb, 1L << l.pageSizeLog2());
                sb.append(')');
            }
        }
    }
}
