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
 */
public final class BodyWalker {
    private static final byte BLOCK = 0;
    private static final byte IF = 1;
    private static final byte ELSE = 2;
    private static final byte TRY = 3;
    private static final byte TRY_CATCH = 4;
    private static final byte TRY_CATCH_ALL = 5;

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
        InstructionReader r = new InstructionReader(code, start, limit, start);
        int depth = 0;
        while (true) {
            if (!r.hasNext()) {
                throw new MalformedModuleException(ByteReader.UNEXPECTED_END, limit);
            }
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
        }
    }

    private int push(int depth, byte kind) {
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth] = kind;
        return depth + 1;
    }

    private static MalformedModuleException endExpected(InstructionReader r) {
        return new MalformedModuleException("END opcode expected", r.offset());
    }
}
