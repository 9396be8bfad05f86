package dev.weir.exchange.internal;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.exchange.GuestAllocator;
import dev.weir.exchange.ResultConvention;

/**
 * C-style {@code malloc(size) -> ptr} / {@code free(ptr)} (wasi-libc dlmalloc, TinyGo, Zig's
 * exported C allocator). malloc aligns to 8 or 16 bytes; larger alignments are not supported and
 * are rejected by {@link #allocate}. Strings default to NUL-terminated results, as in C.
 */
public final class MallocAllocator implements GuestAllocator {
    /** What dlmalloc guarantees on wasm32 (2 * sizeof(size_t)). */
    private static final int MALLOC_ALIGN = 8;

    private final Func malloc;
    private final Func free;
    private final String name;

    public MallocAllocator(Instance instance, String mallocName, String freeName) {
        this.malloc = Exports.require(instance, mallocName, Exports.i32Sig(1, 1));
        this.free = Exports.require(instance, freeName, Exports.i32Sig(1, 0));
        this.name = mallocName + "/" + freeName;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long allocate(long size, int align) {
        if (align > MALLOC_ALIGN) {
            throw new IllegalArgumentException(name + " cannot guarantee alignment " + align + " (max " + MALLOC_ALIGN + ")");
        }
        return Integer.toUnsignedLong(malloc.callInt((int) size));
    }

    @Override
    public void free(long address, long size, int align) {
        free.callInt((int) address);
    }

    @Override
    public ResultConvention defaultResultConvention() {
        return ResultConvention.nulTerminated();
    }
}
