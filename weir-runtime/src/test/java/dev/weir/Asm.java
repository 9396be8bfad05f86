package dev.weir;

import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.Export;
import dev.weir.wasm.Expression;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.ExternType;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.Global;
import dev.weir.wasm.GlobalType;
import dev.weir.wasm.Import;
import dev.weir.wasm.InstructionWriter;
import dev.weir.wasm.Limits;
import dev.weir.wasm.Local;
import dev.weir.wasm.MemoryType;
import dev.weir.wasm.Names;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.SegmentMode;
import dev.weir.wasm.SubType;
import dev.weir.wasm.Table;
import dev.weir.wasm.TableType;
import dev.weir.wasm.TagType;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny assembler for tests (until the text parser exists): instructions are a mnemonic followed
 * by its immediates, e.g. {@code code("local.get", 0, "i32.const", 1, "i32.add")}; the final
 * {@code end} is appended. Block types: {@code null} (empty), a ValType, or {@code T(i)} for a type index.
 */
final class Asm {
    private final WasmModule.Builder b = WasmModule.builder();
    private int types;
    private int funcs;
    private int importedFuncs;
    private final Map<Integer, String> names = new HashMap<>();
    private final List<FunctionBody> pending = new ArrayList<>();

    /** A type-index block type marker. */
    record T(int index) {
    }

    static ValType[] p(ValType... ts) {
        return ts;
    }

    int type(ValType[] params, ValType... results) {
        b.addType(SubType.of(FuncType.of(params, results)));
        return types++;
    }

    int importFunc(String module, String name, int type) {
        b.addImport(new Import(module, name, new ExternType.Func(type)));
        importedFuncs++;
        return funcs++;
    }

    Asm importMemory(String module, String name, long min, long max) {
        b.addImport(new Import(module, name, new MemoryType(Limits.of(min, max))));
        return this;
    }

    Asm importGlobal(String module, String name, GlobalType t) {
        b.addImport(new Import(module, name, t));
        return this;
    }

    Asm importTable(String module, String name, TableType t) {
        b.addImport(new Import(module, name, t));
        return this;
    }

    /** A defined function; exported under {@code name} unless null (the name also goes to the name section). */
    int func(String name, int type, List<ValType> locals, Expression code) {
        b.addFunction(type);
        List<Local> ls = new ArrayList<>();
        for (ValType t : locals) {
            ls.add(new Local(1, t));
        }
        pending.add(new FunctionBody(ls, code, 0));
        int idx = funcs++;
        if (name != null) {
            names.put(idx, name);
            b.addExport(new Export(name, ExternKind.FUNC, idx));
        }
        return idx;
    }

    int func(String name, int type, Expression code) {
        return func(name, type, List.of(), code);
    }

    Asm memory(long min, long max) {
        b.addMemory(new MemoryType(max < 0 ? Limits.of(min) : Limits.of(min, max)));
        return this;
    }

    Asm memory(Limits l) {
        b.addMemory(new MemoryType(l));
        return this;
    }

    Asm table(long min, ValType elem) {
        b.addTable(new Table(new TableType(elem, Limits.of(min)), null));
        return this;
    }

    Asm global(ValType t, boolean mutable, Expression init) {
        b.addGlobal(new Global(new GlobalType(t, mutable), init));
        return this;
    }

    Asm tag(int type) {
        b.addTag(new TagType(type));
        return this;
    }

    Asm export(String name, ExternKind kind, int index) {
        b.addExport(new Export(name, kind, index));
        return this;
    }

    Asm data(int memory, int offset, byte[] bytes) {
        b.addData(new DataSegment(SegmentMode.ACTIVE, memory, code("i32.const", offset), bytes));
        return this;
    }

    Asm passiveData(byte[] bytes) {
        b.addData(new DataSegment(SegmentMode.PASSIVE, 0, null, bytes));
        return this;
    }

    Asm elem(int table, int offset, int... funcIndices) {
        b.addElement(new ElementSegment(SegmentMode.ACTIVE, table, code("i32.const", offset), ValType.FUNCREF,
                funcIndices, null));
        return this;
    }

