package dev.weir.wasi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's file descriptor table. New descriptors take the lowest free number (as POSIX does);
 * the table is bounded so a guest cannot hold an unbounded number of host files open.
 */
public final class FdTable {
    /** Like a process's RLIMIT_NOFILE. */
    public static final int MAX_FDS = 4096;

    private final List<FdEntry> slots = new ArrayList<>();

    /** The entry, or EBADF. {@code fd} is the guest's u32 as an int. */
    public FdEntry get(int fd) {
        if (fd < 0 || fd >= slots.size() || slots.get(fd) == null) {
            throw WasiErrnoException.of(Errno.BADF);
        }
        return slots.get(fd);
    }

    /** The entry if it is a directory: EBADF if there is none, ENOTDIR if it is something else. */
    public FdEntry.Dir dir(int fd) {
        FdEntry e = get(fd);
        if (!(e instanceof FdEntry.Dir)) {
            throw WasiErrnoException.of(Errno.NOTDIR);
        }
        return (FdEntry.Dir) e;
    }

    public boolean isOpen(int fd) {
        return fd >= 0 && fd < slots.size() && slots.get(fd) != null;
    }

    /** Stores an entry under the lowest free number; EMFILE when the table is full. */
    public int insert(FdEntry e) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) == null) {
                slots.set(i, e);
                return i;
            }
        }
        if (slots.size() >= MAX_FDS) {
            throw WasiErrnoException.of(Errno.MFILE);
        }
        slots.add(e);
        return slots.size() - 1;
    }

    /** Removes and returns the entry (EBADF if absent); the caller closes it. */
    public FdEntry remove(int fd) {
        FdEntry e = get(fd);
        slots.set(fd, null);
        trim();
        return e;
    }

    /** {@code fd_renumber}: moves {@code from} over {@code to} (both must be open), closing what was at {@code to}. */
    public void renumber(int from, int to) throws IOException {
        FdEntry src = get(from);
        FdEntry dst = get(to);
        if (from == to) {
            return;
        }
        slots.set(to, src);
        slots.set(from, null);
        trim();
        dst.close();
    }

    private void trim() {
        while (!slots.isEmpty() && slots.get(slots.size() - 1) == null) {
            slots.remove(slots.size() - 1);
        }
    }

    /** Closes every descriptor, collecting (not throwing) failures. */
    public void closeAll() {
        for (int i = 0; i < slots.size(); i++) {
            FdEntry e = slots.get(i);
            if (e != null) {
                try {
                    e.close();
                } catch (IOException ignored) {
                    // Nothing useful to do at teardown; data was already written through.
                }
                slots.set(i, null);
            }
        }
        slots.clear();
    }
}
