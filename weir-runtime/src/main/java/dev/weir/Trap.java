package dev.weir;

/**
 * A WebAssembly trap: execution stopped because the guest did something the spec forbids
 * (an out-of-bounds access, an integer division by zero, {@code unreachable}, ...).
 * The message is the spec interpreter's wording so that spec tests can match it.
 */
public class Trap extends RuntimeException {
    public Trap(String message) {
        super(message);
    }

    public Trap(String message, Throwable cause) {
        super(message, cause);
    }
}
