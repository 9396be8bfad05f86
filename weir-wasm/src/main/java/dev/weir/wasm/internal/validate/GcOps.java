package dev.weir.wasm.internal.validate;

import dev.weir.wasm.ArrayType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.StructType;
import java.util.List;

/**
 * Reference instructions (reference types, typed function references) and GC instructions
 * (spec 3.4.4-3.4.6: struct.*, array.*, i31, ref.test/cast, br_on_cast, extern conversions).
 */
final class GcOps {
    private GcOps() {
    }

    static boolean handle(CodeValidator v, InstructionReader r, byte kind) {
        ModuleCtx m = v.m;
        switch (kind) {
            case OpInfo.REF_NULL:
                v.push(Vt.ref(v.checkHeapType(r.heapType()), true));
                return true;
            case OpInfo.REF_IS_NULL:
                v.popRef();
                v.push(Vt.I32);
                return true;
            case OpInfo.REF_FUNC: {
                int f = r.index();
                if (f < 0 || f >= m.nFuncs) {
                    throw v.err("unknown function " + CodeValidator.u(f));
                }
                // spec 3.4.x ref.func: x must be in C.refs (declared outside function bodies).
                if (!v.constMode && !m.declaredRef[f]) {
                    throw v.err("undeclared function reference");
                }
                v.push(Vt.ref(m.funcType[f], false));
                return true;
            }
            case OpInfo.REF_EQ:
                v.pop(Vt.ref(HeapType.EQ, true));
                v.pop(Vt.ref(HeapType.EQ, true));
                v.push(Vt.I32);
                return true;
            case OpInfo.REF_AS_NON_NULL:
                v.push(Vt.withNullable(v.popRef(), false));
                return true;
            case OpInfo.BR_ON_NULL: {
                int f = v.labelFrame(r.index());
                int rt = v.popRef();
                int off = v.labelOff(f);
                int len = v.labelLen(f);
                v.popVals(v.pool, off, len);
                v.pushVals(v.pool, off, len);
                v.push(Vt.withNullable(rt, false));
                return true;
            }
            case OpInfo.BR_ON_NON_NULL: {
                int f = v.labelFrame(r.index());
                int rt = v.popRef();
                int off = v.labelOff(f);
                int len = v.labelLen(f);
                if (len == 0 || !v.matches(Vt.withNullable(rt, false), v.pool[off + len - 1])) {
                    throw v.err("type mismatch: br_on_non_null label must end in a matching reference type");
                }
                v.popVals(v.pool, off, len - 1);
                v.pushVals(v.pool, off, len - 1);
                return true;
            }
            case OpInfo.REF_TEST:
            case OpInfo.REF_TEST_NULL: {
                int ht = v.checkHeapType(r.heapType());
                v.pop(Vt.ref(types(v).top(ht), true));
                v.push(Vt.I32);
                return true;
            }
            case OpInfo.REF_CAST:
            case OpInfo.REF_CAST_NULL: {
                int ht = v.checkHeapType(r.heapType());
                v.pop(Vt.ref(types(v).top(ht), true));
                v.push(Vt.ref(ht, kind == OpInfo.REF_CAST_NULL));
                return true;
            }
            case OpInfo.BR_ON_CAST:
            case OpInfo.BR_ON_CAST_FAIL:
                brOnCast(v, r, kind == OpInfo.BR_ON_CAST_FAIL);
                return true;
            case OpInfo.ANY_CONVERT_EXTERN: {
                int t = v.pop(Vt.ref(HeapType.EXTERN, true));
                v.push(Vt.ref(HeapType.ANY, t != Vt.UNKNOWN && Vt.nullable(t)));
                return true;
            }
            case OpInfo.EXTERN_CONVERT_ANY: {
                int t = v.pop(Vt.ref(HeapType.ANY, true));
                v.push(Vt.ref(HeapType.EXTERN, t != Vt.UNKNOWN && Vt.nullable(t)));
                return true;
            }
            case OpInfo.REF_I31:
                v.pop(Vt.I32);
                v.push(Vt.ref(HeapType.I31, false));
                return true;
            case OpInfo.I31_GET:
                v.pop(Vt.ref(HeapType.I31, true));
                v.push(Vt.I32);
                return true;
            default:
                return structOrArray(v, r, kind);
        }
    }

    private static dev.weir.wasm.Types types(CodeValidator v) {
        return v.types;
    }

