package dev.weir;

import dev.weir.internal.memory.FastPath;
import dev.weir.internal.memory.Raw;
import java.util.Objects;

/**
 * The wasm32 accessors of {@link Memory} that weir-compiler's code calls: a raw i32 address and a
 * static offset below 2^30, in two forms (range check, compact). A superclass only so that
 * Memory.java stays one readable file; {@code Memory} is its only subclass and these are its public
 * methods. The long-address accessors they fall back on are Memory's.
 */
abstract sealed class Wasm32Access permits Memory {
    /** The single array of the flat layout, null when segmented or shared (written by Memory under its grow lock). */
    byte[] flat;
    /** The flat array with the wasm32 fast-path limits; replaced as a whole with the size (setEnds). */
    private FastPath fast = FastPath.NONE;
    // The same limits as fields of their own, for the *Compact accessors: size - n while the flat
    // layout is in use, else a negative sentinel below any -offset. They pair with `flat` only
    // loosely (a racing grow), which is why those accessors keep Raw's test against the array.
    private static final int NO_FLAT = -(1 << 30) - 1;
    private int end1 = NO_FLAT;
    private int end2 = NO_FLAT;
    private int end4 = NO_FLAT;
    private int end8 = NO_FLAT;

    Wasm32Access() {
    }

    // The long-address accessors (Memory's), which the slow paths below take.
    public abstract int loadI32(long ea);

    public abstract long loadI64(long ea);

    public abstract int loadI8S(long ea);

    public abstract int loadI16S(long ea);

    public abstract void storeI8(long ea, int v);

    public abstract void storeI16(long ea, int v);

    public abstract void storeI32(long ea, int v);

    public abstract void storeI64(long ea, long v);

    // ------------------------------------------------------------------ wasm32 hot path
    // weir-compiler's loads and stores of 32-bit memories: the raw i32 address (unsigned) and the
    // static offset, 0 <= offset < 2^30 (larger offsets use the long-address methods). In bounds
    // iff 0 <= addr < size - n - offset + 1, with the limit from the FastPath (negative when the
    // memory is too small for the offset, or has no flat array). The test is Objects.checkIndex:
    // an intrinsic that C1 and C2 compile to one unsigned compare, and that C2 treats as an array
    // range check, so in a loop over addr it is hoisted out of the loop (loop predication) where
    // two signed compares stayed in every iteration. The limit test before it is loop-invariant.
    // A failed check (rare: it traps) throws IndexOutOfBoundsException, caught here; anything
    // else (segmented, shared, out of bounds) takes the long-address path, which traps properly.

    /** After every change of size or layout (grow, creation): new limits for the new size. */
    final void setEnds(long size) {
        boolean f = flat != null;
        int s = (int) size;
        fast = f ? FastPath.of(flat, s) : FastPath.NONE;
        end1 = f ? s - 1 : NO_FLAT;
        end2 = f ? s - 2 : NO_FLAT;
        end4 = f ? s - 4 : NO_FLAT;
        end8 = f ? s - 8 : NO_FLAT;
    }

    // The *Compact accessors: the same operations as the range-check ones below, in the form they
    // had before: two signed compares on int fields plus Raw's own test of the array, no intrinsic
    // and no exception handler. weir-compiler calls them from functions with hundreds of memory
    // accesses, where the range-check form's larger JIT graph made C2 stop inlining
    // (NodeCountInliningCutoff) and leave accesses as calls (seqhash ran 1.9x slower).

    /** {@code i32.load}, compact form (see above). */
    public int loadI32Compact(int addr, int offset) {
        if (addr >= 0 && addr <= end4 - offset) {
            return Raw.getInt(flat, addr + offset);
        }
        return slowI32(addr, offset);
    }

    /** {@code i64.load}, compact form. */
    public long loadI64Compact(int addr, int offset) {
        if (addr >= 0 && addr <= end8 - offset) {
            return Raw.getLong(flat, addr + offset);
        }
        return slowI64(addr, offset);
    }

    /** {@code i32.load8_s}, compact form. */
    public int loadI8SCompact(int addr, int offset) {
        if (addr >= 0 && addr <= end1 - offset) {
            return flat[addr + offset];
        }
        return slowI8S(addr, offset);
    }

