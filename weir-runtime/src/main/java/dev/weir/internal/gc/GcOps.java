package dev.weir.internal.gc;

import dev.weir.Trap;
import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.Traps;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.Types;

/**
 * The interpreter's hooks into the GC object model (see weir-runtime/VALUES.md): one entry point
 * for the {@code 0xFB} instructions, {@link #test} for casts in every hierarchy and {@link #refEq}.
 *
 * <p>Objects: {@link StructObject}, {@link ArrayObject} (typed backing arrays), {@link I31};
 * types: {@link RuntimeType}, cached per instance and type index in {@code InstanceState.gcCache}.
 * The hooks need no frame, only the stack arrays, so instantiation uses them for constant
 * expressions ({@code struct.new}, {@code array.new_fixed}, {@code ref.i31}, ...) on a scratch stack.
 */
public final class GcOps {
    // Sub-opcodes after 0xFB (spec 5.4.x, GC instructions).
    public static final int STRUCT_NEW = 0x00;
    public static final int STRUCT_NEW_DEFAULT = 0x01;
    public static final int STRUCT_GET = 0x02;
    public static final int STRUCT_GET_S = 0x03;
    public static final int STRUCT_GET_U = 0x04;
    public static final int STRUCT_SET = 0x05;
    public static final int ARRAY_NEW = 0x06;
    public static final int ARRAY_NEW_DEFAULT = 0x07;
    public static final int ARRAY_NEW_FIXED = 0x08;
    public static final int ARRAY_NEW_DATA = 0x09;
    public static final int ARRAY_NEW_ELEM = 0x0A;
    public static final int ARRAY_GET = 0x0B;
    public static final int ARRAY_GET_S = 0x0C;
    public static final int ARRAY_GET_U = 0x0D;
    public static final int ARRAY_SET = 0x0E;
    public static final int ARRAY_LEN = 0x0F;
    public static final int ARRAY_FILL = 0x10;
    public static final int ARRAY_COPY = 0x11;
    public static final int ARRAY_INIT_DATA = 0x12;
    public static final int ARRAY_INIT_ELEM = 0x13;
    public static final int REF_TEST = 0x14;
    public static final int REF_TEST_NULL = 0x15;
    public static final int REF_CAST = 0x16;
    public static final int REF_CAST_NULL = 0x17;
    public static final int ANY_CONVERT_EXTERN = 0x1A;
    public static final int EXTERN_CONVERT_ANY = 0x1B;
    public static final int REF_I31 = 0x1C;
    public static final int I31_GET_S = 0x1D;
    public static final int I31_GET_U = 0x1E;

    private GcOps() {
    }

    /**
     * Executes one {@code 0xFB}-prefixed instruction other than {@code br_on_cast(_fail)} (which the
     * interpreter handles with {@link #test}): struct.*, array.*, ref.i31, i31.get_s/u, and, for
     * completeness, ref.test/ref.cast (imm1 = heap type) and the identity conversions.
     *
     * @param subOp the sub-opcode after 0xFB (0x00 struct.new ... 0x1E i31.get_u)
     * @param imm1 first immediate (type index) or 0
     * @param imm2 second immediate (field index, data/elem index, source type, array.new_fixed count) or 0
     * @return the new stack pointer
     */
    public static int execute(int subOp, InstanceState inst, int imm1, int imm2, long[] s, Object[] r, int sp) {
        switch (subOp) {
            case STRUCT_NEW: {
                RuntimeType t = RuntimeType.of(inst, imm1);
                int at = sp - t.stackSlots;
                r[at] = StructObject.fromStack(t, s, r, at);
                return at + 1;
            }
            case STRUCT_NEW_DEFAULT:
                r[sp] = new StructObject(RuntimeType.of(inst, imm1));
                return sp + 1;
            case STRUCT_GET:
            case STRUCT_GET_U:
                return structGet(s, r, sp, imm2, false);
            case STRUCT_GET_S:
                return structGet(s, r, sp, imm2, true);
            case STRUCT_SET: {
                RuntimeType t = RuntimeType.of(inst, imm1);
                int vs = t.fieldKind[imm2] == RuntimeType.V128 ? 2 : 1;
                int at = sp - 1 - vs;
                Object o = r[at];
                if (o == null) {
                    throw Traps.nullStruct();
                }
                ((StructObject) o).store(imm2, s, r, at + 1);
                return at;
            }
            case ARRAY_NEW:
                return ArrayOps.arrayNew(inst, imm1, s, r, sp);
            case ARRAY_NEW_DEFAULT:
                return ArrayOps.arrayNewDefault(inst, imm1, s, r, sp);
            case ARRAY_NEW_FIXED:
                return ArrayOps.arrayNewFixed(inst, imm1, imm2, s, r, sp);
            case ARRAY_NEW_DATA:
                return ArrayOps.arrayNewData(inst, imm1, imm2, s, r, sp);
            case ARRAY_NEW_ELEM:
                return ArrayOps.arrayNewElem(inst, imm1, imm2, s, r, sp);
            case ARRAY_GET:
            case ARRAY_GET_U:
                return ArrayOps.arrayGet(s, r, sp, false);
            case ARRAY_GET_S:
                return ArrayOps.arrayGet(s, r, sp, true);
            case ARRAY_SET:
                return ArrayOps.arraySet(inst, imm1, s, r, sp);
            case ARRAY_LEN:
                return ArrayOps.arrayLen(s, r, sp);
            case ARRAY_FILL:
                return ArrayOps.arrayFill(inst, imm1, s, r, sp);
            case ARRAY_COPY:
                return ArrayOps.arrayCopy(s, r, sp);
            case ARRAY_INIT_DATA:
                return ArrayOps.arrayInitData(inst, imm1, imm2, s, r, sp);
            case ARRAY_INIT_ELEM:
                return ArrayOps.arrayInitElem(inst, imm1, imm2, s, r, sp);
            case REF_TEST:
            case REF_TEST_NULL:
                s[sp - 1] = test(inst, r[sp - 1], subOp == REF_TEST_NULL, imm1) ? 1 : 0;
                return sp;
            case REF_CAST:
            case REF_CAST_NULL:
                if (!test(inst, r[sp - 1], subOp == REF_CAST_NULL, imm1)) {
                    throw Traps.castFailure();
                }
                return sp;
            case ANY_CONVERT_EXTERN:
            case EXTERN_CONVERT_ANY:
                return sp; // identity (VALUES.md)
            case REF_I31:
                r[sp - 1] = I31.of((int) s[sp - 1]);
                return sp;
            case I31_GET_S:
            case I31_GET_U: {
                Object o = r[sp - 1];
                if (o == null) {
                    throw Traps.nullI31();
                }
                I31 v = (I31) o;
                s[sp - 1] = subOp == I31_GET_S ? v.signed() : v.unsigned();
                return sp;
            }
            default:
                throw new Trap("weir internal error: unknown GC instruction 0xfb " + subOp);
        }
    }

