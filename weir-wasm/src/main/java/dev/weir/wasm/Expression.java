package dev.weir.wasm;

import java.util.Arrays;

/**
 * A sequence of instructions in binary encoding, ending with {@code end} (0x0B): a function body's
 * code, or a constant expression. Keeping instructions encoded is compact and lets every consumer
 * (validator, interpreter, compiler, printer) walk them with one {@link InstructionReader}.
 *
 * <p>The array is never modified after construction. {@code sourceOffset} is the byte offset of
 * the first instruction in the original binary (0 when the module came from text); it takes no
 * part in equality.
 */
public final class Expression {
    private final byte[] bytes;
    private final int sourceOffset;

    public Expression(byte[] bytes, int sourceOffset) {
        this.bytes = bytes;
        this.sourceOffset = sourceOffset;
    }

    /** The encoded instructions, including the final {@code end}. Callers must not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public int sourceOffset() {
        return sourceOffset;
    }

    /** A reader over these instructions reporting offsets in the original binary. */
    public InstructionReader reader() {
        return new InstructionReader(bytes, 0, bytes.length, sourceOffset);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression && Arrays.equals(bytes, ((Expression) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Expression[" + bytes.length + " bytes @" + sourceOffset + "]";
    }
}
