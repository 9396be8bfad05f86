package dev.weir.memcheck.internal;

import dev.weir.Memory;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Valgrind's leak classification for the blocks still allocated at the end: a block is
 * <em>still reachable</em> when a pointer to its start is found in the roots (static data and the
 * live part of the stack) or, transitively, inside another reachable block; every other block is
 * <em>definitely lost</em>. Only start pointers count (Valgrind calls blocks reached through
 * interior pointers "possibly lost"; memcheck counts those as lost), and wasm globals other than
 * the stack pointer are not scanned. Words are read aligned, 4 bytes little-endian (wasm32).
 */
final class LeakScan {
    private static final int CHUNK = 64 * 1024;

    private final Memory memory;
    private final BlockIndex live;
    private final long heapBase;
    private final Set<Block> reached = Collections.newSetFromMap(new IdentityHashMap<>());
    private final ArrayDeque<Block> work = new ArrayDeque<>();
    private final byte[] buf = new byte[CHUNK];

    private LeakScan(Memory memory, BlockIndex live, long heapBase) {
        this.memory = memory;
        this.live = live;
        this.heapBase = heapBase;
    }

    /**
     * The blocks reachable from {@code [0, heapBase)} minus the dead stack {@code [deadFrom, deadTo)}
     * (below the current stack pointer; empty when unknown).
     */
    static Set<Block> reachable(Memory memory, BlockIndex live, long heapBase, long deadFrom, long deadTo) {
        LeakScan s = new LeakScan(memory, live, heapBase);
        long top = Math.min(heapBase, memory.byteSize());
        if (deadFrom < deadTo) {
            s.scan(0, Math.min(deadFrom, top));
            s.scan(Math.max(deadTo, 0), top);
        } else {
            s.scan(0, top);
        }
        while (!s.work.isEmpty()) {
            Block b = s.work.pop();
            s.scan(b.start, Math.min(b.end, memory.byteSize()));
        }
        return s.reached;
    }

    private void scan(long from, long to) {
        long a = (from + 3) & ~3L;
        while (a + 4 <= to) {
            int n = (int) Math.min(CHUNK, (to - a) & ~3L);
            memory.read(a, buf, 0, n);
            for (int i = 0; i < n; i += 4) {
                long v = (buf[i] & 0xFFL) | (buf[i + 1] & 0xFFL) << 8 | (buf[i + 2] & 0xFFL) << 16
                        | (buf[i + 3] & 0xFFL) << 24;
                if (v >= heapBase) {
                    Block b = live.startingAt(v);
                    if (b != null && reached.add(b)) {
                        work.push(b);
                    }
                }
            }
            a += n;
        }
    }
}
