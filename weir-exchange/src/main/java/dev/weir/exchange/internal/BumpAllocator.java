package dev.weir.exchange.internal;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.exchange.GuestAllocator;

/**
 * A guest that exports an allocation function but nothing to free with (a bump or arena
 * allocator reset by the guest itself). Handles still track ownership and liveness; closing one
 * just forgets the block.
 */
public final class BumpAllocator implements GuestAllocator {
    private final Func alloc;
    private final String name;

    public BumpAllocator(Instance instance, String allocName) {
        this.alloc = Exports.require(instance, allocName, Exports.i32Sig(1, 1));
        this.name = "bump " + allocName + "(len), no free";
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
        // nothing to call: the guest never frees individual blocks
    }

    @Override
    public boolean freesMemory() {
        return false;
    }
}
