package dev.weir.internal.interp;

import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.Expression;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.ValType;
import java.util.List;

/**
 * Evaluates constant expressions (global, table and segment initializers, segment offsets;
 * spec 3.4.x "constant expressions", extended-const and GC allocations included). The common
 * one-instruction forms are read directly; anything else runs through the interpreter as a
 * parameterless function, so every instruction allowed in constant expressions works.
 */
public final class ConstEval {
    private ConstEval() {
    }

    /**
     * Evaluates {@code e} of result type {@code type}; the result is left in {@code s/r[0]}
     * (and {@code s[1]} for a v128). The arrays must have at least two slots.
     */
    public static void eval(ExecContext ctx, InstanceState inst, Expression e, ValType type, long[] s, Object[] r) {
        if (simple(inst, e, s, r)) {
            return;
        }
        FuncType ft = new FuncType(List.of(), List.of(type));
        FunctionBody body = new FunctionBody(List.of(), e, e.sourceOffset());
        Code code = new Predecoder(inst.module, inst.types, -1, ft, body, false).run();
        long[] fs = new long[Math.max(2, code.frameSlots)];
        Object[] fr = new Object[fs.length];
        Interpreter.execute(ctx, new InterpretedFunction(inst, ft, code), code, fs, fr, 0);
        s[0] = fs[0];
        s[1] = fs[1];
        r[0] = fr[0];
    }

    /** The single-instruction forms: {@code t.const}, {@code ref.null}, {@code ref.func}, {@code global.get}. */
    private static boolean simple(InstanceState inst, Expression e, long[] s, Object[] r) {
        InstructionReader rd = e.reader();
        if (!rd.hasNext()) {
            return false;
        }
        int op = rd.next().code();
        if (!rd.hasNext() || rd.next().code() != 0x0B || rd.hasNext()) {
            return false;
        }
        rd = e.reader();
        rd.next();
        switch (op) {
            case 0x41: s[0] = rd.i32(); return true;
            case 0x42: s[0] = rd.i64(); return true;
            case 0x43: s[0] = rd.f32Bits(); return true;
            case 0x44: s[0] = rd.f64Bits(); return true;
            case 0xD0: r[0] = null; return true;
            case 0xD2: r[0] = inst.functions[rd.index()]; return true;
            case 0x23: {
                var g = inst.globals[rd.index()];
                s[0] = g.value;
                s[1] = g.hi;
                r[0] = g.ref;
                return true;
            }
            default:
                return false;
        }
    }
}
