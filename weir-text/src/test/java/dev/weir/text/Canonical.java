package dev.weir.text;

import dev.weir.wasm.DataSegment;
import dev.weir.wasm.ElementSegment;
import dev.weir.wasm.Expression;
import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.Global;
import dev.weir.wasm.HeapType;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.InstructionWriter;
import dev.weir.wasm.Local;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.RecGroup;
import dev.weir.wasm.Table;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded module as the text format can express it: what a binary may encode in more than one
 * way collapses to the form the text parser (like wat2wasm) produces. Binaries linked by wasm-ld
 * without {@code --compress-relocations} pad relocated indices to 5-byte LEB128s; the text format
 * has no spelling for that, nor for an explicit memarg memory index 0, split runs of same-typed
 * locals, an empty {@code else}, or a {@code (ref func)} element segment written as
 * {@code ref.func} expressions (the text parser, like the reference encoder, uses the index
 * form). Used by the printer round-trip tests: {@code Wat.parse(WatPrinter.print(m))} must equal
 * {@code of(m)}, and equals {@code m} itself whenever {@code m} is canonical.
 */
final class Canonical {
    private Canonical() {}

    static WasmModule of(WasmModule m) {
        WasmModule.Builder b = WasmModule.builder();
        for (RecGroup g : m.recGroups()) {
            b.addRecGroup(g);
        }
        m.imports().forEach(b::addImport);
        for (int i = 0; i < m.definedFunctionCount(); i++) {
            b.addFunction(m.definedFunctionType(i));
        }
        for (Table t : m.tables()) {
            b.addTable(new Table(t.type(), expr(t.init())));
        }
        m.memories().forEach(b::addMemory);
        m.tags().forEach(b::addTag);
        for (Global g : m.globals()) {
            b.addGlobal(new Global(g.type(), expr(g.init())));
        }
        m.exports().forEach(b::addExport);
        if (m.start() >= 0) {
            b.start(m.start());
        }
        for (ElementSegment e : m.elements()) {
            b.addElement(elem(e));
        }
        b.dataCount(m.dataCount());
        for (FunctionBody f : m.code()) {
            b.addCode(new FunctionBody(locals(f.locals()), expr(f.code()), 0));
        }
        for (DataSegment d : m.data()) {
            b.addData(new DataSegment(d.mode(), d.memoryIndex(), expr(d.offset()), d.data()));
        }
        b.names(m.names());
        return b.build();
    }

    private static List<Local> locals(List<Local> in) {
        List<Local> out = new ArrayList<>();
        for (Local l : in) {
            if (l.count() == 0) {
                continue;
            }
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).type().equals(l.type())) {
                out.set(last, new Local(out.get(last).count() + l.count(), l.type()));
            } else {
                out.add(l);
            }
        }
        return out;
    }

    private static ElementSegment elem(ElementSegment e) {
        Expression offset = expr(e.offset());
        if (e.expressions() == null) {
            return new ElementSegment(e.mode(), e.tableIndex(), offset, e.type(), e.functionIndices(), null);
        }
        List<Expression> items = new ArrayList<>();
        int[] funcs = new int[e.expressions().size()];
        boolean allRefFunc = e.type().equals(ValType.ref(false, HeapType.FUNC));
        for (int i = 0; i < funcs.length; i++) {
            Expression x = expr(e.expressions().get(i));
            items.add(x);
            InstructionReader r = x.reader();
            if (allRefFunc && r.next() == Opcode.REF_FUNC) {
                funcs[i] = r.index();
                allRefFunc = r.next() == Opcode.END && !r.hasNext();
            } else {
                allRefFunc = false;
            }
        }
        return allRefFunc ? new ElementSegment(e.mode(), e.tableIndex(), offset, e.type(), funcs, null)
                : new ElementSegment(e.mode(), e.tableIndex(), offset, e.type(), null, items);
    }

    /** The instructions re-encoded with minimal LEB128s and without empty else clauses. */
    static Expression expr(Expression e) {
        if (e == null) {
            return null;
        }
        InstructionWriter w = new InstructionWriter(e.length());
        InstructionReader r = e.reader();
        boolean pendingElse = false;
        while (r.hasNext()) {
            Opcode op = r.next();
            if (pendingElse && op != Opcode.END) {
                w.op(Opcode.ELSE);
            }
            pendingElse = op == Opcode.ELSE;
            if (!pendingElse) {
                write(w, r, op);
            }
        }
        return w.toExpression();
    }

    private static long u(int v) {
        return Integer.toUnsignedLong(v);
    }

    private static void write(InstructionWriter w, InstructionReader r, Opcode op) {
        w.op(op);
        switch (op.immediate()) {
            case NONE:
                return;
            case ZERO_BYTE:
                w.byteValue(0);
                return;
            case BLOCK_TYPE:
                blockType(w, r);
                return;
            case LABEL: case FUNC: case TYPE: case LOCAL: case GLOBAL: case TABLE: case MEMORY: case TAG:
            case DATA: case ELEM:
                w.u32(u(r.index()));
                return;
            case CALL_INDIRECT: case MEMORY_INIT: case MEMORY_COPY: case TABLE_INIT: case TABLE_COPY:
            case TYPE_FIELD: case TYPE_TYPE: case TYPE_DATA: case TYPE_ELEM: case TYPE_SIZE:
                w.u32(u(r.index())).u32(u(r.index2()));
                return;
            case BR_TABLE:
                w.u32(r.tableSize());
                for (int i = 0; i < r.tableSize(); i++) {
                    w.u32(u(r.tableLabel(i)));
                }
                w.u32(u(r.defaultLabel()));
                return;
            case MEMARG:
                w.memarg(r.align(), r.memOffset(), r.memory());
                return;
            case MEMARG_LANE:
                w.memarg(r.align(), r.memOffset(), r.memory()).byteValue(r.lane());
                return;
            case I32:
                w.s32(r.i32());
                return;
            case I64:
                w.s64(r.i64());
                return;
            case F32:
                w.f32(r.f32Bits());
                return;
            case F64:
                w.f64(r.f64Bits());
                return;
            case V128: case SHUFFLE:
                w.v128(r.v128Lo(), r.v128Hi());
                return;
            case LANE:
                w.byteValue(r.lane());
                return;
            case SELECT_TYPES:
                w.u32(r.selectTypes().size());
                r.selectTypes().forEach(w::valType);
                return;
            case HEAP_TYPE:
                w.heapType(r.heapType());
                return;
            case TRY_TABLE:
                blockType(w, r);
                w.u32(r.catchCount());
                for (int i = 0; i < r.catchCount(); i++) {
                    w.byteValue(r.catchKind(i));
                    if (r.catchKind(i) < 2) {
                        w.u32(u(r.catchTag(i)));
                    }
                    w.u32(u(r.catchLabel(i)));
                }
                return;
            case BR_ON_CAST:
                w.byteValue(r.castFlags()).u32(u(r.index())).heapType(r.heapType()).heapType(r.heapType2());
                return;
            default:
                throw new AssertionError(op);
        }
    }

    private static void blockType(InstructionWriter w, InstructionReader r) {
        if (r.blockTypeIndex() >= 0) {
            w.blockTypeIndex(r.blockTypeIndex());
        } else {
            w.blockType(r.blockResult());
        }
    }
}
