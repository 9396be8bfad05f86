package dev.weir.wasm;

/**
 * Limits of a memory or table. {@code min} and {@code max} are unsigned (memory64 uses the full
 * 64-bit range). {@code pageSizeLog2} is 16 for the default 64 KiB pages and 0 for the custom
 * page sizes proposal's one-byte pages; tables ignore it.
 */
public record Limits(long min, boolean hasMax, long max, boolean shared, boolean address64, int pageSizeLog2) {
    public static final int DEFAULT_PAGE_SIZE_LOG2 = 16;

    public static Limits of(long min) {
        return new Limits(min, false, 0, false, false, DEFAULT_PAGE_SIZE_LOG2);
    }

    public static Limits of(long min, long max) {
        return new Limits(min, true, max, false, false, DEFAULT_PAGE_SIZE_LOG2);
    }

    /** Whether the page size is not the default (must then be encoded explicitly). */
    public boolean hasCustomPageSize() {
        return pageSizeLog2 != DEFAULT_PAGE_SIZE_LOG2;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (address64) {
            sb.append("i64 ");
        }
        sb.append(Long.toUnsignedString(min));
        if (hasMax) {
            sb.append(' ').append(Long.toUnsignedString(max));
        }
        if (shared) {
            sb.append(" shared");
        }
        if (hasCustomPageSize()) {
            sb.append(" (pagesize ").append(1L << pageSizeLog2).append(')');
        }
        return sb.toString();
    }
}
