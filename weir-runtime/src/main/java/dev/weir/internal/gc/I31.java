package dev.weir.internal.gc;

/**
 * An {@code i31ref} (spec 4.2 "scalar references"): an unboxed 31-bit integer in the reference
 * world. Java cannot tag pointers, so it is a tiny immutable object; {@code ref.eq} compares it by
 * value ({@link GcOps#refEq}). Small values are cached so common cases do not allocate.
 */
public final class I31 {
    private static final int CACHE_LOW = -128;
    private static final int CACHE_HIGH = 1023;
    private static final I31[] CACHE = new I31[CACHE_HIGH - CACHE_LOW + 1];

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new I31(CACHE_LOW + i);
        }
    }

    /** The value sign-extended from 31 bits (what {@code i31.get_s} returns). */
    private final int value;

    private I31(int value) {
        this.value = value;
    }

    /** {@code ref.i31}: wraps the low 31 bits of {@code v} (spec: "wrap_32,31"). */
    public static I31 of(int v) {
        int x = (v << 1) >> 1;
        if (x >= CACHE_LOW && x <= CACHE_HIGH) {
            return CACHE[x - CACHE_LOW];
        }
        return new I31(x);
    }

    /** {@code i31.get_s}. */
    public int signed() {
        return value;
    }

    /** {@code i31.get_u}. */
    public int unsigned() {
        return value & 0x7FFF_FFFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof I31 && ((I31) o).value == value;
    }

    @Override
    public int hashCode() {
        return value;
    }

    @Override
    public String toString() {
        return "i31 " + value;
    }
}
