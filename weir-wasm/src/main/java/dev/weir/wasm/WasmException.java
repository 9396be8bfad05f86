package dev.weir.wasm;

/** Base of Weir's typed errors about a module. {@code offset} is a byte offset, or -1 if unknown. */
public abstract class WasmException extends RuntimeException {
    private final long offset;

    protected WasmException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    protected WasmException(String message, long offset, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** Byte offset in the binary where the problem was found, or -1. */
    public long offset() {
        return offset;
    }

    /** The message without location, as the spec interpreter words it. */
    public String reason() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        return offset < 0 ? super.getMessage() : super.getMessage() + " (at byte offset 0x" + Long.toHexString(offset) + ")";
    }
}
