package dev.weir.internal.gc;

import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.ArrayType;
import dev.weir.wasm.CompositeType;
import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.StructType;
import dev.weir.wasm.SubType;
import dev.weir.wasm.Types;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.List;

/** Builders for hand-made modules and an operand stack for driving {@link GcOps} directly. */
final class GcTesting {
    private GcTesting() {
    }

    static FieldType mut(ValType t) {
        return new FieldType(t, true);
    }

    static FieldType imm(ValType t) {
        return new FieldType(t, false);
    }

    static StructType struct(FieldType... fields) {
        return new StructType(List.of(fields));
    }

    static ArrayType array(FieldType elem) {
        return new ArrayType(elem);
    }

    static FuncType func(ValType... params) {
        return new FuncType(List.of(params), List.of());
    }

    /** A final type without supertypes. */
    static SubType fin(CompositeType c) {
        return SubType.of(c);
    }

    /** An open ({@code sub}) type with optional supertype. */
    static SubType open(CompositeType c, Integer... supers) {
        return new SubType(false, List.of(supers), c);
    }

    static SubType finalSub(CompositeType c, Integer... supers) {
        return new SubType(true, List.of(supers), c);
    }

    static RecGroup rec(SubType... types) {
        return new RecGroup(List.of(types));
    }

    /** An instance of a module with these rec groups and no other content. */
    static InstanceState instance(RecGroup... groups) {
        return instance(List.of(groups), List.of(), 0);
    }

    /** An instance with passive data segments and {@code elemCount} (empty, to be filled) passive element segments. */
    static InstanceState instance(List<RecGroup> groups, List<byte[]> data, int elemCount) {
        WasmModule.Builder b = WasmModule.builder();
        groups.forEach(b::addRecGroup);
        for (byte[] d : data) {
            b.addData(new DataSegment(SegmentMode.PASSIVE, 0, null, d));
        }
        for (int i = 0; i < elemCount; i++) {
            b.addElement(new ElementSegment(SegmentMode.PASSIVE, 0, null, ValType.ANYREF, null, List.of()));
        }
        WasmModule m = b.build();
        InstanceState inst = new InstanceState(m, Types.of(m), null);
        for (int i = 0; i < data.size(); i++) {
            inst.data[i] = data.get(i);
        }
        for (int i = 0; i < elemCount; i++) {
            inst.elems[i] = new Object[0];
        }
        return inst;
    }

    /** The interpreter's two parallel stack arrays (VALUES.md) and a stack pointer. */
    static final class Stack {
        final long[] s = new long[64];
        final Object[] r = new Object[64];
        int sp = 3; // not 0, so that offset mistakes show

        Stack i32(int v) {
            s[sp++] = v;
            return this;
        }

        Stack i64(long v) {
            s[sp++] = v;
            return this;
        }

        Stack v128(long lo, long hi) {
            s[sp++] = lo;
            s[sp++] = hi;
            return this;
        }

        Stack ref(Object o) {
            r[sp++] = o;
            return this;
        }

        Stack op(InstanceState inst, int subOp, int imm1, int imm2) {
            sp = GcOps.execute(subOp, inst, imm1, imm2, s, r, sp);
            return this;
        }

        Stack op(InstanceState inst, int subOp, int imm1) {
            return op(inst, subOp, imm1, 0);
        }

        int popI32() {
            return (int) s[--sp];
        }

        long popI64() {
            return s[--sp];
        }

        Object popRef() {
            return r[--sp];
        }

        /** Pops a v128 as {lo, hi}. */
        long[] popV128() {
            sp -= 2;
            return new long[] {s[sp], s[sp + 1]};
        }
    }
}
