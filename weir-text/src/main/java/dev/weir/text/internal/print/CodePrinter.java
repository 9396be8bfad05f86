package dev.weir.text.internal.print;

import dev.weir.wasm.Expression;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.Opcode;
import dev.weir.wasm.ValType;
import java.util.List;

/**
 * Prints instruction sequences in the flat (linear) syntax wasm2wat uses by default: one
 * instruction per line, blocks indented, branch targets as relative depths followed by a
 * {@code (;@N;)} comment naming the block's nesting level (as printed after the block's opening
 * {@code ;; label = @N}). Driven by {@link Opcode#immediate()}, so every instruction family the
 * reader decodes is printed by one switch.
 */
final class CodePrinter {
    private static final String INDENT = "                                                                ";

    private final Ids ids;
    private final TypeText types;
    /** Identifiers of the current function's locals (params first), or null. */
    private String[] localIds;

    CodePrinter(Ids ids, TypeText types) {
        this.ids = ids;
        this.types = types;
    }

    private static void newline(StringBuilder sb, int indent) {
        sb.append('\n');
        while (indent > INDENT.length()) {
            sb.append(INDENT);
            indent -= INDENT.length();
        }
        sb.append(INDENT, 0, indent);
    }

    /**
     * A function body's instructions, each on its own line indented by {@code indent} plus two
     * spaces per open block; the final {@code end} is implicit in the text format.
     */
    void body(StringBuilder sb, Expression code, String[] locals, int indent) {
        localIds = locals;
        InstructionReader r = code.reader();
        int depth = 0;
        while (r.hasNext()) {
            Opcode op = r.next();
            switch (op) {
                case END:
                    if (depth == 0) {
                        if (r.hasNext()) {
                            throw new IllegalArgumentException("instructions after the final end at offset "
                                    + r.offset() + " of a function body");
                        }
                        return;
                    }
                    depth--;
                    newline(sb, indent + depth * 2);
                    sb.append("end");
                    break;
                case ELSE:
                case CATCH:
                case CATCH_ALL:
                    newline(sb, indent + Math.max(depth - 1, 0) * 2);
                    instr(sb, r, op, depth - 1);
                    break;
                case DELEGATE:
                    // Legacy EH: delegate closes the try; its label counts from outside the try.
                    depth = Math.max(depth - 1, 0);
                    newline(sb, indent + depth * 2);
                    instr(sb, r, op, depth);
                    break;
                case BLOCK:
                case LOOP:
                case IF:
                case TRY:
                case TRY_TABLE:
                    newline(sb, indent + depth * 2);
                    instr(sb, r, op, depth); // a try_table's catch labels count from outside it
                    depth++;
                    sb.append("  ;; label = @").append(depth);
                    break;
                default:
                    newline(sb, indent + depth * 2);
                    instr(sb, r, op, depth);
            }
        }
    }

    /**
     * A constant expression on one line, without its final {@code end}: a single instruction as
     * the folded {@code (i32.const 0)} when {@code fold1} is set, else {@code instr instr ...}.
     * Returns the number of instructions printed.
     */
    int constExpr(StringBuilder sb, Expression e, boolean fold1) {
        localIds = null;
        InstructionReader r = e.reader();
        int start = sb.length();
        int n = 0;
        while (r.hasNext()) {
            Opcode op = r.next();
            if (op == Opcode.END && !r.hasNext()) {
                break;
            }
            if (n > 0) {
                sb.append(' ');
            }
            instr(sb, r, op, 0);
            n++;
        }
        if (n == 1 && fold1) {
            sb.insert(start, '(').append(')');
        }
        return n;
    }

    private void label(StringBuilder sb, int label, int depth) {
        Lits.u32(sb, label);
        if (label >= 0 && label < depth) {
            sb.append(" (;@").append(depth - label).append(";)");
        }
    }

    private void blockType(StringBuilder sb, InstructionReader r) {
        if (r.blockTypeIndex() >= 0) {
            sb.append(" (type ");
            Ids.ref(sb, ids.types, r.blockTypeIndex());
            sb.append(')');
        } else if (r.blockResult() != null) {
            sb.append(" (result ");
            types.valType(sb, r.blockResult());
            sb.append(')');
        }
    }

    private void memarg(StringBuilder sb, InstructionReader r, Opcode op) {
        if (r.memory() != 0) {
            sb.append(' ');
            Ids.ref(sb, ids.memories, r.memory());
        }
        if (r.memOffset() != 0) {
            sb.append(" offset=");
            Lits.u64(sb, r.memOffset());
        }
        if (r.align() != op.naturalAlignment()) {
            sb.append(" align=");
            Lits.u64(sb, 1L << r.align());
        }
    }

    /** Appends {@code " " + index} in the given space. */
    private static void idx(StringBuilder sb, String[] space, int index) {
        sb.append(' ');
        Ids.ref(sb, space, index);
    }