    /** A declarative element segment, so {@code ref.func} may name the functions. */
    Asm declareFunc(int... funcIndices) {
        b.addElement(new ElementSegment(SegmentMode.DECLARATIVE, 0, null, ValType.FUNCREF, funcIndices, null));
        return this;
    }

    Asm importTag(int type) {
        b.addImport(new Import("env", "tag", new TagType(type)));
        return this;
    }

    Asm start(int f) {
        b.start(f);
        return this;
    }

    private WasmModule built;

    WasmModule build() {
        if (built != null) {
            return built;
        }
        for (FunctionBody body : pending) {
            b.addCode(body);
        }
        b.names(new Names("test", names, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of()));
        built = b.build();
        return built;
    }

    /** Assembles instructions; see the class comment. */
    static Expression code(Object... items) {
        InstructionWriter w = new InstructionWriter();
        int i = 0;
        while (i < items.length) {
            String m = (String) items[i++];
            Opcode op = Opcode.byMnemonic(m);
            if (op == null) {
                throw new IllegalArgumentException("unknown mnemonic " + m);
            }
            List<Object> imm = new ArrayList<>();
            while (i < items.length && !(items[i] instanceof String)) {
                imm.add(items[i++]);
            }
            w.op(op);
            immediates(w, op, imm);
        }
        w.op(Opcode.END);
        return w.toExpression();
    }

    private static void immediates(InstructionWriter w, Opcode op, List<Object> imm) {
        switch (op.immediate()) {
            case NONE:
                break;
            case BLOCK_TYPE: {
                Object t = imm.isEmpty() ? null : imm.get(0);
                if (t instanceof T) {
                    w.blockTypeIndex(((T) t).index());
                } else {
                    w.blockType((ValType) t);
                }
                break;
            }
            case I32: w.s32(((Number) imm.get(0)).intValue()); break;
            case I64: w.s64(((Number) imm.get(0)).longValue()); break;
            case F32: w.f32(Float.floatToRawIntBits(((Number) imm.get(0)).floatValue())); break;
            case F64: w.f64(Double.doubleToRawLongBits(((Number) imm.get(0)).doubleValue())); break;
            case V128: w.v128(((Number) imm.get(0)).longValue(), ((Number) imm.get(1)).longValue()); break;
            case MEMARG: {
                int align = ((Number) imm.get(0)).intValue();
                long off = imm.size() > 1 ? ((Number) imm.get(1)).longValue() : 0;
                int mem = imm.size() > 2 ? ((Number) imm.get(2)).intValue() : 0;
                w.memarg(align, off, mem);
                break;
            }
            case HEAP_TYPE: w.heapType(((Number) imm.get(0)).intValue()); break;
            case BR_TABLE: {
                w.u32(imm.size() - 1);
                for (Object o : imm) {
                    w.u32(((Number) o).intValue());
                }
                break;
            }
            case ZERO_BYTE: w.byteValue(0); break;
            case LANE: w.byteValue(((Number) imm.get(0)).intValue()); break;
            case SELECT_TYPES: {
                w.u32(imm.size());
                for (Object o : imm) {
                    w.valType((ValType) o);
                }
                break;
            }
            case TRY_TABLE: {
                // block type, then (kind, tag or -1, label) triples
                Object t = imm.get(0);
                if (t instanceof T) {
                    w.blockTypeIndex(((T) t).index());
                } else {
                    w.blockType((ValType) t);
                }
                int n = (imm.size() - 1) / 3;
                w.u32(n);
                for (int k = 0; k < n; k++) {
                    int kind = ((Number) imm.get(1 + 3 * k)).intValue();
                    w.byteValue(kind);
                    if (kind < 2) {
                        w.u32(((Number) imm.get(2 + 3 * k)).intValue());
                    }
                    w.u32(((Number) imm.get(3 + 3 * k)).intValue());
                }
                break;
            }
            default:
                for (Object o : imm) {
                    w.u32(((Number) o).longValue());
                }
        }
    }
}
