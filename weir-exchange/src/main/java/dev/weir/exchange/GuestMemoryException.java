package dev.weir.exchange;

import dev.weir.MemoryAccessException;

/**
 * A pointer/length pair that came <em>from the guest</em> (a function result, an out-pointer slot,
 * a length prefix, a return record) does not fit in its memory. It is a
 * {@link MemoryAccessException}, so it carries the address, the length and the memory size, and
 * the message also says which export or convention produced the bad pair. Nothing was read and the
 * host took no ownership of the range.
 */
public class GuestMemoryException extends MemoryAccessException {
    private static final long serialVersionUID = 1L;

    public GuestMemoryException(String message, long address, long length, long memorySize) {
        super(message, address, length, memorySize);
    }
}
