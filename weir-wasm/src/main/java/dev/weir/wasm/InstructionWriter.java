package dev.weir.wasm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that emits the binary format (spec 5): opcodes with their prefixes,
 * LEB128 integers in their shortest form, raw floats, value types, block types and memargs.
 * Used by the text parser to build {@link Expression}s and by {@link WasmEncoder}.
 */
public final class InstructionWriter {
    private byte[] buf;
    private int size;

    public InstructionWriter() {
        this(64);
    }

    public InstructionWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            long cap = Math.max((long) buf.length * 2, (long) size + n);
            if (cap > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("encoded output too large");
            }
            buf = Arrays.copyOf(buf, (int) cap);
        }
    }

    /** One byte (the low 8 bits of {@code b}). */
    public InstructionWriter byteValue(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public InstructionWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public InstructionWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** An opcode: the byte, or the prefix byte followed by the sub-opcode as a u32. */
    public InstructionWriter op(Opcode op) {
        if (op.isPrefixed()) {
            byteValue(op.prefix());
            return u32(op.subOpcode());
        }
        return byteValue(op.code());
    }

    /** An unsigned LEB128 of up to 32 bits ({@code v} is taken as unsigned 32-bit if it fits). */
    public InstructionWriter u32(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("not a u32: " + v);
        }
        return uleb(v);
    }

    /** An unsigned LEB128 of the 64 bits of {@code v}. */
    public InstructionWriter u64(long v) {
        return uleb(v);
    }

    private InstructionWriter uleb(long v) {
        ensure(10);
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            buf[size++] = (byte) (v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    public InstructionWriter s32(int v) {
        return sleb(v);
    }

    /** A signed 33-bit LEB128 (block type indices, heap types). */
    public InstructionWriter s33(long v) {
        if (v < -(1L << 32) || v >= (1L << 32)) {
            throw new IllegalArgumentException("not an s33: " + v);
        }
        return sleb(v);
    }

    public InstructionWriter s64(long v) {
        return sleb(v);
    }

    private InstructionWriter sleb(long v) {
        ensure(10);
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            buf[size++] = (byte) (done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    public InstructionWriter f32(int bits) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[size++] = (byte) (bits >>> (8 * i));
        }
        return this;
    }

    public InstructionWriter f64(long bits) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (bits >>> (8 * i));
        }
        return this;
    }

    /** 16 bytes, little-endian: {@code lo} holds bytes 0-7. */
    public InstructionWriter v128(long lo, long hi) {
        return f64(lo).f64(hi);
    }

    /** A value or packed storage type; abstract nullable references use their one-byte shorthand. */
    public InstructionWriter valType(ValType t) {
        switch (t.kind()) {
            case I32: return byteValue(0x7F);
            case I64: return byteValue(0x7E);
            case F32: return byteValue(0x7D);
            case F64: return byteValue(0x7C);
            case V128: return byteValue(0x7B);
            case I8: return byteValue(0x78);
            case I16: return byteValue(0x77);
            default:
                if (t.nullable() && t.heapType() < 0) {
                    return byteValue(HeapType.toByte(t.heapType()));
                }
                byteValue(t.nullable() ? 0x63 : 0x64);
                return heapType(t.heapType());
        }
    }

    /** A heap type: an abstract type's code or a type index, as an s33. */
    public InstructionWriter heapType(int heapType) {
        return s33(heapType);
    }

    /** A block type with no result ({@code null}, 0x40) or a single result type. */
    public InstructionWriter blockType(ValType resultOrNull) {
        return resultOrNull == null ? byteValue(0x40) : valType(resultOrNull);
    }

    /** A block type given by a type index (an s33). */
    public InstructionWriter blockTypeIndex(int typeIndex) {
        if (typeIndex < 0) {
            throw new IllegalArgumentException("negative type index " + typeIndex);
        }
        return s33(typeIndex);
    }

    /**
     * A memarg: alignment exponent, then (multi-memory) the memory index when it is not 0 with
     * flag bit 6 set, then the offset as a u64.
     */
    public InstructionWriter memarg(int alignLog2, long offset, int memoryIndex) {
        if (memoryIndex != 0) {
            u32(alignLog2 | 0x40);
            u32(Integer.toUnsignedLong(memoryIndex));
        } else {
            u32(alignLog2);
        }
        return u64(offset);
    }

    /** A name: byte length (u32) then UTF-8 bytes. */
    public InstructionWriter name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        return bytes(b);
    }

    public int size() {
        return size;
    }

    /** Discards everything written. */
    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * The bytes as a complete {@link Expression} (the caller must have emitted the final
     * {@code end}, as the binary format requires).
     */
    public Expression toExpression() {
        if (size == 0 || buf[size - 1] != 0x0B) {
            throw new IllegalStateException("an expression must end with 'end' (0x0B)");
        }
        return new Expression(toByteArray(), 0);
    }
}
