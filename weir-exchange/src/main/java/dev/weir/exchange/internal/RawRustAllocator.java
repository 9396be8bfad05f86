package dev.weir.exchange.internal;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.exchange.GuestAllocator;

/**
 * The seed article's raw Rust profile: {@code alloc(len) -> ptr} (a {@code Vec::with_capacity} that
 * is forgotten) and {@code dealloc(ptr, len)} ({@code Vec::from_raw_parts} dropped). The guest
 * promises only alignment 1 ({@code Layout{size: len, align: 1}}), so {@code align} is ignored;
 * {@code alloc(0)} returns a dangling non-null pointer and {@code dealloc(p, 0)} is a no-op.
 */
public final class RawRustAllocator implements GuestAllocator {
    private final Func alloc;
    private final Func dealloc;
    private final String name;

    public RawRustAllocator(Instance instance, String allocName, String deallocName) {
        this.alloc = Exports.require(instance, allocName, Exports.i32Sig(1, 1));
        this.dealloc = Exports.require(instance, deallocName, Exports.i32Sig(2, 0));
        this.name = "raw Rust " + allocName + "(len)/" + deallocName + "(ptr, len)";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long allocate(long size, int align) {
        return Integer.toUnsignedLong(alloc.callInt((int) size));
    }

    @Override
    public void free(long address, long size, int align) {
        dealloc.callInt((int) address, (int) size);
    }
}
