package dev.weir.wasi.internal;

import static dev.weir.wasi.internal.GuestMem.check;
import static dev.weir.wasi.internal.GuestMem.writeU32;
import static dev.weir.wasi.internal.Wasi1.*;

import dev.weir.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * The {@code fd_*} functions. Each returns an errno or throws (the dispatcher maps exceptions);
 * guest ranges are validated before any effect, so EFAULT never leaves a half-done transfer.
 */
final class FdOps {
    private FdOps() {
    }

    static int close(WasiContext c, int fd) throws IOException {
        c.fds.remove(fd).close();
        return Errno.SUCCESS;
    }

    static int renumber(WasiContext c, int from, int to) throws IOException {
        c.fds.renumber(from, to);
        return Errno.SUCCESS;
    }

    static int fdstatGet(WasiContext c, Memory m, int fd, long ptr) {
        FdEntry e = c.fds.get(fd);
        check(m, ptr, FDSTAT_SIZE);
        m.writeLong(ptr, (e.filetype() & 0xFF) | ((long) (e.fdflags & 0xFFFF) << 16));
        m.writeLong(ptr + 8, e.rightsBase);
        m.writeLong(ptr + 16, e.rightsInheriting);
        return Errno.SUCCESS;
    }

    static int fdstatSetFlags(WasiContext c, int fd, int flags) {
        FdEntry e = c.fds.get(fd);
        e.require(FD_FDSTAT_SET_FLAGS);
        if ((flags & ~0x1F) != 0) {
            return Errno.INVAL;
        }
        int syncFlags = FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC;
        if ((flags & syncFlags) != (e.fdflags & syncFlags)) {
            return Errno.NOTSUP; // a Java channel's sync mode is fixed when it is opened
        }
        e.fdflags = flags;
        return Errno.SUCCESS;
    }

    /** Rights can only shrink (capability attenuation): asking for more is ENOTCAPABLE. */
    static int fdstatSetRights(WasiContext c, int fd, long base, long inheriting) {
        FdEntry e = c.fds.get(fd);
        if ((base & ~e.rightsBase) != 0 || (inheriting & ~e.rightsInheriting) != 0) {
            return Errno.NOTCAPABLE;
        }
        e.rightsBase = base;
        e.rightsInheriting = inheriting;
        return Errno.SUCCESS;
    }

