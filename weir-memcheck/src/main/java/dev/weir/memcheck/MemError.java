package dev.weir.memcheck;

import java.util.List;

/**
 * One memory error found in a guest.
 *
 * @param kind      what went wrong
 * @param address   the accessed or freed address; for a leak, the block's address
 * @param size      the access size in bytes; for a leak, the block's size
 * @param stack     where it happened, innermost first: guest function names (from the name section)
 *                  and, last, the host call that led there when known
 * @param block     the heap block involved (allocation and free sites), or null
 * @param detail    a one-line explanation, e.g. "0 bytes after a block of size 16"
 * @param count     how often this error occurred at this site (access errors are reported once per site)
 * @param write     whether the access was a write (false for reads, frees and leaks)
 */
public record MemError(Kind kind, long address, long size, List<String> stack, BlockInfo block, String detail,
                       int count, boolean write) {
    public MemError {
        stack = List.copyOf(stack);
    }

    /** The kinds of error memcheck reports. */
    public enum Kind {
        /** A block still allocated when the report was made. */
        LEAK,
        /** Freeing a block that was already freed (the second free is not executed). */
        DOUBLE_FREE,
        /** Freeing a pointer the allocator never returned (not executed). */
        INVALID_FREE,
        /** Reading or writing a freed block. */
        USE_AFTER_FREE,
        /** Reading or writing just outside a live block. */
        HEAP_OVERFLOW,
        /** Reading heap bytes never written since allocation. */
        UNINIT_READ,
        /** The guest's {@code __stack_pointer} went below the stack's lower bound (into static data). */
        STACK_OVERFLOW
    }

    /** A heap block: its range and where it was allocated (and freed, if it was). */
    public record BlockInfo(long address, long size, List<String> allocatedAt, List<String> freedAt) {
        public BlockInfo {
            allocatedAt = List.copyOf(allocatedAt);
            freedAt = freedAt == null ? null : List.copyOf(freedAt);
        }
    }

    /** The innermost guest function, e.g. {@code "leaky_upper"} (no origin suffix), or "" when unknown. */
    public String function() {
        return stack.isEmpty() ? "" : Report.bareName(stack.get(0));
    }
}
