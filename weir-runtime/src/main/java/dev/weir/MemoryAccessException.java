package dev.weir;

/**
 * A host-side access to a {@link Memory} (or {@link MemoryView}) outside its current bounds, e.g. a
 * pointer/length pair returned by a guest that does not fit in the guest's memory.
 *
 * <p>The access had no effect: every {@code Memory} operation checks the whole range before it
 * reads or writes anything. Guest (Wasm-level) out-of-bounds accesses are reported as a
 * {@link Trap} instead.
 */
public class MemoryAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long address;
    private final long length;
    private final long memorySize;

    /**
     * @param message    full message, typically
     *                   {@code "pointer/length out of bounds: addr=0x..., len=..., memory size=..."}
     * @param address    the first address of the attempted access (unsigned)
     * @param length     the attempted length in bytes (may be negative if the caller passed one)
     * @param memorySize the size in bytes of the memory or view at the time of the access
     */
    public MemoryAccessException(String message, long address, long length, long memorySize) {
        super(message);
        this.address = address;
        this.length = length;
        this.memorySize = memorySize;
    }

    /** The first address of the rejected access (an unsigned value). */
    public long address() {
        return address;
    }

    /** The length in bytes of the rejected access, as passed by the caller. */
    public long length() {
        return length;
    }

    /** The byte size of the memory (or view) when the access was rejected. */
    public long memorySize() {
        return memorySize;
    }
}
