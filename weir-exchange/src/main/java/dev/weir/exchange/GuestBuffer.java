package dev.weir.exchange;

import dev.weir.Memory;
import dev.weir.MemoryView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * A handle on {@code [address, address + length)} in a guest's linear memory with explicit
 * ownership (the host side of an MS-Wasm-style handle).
 *
 * <ul>
 *   <li>{@link Ownership#HOST} ({@link GuestHeap#copyIn}, {@link GuestHeap#take}): {@link #close()}
 *       frees the block with the guest's allocator exactly once; a second close is a no-op.</li>
 *   <li>{@link #give()} transfers ownership to the guest (e.g. Rust {@code Vec::from_raw_parts});
 *       the handle is dead afterwards, so the host can no longer free the block a second time.</li>
 *   <li>{@link Ownership#BORROWED} ({@link GuestHeap#borrow}): read-only, never freed by the host.</li>
 *   <li>{@link Ownership#GUEST_RELEASE}: close runs the guest's release ({@code cabi_post_*}, unpin).</li>
 * </ul>
 * Every access after close or give throws {@link IllegalStateException}; {@link #length()} stays
 * readable, so {@code f.callInt(buf.give(), buf.length())} works. Accesses go through a
 * {@link MemoryView}, which re-resolves the memory's storage each time: a handle never reads a
 * stale array after {@code memory.grow}. Not thread-safe (like the store it belongs to).
 */
public sealed class GuestBuffer implements AutoCloseable permits GuestString {
    final Handle handle;
    private final long address;
    private final int length;
    private final MemoryView view;

    GuestBuffer(Handle handle, Memory memory, long address, int length) {
        this.handle = handle;
        this.address = address;
        this.length = length;
        this.view = memory.view(address, length);
    }

    /** The guest address as a wasm32 {@code i32} argument. */
    public int ptr() {
        check();
        return (int) address;
    }

    /** The guest address (unsigned). */
    public long address() {
        check();
        return address;
    }

    /** The length in bytes (readable even after close or give). */
    public int length() {
        return length;
    }

    public Ownership ownership() {
        return handle.ownership;
    }

    /** Whether the handle can still be used (not closed, not given away). */
    public boolean isOpen() {
        return handle.state == Handle.State.OPEN;
    }

    /**
     * A live view of the bytes (no copy). It re-checks bounds on each access, so it survives
     * {@code memory.grow}, but it does not know about this handle: do not use it after close.
     */
    public MemoryView view() {
        check();
        return view;
    }

    // ------------------------------------------------------------------ reads (bounds-checked against the buffer)

    /** Copies {@code len} bytes at buffer offset {@code off} into {@code dst[dstOff..)}: no intermediate copy. */
    public void read(long off, byte[] dst, int dstOff, int len) {
        check();
        view.read(off, dst, dstOff, len);
    }

    /** One copy of the whole buffer. */
    public byte[] toByteArray() {
        check();
        return view.toByteArray();
    }

    public byte readByte(long off) {
        check();
        return view.readByte(off);
    }

    public int readInt(long off) {
        check();
        return view.readInt(off);
    }

    public long readLong(long off) {
        check();
        return view.readLong(off);
    }

    /** Decodes the whole buffer strictly ({@link dev.weir.MalformedStringException} names the bad byte). */
    public String readString(Charset charset) {
        check();
        return GuestString.decode(view, charset);
    }

    /** Reads the buffer as a string, then closes the handle (frees a host-owned block). */
    public String takeString(Charset charset) {
        try {
            return readString(charset);
        } finally {
            close();
        }
    }

    /** Reads the bytes, then closes the handle. */
    public byte[] takeBytes() {
        try {
            return toByteArray();
        } finally {
            close();
        }
    }

    public short[] toShortArray() {
        short[] a = new short[elements(2)];
        le().asShortBuffer().get(a);
        return a;
    }

    public int[] toIntArray() {
        int[] a = new int[elements(4)];
        le().asIntBuffer().get(a);
        return a;
    }

    public long[] toLongArray() {
        long[] a = new long[elements(8)];
        le().asLongBuffer().get(a);
        return a;
    }

    public float[] toFloatArray() {
        float[] a = new float[elements(4)];
        le().asFloatBuffer().get(a);
        return a;
    }

    public double[] toDoubleArray() {
        double[] a = new double[elements(8)];
        le().asDoubleBuffer().get(a);
        return a;
    }

    private int elements(int width) {
        check();
        if (length % width != 0) {
            throw new IllegalStateException(this + " is not a whole number of " + width + "-byte elements");
        }
        return length / width;
    }

    private ByteBuffer le() {
        return ByteBuffer.wrap(view.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ------------------------------------------------------------------ writes (host-owned only)

    public void write(long off, byte[] src, int srcOff, int len) {
        checkWritable();
        view.write(off, src, srcOff, len);
    }

    public void writeByte(long off, int v) {
        checkWritable();
        view.writeByte(off, v);
    }

    public void writeInt(long off, int v) {
        checkWritable();
        view.writeInt(off, v);
    }

    public void writeLong(long off, long v) {
        checkWritable();
        view.writeLong(off, v);
    }

    // ------------------------------------------------------------------ ownership

    /**
     * Transfers ownership of the block to the guest and returns its address: the guest will free it
     * (Rust {@code Vec::from_raw_parts}, wasm-bindgen and component-model arguments). The handle is
     * dead afterwards; {@link #close()} becomes a no-op, so the host cannot free the block again.
     *
     * @throws IllegalStateException if the handle is closed, already given, or not host-owned
     */
    public int give() {
        check();
        if (handle.ownership != Ownership.HOST) {
            throw new IllegalStateException("cannot give " + this + ": the host does not own it (" + handle.ownership + ")");
        }
        handle.heap.given(handle);
        return (int) address;
    }

    /**
     * Releases the block: frees a host-owned block with the guest's allocator, runs the guest's
     * release for {@link Ownership#GUEST_RELEASE}, just invalidates a borrowed view. Idempotent:
     * closing a closed or given handle does nothing. If the guest traps while freeing, the trap
     * propagates and the handle stays closed (the free is never retried).
     */
    @Override
    public void close() {
        handle.heap.close(handle);
    }

    void check() {
        Handle.State s = handle.state;
        if (s != Handle.State.OPEN) {
            throw new IllegalStateException(this + (s == Handle.State.GIVEN
                    ? " was given to the guest: the host no longer owns it"
                    : " is closed" + (handle.ownership == Ownership.HOST ? " (its block was freed)" : "")));
        }
    }

    private void checkWritable() {
        check();
        if (handle.ownership == Ownership.BORROWED) {
            throw new IllegalStateException(this + " is a read-only borrow of guest memory");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s[ptr=0x%x, len=%d, %s]", getClass().getSimpleName(), address, length,
                handle.ownership.name().toLowerCase(Locale.ROOT));
    }
}
