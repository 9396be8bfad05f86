package dev.weir.internal.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * Little-endian multi-byte access to a {@code byte[]} for the hot paths of {@code dev.weir.Memory},
 * whose callers have already checked the Wasm bounds against the memory's size.
 *
 * <p>Why not only {@link MethodHandles#byteArrayViewVarHandle}: a VarHandle access inlines a chain
 * of about 360 bytes of bytecode, and HotSpot's C2 stops inlining within one compilation once
 * about 8,000 bytes are inlined ({@code DesiredMethodLimit}). A compiled Wasm function with a few
 * dozen memory accesses used up that budget, and everything after them, even
 * {@code Integer.rotateLeft}, became a real call. {@code Unsafe.getInt} is an intrinsic of a few
 * bytes. Memory safety does not rest on the caller: each method checks the index against the
 * array it is given (a racing {@code memory.grow} on another thread could pair a new size with an
 * old array) and otherwise takes the VarHandle path, which throws as before. Platforms that are
 * big-endian, lack {@code sun.misc.Unsafe} or may fault on unaligned access use the VarHandles.
 */
public final class Raw {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final sun.misc.Unsafe U;
    private static final long BASE;
    /** Whether the Unsafe path is used (constant-folded by the JIT). */
    static final boolean FAST;

    static {
        sun.misc.Unsafe u = null;
        long base = 0;
        String arch = System.getProperty("os.arch", "");
        boolean unalignedOk = arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64");
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN && unalignedOk
                && !Boolean.getBoolean("weir.memory.noUnsafe")) {
            try {
                Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                u = (sun.misc.Unsafe) f.get(null);
                base = u.arrayBaseOffset(byte[].class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                u = null;
            }
        }
        U = u;
        BASE = base;
        FAST = u != null;
    }

    private Raw() {
    }

    /** {@code a[i..i+1]}, little-endian; {@code i >= 0}. */
    public static short getShort(byte[] a, long i) {
        if (FAST && i <= a.length - 2) {
            return U.getShort(a, BASE + i);
        }
        return (short) I16.get(a, (int) i);
    }

    /** {@code a[i..i+3]}, little-endian; {@code i >= 0}. */
    public static int getInt(byte[] a, long i) {
        if (FAST && i <= a.length - 4) {
            return U.getInt(a, BASE + i);
        }
        return (int) I32.get(a, (int) i);
    }

    /** {@code a[i..i+7]}, little-endian; {@code i >= 0}. */
    public static long getLong(byte[] a, long i) {
        if (FAST && i <= a.length - 8) {
            return U.getLong(a, BASE + i);
        }
        return (long) I64.get(a, (int) i);
    }

    // The *Checked variants below are for callers that have already checked {@code i} against the
    // array itself (FastPath): no second test, so the JIT is left with the caller's one range check.

    /** {@code a[i]}; the caller guarantees {@code 0 <= i < a.length}. */
    public static byte getByteChecked(byte[] a, long i) {
        return FAST ? U.getByte(a, BASE + i) : a[(int) i];
    }

    /** As {@link #getByteChecked}. */
    public static void putByteChecked(byte[] a, long i, byte v) {
        if (FAST) {
            U.putByte(a, BASE + i, v);
        } else {
            a[(int) i] = v;
        }
    }

    /** {@code a[i..i+1]}; the caller guarantees {@code 0 <= i <= a.length - 2}. */
    public static short getShortChecked(byte[] a, long i) {
        return FAST ? U.getShort(a, BASE + i) : (short) I16.get(a, (int) i);
    }

    /** {@code a[i..i+3]}; the caller guarantees {@code 0 <= i <= a.length - 4}. */
    public static int getIntChecked(byte[] a, long i) {
        return FAST ? U.getInt(a, BASE + i) : (int) I32.get(a, (int) i);
    }

    /** {@code a[i..i+7]}; the caller guarantees {@code 0 <= i <= a.length - 8}. */
    public static long getLongChecked(byte[] a, long i) {
        return FAST ? U.getLong(a, BASE + i) : (long) I64.get(a, (int) i);
    }

    /** As {@link #getShortChecked}. */
    public static void putShortChecked(byte[] a, long i, short v) {
        if (FAST) {
            U.putShort(a, BASE + i, v);
        } else {
            I16.set(a, (int) i, v);
        }
    }

    /** As {@link #getIntChecked}. */
    public static void putIntChecked(byte[] a, long i, int v) {
        if (FAST) {
            U.putInt(a, BASE + i, v);
        } else {
            I32.set(a, (int) i, v);
        }
    }

    /** As {@link #getLongChecked}. */
    public static void putLongChecked(byte[] a, long i, long v) {
        if (FAST) {
            U.putLong(a, BASE + i, v);
        } else {
            I64.set(a, (int) i, v);
        }
    }

    public static void putShort(byte[] a, long i, short v) {
        if (FAST && i <= a.length - 2) {
            U.putShort(a, BASE + i, v);
            return;
        }
        I16.set(a, (int) i, v);
    }

    public static void putInt(byte[] a, long i, int v) {
        if (FAST && i <= a.length - 4) {
            U.putInt(a, BASE + i, v);
            return;
        }
        I32.set(a, (int) i, v);
    }

    public static void putLong(byte[] a, long i, long v) {
        if (FAST && i <= a.length - 8) {
            U.putLong(a, BASE + i, v);
            return;
        }
        I64.set(a, (int) i, v);
    }
}
