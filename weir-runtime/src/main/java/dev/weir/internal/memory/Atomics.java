package dev.weir.internal.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Atomic accesses to one naturally aligned location inside a chunk (threads proposal, "Atomic
 * memory accesses"). Callers have already checked alignment and bounds, and chunks are allocated
 * in multiples of 8 bytes, so an aligned access never crosses a chunk.
 *
 * <p>On an unshared memory only the executing thread can see the bytes, so plain accesses are
 * exact. On a shared memory 16/32/64-bit loads and stores use volatile {@link VarHandle} modes on
 * the little-endian byte-array views, and read-modify-writes use a compare-and-set loop; 8- and
 * 16-bit read-modify-writes CAS the enclosing aligned 32-bit word. The VarHandle atomic modes
 * require the real address to be aligned, which holds when the JVM's {@code byte[]} base offset is
 * a multiple of 8 (HotSpot: 16). {@link #VARHANDLE_ATOMICS} probes this once; if it fails the same
 * operations run under the chunk's monitor instead.
 */
public final class Atomics {
    public static final int ADD = 0;
    public static final int SUB = 1;
    public static final int AND = 2;
    public static final int OR = 3;
    public static final int XOR = 4;
    public static final int XCHG = 5;

    private static final VarHandle B = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle S = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle L = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Whether aligned VarHandle atomics work on {@code byte[]} on this JVM. */
    public static final boolean VARHANDLE_ATOMICS = probe();

    private Atomics() {}

    private static boolean probe() {
        try {
            byte[] a = new byte[16];
            L.compareAndSet(a, 0, 0L, 1L);
            L.compareAndSet(a, 8, 0L, 1L);
            I.compareAndSet(a, 4, 0, 1);
            S.getVolatile(a, 2);
            S.setVolatile(a, 14, (short) 1);
            return true;
        } catch (IllegalStateException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static long mask(int width) {
        return width == 8 ? -1L : (1L << (width * 8)) - 1;
    }

    /** {@code old op v} for the read-modify-write operators. */
    public static long apply(int op, long old, long v) {
        switch (op) {
            case ADD: return old + v;
            case SUB: return old - v;
            case AND: return old & v;
            case OR: return old | v;
            case XOR: return old ^ v;
            case XCHG: return v;
            default: throw new IllegalArgumentException("unknown atomic op " + op);
        }
    }

    /** Loads {@code width} bytes at {@code c[off]}, zero-extended. */
    public static long load(byte[] c, int off, int width, boolean shared) {
        if (!shared) {
            return plainLoad(c, off, width);
        }
        if (!VARHANDLE_ATOMICS) {
            synchronized (c) {
                return plainLoad(c, off, width);
            }
        }
        switch (width) {
            case 1: return (byte) B.getVolatile(c, off) & 0xFFL;
            case 2: return (short) S.getVolatile(c, off) & 0xFFFFL;
            case 4: return (int) I.getVolatile(c, off) & 0xFFFF_FFFFL;
            default: return (long) L.getVolatile(c, off);
        }
    }

    /** Stores the low {@code width} bytes of {@code v} at {@code c[off]}. */
    public static void store(byte[] c, int off, int width, long v, boolean shared) {
        if (!shared) {
            plainStore(c, off, width, v);
        } else if (!VARHANDLE_ATOMICS) {
            synchronized (c) {
                plainStore(c, off, width, v);
            }
        } else {
            switch (width) {
                case 1: B.setVolatile(c, off, (byte) v); break;
                case 2: S.setVolatile(c, off, (short) v); break;
                case 4: I.setVolatile(c, off, (int) v); break;
                default: L.setVolatile(c, off, v); break;
            }
        }
    }

    /** Read-modify-write; returns the old value zero-extended from {@code width} bytes. */
    public static long rmw(byte[] c, int off, int width, int op, long v, boolean shared) {
        if (!shared) {
            long old = plainLoad(c, off, width);
            plainStore(c, off, width, apply(op, old, v));
            return old;
        }
        if (!VARHANDLE_ATOMICS) {
            synchronized (c) {
                long old = plainLoad(c, off, width);
                plainStore(c, off, width, apply(op, old, v));
                return old;
            }
        }
        switch (width) {
            case 8: {
                long old;
                do {
                    old = (long) L.getVolatile(c, off);
                } while (!L.weakCompareAndSet(c, off, old, apply(op, old, v)));
                return old;
            }
            case 4: {
                int old;
                do {
                    old = (int) I.getVolatile(c, off);
                } while (!I.weakCompareAndSet(c, off, old, (int) apply(op, old, v)));
                return old & 0xFFFF_FFFFL;
            }
            default:
                return narrowCas(c, off, width, op, v, 0, false);
        }
    }

    /**
     * Compare-and-exchange: if the {@code width}-byte value equals {@code expected} wrapped to
     * {@code width} bytes, store {@code replacement}. Returns the old value zero-extended.
     */
    public static long cmpxchg(byte[] c, int off, int width, long expected, long replacement, boolean shared) {
        long m = mask(width);
        if (!shared) {
            long old = plainLoad(c, off, width);
            if (old == (expected & m)) {
                plainStore(c, off, width, replacement);
            }
            return old;
        }
        if (!VARHANDLE_ATOMICS) {
            synchronized (c) {
                long old = plainLoad(c, off, width);
                if (old == (expected & m)) {
                    plainStore(c, off, width, replacement);
                }
                return old;
            }
        }
        switch (width) {
            case 8:
                return (long) L.compareAndExchange(c, off, expected, replacement);
            case 4:
                return (int) I.compareAndExchange(c, off, (int) expected, (int) replacement) & 0xFFFF_FFFFL;
            default:
                return narrowCas(c, off, width, XCHG, replacement, expected & m, true);
        }
    }

    /** 8/16-bit RMW or cmpxchg by CAS on the enclosing aligned 32-bit little-endian word. */
    private static long narrowCas(byte[] c, int off, int width, int op, long v, long expected, boolean cmp) {
        int word = off & ~3;
        int shift = (off & 3) * 8;
        int m = (int) mask(width);
        while (true) {
            int w = (int) I.getVolatile(c, word);
            long old = (w >>> shift) & m;
            if (cmp && old != expected) {
                return old;
            }
            int nv = (int) apply(op, old, v) & m;
            int nw = (w & ~(m << shift)) | (nv << shift);
            if (I.weakCompareAndSet(c, word, w, nw)) {
                return old;
            }
        }
    }

    private static long plainLoad(byte[] c, int off, int width) {
        switch (width) {
            case 1: return c[off] & 0xFFL;
            case 2: return (short) S.get(c, off) & 0xFFFFL;
            case 4: return (int) I.get(c, off) & 0xFFFF_FFFFL;
            default: return (long) L.get(c, off);
        }
    }

    private static void plainStore(byte[] c, int off, int width, long v) {
        switch (width) {
            case 1: c[off] = (byte) v; break;
            case 2: S.set(c, off, (short) v); break;
            case 4: I.set(c, off, (int) v); break;
            default: L.set(c, off, v); break;
        }
    }
}
