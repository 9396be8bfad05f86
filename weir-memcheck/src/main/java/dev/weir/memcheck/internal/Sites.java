package dev.weir.memcheck.internal;

import java.util.Arrays;

/**
 * Instrumentation sites: every instrumented memory access and every redirected allocator call
 * gets an id, passed to the hooks as an i32 constant, so the host knows the access size, static
 * offset, kind and the function (original index) containing it without any per-access work.
 */
public final class Sites {
    public static final int LOAD = 0;
    public static final int STORE = 1;
    /** memory.copy: the hook gets dst, src and length. */
    public static final int COPY = 2;
    /** memory.fill / memory.init: the hook gets dst and length. */
    public static final int FILL = 3;
    /** A call to an allocator function. */
    public static final int CALL = 4;

    private int count;
    private int[] func = new int[64];
    private int[] codeOffset = new int[64];
    private long[] memOffset = new long[64];
    private int[] size = new int[64];
    private byte[] kind = new byte[64];

    int add(int kindOf, int function, int offset, long staticOffset, int accessSize) {
        if (count == func.length) {
            int n = count * 2;
            func = Arrays.copyOf(func, n);
            codeOffset = Arrays.copyOf(codeOffset, n);
            memOffset = Arrays.copyOf(memOffset, n);
            size = Arrays.copyOf(size, n);
            kind = Arrays.copyOf(kind, n);
        }
        func[count] = function;
        codeOffset[count] = offset;
        memOffset[count] = staticOffset;
        size[count] = accessSize;
        kind[count] = (byte) kindOf;
        return count++;
    }

    public int count() {
        return count;
    }

    public boolean valid(int site) {
        return site >= 0 && site < count;
    }

    /** Original function index of the function containing the site. */
    public int function(int site) {
        return func[site];
    }

    /** Byte offset of the instruction in the original binary. */
    public int codeOffset(int site) {
        return codeOffset[site];
    }

    /** The memarg offset (unsigned 64-bit, in practice a u32). */
    public long memOffset(int site) {
        return memOffset[site];
    }

    /** Access size in bytes (loads and stores). */
    public int size(int site) {
        return size[site];
    }

    public int kind(int site) {
        return kind[site];
    }
}
