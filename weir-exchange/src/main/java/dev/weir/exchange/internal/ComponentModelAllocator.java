package dev.weir.exchange.internal;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.exchange.GuestAllocator;
import dev.weir.exchange.ResultConvention;

/**
 * Canonical ABI {@code cabi_realloc(old_ptr, old_size, align, new_size)} (wit-bindgen shape).
 * Lowered arguments are owned by the guest after the call; results stay guest-owned until
 * {@code cabi_post_<name>} runs. The canonical ABI has no free: a block the host allocated but
 * never passed is released with {@code cabi_realloc(ptr, size, align, 0)}, which wit-bindgen's
 * realloc treats as a free.
 */
public final class ComponentModelAllocator implements GuestAllocator {
    private final Func realloc;

    public ComponentModelAllocator(Instance instance) {
        this.realloc = Exports.require(instance, "cabi_realloc", Exports.i32Sig(4, 1));
    }

    @Override
    public String name() {
        return "component model cabi_realloc";
    }

    @Override
    public long allocate(long size, int align) {
        return Integer.toUnsignedLong(realloc.callInt(0, 0, align, (int) size));
    }

    @Override
    public void free(long address, long size, int align) {
        if (size != 0) {
            realloc.callInt((int) address, (int) size, align, 0);
        }
    }

    @Override
    public ArgumentPassing argumentPassing() {
        return ArgumentPassing.GUEST_FREES;
    }

    @Override
    public ResultConvention defaultResultConvention() {
        return ResultConvention.componentModel();
    }
}