    static int filestatGet(WasiContext c, Memory m, int fd, long ptr) throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(FD_FILESTAT_GET);
        check(m, ptr, FILESTAT_SIZE);
        Stat s;
        if (e instanceof FdEntry.File) {
            FdEntry.File f = (FdEntry.File) e;
            try {
                s = Stat.of(f.path);
            } catch (NoSuchFileException gone) {
                s = new Stat(); // unlinked while open: what the channel still knows
            }
            s.filetype = f.filetype();
            s.size = f.channel.size();
        } else if (e instanceof FdEntry.Dir) {
            s = Stat.of(((FdEntry.Dir) e).path);
        } else {
            s = new Stat();
            s.filetype = e.filetype();
        }
        s.write(m, ptr);
        return Errno.SUCCESS;
    }

    static int filestatSetSize(WasiContext c, int fd, long size) throws IOException {
        FdEntry.File f = file(c, fd, FD_FILESTAT_SET_SIZE);
        if (size < 0) {
            return Errno.INVAL;
        }
        if (f.readOnlyTree) {
            return Errno.ROFS;
        }
        setSize(f.channel, size);
        return Errno.SUCCESS;
    }

    static void setSize(FileChannel ch, long size) throws IOException {
        long cur = ch.size();
        if (size < cur) {
            ch.truncate(size);
        } else if (size > cur) {
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1); // extends with zeros (sparse where supported)
        }
    }

    static int filestatSetTimes(WasiContext c, int fd, long atim, long mtim, int fst) throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(FD_FILESTAT_SET_TIMES);
        Times.validate(fst);
        if (e instanceof FdEntry.File) {
            if (((FdEntry.File) e).readOnlyTree) {
                return Errno.ROFS;
            }
            Times.set(c, ((FdEntry.File) e).path, false, atim, mtim, fst);
        } else if (e instanceof FdEntry.Dir) {
            if (((FdEntry.Dir) e).readOnly) {
                return Errno.ROFS;
            }
            Times.set(c, ((FdEntry.Dir) e).path, false, atim, mtim, fst);
        }
        return Errno.SUCCESS;
    }

    static int prestatGet(WasiContext c, Memory m, int fd, long ptr) {
        String name = preopenName(c, fd);
        check(m, ptr, 8);
        m.writeInt(ptr, PREOPENTYPE_DIR);
        m.writeInt(ptr + 4, name.getBytes(StandardCharsets.UTF_8).length);
        return Errno.SUCCESS;
    }

    static int prestatDirName(WasiContext c, Memory m, int fd, long ptr, long len) {
        byte[] name = preopenName(c, fd).getBytes(StandardCharsets.UTF_8);
        if (len < name.length) {
            return Errno.NAMETOOLONG;
        }
        check(m, ptr, name.length);
        m.write(ptr, name);
        return Errno.SUCCESS;
    }

    private static String preopenName(WasiContext c, int fd) {
        FdEntry e = c.fds.get(fd);
        if (!(e instanceof FdEntry.Dir) || ((FdEntry.Dir) e).preopenName == null) {
            throw WasiErrnoException.of(Errno.BADF);
        }
        return ((FdEntry.Dir) e).preopenName;
    }

    // ------------------------------------------------------------------ data transfer

    static int read(WasiContext c, Memory m, int fd, long iovs, long iovsLen, long nreadPtr) throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(FD_READ);
        long[] iov = GuestMem.iovecs(m, iovs, iovsLen);
        check(m, nreadPtr, 4);
        int total = Math.min(GuestMem.total(iov), WasiContext.MAX_IO);
        byte[] buf = c.scratch(total);
        int n = 0;
        if (total > 0) {
            if (e instanceof FdEntry.Stream) {
                FdEntry.Stream s = (FdEntry.Stream) e;
                if (s.in == null) {
                    return Errno.BADF;
                }
                n = Math.max(0, s.in.read(buf, 0, total));
            } else if (e instanceof FdEntry.File) {
                n = Math.max(0, ((FdEntry.File) e).channel.read(ByteBuffer.wrap(buf, 0, total)));
            } else {
                return Errno.ISDIR;
            }
        }
        scatter(m, iov, buf, n);
        writeU32(m, nreadPtr, n);
        return Errno.SUCCESS;
    }

    static int pread(WasiContext c, Memory m, int fd, long iovs, long iovsLen, long offset, long nreadPtr)
            throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(FD_READ | FD_SEEK);
        long[] iov = GuestMem.iovecs(m, iovs, iovsLen);
        check(m, nreadPtr, 4);
        if (!(e instanceof FdEntry.File)) {
            return e instanceof FdEntry.Dir ? Errno.ISDIR : Errno.SPIPE;
        }
        if (offset < 0) {
            return Errno.INVAL;
        }
        int total = Math.min(GuestMem.total(iov), WasiContext.MAX_IO);
        byte[] buf = c.scratch(total);
        int n = total == 0 ? 0 : Math.max(0, ((FdEntry.File) e).channel.read(ByteBuffer.wrap(buf, 0, total), offset));
        scatter(m, iov, buf, n);
        writeU32(m, nreadPtr, n);
        return Errno.SUCCESS;
    }

    static int write(WasiContext c, Memory m, int fd, long iovs, long iovsLen, long nwrittenPtr) throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(FD_WRITE);
        long[] iov = GuestMem.iovecs(m, iovs, iovsLen);
        check(m, nwrittenPtr, 4);
        int total = Math.min(GuestMem.total(iov), WasiContext.MAX_IO);
        byte[] buf = c.scratch(total);
        gather(m, iov, buf, total);
        if (e instanceof FdEntry.Stream) {
            FdEntry.Stream s = (FdEntry.Stream) e;
            if (s.out == null) {
                return Errno.BADF;
            }
            s.out.write(buf, 0, total);
            s.out.flush();
        } else if (e instanceof FdEntry.File) {
            FdEntry.File f = (FdEntry.File) e;
            if ((f.fdflags & FDFLAGS_APPEND) != 0) {
                f.channel.position(f.channel.size());
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, total);
            while (bb.hasRemaining()) {
                f.channel.write(bb);
            }
        } else {
            return Errno.ISDIR;
        }
        writeU32(m, nwrittenPtr, total);
        return Errno.SUCCESS;
    }

    static int pwrite(WasiContext c, Memory m, int fd, long iovs, long iovsLen, long offset, long nwrittenPtr)
            throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(FD_WRITE | FD_SEEK);
        long[] iov = GuestMem.iovecs(m, iovs, iovsLen);
        check(m, nwrittenPtr, 4);
        if (!(e instanceof FdEntry.File)) {
            return e instanceof FdEntry.Dir ? Errno.ISDIR : Errno.SPIPE;
        }
        if (offset < 0) {
            return Errno.INVAL;
        }
        int total = Math.min(GuestMem.total(iov), WasiContext.MAX_IO);
        byte[] buf = c.scratch(total);
        gather(m, iov, buf, total);
        // POSIX pwrite: at the given offset, the file position unchanged (even with APPEND).
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, total);
        long pos = offset;
        while (bb.hasRemaining()) {
            pos += ((FdEntry.File) e).channel.write(bb, pos);
        }
        writeU32(m, nwrittenPtr, total);
        return Errno.SUCCESS;
    }

    private static void scatter(Memory m, long[] iov, byte[] buf, int n) {
        int off = 0;
        for (int i = 0; i < iov.length && off < n; i += 2) {
            int len = (int) Math.min(iov[i + 1], n - off);
            m.write(iov[i], buf, off, len);
            off += len;
        }
    }

    private static void gather(Memory m, long[] iov, byte[] buf, int total) {
        int off = 0;
        for (int i = 0; i < iov.length && off < total; i += 2) {
            int len = (int) Math.min(iov[i + 1], total - off);
            m.read(iov[i], buf, off, len);
            off += len;
        }
    }

    static int seek(WasiContext c, Memory m, int fd, long offset, int whence, long newOffsetPtr) throws IOException {
        FdEntry e = c.fds.get(fd);
        // lseek(fd, 0, SEEK_CUR) is how libc implements ftell: FD_TELL is enough for it.
        e.require(offset == 0 && whence == WHENCE_CUR && (e.rightsBase & FD_TELL) != 0 ? FD_TELL : FD_SEEK);
        check(m, newOffsetPtr, 8);
        if (!(e instanceof FdEntry.File)) {
            return e instanceof FdEntry.Dir ? Errno.ISDIR : Errno.SPIPE;
        }
        FileChannel ch = ((FdEntry.File) e).channel;
        long base;
        switch (whence) {
            case WHENCE_SET: base = 0; break;
            case WHENCE_CUR: base = ch.position(); break;
            case WHENCE_END: base = ch.size(); break;
            default: return Errno.INVAL;
        }
        long pos = base + offset;
        if (((base ^ pos) & (offset ^ pos)) < 0) {
            return Errno.OVERFLOW;
        }
        if (pos < 0) {
            return Errno.INVAL;
        }
        ch.position(pos);
        m.writeLong(newOffsetPtr, pos);
        return Errno.SUCCESS;
    }

    static int tell(WasiContext c, Memory m, int fd, long ptr) throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(FD_TELL);
        check(m, ptr, 8);
        if (!(e instanceof FdEntry.File)) {
            return e instanceof FdEntry.Dir ? Errno.ISDIR : Errno.SPIPE;
        }
        m.writeLong(ptr, ((FdEntry.File) e).channel.position());
        return Errno.SUCCESS;
    }

    static int sync(WasiContext c, int fd, boolean metadata) throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(metadata ? FD_SYNC : FD_DATASYNC);
        if (e instanceof FdEntry.File) {
            ((FdEntry.File) e).channel.force(metadata);
        } else if (e instanceof FdEntry.Stream && ((FdEntry.Stream) e).out != null) {
            ((FdEntry.Stream) e).out.flush();
        }
        return Errno.SUCCESS;
    }

    static int advise(WasiContext c, int fd, long offset, long len, int advice) {
        FdEntry e = c.fds.get(fd);
        e.require(FD_ADVISE);
        if (advice < 0 || advice > 5 || offset < 0 || len < 0) {
            return Errno.INVAL;
        }
        if (e instanceof FdEntry.Stream) {
            return Errno.SPIPE;
        }
        return Errno.SUCCESS; // advisory only; the JVM has no posix_fadvise
    }

    static int allocate(WasiContext c, int fd, long offset, long len) throws IOException {
        FdEntry.File f = file(c, fd, FD_ALLOCATE);
        if (offset < 0 || len <= 0) {
            return Errno.INVAL;
        }
        if (offset + len < 0) {
            return Errno.FBIG;
        }
        if (f.readOnlyTree) {
            return Errno.ROFS;
        }
        if (offset + len > f.channel.size()) {
            setSize(f.channel, offset + len);
        }
        return Errno.SUCCESS;
    }

    static int readdir(WasiContext c, Memory m, int fd, long buf, long len, long cookie, long usedPtr)
            throws IOException {
        FdEntry e = c.fds.get(fd);
        e.require(FD_READDIR);
        if (!(e instanceof FdEntry.Dir)) {
            return Errno.NOTDIR;
        }
        check(m, buf, len);
        check(m, usedPtr, 4);
        FdEntry.Dir d = (FdEntry.Dir) e;
        if (cookie == 0 || d.listing == null) {
            d.listing = DirListing.list(d.path);
        }
        int used = DirListing.write(m, d.listing, cookie, buf, (int) Math.min(len, Integer.MAX_VALUE));
        m.writeInt(usedPtr, used);
        return Errno.SUCCESS;
    }

    /** The entry as a file with the given rights; directories are EISDIR after the rights check. */
    private static FdEntry.File file(WasiContext c, int fd, long rights) {
        FdEntry e = c.fds.get(fd);
        e.require(rights);
        if (e instanceof FdEntry.File) {
            return (FdEntry.File) e;
        }
        throw WasiErrnoException.of(e instanceof FdEntry.Dir ? Errno.ISDIR : Errno.SPIPE);
    }

}
