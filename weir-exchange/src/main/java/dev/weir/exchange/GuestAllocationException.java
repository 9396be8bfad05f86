package dev.weir.exchange;

/**
 * The guest's allocator could not provide a block: it returned 0 (null) for a non-empty request,
 * returned a block outside its memory or overlapping a block the host already owns, or trapped
 * (e.g. out of memory). The message names the allocator profile, the requested size and alignment.
 * Nothing is owned by the host when this is thrown.
 */
public class GuestAllocationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long requestedSize;

    public GuestAllocationException(String message, long requestedSize, Throwable cause) {
        super(message, cause);
        this.requestedSize = requestedSize;
    }

    public GuestAllocationException(String message, long requestedSize) {
        this(message, requestedSize, null);
    }

    /** The size in bytes that was requested. */
    public long requestedSize() {
        return requestedSize;
    }
}
