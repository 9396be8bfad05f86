package dev.weir.wasi.internal;

import dev.weir.Memory;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Guest pointer handling. Every range is checked before anything is read or written, so a bad
 * pointer fails the whole call with EFAULT and leaves memory untouched. Guest pointers and sizes
 * are u32: callers pass them zero-extended ({@link #u32}).
 */
public final class GuestMem {
    private GuestMem() {
    }

    /** A u32 argument from a stack slot (VALUES.md: i32 slots hold the sign-extended int). */
    public static long u32(long slot) {
        return slot & 0xFFFF_FFFFL;
    }

    /** EFAULT unless {@code [addr, addr+len)} lies inside memory (and there is a memory). */
    public static void check(Memory m, long addr, long len) {
        if (m == null) {
            throw WasiErrnoException.of(Errno.FAULT);
        }
        long size = m.byteSize();
        if (addr < 0 || len < 0 || len > size || addr > size - len) {
            throw WasiErrnoException.of(Errno.FAULT);
        }
    }

    public static long readU32(Memory m, long addr) {
        check(m, addr, 4);
        return m.readInt(addr) & 0xFFFF_FFFFL;
    }

    public static void writeU32(Memory m, long addr, long v) {
        check(m, addr, 4);
        m.writeInt(addr, (int) v);
    }

    public static void writeU64(Memory m, long addr, long v) {
        check(m, addr, 8);
        m.writeLong(addr, v);
    }

    /** Reads a guest string (no NUL terminator) as strict UTF-8: EILSEQ if invalid, ENAMETOOLONG if huge. */
    public static String readPath(Memory m, long addr, long len) {
        if (len > PathResolver.MAX_PATH_BYTES) {
            throw WasiErrnoException.of(Errno.NAMETOOLONG);
        }
        check(m, addr, len);
        byte[] b = new byte[(int) len];
        m.read(addr, b, 0, b.length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw WasiErrnoException.of(Errno.ILSEQ);
        }
    }

    /**
     * Reads an iovec array ({@code {u32 buf, u32 len}} pairs) and checks every buffer. Returns
     * {@code [buf0, len0, buf1, len1, ...]}; the total length is capped at {@code Integer.MAX_VALUE}.
     */
    public static long[] iovecs(Memory m, long iovs, long count) {
        check(m, iovs, count * Wasi1.IOVEC_SIZE);
        if (count > 1024 * 1024) { // IOV_MAX is 1024 on Linux; refuse absurd counts before allocating
            throw WasiErrnoException.of(Errno.INVAL);
        }
        long[] out = new long[(int) count * 2];
        for (int i = 0; i < count; i++) {
            long base = iovs + (long) i * Wasi1.IOVEC_SIZE;
            long buf = m.readInt(base) & 0xFFFF_FFFFL;
            long len = m.readInt(base + 4) & 0xFFFF_FFFFL;
            check(m, buf, len);
            out[2 * i] = buf;
            out[2 * i + 1] = len;
        }
        return out;
    }

    /** Total bytes of an iovec list from {@link #iovecs}, capped to what one Java array can hold. */
    public static int total(long[] iov) {
        long t = 0;
        for (int i = 1; i < iov.length; i += 2) {
            t += iov[i];
        }
        return (int) Math.min(t, Integer.MAX_VALUE - 16);
    }
}
