package dev.weir.exchange.internal;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.exchange.GuestAllocator;
import dev.weir.exchange.ResultConvention;

/**
 * What wasm-bindgen 0.2.8x emits: {@code __wbindgen_malloc(size, align)},
 * {@code __wbindgen_realloc(ptr, old, new, align)}, {@code __wbindgen_free(ptr, size, align)}.
 * Size 0 yields the dangling pointer {@code align} and freeing size 0 is a no-op, so zero-length
 * buffers need no special casing. Arguments are owned (and freed) by the guest after the call.
 */
public final class WasmBindgenAllocator implements GuestAllocator {
    private final Func malloc;
    private final Func realloc;
    private final Func free;

    public WasmBindgenAllocator(Instance instance) {
        this.malloc = Exports.require(instance, "__wbindgen_malloc", Exports.i32Sig(2, 1));
        this.free = Exports.require(instance, "__wbindgen_free", Exports.i32Sig(3, 0));
        this.realloc = Exports.func(instance, "__wbindgen_realloc", Exports.i32Sig(4, 1));
    }

    @Override
    public String name() {
        return "wasm-bindgen __wbindgen_malloc/__wbindgen_free";
    }

    @Override
    public long allocate(long size, int align) {
        return Integer.toUnsignedLong(malloc.callInt((int) size, align));
    }

    @Override
    public void free(long address, long size, int align) {
        free.callInt((int) address, (int) size, align);
    }

    /** {@code __wbindgen_realloc(ptr, old, new, align)}, or -1 if the guest does not export it. */
    public long reallocate(long address, long oldSize, long newSize, int align) {
        if (realloc == null) {
            return -1;
        }
        return Integer.toUnsignedLong(realloc.callInt((int) address, (int) oldSize, (int) newSize, align));
    }

    @Override
    public ArgumentPassing argumentPassing() {
        return ArgumentPassing.GUEST_FREES;
    }

    @Override
    public ResultConvention defaultResultConvention() {
        return ResultConvention.wasmBindgenReturnArea();
    }
}
