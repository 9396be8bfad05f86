package dev.weir.wasm.internal;

import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.Opcode;

/**
 * Walks one instruction sequence (a function body or a constant expression) once at decode
 * time: every instruction is decoded, so malformed immediates surface as
 * {@link MalformedModuleException}s, and the block structure is checked the way the reference
 * interpreter's recursive decoder checks it (spec 5.4.1): {@code else} only inside {@code if},
 * legacy {@code catch}/{@code catch_all}/{@code delegate} only inside {@code try}; anything else
 * out of place is "END opcode expected".
 *
 * <p>The walk stops after the {@code end} that closes the sequence and returns the index after
 * it; it does not stop at the declared size, so a body that runs past its size is reported by the
 * caller as "section size mismatch", as the reference does.
 *
 * <p>Speed: this walk runs over every byte of code at decode time, so common instructions are
 * skipped at the byte level, driven by a table keyed by the opcode byte, without materializing
 * their immediates. The fast path only accepts encodings that are certainly well-formed (LEB128s
 * short enough or checked at their last byte, plain memargs, numeric block types); any
 * other instruction, and anything truncated, is decoded by {@link InstructionReader} from its
 * first byte, so errors keep exactly the reader's wording and offsets.
 */
public final class BodyWalker {
    private static final byte BLOCK = 0;
    private static final byte IF = 1;
    private static final byte ELSE = 2;
    private static final byte TRY = 3;
    private static final byte TRY_CATCH = 4;
    private static final byte TRY_CATCH_ALL = 5;

    // Fast-path skip kinds by opcode byte; S_SLOW (0) hands the instruction to InstructionReader.
    private static final byte S_SLOW = 0;
    private static final byte S_NONE = 1;
    private static final byte S_U32 = 2;      // one u32 index
    private static final byte S_U32X2 = 3;    // two u32 indices (call_indirect)
    private static final byte S_MEMARG = 4;
    private static final byte S_FIXED4 = 5;   // f32.const
    private static final byte S_FIXED8 = 6;   // f64.const
    private static final byte S_BLOCK = 7;    // block, loop
    private static final byte S_IF = 8;
    private static final byte S_ELSE = 9;
    private static final byte S_END = 10;
    private static final byte S_BR_TABLE = 11;
    private static final byte S_S32 = 12;     // i32.const
    private static final byte S_S64 = 13;     // i64.const
    private static final byte[] SKIP = new byte[256];
    /** A u64/s64 LEB128 of up to 9 bytes holds at most 63 bits: no width check can reject it. */
    private static final int UNCHECKED_LEB64_BYTES = 9;

    static {
        for (Opcode op : Opcode.values()) {
            if (!op.isPrefixed()) {
                SKIP[op.code()] = skipKind(op);
            }
        }
    }

    private static byte skipKind(Opcode op) {
        switch (op) {
            case BLOCK: case LOOP: return S_BLOCK;
            case IF: return S_IF;
            case ELSE: return S_ELSE;
            case END: return S_END;
            // Legacy exception handling changes the block structure: checked on the slow path.
            case TRY: case CATCH: case CATCH_ALL: case DELEGATE: return S_SLOW;
            default: break;
        }
        switch (op.immediate()) {
            case NONE: return S_NONE;
            case LABEL: case FUNC: case TYPE: case LOCAL: case GLOBAL: case TABLE: case MEMORY: case TAG:
                return S_U32;
            case I32: return S_S32;
            case I64: return S_S64;
            case CALL_INDIRECT: return S_U32X2;
            case MEMARG: return S_MEMARG;
            case F32: return S_FIXED4;
            case F64: return S_FIXED8;
            case BR_TABLE: return S_BR_TABLE;
            default: return S_SLOW;
        }
    }

    private byte[] stack = new byte[32];
    /** Whether any walked body used a data index (memory.init, data.drop, array.*_data): spec 5.5.13. */
    private boolean usesDataIndex;

    public boolean usesDataIndex() {
        return usesDataIndex;
    }

    /**
     * Walks instructions of {@code code} from {@code start} (an index that is also the source
     * offset, as the array is the whole binary) until the closing {@code end}, reading at most up
     * to {@code limit}. Returns the index after that {@code end}.
     */
    public int walk(byte[] code, int start, int limit) {
        InstructionReader r = null; // created on the first slow-path instruction
        int depth = 0;
        int p = start;
        while (true) {
            if (p >= limit) {
                throw new MalformedModuleException(ByteReader.UNEXPECTED_END, limit);
            }
            int next;
            byte kind = SKIP[code[p] & 0xFF];
            switch (kind) {
                case S_NONE:
                    next = p + 1;
                    break;
                case S_U32:
                    next = skipU32(code, p + 1, limit);
                    break;
                case S_U32X2:
                    next = skipU32(code, skipU32(code, p + 1, limit), limit);
                    break;
                case S_S32:
                    next = skipS32(code, p + 1, limit);
                    break;
                case S_S64:
                    next = skipLeb(code, p + 1, limit, UNCHECKED_LEB64_BYTES);
                    break;
                case S_MEMARG:
                    // Flags below 0x40: one byte, no explicit memory index, alignment < 64; then a u64.
                    next = p + 1 < limit && (code[p + 1] & 0xFF) < 0x40 ? skipLeb(code, p + 2, limit, UNCHECKED_LEB64_BYTES) : -1;
                    break;
                case S_FIXED4:
                    next = limit - p > 4 ? p + 5 : -1;
                    break;
                case S_FIXED8:
                    next = limit - p > 8 ? p + 9 : -1;
                    break;
                case S_BLOCK:
                case S_IF:
                    next = numericBlockType(code, p + 1, limit) ? p + 2 : -1;
                    if (next > 0) {
                        depth = push(depth, kind == S_IF ? IF : BLOCK);
                    }
                    break;
                case S_ELSE:
                    if (depth == 0 || stack[depth - 1] != IF) {
                        throw new MalformedModuleException(END_EXPECTED, p);
                    }
                    stack[depth - 1] = ELSE;
                    next = p + 1;
                    break;
                case S_END:
                    if (depth == 0) {
                        return p + 1;
                    }
                    depth--;
                    next = p + 1;
                    break;
                case S_BR_TABLE:
                    next = skipBrTable(code, p + 1, limit);
                    break;
                default:
                    next = -1;
                    break;
            }
            if (next < 0) {
                if (r == null) {
                    r = new InstructionReader(code, start, limit, start);
                }
                r.seek(p);
                int end = slowStep(r, depth);
                if (end >= 0) {
                    return end;
                }
                depth = -end - 1;
                next = r.position();
            }
            p = next;
        }
    }

