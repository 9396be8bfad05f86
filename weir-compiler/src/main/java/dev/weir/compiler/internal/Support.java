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
 * others run in the interpreter. Outside the subset for now: SIMD, GC, exception handling, tail
 * calls, atomics, wide arithmetic, 64-bit memories and tables, v128 values.
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
            slots += v.kind() == ValType.Kind.I64 || v.kind() == ValType.Kind.F64 ? 2 : 1;
        }
        if (slots > MAX_PARAM_SLOTS) {
            return "too many parameters";
        }
        FunctionBody body = m.code().get(fi - m.importedFunctionCount());
        long locals = body.localCount();
        if (locals > 20_000) {
            return "too many locals";
        }
        for (Local l : body.locals()) {
            if (l.type().kind() == ValType.Kind.V128) {
                return "v128 local";
            }
        }
        InstructionReader r = body.code().reader();
        while (r.hasNext()) {
            Opcode op = r.next();
            int c = op.code();
            if (op.isPrefixed()) {
                if (op.prefix() != 0xFC) {
                    return "unsupported instruction " + op.mnemonic();
                }
                int sub = op.subOpcode();
                if (sub > 17) {
                    return "unsupported instruction " + op.mnemonic();
                }
                if (sub == 8 || sub == 11) {
                    if (is64Memory(m, sub == 8 ? r.index2() : r.index())) {
                        return "64-bit memory";
                    }
                } else if (sub == 10) {
                    if (is64Memory(m, r.index()) || is64Memory(m, r.index2())) {
                        return "64-bit memory";
                    }
                } else if (sub == 12 || sub == 14) {
                    if (is64Table(m, r.index2()) || (sub == 14 && is64Table(m, r.index()))) {
                        return "64-bit table";
                    }
                } else if (sub >= 15) {
                    if (is64Table(m, r.index())) {
                        return "64-bit table";
                    }
                }
                continue;
            }
            switch (c) {
                case 0x06: case 0x07: case 0x08: case 0x09: case 0x0A: case 0x12: case 0x13: case 0x15:
                case 0x18: case 0x19: case 0x1F: case 0xD3:
                    return "unsupported instruction " + op.mnemonic();
                case 0x02: case 0x03: case 0x04: {
                    if (r.blockTypeIndex() >= 0) {
                        why = checkType(types.funcType(r.blockTypeIndex()));
                    } else if (r.blockResult() != null && r.blockResult().kind() == ValType.Kind.V128) {
                        why = "v128 block";
                    }
                    if (why != null) {
                        return why;
                    }
                    break;
                }
                case 0x1C:
                    for (ValType v : r.selectTypes()) {
                        if (v.kind() == ValType.Kind.V128) {
                            return "v128 select";
                        }
                    }
                    break;
                case 0x23: case 0x24:
                    if (m.globalType(r.index()).type().kind() == ValType.Kind.V128) {
                        return "v128 global";
                    }
                    break;
                case 0x25: case 0x26:
                    if (is64Table(m, r.index())) {
                        return "64-bit table";
                    }
                    break;
                case 0x11:
                    if (is64Table(m, r.index2())) {
                        return "64-bit table";
                    }
                    break;
                case 0x3F: case 0x40:
                    if (is64Memory(m, r.index())) {
                        return "64-bit memory";
                    }
                    break;
                default:
                    if (c >= 0x28 && c <= 0x3E && is64Memory(m, r.memory())) {
                        return "64-bit memory";
                    }
                    if (c > 0xD6 || c == 0xD3) {
                        return "unsupported instruction " + op.mnemonic();
                    }
                    break;
            }
        }
        return null;
    }

    static String checkType(FuncType t) {
        for (ValType v : t.params()) {
            if (v.kind() == ValType.Kind.V128) {
                return "v128 parameter";
            }
        }
        for (ValType v : t.results()) {
            if (v.kind() == ValType.Kind.V128) {
                return "v128 result";
            }
        }
        return null;
    }

    private static boolean is64Memory(WasmModule m, int i) {
        return m.memoryType(i).limits().address64();
    }

    private static boolean is64Table(WasmModule m, int i) {
        return m.tableType(i).limits().address64();
    }
}