    private static void brOnCast(CodeValidator v, InstructionReader r, boolean fail) {
        int flags = r.castFlags();
        int f = v.labelFrame(r.index());
        int rt1 = Vt.ref(v.checkHeapType(r.heapType()), (flags & 1) != 0);
        int rt2 = Vt.ref(v.checkHeapType(r.heapType2()), (flags & 2) != 0);
        if (!v.matches(rt2, rt1)) {
            throw v.err("type mismatch on cast: type " + Vt.name(rt2) + " does not match " + Vt.name(rt1));
        }
        int off = v.labelOff(f);
        int len = v.labelLen(f);
        // diff(rt1, rt2): what remains of rt1 when the cast to rt2 fails.
        int diff = Vt.ref(Vt.heap(rt1), Vt.nullable(rt1) && !Vt.nullable(rt2));
        int toLabel = fail ? diff : rt2;
        if (len == 0 || !v.matches(toLabel, v.pool[off + len - 1])) {
            throw v.err("type mismatch: " + (fail ? "br_on_cast_fail" : "br_on_cast")
                    + " label must end in a supertype of " + Vt.name(toLabel));
        }
        v.pop(rt1);
        v.popVals(v.pool, off, len - 1);
        v.pushVals(v.pool, off, len - 1);
        v.push(fail ? rt2 : diff);
    }

    private static StructType struct(CodeValidator v, int x) {
        StructType s = v.types.structType(x);
        if (s == null) {
            if (x < 0 || x >= v.types.size()) {
                throw v.err("unknown type " + CodeValidator.u(x));
            }
            throw v.err("type mismatch: type " + x + " is not a struct type");
        }
        return s;
    }

    private static FieldType array(CodeValidator v, int x) {
        ArrayType a = v.types.arrayType(x);
        if (a == null) {
            if (x < 0 || x >= v.types.size()) {
                throw v.err("unknown type " + CodeValidator.u(x));
            }
            throw v.err("type mismatch: type " + x + " is not an array type");
        }
        return a.element();
    }

    private static FieldType field(CodeValidator v, int x, int y) {
        List<FieldType> fs = struct(v, x).fields();
        if (y < 0 || y >= fs.size()) {
            throw v.err("unknown field " + CodeValidator.u(y));
        }
        return fs.get(y);
    }

    private static int storage(FieldType f) {
        return Vt.of(f.storage());
    }

    private static void checkPacked(CodeValidator v, FieldType f, boolean signed) {
        boolean packed = f.storage().isPacked();
        if (packed != signed) {
            throw v.err(packed ? "type mismatch: field is packed" : "type mismatch: field is not packed");
        }
    }

    private static void mutableArray(CodeValidator v, FieldType f) {
        if (!f.mutable()) {
            throw v.err("immutable array");
        }
    }

    private static void numericArray(CodeValidator v, FieldType f) {
        int t = storage(f);
        if (Vt.isRef(t)) {
            throw v.err("array type is not numeric or vector");
        }
    }