    /** {@code i32.load8_u}, compact form. */
    public int loadI8UCompact(int addr, int offset) {
        return loadI8SCompact(addr, offset) & 0xFF;
    }

    /** {@code i32.load16_s}, compact form. */
    public int loadI16SCompact(int addr, int offset) {
        if (addr >= 0 && addr <= end2 - offset) {
            return Raw.getShort(flat, addr + offset);
        }
        return slowI16S(addr, offset);
    }

    /** {@code i32.load16_u}, compact form. */
    public int loadI16UCompact(int addr, int offset) {
        return loadI16SCompact(addr, offset) & 0xFFFF;
    }

    /** {@code i32.store8} / {@code i64.store8}, compact form. */
    public void storeI8Compact(int addr, int offset, int v) {
        if (addr >= 0 && addr <= end1 - offset) {
            flat[addr + offset] = (byte) v;
            return;
        }
        slowStoreI8(addr, offset, v);
    }

    /** {@code i32.store16} / {@code i64.store16}, compact form. */
    public void storeI16Compact(int addr, int offset, int v) {
        if (addr >= 0 && addr <= end2 - offset) {
            Raw.putShort(flat, addr + offset, (short) v);
            return;
        }
        slowStoreI16(addr, offset, v);
    }

    /** {@code i32.store} / {@code i64.store32}, compact form. */
    public void storeI32Compact(int addr, int offset, int v) {
        if (addr >= 0 && addr <= end4 - offset) {
            Raw.putInt(flat, addr + offset, v);
            return;
        }
        slowStoreI32(addr, offset, v);
    }

    /** {@code i64.store}, compact form. */
    public void storeI64Compact(int addr, int offset, long v) {
        if (addr >= 0 && addr <= end8 - offset) {
            Raw.putLong(flat, addr + offset, v);
            return;
        }
        slowStoreI64(addr, offset, v);
    }

    /** {@code i32.load} at {@code addr + offset} (weir-compiler; {@code 0 <= offset < 2^30}). */
    public int loadI32(int addr, int offset) {
        FastPath p = fast;
        return p.lim4 > offset ? fastLoadI32(p, addr, offset) : slowI32(addr, offset);
    }

    private int fastLoadI32(FastPath p, int addr, int offset) {
        try {
            return Raw.getIntChecked(p.array, Objects.checkIndex(addr, p.lim4 - offset) + (long) offset);
        } catch (IndexOutOfBoundsException e) {
            return slowI32(addr, offset); // out of bounds: the slow path traps
        }
    }

    /** {@code i64.load}, as {@link #loadI32(int, int)}. */
    public long loadI64(int addr, int offset) {
        FastPath p = fast;
        return p.lim8 > offset ? fastLoadI64(p, addr, offset) : slowI64(addr, offset);
    }

    private long fastLoadI64(FastPath p, int addr, int offset) {
        try {
            return Raw.getLongChecked(p.array, Objects.checkIndex(addr, p.lim8 - offset) + (long) offset);
        } catch (IndexOutOfBoundsException e) {
            return slowI64(addr, offset); // out of bounds: the slow path traps
        }
    }

    /** {@code i32.load8_s}, as {@link #loadI32(int, int)}. */
    public int loadI8S(int addr, int offset) {
        FastPath p = fast;
        return p.lim1 > offset ? fastLoadI8S(p, addr, offset) : slowI8S(addr, offset);
    }

    private int fastLoadI8S(FastPath p, int addr, int offset) {
        try {
            return Raw.getByteChecked(p.array, Objects.checkIndex(addr, p.lim1 - offset) + (long) offset);
        } catch (IndexOutOfBoundsException e) {
            return slowI8S(addr, offset); // out of bounds: the slow path traps
        }
    }

    /** {@code i32.load8_u}, as {@link #loadI32(int, int)}. */
    public int loadI8U(int addr, int offset) {
        return loadI8S(addr, offset) & 0xFF;
    }

    /** {@code i32.load16_s}, as {@link #loadI32(int, int)}. */
    public int loadI16S(int addr, int offset) {
        FastPath p = fast;
        return p.lim2 > offset ? fastLoadI16S(p, addr, offset) : slowI16S(addr, offset);
    }

