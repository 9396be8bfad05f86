package dev.weir.wasm;

import java.util.Arrays;
import java.util.Objects;

/** A data segment; {@code offset} is null for passive segments. The array is never modified. */
public final class DataSegment {
    private final SegmentMode mode;
    private final int memoryIndex;
    private final Expression offset;
    private final byte[] data;

    public DataSegment(SegmentMode mode, int memoryIndex, Expression offset, byte[] data) {
        this.mode = mode;
        this.memoryIndex = memoryIndex;
        this.offset = offset;
        this.data = data;
    }

    public SegmentMode mode() {
        return mode;
    }

    public int memoryIndex() {
        return memoryIndex;
    }

    public Expression offset() {
        return offset;
    }

    /** The segment's bytes. Callers must not modify the array. */
    public byte[] data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DataSegment)) {
            return false;
        }
        DataSegment d = (DataSegment) o;
        return mode == d.mode && memoryIndex == d.memoryIndex && Objects.equals(offset, d.offset)
                && Arrays.equals(data, d.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, memoryIndex, data.length);
    }
}
