package dev.weir.memcheck.internal;

import dev.weir.Memory;
import dev.weir.MemoryAccessException;

/**
 * What WASI preview 1 functions write into guest memory, so that bytes the host fills in (a file
 * read by {@code fd_read}, a preopen's name, random bytes, out-parameters) count as initialized:
 * the host writes memory directly, not through instrumented guest stores. Like Valgrind's
 * syscall wrappers, this marks ranges before the call, conservatively (a whole iovec buffer even
 * if fewer bytes are read), so it can hide an uninitialized read but never invent one.
 *
 * <p>The instrumenter calls {@code memcheck.wasi(id, a0..a7)} before each call to such an import
 * with the import's i32 parameters in order (i64 parameters skipped, unused ones 0).
 */
public final class WasiWrites {
    private WasiWrites() {
    }

    /** Names in id order (ids are what the hook receives). */
    static final String[] NAMES = {
        "args_sizes_get", "environ_sizes_get", "args_get", "environ_get", "clock_res_get", "clock_time_get",
        "fd_fdstat_get", "fd_filestat_get", "fd_prestat_get", "fd_prestat_dir_name", "fd_read", "fd_pread",
        "fd_readdir", "fd_seek", "fd_tell", "fd_write", "fd_pwrite", "path_filestat_get", "path_open",
        "path_readlink", "poll_oneoff", "random_get", "sock_recv", "sock_accept"};

    /** The id of a WASI import that writes guest memory, or -1. */
    public static int id(String module, String name) {
        if (!module.equals("wasi_snapshot_preview1") && !module.equals("wasi_unstable")) {
            return -1;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Marks what import {@code id} is about to write; {@code s[b + 1 ..]} are its i32 arguments. */
    public static void apply(int id, long[] s, int b, Memory mem, ShadowHeap h) {
        if (mem == null || id < 0 || id >= NAMES.length) {
            return;
        }
        int a0 = (int) s[b + 1];
        int a1 = (int) s[b + 2];
        int a2 = (int) s[b + 3];
        int a3 = (int) s[b + 4];
        int a4 = (int) s[b + 5];
        int a5 = (int) s[b + 6];
        int a6 = (int) s[b + 7];
        try {
            switch (NAMES[id]) {
                case "args_sizes_get": case "environ_sizes_get":
                    h.hostWrote(a0, 4);
                    h.hostWrote(a1, 4);
                    break;
                case "args_get": case "environ_get": // sizes known only to the host: whole blocks
                    h.hostWroteBlock(a0);
                    h.hostWroteBlock(a1);
                    break;
                case "clock_res_get": case "clock_time_get": case "fd_tell":  // (id, [precision], out)
                    h.hostWrote(a1, 8);
                    break;
                case "fd_fdstat_get":
                    h.hostWrote(a1, 24);
                    break;
                case "fd_filestat_get":
                    h.hostWrote(a1, 64);
                    break;
                case "fd_prestat_get":
                    h.hostWrote(a1, 8);
                    break;
                case "fd_prestat_dir_name": case "random_get": // (fd, buf, len) / (buf, len)
                    if (NAMES[id].equals("random_get")) {
                        h.hostWrote(a0, Integer.toUnsignedLong(a1));
                    } else {
                        h.hostWrote(a1, Integer.toUnsignedLong(a2));
                    }
                    break;
                case "fd_read": case "fd_pread": // (fd, iovs, n, [offset], nread)
                    iovecs(mem, h, a1, a2);
                    h.hostWrote(a3, 4);
                    break;
                case "fd_readdir": // (fd, buf, len, [cookie], used)
                    h.hostWrote(a1, Integer.toUnsignedLong(a2));
                    h.hostWrote(a3, 4);
                    break;
                case "fd_seek": // (fd, [offset], whence, out)
                    h.hostWrote(a2, 8);
                    break;
                case "fd_write": case "fd_pwrite": // (fd, iovs, n, [offset], nwritten)
                    h.hostWrote(a3, 4);
                    break;
                case "path_filestat_get": // (fd, flags, path, len, out)
                    h.hostWrote(a4, 64);
                    break;
                case "path_open": // (fd, dirflags, path, len, oflags, [rights], [rights], fdflags, out)
                    h.hostWrote(a6, 4);
                    break;
                case "path_readlink": // (fd, path, len, buf, buflen, used)
                    h.hostWrote(a3, Integer.toUnsignedLong(a4));
                    h.hostWrote(a5, 4);
                    break;
                case "poll_oneoff": // (in, out, n, nevents): 32-byte events
                    h.hostWrote(a1, 32L * Integer.toUnsignedLong(a2));
                    h.hostWrote(a3, 4);
                    break;
                case "sock_recv": // (fd, iovs, n, flags, datalen, oflags)
                    iovecs(mem, h, a1, a2);
                    h.hostWrote(a4, 4);
                    h.hostWrote(a5, 2);
                    break;
                case "sock_accept": // (fd, flags, out)
                    h.hostWrote(a2, 4);
                    break;
                default:
                    break;
            }
        } catch (MemoryAccessException e) {
            // a bad iovec array: the WASI call itself answers EFAULT; nothing was written
        }
    }

    private static void iovecs(Memory mem, ShadowHeap h, int iovs, int n) {
        long p = Integer.toUnsignedLong(iovs);
        long count = Math.min(Integer.toUnsignedLong(n), 1 << 16);
        for (long i = 0; i < count; i++) {
            long buf = mem.readUnsignedInt(p + 8 * i);
            long len = mem.readUnsignedInt(p + 8 * i + 4);
            h.hostWrote(buf, len);
        }
    }
}