    private int fastLoadI16S(FastPath p, int addr, int offset) {
        try {
            return Raw.getShortChecked(p.array, Objects.checkIndex(addr, p.lim2 - offset) + (long) offset);
        } catch (IndexOutOfBoundsException e) {
            return slowI16S(addr, offset); // out of bounds: the slow path traps
        }
    }

    /** {@code i32.load16_u}, as {@link #loadI32(int, int)}. */
    public int loadI16U(int addr, int offset) {
        return loadI16S(addr, offset) & 0xFFFF;
    }

    /** {@code i32.store8} / {@code i64.store8}, as {@link #loadI32(int, int)}. */
    public void storeI8(int addr, int offset, int v) {
        FastPath p = fast;
        if (p.lim1 > offset) {
            fastStoreI8(p, addr, offset, v);
        } else {
            slowStoreI8(addr, offset, v);
        }
    }

    private void fastStoreI8(FastPath p, int addr, int offset, int v) {
        try {
            Raw.putByteChecked(p.array, Objects.checkIndex(addr, p.lim1 - offset) + (long) offset, (byte) v);
        } catch (IndexOutOfBoundsException e) {
            slowStoreI8(addr, offset, v); // out of bounds: the slow path traps
        }
    }

    /** {@code i32.store16} / {@code i64.store16}, as {@link #loadI32(int, int)}. */
    public void storeI16(int addr, int offset, int v) {
        FastPath p = fast;
        if (p.lim2 > offset) {
            fastStoreI16(p, addr, offset, v);
        } else {
            slowStoreI16(addr, offset, v);
        }
    }

    private void fastStoreI16(FastPath p, int addr, int offset, int v) {
        try {
            Raw.putShortChecked(p.array, Objects.checkIndex(addr, p.lim2 - offset) + (long) offset, (short) v);
        } catch (IndexOutOfBoundsException e) {
            slowStoreI16(addr, offset, v); // out of bounds: the slow path traps
        }
    }

    /** {@code i32.store} / {@code i64.store32}, as {@link #loadI32(int, int)}. */
    public void storeI32(int addr, int offset, int v) {
        FastPath p = fast;
        if (p.lim4 > offset) {
            fastStoreI32(p, addr, offset, v);
        } else {
            slowStoreI32(addr, offset, v);
        }
    }

    private void fastStoreI32(FastPath p, int addr, int offset, int v) {
        try {
            Raw.putIntChecked(p.array, Objects.checkIndex(addr, p.lim4 - offset) + (long) offset, v);
        } catch (IndexOutOfBoundsException e) {
            slowStoreI32(addr, offset, v); // out of bounds: the slow path traps
        }
    }

    /** {@code i64.store}, as {@link #loadI32(int, int)}. */
    public void storeI64(int addr, int offset, long v) {
        FastPath p = fast;
        if (p.lim8 > offset) {
            fastStoreI64(p, addr, offset, v);
        } else {
            slowStoreI64(addr, offset, v);
        }
    }

    private void fastStoreI64(FastPath p, int addr, int offset, long v) {
        try {
            Raw.putLongChecked(p.array, Objects.checkIndex(addr, p.lim8 - offset) + (long) offset, v);
        } catch (IndexOutOfBoundsException e) {
            slowStoreI64(addr, offset, v); // out of bounds: the slow path traps
        }
    }

    // Out of line, so that the fast paths above stay small.
    private static long ea(int addr, int offset) {
        return (addr & 0xFFFF_FFFFL) + offset;
    }

    private int slowI16S(int addr, int offset) {
        return loadI16S(ea(addr, offset));
    }

    private int slowI32(int addr, int offset) {
        return loadI32(ea(addr, offset));
    }

    private long slowI64(int addr, int offset) {
        return loadI64(ea(addr, offset));
    }

    private int slowI8S(int addr, int offset) {
        return loadI8S(ea(addr, offset));
    }

    private void slowStoreI16(int addr, int offset, int v) {
        storeI16(ea(addr, offset), v);
    }

    private void slowStoreI32(int addr, int offset, int v) {
        storeI32(ea(addr, offset), v);
    }

    private void slowStoreI64(int addr, int offset, long v) {
        storeI64(ea(addr, offset), v);
    }

    private void slowStoreI8(int addr, int offset, int v) {
        storeI8(ea(addr, offset), v);
    }
}
