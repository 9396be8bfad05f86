package dev.weir.exchange;

import dev.weir.Memory;
import dev.weir.Trap;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A host-side stand-in for a guest allocator over a bare {@link Memory}: a bump pointer with a
 * record of live blocks, so tests see every allocate/free and a double or invalid free "traps"
 * like dlmalloc would. Knobs simulate misbehaving guests.
 */
final class FakeAllocator implements GuestAllocator {
    final Memory memory;
    final TreeMap<Long, Long> liveBlocks = new TreeMap<>();
    final List<String> log = new ArrayList<>();
    long next = 1024;
    int frees;
    /** Grow the memory by this many pages before each allocation (forces storage reallocation). */
    int growPagesPerAlloc;
    /** Next allocation returns this value instead (then resets to -1). */
    long forcedResult = -1;
    boolean trapOnAlloc;

    FakeAllocator(Memory memory) {
        this.memory = memory;
    }

    static Memory newMemory() {
        return Memory.create(1, 1000, 16, false, false, Long.MAX_VALUE);
    }

    @Override
    public String name() {
        return "fake alloc/free";
    }

    @Override
    public long allocate(long size, int align) {
        log.add("alloc " + size);
        if (trapOnAlloc) {
            throw new Trap("unreachable");
        }
        if (growPagesPerAlloc > 0) {
            memory.grow(growPagesPerAlloc);
        }
        if (forcedResult >= 0) {
            long r = forcedResult;
            forcedResult = -1;
            return r;
        }
        if (size == 0) {
            return align; // Rust's dangling pointer
        }
        next = (next + align - 1) & -align;
        long p = next;
        while (p + size > memory.byteSize()) {
            if (memory.grow(1) < 0) {
                return 0;
            }
        }
        next += size;
        liveBlocks.put(p, size);
        return p;
    }

    @Override
    public void free(long address, long size, int align) {
        log.add("free " + address + " " + size);
        frees++;
        if (size == 0) {
            return;
        }
        Long s = liveBlocks.remove(address);
        if (s == null) {
            throw new Trap("double or invalid free of 0x" + Long.toHexString(address));
        }
        if (s != size) {
            throw new Trap("free with wrong size " + size + " for a block of " + s);
        }
    }
}
