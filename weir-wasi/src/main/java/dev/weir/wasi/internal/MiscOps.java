package dev.weir.wasi.internal;

import static dev.weir.wasi.internal.GuestMem.check;
import static dev.weir.wasi.internal.Wasi1.*;

import dev.weir.Memory;

/** args, environ, clocks, random_get, sched_yield, proc_raise and the unsupported sock_* calls. */
final class MiscOps {
    private MiscOps() {
    }

    /** {@code *_sizes_get}: the count and the buffer size (each string plus its NUL). */
    static int sizes(byte[][] strings, Memory m, long countPtr, long sizePtr) {
        check(m, countPtr, 4);
        check(m, sizePtr, 4);
        long size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        m.writeInt(countPtr, strings.length);
        m.writeInt(sizePtr, (int) size);
        return Errno.SUCCESS;
    }

    /** {@code args_get}/{@code environ_get}: a pointer array and NUL-terminated strings. */
    static int get(byte[][] strings, Memory m, long ptrs, long buf) {
        long size = 0;
        for (byte[] s : strings) {
            size += s.length + 1;
        }
        check(m, ptrs, 4L * strings.length);
        check(m, buf, size);
        long p = buf;
        for (int i = 0; i < strings.length; i++) {
            m.writeInt(ptrs + 4L * i, (int) p);
            m.write(p, strings[i]);
            m.writeByte(p + strings[i].length, 0);
            p += strings[i].length + 1;
        }
        return Errno.SUCCESS;
    }

    static long now(WasiContext c, int clockId) {
        switch (clockId) {
            case CLOCK_REALTIME: return c.clock.realtimeNanos();
            case CLOCK_MONOTONIC: return c.clock.monotonicNanos();
            case CLOCK_PROCESS_CPUTIME: return c.clock.processCpuNanos();
            case CLOCK_THREAD_CPUTIME: return c.clock.threadCpuNanos();
            default: throw WasiErrnoException.of(Errno.INVAL);
        }
    }

    static int clockResGet(WasiContext c, Memory m, int clockId, long ptr) {
        now(c, clockId); // validates the id
        check(m, ptr, 8);
        m.writeLong(ptr, c.clock.resolutionNanos(clockId));
        return Errno.SUCCESS;
    }

    static int clockTimeGet(WasiContext c, Memory m, int clockId, long ptr) {
        long t = now(c, clockId);
        check(m, ptr, 8);
        m.writeLong(ptr, t);
        return Errno.SUCCESS;
    }

    static int randomGet(WasiContext c, Memory m, long buf, long len) {
        check(m, buf, len);
        for (long off = 0; off < len; off += 65536) {
            byte[] chunk = new byte[(int) Math.min(65536, len - off)];
            c.random.nextBytes(chunk);
            m.write(buf + off, chunk, 0, chunk.length);
        }
        return Errno.SUCCESS;
    }

    static int schedYield() {
        Thread.yield();
        return Errno.SUCCESS;
    }

    /** Signals cannot be delivered to a Wasm instance; wasmtime refuses too. */
    static int procRaise(int sig) {
        return Errno.NOSYS;
    }

    /** No descriptor is ever a socket here (sockets cannot be preopened through {@code WasiConfig}). */
    static int sock(WasiContext c, int fd) {
        c.fds.get(fd);
        return Errno.NOTSOCK;
    }

}
