package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weir.internal.gc.RuntimeType;
import dev.weir.wasm.ArrayType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.StructType;
import dev.weir.wasm.ValType;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * The GC instructions (prefix 0xFB) and {@code ref.eq} (0xD3). All references are kind
 * {@code 'A'} (typed {@code Object}); objects are {@code dev.weir.internal.gc} structs, arrays and
 * i31s, reached through the typed helpers of {@code dev.weir.internal.gc.GcAccess} (same checks
 * and trap messages as the interpreter's {@code GcOps}/{@code ArrayOps}).
 *
 * <p>Struct fields are addressed by the slot the object layout gives them, computed here from the
 * static type ({@link RuntimeType#fieldSlot}); a subtype's layout starts with its supertype's, so
 * the slot holds for every object the static type admits. Packed i8/i16 values are truncated
 * before a store and sign- or zero-extended after a load exactly like the interpreter's storage.
 * v128 values (kind {@code 'V'}, two longs lo/hi, see {@link SimdEmitter}) occupy two struct
 * slots and are moved half by half.
 */
final class GcEmitter {
    static final String GC = "dev/weir/internal/gc/GcAccess";
    private static final String OBJ = "Ljava/lang/Object;";
    private static final String INST = "L" + FunctionEmitter.INST + ";";

    private GcEmitter() {
    }

    /** JVM value kind of a storage type ('I' for packed and 32-bit numbers). */
    static char kind(ValType storage) {
        switch (storage.kind()) {
            case I8: case I16: case I32: case F32: return 'I';
            case I64: case F64: return 'J';
            case REF: return 'A';
            default: return 'V';
        }
    }

    private static void gc(FunctionEmitter e, String name, String desc) {
        e.mv.visitMethodInsn(INVOKESTATIC, GC, name, desc, false);
    }

    private static StructType struct(FunctionEmitter e, int t) {
        return (StructType) e.types.composite(t);
    }

    private static ValType element(FunctionEmitter e, int t) {
        return ((ArrayType) e.types.composite(t)).element().storage();
    }

    static void emit(FunctionEmitter e, InstructionReader r, int code) {
        MethodVisitor mv = e.mv;
        if (code == 0xD3) { // ref.eq: [eqref eqref] -> i32
            e.pop();
            e.pop();
            gc(e, "refEq", "(" + OBJ + OBJ + ")I");
            e.push('I');
            return;
        }
        int sub = code & 0xFFFF;
        switch (sub) {
            case 0x00: structNew(e, r.index()); return;
            case 0x01:
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                gc(e, "structNew", "(" + INST + "I)" + OBJ);
                e.push('A');
                return;
            case 0x02: case 0x03: case 0x04: structGet(e, r.index(), r.index2(), sub == 0x04); return;
            case 0x05: structSet(e, r.index(), r.index2()); return;
            case 0x06: arrayNew(e, r.index()); return;
            case 0x07: // array.new_default: [len] -> ref
                e.pop();
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                gc(e, "arrayNewDefault", "(I" + INST + "I)" + OBJ);
                e.push('A');
                return;
            case 0x08: arrayNewFixed(e, r.index(), r.index2()); return;
            case 0x09: case 0x0A: // array.new_data/new_elem t y: [offset n] -> ref
                e.pop();
                e.pop();
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index());
                e.iconst(r.index2());
                gc(e, sub == 0x09 ? "arrayNewData" : "arrayNewElem", "(II" + INST + "II)" + OBJ);
                e.push('A');
                return;
            case 0x0B: case 0x0C: case 0x0D: arrayGet(e, element(e, r.index()), sub == 0x0D); return;
            case 0x0E: arraySet(e, element(e, r.index())); return;
            case 0x0F:
                e.pop();
                gc(e, "arrayLen", "(" + OBJ + ")I");
                e.push('I');
                return;
            case 0x10: arrayFill(e); return;
            case 0x11: // array.copy: [dst d src s n]
                for (int i = 0; i < 5; i++) {
                    e.pop();
                }
                gc(e, "arrayCopy", "(" + OBJ + "I" + OBJ + "II)V");
                return;
            case 0x12: case 0x13: // array.init_data/init_elem: [ref d s n]
                for (int i = 0; i < 4; i++) {
                    e.pop();
                }
                mv.visitVarInsn(ALOAD, e.instSlot);
                e.iconst(r.index2());
                gc(e, sub == 0x12 ? "arrayInitData" : "arrayInitElem", "(" + OBJ + "III" + INST + "I)V");
                return;
            case 0x14: case 0x15: // ref.test (ref null? ht): [ref] -> i32
                e.pop();
                cast(e, "test", sub == 0x15, r.heapType(), "I");
                e.push('I');
                return;
            case 0x16: case 0x17: // ref.cast (ref null? ht): the reference or trap "cast failure"
                cast(e, "cast", sub == 0x17, r.heapType(), OBJ);
                return;
            case 0x18: case 0x19: brOnCast(e, r, sub == 0x19); return;
            case 0x1A: case 0x1B: // any.convert_extern / extern.convert_any: the identity (VALUES.md)
                return;
            case 0x1C:
                e.pop();
                gc(e, "refI31", "(I)" + OBJ);
                e.push('A');
                return;
            case 0x1D: case 0x1E:
                e.pop();
                gc(e, sub == 0x1D ? "i31GetS" : "i31GetU", "(" + OBJ + ")I");
                e.push('I');
                return;
            default:
                throw new IllegalStateException("weir internal error: unknown GC instruction 0xfb " + sub);
        }
    }

    /** Pushes {@code inst, nullable, heapType} after the reference and calls {@code GcAccess.name}. */
    private static void cast(FunctionEmitter e, String name, boolean nullable, int heapType, String ret) {
        e.mv.visitVarInsn(ALOAD, e.instSlot);
        e.iconst(nullable ? 1 : 0);
        e.iconst(heapType);
        gc(e, name, "(" + OBJ + INST + "II)" + ret);
    }

    /**
     * {@code br_on_cast(_fail) l rt1 rt2}: tests a copy of the reference against rt2 and branches
     * with the reference on success (or failure); either way the reference stays on the stack, so
     * the type stack is unchanged (like {@code br_on_non_null} in {@link FunctionEmitter}).
     */
    private static void brOnCast(FunctionEmitter e, InstructionReader r, boolean onFail) {
        MethodVisitor mv = e.mv;
        Label no = new Label();
        mv.visitInsn(DUP);
        cast(e, "test", (r.castFlags() & 2) != 0, r.heapType2(), "I");
        mv.visitJumpInsn(onFail ? IFNE : IFEQ, no);
        e.branch(r.index());
        mv.visitLabel(no);
    }

    // ------------------------------------------------------------------ structs

    /** Converts an 'I' or 'J' value on the stack to the long a struct stores (packed values truncated). */
    private static void toStoredBits(MethodVisitor mv, ValType st) {
        switch (st.kind()) {
            case I8: mv.visitInsn(I2B); mv.visitInsn(I2L); break;
            case I16: mv.visitInsn(I2S); mv.visitInsn(I2L); break;
            case I32: case F32: mv.visitInsn(I2L); break;
            default: break; // i64, f64: already a long
        }
    }

    /** Stores the value on top of the stack (above the struct reference) into field {@code f}. */
    private static void setField(FunctionEmitter e, StructType st, int f) {
        ValType s = st.fields().get(f).storage();
        int slot = RuntimeType.fieldSlot(st, f);
        if (s.kind() == ValType.Kind.REF) {
            e.iconst(slot);
            gc(e, "structSetRef", "(" + OBJ + OBJ + "I)V");
        } else if (s.kind() == ValType.Kind.V128) { // [ref lo hi]: two numeric slots
            int v = e.temp('V');
            e.store('V', v);
            e.mv.visitInsn(DUP);
            e.mv.visitVarInsn(LLOAD, v);
            e.iconst(slot);
            gc(e, "structSet", "(" + OBJ + "JI)V");
            e.mv.visitVarInsn(LLOAD, v + 2);
            e.iconst(slot + 1);
            gc(e, "structSet", "(" + OBJ + "JI)V");
        } else {
            toStoredBits(e.mv, s);
            e.iconst(slot);
            gc(e, "structSet", "(" + OBJ + "JI)V");
        }
    }

    /** {@code struct.new t}: the field values (in order) are spilled, then stored into a default struct. */
    private static void structNew(FunctionEmitter e, int t) {
        StructType st = struct(e, t);
        List<FieldType> fs = st.fields();
        int n = fs.size();
        char[] ks = new char[n];
        for (int i = 0; i < n; i++) {
            ks[i] = kind(fs.get(i).storage());
            e.pop();
        }
        int[] slots = e.spill(ks, n);
        e.mv.visitVarInsn(ALOAD, e.instSlot);
        e.iconst(t);
        gc(e, "structNew", "(" + INST + "I)" + OBJ);
        for (int i = 0; i < n; i++) {
            e.mv.visitInsn(DUP);
            e.load(ks[i], slots[i]);
            setField(e, st, i);
        }
        e.push('A');
    }

    private static void structGet(FunctionEmitter e, int t, int f, boolean unsigned) {
        StructType st = struct(e, t);
        ValType s = st.fields().get(f).storage();
        e.pop();
        int slot = RuntimeType.fieldSlot(st, f);
        if (s.kind() == ValType.Kind.V128) {
            int o = e.temp('A');
            e.mv.visitVarInsn(ASTORE, o);
            for (int half = 0; half < 2; half++) {
                e.mv.visitVarInsn(ALOAD, o);
                e.iconst(slot + half);
                gc(e, "structGet", "(" + OBJ + "I)J");
            }
            e.push('V');
            return;
        }
        e.iconst(slot);
        if (s.kind() == ValType.Kind.REF) {
            gc(e, "structGetRef", "(" + OBJ + "I)" + OBJ);
            e.push('A');
            return;
        }
        gc(e, "structGet", "(" + OBJ + "I)J");
        char k = kind(s);
        if (k == 'I') {
            e.mv.visitInsn(L2I);
            if (unsigned && s.isPacked()) { // stored sign-extended: get_u masks
                e.iconst(s.kind() == ValType.Kind.I8 ? 0xFF : 0xFFFF);
                e.mv.visitInsn(IAND);
            }
        }
        e.push(k);
    }

    private static void structSet(FunctionEmitter e, int t, int f) {
        e.pop();
        e.pop();
        setField(e, struct(e, t), f);
    }

    // ------------------------------------------------------------------ arrays

    /** Suffix of the typed GcAccess element accessors and the JVM descriptor of the element. */
    private static String accessor(ValType s) {
        switch (s.kind()) {
            case I8: return "I8";
            case I16: return "I16";
            case I32: case F32: return "I32";
            case I64: case F64: return "I64";
            case V128: return "V128";
            default: return "Ref";
        }
    }

    private static String desc(char k) {
        return k == 'A' ? OBJ : k == 'V' ? "JJ" : String.valueOf(k);
    }

    private static void arrayGet(FunctionEmitter e, ValType s, boolean unsigned) {
        e.pop();
        e.pop();
        char k = kind(s);
        if (k == 'V') { // [ref i] -> [lo hi]
            int[] t = e.spill(new char[] {'A', 'I'}, 2);
            for (int half = 0; half < 2; half++) {
                e.load('A', t[0]);
                e.load('I', t[1]);
                gc(e, half == 0 ? "getV128Lo" : "getV128Hi", "(" + OBJ + "I)J");
            }
            e.push('V');
            return;
        }
        gc(e, "get" + accessor(s), "(" + OBJ + "I)" + desc(k));
        if (unsigned && s.isPacked()) {
            e.iconst(s.kind() == ValType.Kind.I8 ? 0xFF : 0xFFFF);
            e.mv.visitInsn(IAND);
        }
        e.push(k);
    }

    private static void arraySet(FunctionEmitter e, ValType s) {
        e.pop();
        e.pop();
        e.pop();
        gc(e, "set" + accessor(s), "(" + OBJ + "I" + desc(kind(s)) + ")V");
    }

    /**
     * Reloads a spilled element value as the pair {@code (long bits, Object ref)} GcAccess's bulk
     * helpers take: numbers as sign-extended bits with a null ref, references with zero bits.
     */
    private static void valueAsBitsAndRef(FunctionEmitter e, char k, int slot) {
        MethodVisitor mv = e.mv;
        if (k == 'A') {
            mv.visitInsn(LCONST_0);
            e.load('A', slot);
            return;
        }
        e.load(k, slot);
        if (k == 'I') {
            mv.visitInsn(I2L);
        }
        mv.visitInsn(ACONST_NULL);
    }

    /** {@code array.new t}: [value len] -> ref. */
    private static void arrayNew(FunctionEmitter e, int t) {
        e.pop();
        char k = e.pop();
        int len = e.temp('I');
        e.store('I', len);
        if (k == 'V') { // the value stays on the stack: [lo hi]
            e.load('I', len);
            e.mv.visitVarInsn(ALOAD, e.instSlot);
            e.iconst(t);
            gc(e, "arrayNewV128", "(JJI" + INST + "I)" + OBJ);
            e.push('A');
            return;
        }
        int v = e.temp(k);
        e.store(k, v);
        valueAsBitsAndRef(e, k, v);
        e.load('I', len);
        e.mv.visitVarInsn(ALOAD, e.instSlot);
        e.iconst(t);
        gc(e, "arrayNew", "(J" + OBJ + "I" + INST + "I)" + OBJ);
        e.push('A');
    }

    /** {@code array.new_fixed t n}: the n values are spilled, then stored into a default array. */
    private static void arrayNewFixed(FunctionEmitter e, int t, int n) {
        ValType s = element(e, t);
        char k = kind(s);
        char[] ks = new char[n];
        for (int i = 0; i < n; i++) {
            ks[i] = k;
            e.pop();
        }
        int[] slots = e.spill(ks, n);
        e.iconst(n);
        e.mv.visitVarInsn(ALOAD, e.instSlot);
        e.iconst(t);
        gc(e, "arrayNewDefault", "(I" + INST + "I)" + OBJ);
        String set = "set" + accessor(s);
        String sd = "(" + OBJ + "I" + desc(k) + ")V";
        for (int i = 0; i < n; i++) {
            e.mv.visitInsn(DUP);
            e.iconst(i);
            e.load(k, slots[i]);
            gc(e, set, sd);
        }
        e.push('A');
    }

    /** {@code array.fill t}: [ref d value n]. */
    private static void arrayFill(FunctionEmitter e) {
        e.pop();
        char k = e.pop();
        e.pop();
        e.pop();
        int n = e.temp('I');
        e.store('I', n);
        if (k == 'V') { // [ref d lo hi] n
            e.load('I', n);
            gc(e, "arrayFillV128", "(" + OBJ + "IJJI)V");
            return;
        }
        int v = e.temp(k);
        e.store(k, v);
        valueAsBitsAndRef(e, k, v);
        e.load('I', n);
        gc(e, "arrayFill", "(" + OBJ + "IJ" + OBJ + "I)V");
    }
}