    /**
     * One instruction with its immediates. {@code depth} is the number of enclosing blocks, used
     * to annotate branch targets.
     */
    void instr(StringBuilder sb, InstructionReader r, Opcode op, int depth) {
        sb.append(op.mnemonic());
        switch (op.immediate()) {
            case NONE:
            case ZERO_BYTE:
                return;
            case BLOCK_TYPE:
                blockType(sb, r);
                return;
            case LABEL:
                sb.append(' ');
                label(sb, r.index(), depth);
                return;
            case BR_TABLE:
                for (int i = 0; i < r.tableSize(); i++) {
                    sb.append(' ');
                    label(sb, r.tableLabel(i), depth);
                }
                sb.append(' ');
                label(sb, r.defaultLabel(), depth);
                return;
            case FUNC:
                idx(sb, ids.funcs, r.index());
                return;
            case TYPE:
                idx(sb, ids.types, r.index());
                return;
            case CALL_INDIRECT:
                if (r.index2() != 0) {
                    idx(sb, ids.tables, r.index2());
                }
                sb.append(" (type ");
                Ids.ref(sb, ids.types, r.index());
                sb.append(')');
                return;
            case LOCAL:
                idx(sb, localIds, r.index());
                return;
            case GLOBAL:
                idx(sb, ids.globals, r.index());
                return;
            case TABLE:
                idx(sb, ids.tables, r.index());
                return;
            case MEMORY:
                if (r.index() != 0) {
                    idx(sb, ids.memories, r.index());
                }
                return;
            case MEMARG:
                memarg(sb, r, op);
                return;
            case MEMARG_LANE:
                memarg(sb, r, op);
                sb.append(' ').append(r.lane());
                return;
            case I32:
                sb.append(' ').append(r.i32());
                return;
            case I64:
                sb.append(' ').append(r.i64());
                return;
            case F32:
                sb.append(' ');
                Lits.f32(sb, r.f32Bits());
                return;
            case F64:
                sb.append(' ');
                Lits.f64(sb, r.f64Bits());
                return;
            case V128:
                sb.append(" i32x4");
                for (int i = 0; i < 4; i++) {
                    long half = i < 2 ? r.v128Lo() : r.v128Hi();
                    sb.append(' ');
                    Lits.hex(sb, (half >>> ((i & 1) * 32)) & 0xFFFFFFFFL, 8);
                }
                return;
            case LANE:
                sb.append(' ').append(r.lane());
                return;
            case SHUFFLE:
                for (int i = 0; i < 16; i++) {
                    sb.append(' ').append(r.shuffleLane(i));
                }
                return;
            case SELECT_TYPES: {
                List<ValType> ts = r.selectTypes();
                sb.append(" (result");
                for (ValType t : ts) {
                    sb.append(' ');
                    types.valType(sb, t);
                }
                sb.append(')');
                return;
            }
            case HEAP_TYPE:
                sb.append(' ');
                switch (op) {
                    case REF_NULL:
                        types.heapType(sb, r.heapType());
                        return;
                    case REF_TEST_NULL:
                    case REF_CAST_NULL:
                        types.refType(sb, true, r.heapType());
                        return;
                    default:
                        types.refType(sb, false, r.heapType());
                        return;
                }
            case TAG:
                idx(sb, ids.tags, r.index());
                return;
            case TRY_TABLE:
                blockType(sb, r);
                for (int i = 0; i < r.catchCount(); i++) {
                    int k = r.catchKind(i);
                    sb.append(k == 0 ? " (catch" : k == 1 ? " (catch_ref" : k == 2 ? " (catch_all" : " (catch_all_ref");
                    if (k < 2) {
                        idx(sb, ids.tags, r.catchTag(i));
                    }
                    sb.append(' ');
                    label(sb, r.catchLabel(i), depth);
                    sb.append(')');
                }
                return;
            case DATA:
            case ELEM:
                sb.append(' ');
                Lits.u32(sb, r.index());
                return;
            case MEMORY_INIT:
                if (r.index2() != 0) {
                    idx(sb, ids.memories, r.index2());
                }
                sb.append(' ');
                Lits.u32(sb, r.index());
                return;
            case TABLE_INIT:
                if (r.index2() != 0) {
                    idx(sb, ids.tables, r.index2());
                }
                sb.append(' ');
                Lits.u32(sb, r.index());
                return;
            case MEMORY_COPY:
                if (r.index() != 0 || r.index2() != 0) {
                    idx(sb, ids.memories, r.index());
                    idx(sb, ids.memories, r.index2());
                }
                return;
            case TABLE_COPY:
                if (r.index() != 0 || r.index2() != 0) {
                    idx(sb, ids.tables, r.index());
                    idx(sb, ids.tables, r.index2());
                }
                return;
            case TYPE_FIELD:
            case TYPE_SIZE:
            case TYPE_DATA:
            case TYPE_ELEM:
                idx(sb, ids.types, r.index());
                sb.append(' ');
                Lits.u32(sb, r.index2());
                return;
            case TYPE_TYPE:
                idx(sb, ids.types, r.index());
                idx(sb, ids.types, r.index2());
                return;
            case BR_ON_CAST:
                sb.append(' ');
                label(sb, r.index(), depth);
                sb.append(' ');
                types.refType(sb, (r.castFlags() & 1) != 0, r.heapType());
                sb.append(' ');
                types.refType(sb, (r.castFlags() & 2) != 0, r.heapType2());
                return;
            default:
                throw new AssertionError(op.immediate());
        }
    }
}
