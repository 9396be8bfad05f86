package dev.weir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Objects;

/**
 * A window {@code [address, address + length)} on a {@link Memory} that never goes stale.
 *
 * <p>A view holds the memory and the range, never a backing array: every access resolves the
 * memory's current storage and is checked against the view (offsets are relative to
 * {@link #address()}) and then against the memory. A view taken before {@code memory.grow} (even a
 * grow that reallocates the storage) reads and writes the same bytes as the memory afterwards.
 * Since memories never shrink, a view that was valid when created stays valid.
 *
 * <p>There is deliberately no zero-copy {@code ByteBuffer} over guest memory: a
 * {@code ByteBuffer} cannot re-check itself after the storage moves. {@link #toByteBuffer()}
 * returns a little-endian snapshot copy instead.
 *
 * <p>Thread-safety: as for the underlying memory. All multi-byte accessors are little-endian.
 */
public final class MemoryView {
    private final Memory memory;
    private final long address;
    private final long length;

    MemoryView(Memory memory, long address, long length) {
        this.memory = memory;
        this.address = address;
        this.length = length;
    }

    /** The memory this view belongs to. */
    public Memory memory() {
        return memory;
    }

    /** The guest address of offset 0. */
    public long address() {
        return address;
    }

    /** The length of the view in bytes. */
    public long length() {
        return length;
    }

    private long at(long off, long n) {
        if (off < 0 || n < 0 || n > length || off > length - n) {
            throw new MemoryAccessException(String.format(Locale.ROOT,
                    "view offset out of bounds: off=%d, len=%d, view length=%d (view at addr=0x%x)",
                    off, n, length, address), address + off, n, length);
        }
        return address + off;
    }

    /** A sub-view {@code [off, off + len)} of this view. */
    public MemoryView slice(long off, long len) {
        return new MemoryView(memory, at(off, len), len);
    }

    public byte readByte(long off) { return memory.readByte(at(off, 1)); }
    public int readUnsignedByte(long off) { return memory.readUnsignedByte(at(off, 1)); }
    public short readShort(long off) { return memory.readShort(at(off, 2)); }
    public int readInt(long off) { return memory.readInt(at(off, 4)); }
    public long readLong(long off) { return memory.readLong(at(off, 8)); }
    public float readFloat(long off) { return memory.readFloat(at(off, 4)); }
    public double readDouble(long off) { return memory.readDouble(at(off, 8)); }
    public void writeByte(long off, int v) { memory.writeByte(at(off, 1), v); }
    public void writeShort(long off, int v) { memory.writeShort(at(off, 2), v); }
    public void writeInt(long off, int v) { memory.writeInt(at(off, 4), v); }
    public void writeLong(long off, long v) { memory.writeLong(at(off, 8), v); }
    public void writeFloat(long off, float v) { memory.writeFloat(at(off, 4), v); }
    public void writeDouble(long off, double v) { memory.writeDouble(at(off, 8), v); }

    /** Copies {@code len} bytes at view offset {@code off} into {@code dst[dstOff..)}. */
    public void read(long off, byte[] dst, int dstOff, int len) {
        Objects.checkFromIndexSize(dstOff, len, dst.length);
        memory.read(at(off, len), dst, dstOff, len);
    }

    /** Copies {@code src[srcOff..srcOff+len)} to view offset {@code off}. */
    public void write(long off, byte[] src, int srcOff, int len) {
        Objects.checkFromIndexSize(srcOff, len, src.length);
        memory.write(at(off, len), src, srcOff, len);
    }

    /** A copy of the whole view. */
    public byte[] toByteArray() {
        if (length > Integer.MAX_VALUE - 8) {
            throw new MemoryAccessException("view too large for a byte[]: length=" + length, address, length, length);
        }
        return memory.readBytes(address, (int) length);
    }

    /** A little-endian heap {@code ByteBuffer} holding a snapshot copy of the view. */
    public ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Decodes the whole view strictly; see {@link Memory#readString(long, int, Charset)}. */
    public String readString(Charset cs) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new MemoryAccessException("view too large for a string: length=" + length, address, length, length);
        }
        return memory.readString(address, (int) length, cs);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MemoryView[addr=0x%x, len=%d]", address, length);
    }
}
