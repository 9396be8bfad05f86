package dev.weir.wasi.internal;

import static dev.weir.wasi.internal.GuestMem.u32;

import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.Trap;
import dev.weir.wasi.WasiExitException;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defines every {@code wasi_snapshot_preview1} function in a {@link Linker}. Each host function
 * reads its arguments from the stack window (VALUES.md: i32 as {@code (int) s[b+k]}, pointers and
 * sizes zero-extended), runs the operation and stores the errno; any exception other than a
 * {@link Trap} (proc_exit's {@link WasiExitException} is one) becomes an errno, so nothing a guest
 * passes can make a Java exception escape.
 */
public final class WasiImports {
    public static final String MODULE = "wasi_snapshot_preview1";

    /** The body of one WASI function: returns an errno. */
    @FunctionalInterface
    interface Op {
        int run(Memory m, long[] s, int b) throws Exception;
    }

    private WasiImports() {
    }

    /** Every function {@link #define} provides and its type, in witx order. */
    public static Map<String, FuncType> signatures() {
        Map<String, FuncType> out = new LinkedHashMap<>();
        define(null, null, out);
        return out;
    }

    public static void define(Linker l, WasiContext c) {
        define(l, c, null);
    }

    private static void define(Linker l, WasiContext c, Map<String, FuncType> names) {
        Def d = new Def(l, names);
        d.fn("args_get", "ii", (m, s, b) -> MiscOps.get(c.args, m, u32(s[b]), u32(s[b + 1])));
        d.fn("args_sizes_get", "ii", (m, s, b) -> MiscOps.sizes(c.args, m, u32(s[b]), u32(s[b + 1])));
        d.fn("environ_get", "ii", (m, s, b) -> MiscOps.get(c.env, m, u32(s[b]), u32(s[b + 1])));
        d.fn("environ_sizes_get", "ii", (m, s, b) -> MiscOps.sizes(c.env, m, u32(s[b]), u32(s[b + 1])));
        d.fn("clock_res_get", "ii", (m, s, b) -> MiscOps.clockResGet(c, m, (int) s[b], u32(s[b + 1])));
        d.fn("clock_time_get", "iIi", (m, s, b) -> MiscOps.clockTimeGet(c, m, (int) s[b], u32(s[b + 2])));
        d.fn("fd_advise", "iIIi", (m, s, b) -> FdOps.advise(c, (int) s[b], s[b + 1], s[b + 2], (int) s[b + 3]));
        d.fn("fd_allocate", "iII", (m, s, b) -> FdOps.allocate(c, (int) s[b], s[b + 1], s[b + 2]));
        d.fn("fd_close", "i", (m, s, b) -> FdOps.close(c, (int) s[b]));
        d.fn("fd_datasync", "i", (m, s, b) -> FdOps.sync(c, (int) s[b], false));
        d.fn("fd_fdstat_get", "ii", (m, s, b) -> FdOps.fdstatGet(c, m, (int) s[b], u32(s[b + 1])));
        d.fn("fd_fdstat_set_flags", "ii", (m, s, b) -> FdOps.fdstatSetFlags(c, (int) s[b], (int) s[b + 1] & 0xFFFF));
        d.fn("fd_fdstat_set_rights", "iII", (m, s, b) -> FdOps.fdstatSetRights(c, (int) s[b], s[b + 1], s[b + 2]));
        d.fn("fd_filestat_get", "ii", (m, s, b) -> FdOps.filestatGet(c, m, (int) s[b], u32(s[b + 1])));
        d.fn("fd_filestat_set_size", "iI", (m, s, b) -> FdOps.filestatSetSize(c, (int) s[b], s[b + 1]));
        d.fn("fd_filestat_set_times", "iIIi",
                (m, s, b) -> FdOps.filestatSetTimes(c, (int) s[b], s[b + 1], s[b + 2], (int) s[b + 3] & 0xFFFF));
        d.fn("fd_pread", "iiiIi", (m, s, b) -> FdOps.pread(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2]),
                s[b + 3], u32(s[b + 4])));
        d.fn("fd_prestat_get", "ii", (m, s, b) -> FdOps.prestatGet(c, m, (int) s[b], u32(s[b + 1])));
        d.fn("fd_prestat_dir_name", "iii",
                (m, s, b) -> FdOps.prestatDirName(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2])));
        d.fn("fd_pwrite", "iiiIi", (m, s, b) -> FdOps.pwrite(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2]),
                s[b + 3], u32(s[b + 4])));
        d.fn("fd_read", "iiii",
                (m, s, b) -> FdOps.read(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2]), u32(s[b + 3])));
        d.fn("fd_readdir", "iiiIi", (m, s, b) -> FdOps.readdir(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2]),
                s[b + 3], u32(s[b + 4])));
        d.fn("fd_renumber", "ii", (m, s, b) -> FdOps.renumber(c, (int) s[b], (int) s[b + 1]));
        d.fn("fd_seek", "iIii",
                (m, s, b) -> FdOps.seek(c, m, (int) s[b], s[b + 1], (int) s[b + 2] & 0xFF, u32(s[b + 3])));
        d.fn("fd_sync", "i", (m, s, b) -> FdOps.sync(c, (int) s[b], true));
        d.fn("fd_tell", "ii", (m, s, b) -> FdOps.tell(c, m, (int) s[b], u32(s[b + 1])));
        d.fn("fd_write", "iiii",
                (m, s, b) -> FdOps.write(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2]), u32(s[b + 3])));
        d.fn("path_create_directory", "iii",
                (m, s, b) -> PathOps.createDirectory(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2])));
        d.fn("path_filestat_get", "iiiii", (m, s, b) -> PathOps.filestatGet(c, m, (int) s[b], (int) s[b + 1],
                u32(s[b + 2]), u32(s[b + 3]), u32(s[b + 4])));
        d.fn("path_filestat_set_times", "iiiiIIi", (m, s, b) -> PathOps.filestatSetTimes(c, m, (int) s[b],
                (int) s[b + 1], u32(s[b + 2]), u32(s[b + 3]), s[b + 4], s[b + 5], (int) s[b + 6] & 0xFFFF));
        d.fn("path_link", "iiiiiii", (m, s, b) -> PathOps.link(c, m, (int) s[b], (int) s[b + 1], u32(s[b + 2]),
                u32(s[b + 3]), (int) s[b + 4], u32(s[b + 5]), u32(s[b + 6])));
        d.fn("path_open", "iiiiiIIii", (m, s, b) -> PathOps.open(c, m, (int) s[b], (int) s[b + 1], u32(s[b + 2]),
                u32(s[b + 3]), (int) s[b + 4] & 0xFFFF, s[b + 5], s[b + 6], (int) s[b + 7] & 0xFFFF, u32(s[b + 8])));
        d.fn("path_readlink", "iiiiii", (m, s, b) -> PathOps.readlink(c, m, (int) s[b], u32(s[b + 1]),
                u32(s[b + 2]), u32(s[b + 3]), u32(s[b + 4]), u32(s[b + 5])));
        d.fn("path_remove_directory", "iii",
                (m, s, b) -> PathOps.removeDirectory(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2])));
        d.fn("path_rename", "iiiiii", (m, s, b) -> PathOps.rename(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2]),
                (int) s[b + 3], u32(s[b + 4]), u32(s[b + 5])));
        d.fn("path_symlink", "iiiii", (m, s, b) -> PathOps.symlink(c, m, u32(s[b]), u32(s[b + 1]), (int) s[b + 2],
                u32(s[b + 3]), u32(s[b + 4])));
        d.fn("path_unlink_file", "iii",
                (m, s, b) -> PathOps.unlinkFile(c, m, (int) s[b], u32(s[b + 1]), u32(s[b + 2])));
        d.fn("poll_oneoff", "iiii",
                (m, s, b) -> Poll.pollOneoff(c, m, u32(s[b]), u32(s[b + 1]), u32(s[b + 2]), u32(s[b + 3])));
        d.procExit();
        d.fn("proc_raise", "i", (m, s, b) -> MiscOps.procRaise((int) s[b]));
        d.fn("sched_yield", "", (m, s, b) -> MiscOps.schedYield());
        d.fn("random_get", "ii", (m, s, b) -> MiscOps.randomGet(c, m, u32(s[b]), u32(s[b + 1])));
        d.fn("sock_accept", "iii", (m, s, b) -> MiscOps.sock(c, (int) s[b]));
        d.fn("sock_recv", "iiiiii", (m, s, b) -> MiscOps.sock(c, (int) s[b]));
        d.fn("sock_send", "iiiii", (m, s, b) -> MiscOps.sock(c, (int) s[b]));
        d.fn("sock_shutdown", "ii", (m, s, b) -> MiscOps.sock(c, (int) s[b]));
    }

    /** Registration helper: signature strings use 'i' for i32 and 'I' for i64; results are one i32 errno. */
    private static final class Def {
        private static final List<ValType> ERRNO = List.of(ValType.I32);
        private final Linker linker;
        private final Map<String, FuncType> names;

        Def(Linker linker, Map<String, FuncType> names) {
            this.linker = linker;
            this.names = names;
        }

        void fn(String name, String sig, Op op) {
            List<ValType> params = new ArrayList<>();
            for (char ch : sig.toCharArray()) {
                params.add(ch == 'I' ? ValType.I64 : ValType.I32);
            }
            if (names != null) {
                names.put(name, new FuncType(params, ERRNO));
                return;
            }
            linker.define(MODULE, name, new FuncType(params, ERRNO), (caller, s, r, b) -> {
                int errno;
                try {
                    errno = op.run(caller.memory(), s, b);
                } catch (Trap t) {
                    throw t;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    errno = Errno.INTR;
                } catch (Exception e) {
                    errno = Errno.of(e);
                }
                s[b] = errno;
            });
        }

        /** proc_exit never returns: the exception unwinds the guest (see WasiExitException). */
        void procExit() {
            FuncType type = new FuncType(List.of(ValType.I32), List.of());
            if (names != null) {
                names.put("proc_exit", type);
                return;
            }
            linker.define(MODULE, "proc_exit", type, (caller, s, r, b) -> {
                throw new WasiExitException((int) s[b]);
            });
        }
    }
}
