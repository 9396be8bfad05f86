package dev.weir.compiler.internal;

import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.Local;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.Types;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;

/**
 * Decides, before any bytecode is written, whether a function is in the compiled subset; the
 * others run in the interpreter. Outside the subset for now: exception handling, tail calls.
 */
final class Support {
    private Support() {
    }

    /** JVM parameter slots available to Wasm parameters (255 minus ctx, inst, depth, headroom). */
    static final int MAX_PARAM_SLOTS = 200;

    /** Why function {@code fi} cannot be compiled, or null if it can. */
    static String check(WasmModule m, Types types, int fi) {
        FuncType t = m.functionType(fi);
        String why = checkType(t);
        if (why != null) {
            return why;
        }
        int slots = 0;
        for (ValType v : t.params()) {
            slots += FunctionEmitter.jvmSlots(FunctionEmitter.kind(v));
        }
        if (slots > MAX_PARAM_SLOTS) {
            return "too many parameters";
        }
        FunctionBody body = m.code().get(fi - m.importedFunctionCount());
        long locals = body.localCount();
        if (locals > 20_000) {
            return "too many locals";
        }
        long localSlots = 0;
        for (Local l : body.locals()) {
            localSlots += l.count() * (long) (l.type().kind() == ValType.Kind.V128 ? 4 : 2);
        }
        if (localSlots > 50_000) { // a JVM method has at most 65535 local slots
            return "too many locals";
        }
        InstructionReader r = body.code().reader();
        while (r.hasNext()) {
            Opcode op = r.next();
            int c = op.code();
            if (op.isPrefixed()) {
                if (op.prefix() == 0xFD) { // SIMD and relaxed SIMD: SimdEmitter
                    int sub = op.subOpcode();
                    if ((sub <= 0x0B || (sub >= 0x54 && sub <= 0x5D)) && is64Memory(m, r.memory())) {
                        return "64-bit memory";
                    }
                    continue;
                }
                if (op.prefix() == 0xFB || op.prefix() == 0xFE) { // GC, atomics: GcEmitter, AtomicEmitter
                    continue;
                }
                if (op.prefix() != 0xFC) {
                    return "unsupported instruction " + op.mnemonic();
                }
                int sub = op.subOpcode();
                if (sub > 0x16 || (sub > 17 && sub < 0x13)) { // 0x13..0x16: wide arithmetic (LeafEmitter)
                    return "unsupported instruction " + op.mnemonic();
                }
                continue; // bulk memory and tables of either address type: FunctionEmitter, LeafEmitter
            }
            switch (c) {
                // exceptions, tail calls (0x06-0x0A, 0x12, 0x13, 0x15, 0x18, 0x19, 0x1F): ControlEmitter
                case 0x02: case 0x03: case 0x04: case 0x06: case 0x1F: {
                    if (r.blockTypeIndex() >= 0) {
                        why = checkType(types.funcType(r.blockTypeIndex()));
                    }
                    if (why != null) {
                        return why;
                    }
                    break;
                }
                case 0x13: // return_call_indirect: ControlEmitter resolves i32 table indices only (so far)
                    if (m.tableType(r.index2()).limits().address64()) {
                        return "return_call_indirect on a 64-bit table";
                    }
                    break;
                default: // 64-bit memories and tables: LeafEmitter; ref.eq (0xD3): GcEmitter
                    if (c > 0xD6) {
                        return "unsupported instruction " + op.mnemonic();
                    }
                    break;
            }
        }
        return null;
    }

    /** Why a function or block type cannot be compiled, or null (every value type compiles now, v128 included). */
    static String checkType(FuncType t) {
        return null;
    }

    private static boolean is64Memory(WasmModule m, int i) {
        return m.memoryType(i).limits().address64();
    }
}