    /**
     * Decodes one instruction with the full reader and applies its effect on the block structure.
     * Returns the index after the closing {@code end} if it closes the sequence, else
     * {@code -(newDepth + 1)}.
     */
    private int slowStep(InstructionReader r, int depth) {
        Opcode op = r.next();
        switch (op) {
            case BLOCK: case LOOP: case TRY_TABLE:
                depth = push(depth, BLOCK);
                break;
            case IF:
                depth = push(depth, IF);
                break;
            case TRY:
                depth = push(depth, TRY);
                break;
            case ELSE:
                if (depth == 0 || stack[depth - 1] != IF) {
                    throw endExpected(r);
                }
                stack[depth - 1] = ELSE;
                break;
            case CATCH:
                if (depth == 0 || (stack[depth - 1] != TRY && stack[depth - 1] != TRY_CATCH)) {
                    throw endExpected(r);
                }
                stack[depth - 1] = TRY_CATCH;
                break;
            case CATCH_ALL:
                if (depth == 0 || (stack[depth - 1] != TRY && stack[depth - 1] != TRY_CATCH)) {
                    throw endExpected(r);
                }
                stack[depth - 1] = TRY_CATCH_ALL;
                break;
            case DELEGATE:
                if (depth == 0 || stack[depth - 1] != TRY) {
                    throw endExpected(r);
                }
                depth--;
                break;
            case END:
                if (depth == 0) {
                    return r.position();
                }
                depth--;
                break;
            case MEMORY_INIT: case DATA_DROP: case ARRAY_NEW_DATA: case ARRAY_INIT_DATA:
                usesDataIndex = true;
                break;
            default:
                break;
        }
        return -depth - 1;
    }

    // LEB128 skippers (spec 5.2.2). Each returns the index after the number, or -1 when the
    // reader must judge it (too long, too large, truncated) or when p is already -1.

    /** A LEB128 of at most {@code maxBytes} bytes, few enough that no width check applies. */
    private static int skipLeb(byte[] code, int p, int limit, int maxBytes) {
        if (p < 0) {
            return -1;
        }
        int end = Math.min(p + maxBytes, limit);
        for (int i = p; i < end; i++) {
            if (code[i] >= 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * A u32. Linkers pad relocated indices and addresses to 5 bytes, so the 5-byte form is common:
     * its last byte may carry only 4 value bits and no continuation bit.
     */
    private static int skipU32(byte[] code, int p, int limit) {
        int i = skipLeb(code, p, limit, 4);
        // -1 with 5 bytes available means the first 4 all had continuation bits.
        if (i < 0 && p >= 0 && limit - p > 4 && (code[p + 4] & 0xF0) == 0) {
            return p + 5;
        }
        return i;
    }

    /** An s32: a 5th byte must have no continuation bit and its bits 3-6 must copy the sign. */
    private static int skipS32(byte[] code, int p, int limit) {
        int i = skipLeb(code, p, limit, 4);
        if (i < 0 && p >= 0 && limit - p > 4) {
            int last = code[p + 4] & 0xF8;
            if (last == 0 || last == 0x78) {
                return p + 5;
            }
        }
        return i;
    }

    /** Whether a block type at {@code p} is the one byte of the empty type or a numeric/vector type. */
    private static boolean numericBlockType(byte[] code, int p, int limit) {
        if (p >= limit) {
            return false;
        }
        int b = code[p] & 0xFF;
        return b == 0x40 || (b >= 0x7B && b <= 0x7F);
    }

    /** Index after a br_table's labels at {@code p}, or -1 when the reader must judge them. */
    private static int skipBrTable(byte[] code, int p, int limit) {
        // The count (at most 4 bytes here, so below 2^28) bounds the loop; counts beyond the
        // remaining bytes are the reader's to reject.
        int n = 0;
        int i = p;
        for (int shift = 0; ; shift += 7) {
            if (shift == 28 || i >= limit) {
                return -1;
            }
            int b = code[i++];
            n |= (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (n > limit - i) {
            return -1;
        }
        for (int k = 0; k <= n && i >= 0; k++) {
            i = skipU32(code, i, limit);
        }
        return i;
    }

    private int push(int depth, byte kind) {
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth] = kind;
        return depth + 1;
    }

    private static final String END_EXPECTED = "END opcode expected";

    private static MalformedModuleException endExpected(InstructionReader r) {
        return new MalformedModuleException(END_EXPECTED, r.offset());
    }
}
