package dev.weir;

import java.util.function.Supplier;

/**
 * The storage layouts every contract test runs against (Netty's AbstractByteBufTest idea): each
 * creates a memory of exactly one 64 KiB page (65536 bytes) with room to grow to 4 pages.
 */
enum MemoryLayouts {
    /** One byte[]: the fast path. */
    FLAT(() -> Memory.create(1, 4, 16, false, false, Long.MAX_VALUE)),
    /** Segmented with 4 KiB chunks, so many accesses straddle chunk boundaries. */
    SEGMENTED(() -> Memory.create(1, 4, 16, false, false, Long.MAX_VALUE, 0, 12)),
    /** Segmented with 8-byte chunks: every unaligned multi-byte access straddles. */
    TINY_CHUNKS(() -> Memory.create(1, 4, 16, false, false, Long.MAX_VALUE, 0, 3)),
    /** Shared memory: never-moving chunks, volatile/CAS atomics. */
    SHARED(() -> Memory.create(1, 4, 16, true, false, Long.MAX_VALUE, 0, 12)),
    /** Custom page size of 1 byte, 65536 pages. */
    BYTE_PAGES(() -> Memory.create(65536, 4 * 65536, 0, false, false, Long.MAX_VALUE)),
    /** memory64 flavour. */
    MEMORY64(() -> Memory.create(1, -1, 16, false, true, Long.MAX_VALUE));

    static final long SIZE = 65536;

    private final Supplier<Memory> factory;

    MemoryLayouts(Supplier<Memory> factory) {
        this.factory = factory;
    }

    Memory create() {
        return factory.get();
    }

    /** Chunk size of the layout, for choosing straddling addresses (the page size if flat). */
    long chunk() {
        switch (this) {
            case SEGMENTED:
            case SHARED:
                return 4096;
            case TINY_CHUNKS:
                return 8;
            default:
                return SIZE;
        }
    }
}
