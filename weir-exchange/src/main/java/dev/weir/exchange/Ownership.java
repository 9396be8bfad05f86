package dev.weir.exchange;

/** Who releases the guest memory behind a {@link GuestBuffer}. */
public enum Ownership {
    /** The host owns the block: {@code close()} frees it with the guest's allocator, exactly once. */
    HOST,
    /** The guest owns the block; the host only reads it and never frees it ({@code close()} just invalidates). */
    BORROWED,
    /**
     * The guest owns the block until the host releases it: {@code close()} runs the guest's release
     * function (a component-model {@code cabi_post_<name>}, or AssemblyScript's {@code __unpin}).
     */
    GUEST_RELEASE
}
