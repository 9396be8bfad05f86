package dev.weir;

/**
 * Bytes in guest memory are not a well-formed string in the requested encoding (e.g.
 * {@code "invalid utf-8 at byte 3 (address 0x10403)"}), a C string has no NUL terminator within
 * the allowed length, or a host string cannot be encoded (an unpaired surrogate).
 *
 * <p>Nothing was written when this is thrown by a write method.
 */
public class MalformedStringException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long index;
    private final long address;

    /**
     * @param message the full message
     * @param index   position of the problem in the input: a byte index relative to the start of
     *                the string when decoding, a {@code char} index when encoding a host string
     * @param address the guest address the problem refers to (for decoding: the bad byte's address)
     */
    public MalformedStringException(String message, long index, long address) {
        super(message);
        this.index = index;
        this.address = address;
    }

    /** Position of the problem: byte index when decoding, char index when encoding. */
    public long index() {
        return index;
    }

    /** The guest address the problem refers to. */
    public long address() {
        return address;
    }
}