    /**
     * {@code struct.get(_s|_u) x y}: {@code [ref] -> [value]}. The object's own layout is used: a
     * subtype's fields start with its supertype's, laid out identically (slots are assigned in
     * field order and storage kinds of matching fields agree).
     */
    private static int structGet(long[] s, Object[] r, int sp, int field, boolean signed) {
        Object o = r[sp - 1];
        if (o == null) {
            throw Traps.nullStruct();
        }
        StructObject so = (StructObject) o;
        so.load(field, s, r, sp - 1, signed);
        return so.rtt.fieldKind[field] == RuntimeType.V128 ? sp + 1 : sp;
    }

    /**
     * {@code ref.test}: whether {@code ref} is a value of type {@code (ref null? heapType)}, where
     * {@code heapType} is a type index of {@code inst}'s module or an abstract {@link HeapType}
     * (spec 4.4.x; validation guarantees the operand is in the same hierarchy as the target).
     */
    public static boolean test(InstanceState inst, Object ref, boolean nullable, int heapType) {
        if (ref == null) {
            return nullable;
        }
        if (heapType >= 0) {
            RuntimeType t = RuntimeType.of(inst, heapType);
            if (ref instanceof GcObject) {
                return ((GcObject) ref).rtt.isSubtypeOf(t);
            }
            if (ref instanceof FunctionInstance) {
                return t.kind == RuntimeType.FUNC
                        && Types.isCanonicalSubtype(((FunctionInstance) ref).canonicalType(), t.canonicalId);
            }
            return false;
        }
        switch (heapType) {
            case HeapType.ANY:
            case HeapType.EXTERN:
                // Every non-null value of these hierarchies; a host object internalized into any is
                // the object itself (VALUES.md), so it is an any but nothing below.
                return true;
            case HeapType.EQ:
                return ref instanceof GcObject || ref instanceof I31;
            case HeapType.I31:
                return ref instanceof I31;
            case HeapType.STRUCT:
                return ref instanceof StructObject;
            case HeapType.ARRAY:
                return ref instanceof ArrayObject;
            case HeapType.FUNC:
                return ref instanceof FunctionInstance;
            case HeapType.EXN:
                return ref instanceof ExceptionInstance;
            default:
                return false; // none, nofunc, noextern, noexn hold only null
        }
    }

    /** {@code ref.eq}: identity, except that i31 references compare by value. */
    public static boolean refEq(Object a, Object b) {
        return a == b || (a instanceof I31 && a.equals(b));
    }

    /**
     * The abstract heap type a non-null reference's object belongs to, for embedders and the spec
     * runner: {@link HeapType#STRUCT}, {@link HeapType#ARRAY}, {@link HeapType#I31},
     * {@link HeapType#FUNC} for functions, {@link HeapType#EXN} for exceptions, or
     * {@link HeapType#EXTERN} for any other (host) object.
     */
    public static int heapKindOf(Object ref) {
        if (ref instanceof StructObject) {
            return HeapType.STRUCT;
        }
        if (ref instanceof ArrayObject) {
            return HeapType.ARRAY;
        }
        if (ref instanceof I31) {
            return HeapType.I31;
        }
        if (ref instanceof FunctionInstance) {
            return HeapType.FUNC;
        }
        if (ref instanceof ExceptionInstance) {
            return HeapType.EXN;
        }
        return HeapType.EXTERN;
    }

    /**
     * Sets the largest array backing store a guest may allocate, in bytes (default 1 GiB, or the
     * system property {@code weir.gc.maxArrayBytes}); larger {@code array.new*} trap
     * "allocation too large" instead of exhausting the host heap. Process-wide until stores carry
     * their own limit.
     */
    public static void setMaxArrayBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative limit: " + bytes);
        }
        ArrayOps.maxArrayBytes = bytes;
    }

    public static long maxArrayBytes() {
        return ArrayOps.maxArrayBytes;
    }
}