    private static boolean structOrArray(CodeValidator v, InstructionReader r, byte kind) {
        switch (kind) {
            case OpInfo.STRUCT_NEW: {
                int x = r.index();
                List<FieldType> fs = struct(v, x).fields();
                for (int i = fs.size() - 1; i >= 0; i--) {
                    v.pop(Vt.unpacked(storage(fs.get(i))));
                }
                v.push(Vt.ref(x, false));
                return true;
            }
            case OpInfo.STRUCT_NEW_DEFAULT: {
                int x = r.index();
                for (FieldType f : struct(v, x).fields()) {
                    if (!f.storage().isDefaultable()) {
                        throw v.err("type mismatch: field type is not defaultable");
                    }
                }
                v.push(Vt.ref(x, false));
                return true;
            }
            case OpInfo.STRUCT_GET:
            case OpInfo.STRUCT_GET_S:
            case OpInfo.STRUCT_GET_U: {
                int x = r.index();
                FieldType f = field(v, x, r.index2());
                checkPacked(v, f, kind != OpInfo.STRUCT_GET);
                v.pop(Vt.ref(x, true));
                v.push(Vt.unpacked(storage(f)));
                return true;
            }
            case OpInfo.STRUCT_SET: {
                int x = r.index();
                FieldType f = field(v, x, r.index2());
                if (!f.mutable()) {
                    throw v.err("immutable field");
                }
                v.pop(Vt.unpacked(storage(f)));
                v.pop(Vt.ref(x, true));
                return true;
            }
            case OpInfo.ARRAY_NEW: {
                int x = r.index();
                FieldType f = array(v, x);
                v.pop(Vt.I32);
                v.pop(Vt.unpacked(storage(f)));
                v.push(Vt.ref(x, false));
                return true;
            }
            case OpInfo.ARRAY_NEW_DEFAULT: {
                int x = r.index();
                if (!array(v, x).storage().isDefaultable()) {
                    throw v.err("type mismatch: array type is not defaultable");
                }
                v.pop(Vt.I32);
                v.push(Vt.ref(x, false));
                return true;
            }
            case OpInfo.ARRAY_NEW_FIXED: {
                int x = r.index();
                int t = Vt.unpacked(storage(array(v, x)));
                long n = Integer.toUnsignedLong(r.index2());
                // Pops beyond the frame's values are free in unreachable code; bound the loop by them.
                long avail = v.sp - v.cHeight[v.csp - 1];
                if (n > avail && !v.cUnreach[v.csp - 1]) {
                    throw v.err("type mismatch: array.new_fixed requires " + n + " operands");
                }
                for (long i = Math.min(n, avail); i > 0; i--) {
                    v.pop(t);
                }
                v.push(Vt.ref(x, false));
                return true;
            }
            case OpInfo.ARRAY_NEW_DATA: {
                int x = r.index();
                numericArray(v, array(v, x));
                ControlOps.data(v, r.index2());
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.push(Vt.ref(x, false));
                return true;
            }
            case OpInfo.ARRAY_NEW_ELEM: {
                int x = r.index();
                FieldType f = array(v, x);
                int et = ControlOps.elem(v, r.index2());
                if (!v.matches(et, storage(f))) {
                    throw v.err("type mismatch: element segment type does not match array element type");
                }
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.push(Vt.ref(x, false));
                return true;
            }
            case OpInfo.ARRAY_GET:
            case OpInfo.ARRAY_GET_S:
            case OpInfo.ARRAY_GET_U: {
                int x = r.index();
                FieldType f = array(v, x);
                checkPacked(v, f, kind != OpInfo.ARRAY_GET);
                v.pop(Vt.I32);
                v.pop(Vt.ref(x, true));
                v.push(Vt.unpacked(storage(f)));
                return true;
            }
            case OpInfo.ARRAY_SET: {
                int x = r.index();
                FieldType f = array(v, x);
                mutableArray(v, f);
                v.pop(Vt.unpacked(storage(f)));
                v.pop(Vt.I32);
                v.pop(Vt.ref(x, true));
                return true;
            }
            case OpInfo.ARRAY_LEN:
                v.pop(Vt.ref(HeapType.ARRAY, true));
                v.push(Vt.I32);
                return true;
            case OpInfo.ARRAY_FILL: {
                int x = r.index();
                FieldType f = array(v, x);
                mutableArray(v, f);
                v.pop(Vt.I32);
                v.pop(Vt.unpacked(storage(f)));
                v.pop(Vt.I32);
                v.pop(Vt.ref(x, true));
                return true;
            }
            case OpInfo.ARRAY_COPY: {
                int x = r.index();
                int y = r.index2();
                FieldType dst = array(v, x);
                FieldType src = array(v, y);
                mutableArray(v, dst);
                int ds = storage(dst);
                int ss = storage(src);
                boolean ok = Vt.isRef(ds) ? v.matches(ss, ds) : ds == ss;
                if (!ok) {
                    throw v.err("array types do not match");
                }
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.pop(Vt.ref(y, true));
                v.pop(Vt.I32);
                v.pop(Vt.ref(x, true));
                return true;
            }
            case OpInfo.ARRAY_INIT_DATA: {
                int x = r.index();
                FieldType f = array(v, x);
                mutableArray(v, f);
                numericArray(v, f);
                ControlOps.data(v, r.index2());
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.pop(Vt.ref(x, true));
                return true;
            }
            case OpInfo.ARRAY_INIT_ELEM: {
                int x = r.index();
                FieldType f = array(v, x);
                mutableArray(v, f);
                int et = ControlOps.elem(v, r.index2());
                if (!v.matches(et, storage(f))) {
                    throw v.err("type mismatch: element segment type does not match array element type");
                }
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.pop(Vt.ref(x, true));
                return true;
            }
            default:
                return false;
        }
    }
}
