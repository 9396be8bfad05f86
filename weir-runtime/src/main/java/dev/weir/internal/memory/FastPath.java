package dev.weir.internal.memory;

/**
 * A flat memory's array together with the limits of the wasm32 fast path of {@code dev.weir.Memory}
 * ({@code size - n} for an access of n bytes), immutable and replaced as a whole whenever the
 * memory grows or changes layout.
 *
 * <p>Why one object: the fast path makes a single bounds check and then reads the array without
 * checking again. That is memory-safe only if the limit and the array belong together; reading
 * {@code size} and the array from two fields could pair the new size of a {@code memory.grow} racing
 * on another thread with the older, shorter array. Final fields of one object cannot be torn that way.
 */
public final class FastPath {
    /** For memories that are segmented or shared: every fast-path access goes to the slow path. */
    public static final FastPath NONE = new FastPath(new byte[0], -1, -1, -1, -1);

    public final byte[] array;
    /**
     * For accesses of 1, 2, 4 and 8 bytes: {@code size - n + 1}, the number of valid start addresses,
     * so an access at {@code addr + offset} is in bounds iff {@code 0 <= addr < lim - offset}
     * ({@code size <= array.length}); -1 in {@link #NONE}.
     */
    public final int lim1;
    public final int lim2;
    public final int lim4;
    public final int lim8;

    private FastPath(byte[] array, int lim1, int lim2, int lim4, int lim8) {
        this.array = array;
        this.lim1 = lim1;
        this.lim2 = lim2;
        this.lim4 = lim4;
        this.lim8 = lim8;
    }

    /** The fast path over the first {@code size} bytes of {@code array} ({@code size <= array.length}). */
    public static FastPath of(byte[] array, int size) {
        if (size < 0 || size > array.length) {
            throw new IllegalArgumentException("size " + size + " outside the array of " + array.length);
        }
        return new FastPath(array, size, size - 1, size - 3, size - 7);
    }
}
