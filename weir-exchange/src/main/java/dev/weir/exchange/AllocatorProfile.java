package dev.weir.exchange;

import dev.weir.Instance;

/** A kind of guest allocator, recognized by its exports; see {@link Allocators}. */
public interface AllocatorProfile {
    /** E.g. {@code "raw Rust"}. */
    String name();

    /** The exports it needs, e.g. {@code "alloc (i32)->i32 + dealloc (i32 i32)->()"}. */
    String requirement();

    /** Why the instance does not fit this profile (missing or mistyped exports), or null if it fits. */
    String mismatch(Instance instance);

    /** The allocator bound to the instance's exports. */
    GuestAllocator bind(Instance instance);
}
