package dev.weir;

/**
 * An import could not be satisfied: "unknown import env.foo" or "incompatible import type for
 * env.foo: expected ..., found ..." (the spec's assert_unlinkable wording starts the message).
 */
public class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
