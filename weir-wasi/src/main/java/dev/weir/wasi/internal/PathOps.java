package dev.weir.wasi.internal;

import static dev.weir.wasi.internal.GuestMem.check;
import static dev.weir.wasi.internal.Wasi1.*;

import dev.weir.Memory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code path_*} functions. Every guest path goes through {@link PathResolver}; checks happen
 * in the order bad descriptor (EBADF/ENOTDIR), read-only tree (EROFS), rights (ENOTCAPABLE), then
 * the path itself. POSIX details the testsuite checks (trailing slashes, EEXIST vs ENOTDIR, ...)
 * are decided here rather than left to java.nio, which drops trailing slashes.
 */
final class PathOps {
    private PathOps() {
    }

    private static PathResolver.Resolved resolve(FdEntry.Dir d, String path, boolean follow) throws IOException {
        return PathResolver.resolve(d.path, path, follow);
    }

    private static void writable(FdEntry.Dir d) {
        if (d.readOnly) {
            throw WasiErrnoException.of(Errno.ROFS);
        }
    }

    static int open(WasiContext c, Memory m, int dirfd, int lookup, long pathPtr, long pathLen, int oflags,
            long base, long inheriting, int fdflags, long fdPtr) throws IOException {
        FdEntry.Dir d = c.fds.dir(dirfd);
        boolean creat = (oflags & OFLAGS_CREAT) != 0;
        boolean trunc = (oflags & OFLAGS_TRUNC) != 0;
        boolean wantDir = (oflags & OFLAGS_DIRECTORY) != 0;
        boolean excl = (oflags & OFLAGS_EXCL) != 0;
        // Requested rights are silently narrowed to what the directory may hand out (as wasi-common
        // did; Rust's std asks for more than it needs and relies on that).
        base &= d.rightsInheriting;
        inheriting &= d.rightsInheriting;
        boolean write = (base & WRITE_RIGHTS) != 0;
        if (d.readOnly && (write || creat || trunc)) {
            return Errno.ROFS;
        }
        d.require(PATH_OPEN | (creat ? PATH_CREATE_FILE : 0) | (trunc ? PATH_FILESTAT_SET_SIZE : 0));
        if ((oflags & ~0xF) != 0 || (fdflags & ~0x1F) != 0) {
            return Errno.INVAL;
        }
        String path = GuestMem.readPath(m, pathPtr, pathLen);
        check(m, fdPtr, 4);
        PathResolver.Resolved r = resolve(d, path, (lookup & LOOKUP_SYMLINK_FOLLOW) != 0);
        FdEntry entry;
        if (r.exists()) {
            if (creat && excl) {
                return Errno.EXIST;
            }
            if (r.isSymlink()) {
                return Errno.LOOP; // O_NOFOLLOW on a symlink
            }
            if (r.isDirectory()) {
                if ((base & FD_WRITE) != 0 || trunc) {
                    return Errno.ISDIR;
                }
                entry = new FdEntry.Dir(r.host, null, d.readOnly, base & DIR_RIGHTS, inheriting, fdflags);
            } else {
                if (wantDir || r.trailingSlash) {
                    return Errno.NOTDIR;
                }
                entry = openFile(d, r.host, Stat.filetype(r.attrs), false, trunc, write, base, inheriting, fdflags);
            }
        } else {
            if (!creat) {
                return Errno.NOENT;
            }
            if (wantDir) {
                return Errno.INVAL; // O_CREAT|O_DIRECTORY (Linux)
            }
            if (r.trailingSlash) {
                return Errno.ISDIR;
            }
            try {
                entry = openFile(d, r.host, FILETYPE_REGULAR_FILE, true, trunc, write, base, inheriting, fdflags);
            } catch (FileAlreadyExistsException raced) {
                if (excl) {
                    return Errno.EXIST;
                }
                entry = openFile(d, r.host, FILETYPE_REGULAR_FILE, false, trunc, write, base, inheriting, fdflags);
            }
        }
        int fd;
        try {
            fd = c.fds.insert(entry);
        } catch (WasiErrnoException full) {
            entry.close();
            throw full;
        }
        m.writeInt(fdPtr, fd);
        return Errno.SUCCESS;
    }

    private static FdEntry.File openFile(FdEntry.Dir d, Path host, int filetype, boolean create, boolean trunc,
            boolean write, long base, long inheriting, int fdflags) throws IOException {
        Set<OpenOption> opts = new HashSet<>();
        opts.add(LinkOption.NOFOLLOW_LINKS); // symlinks were expanded by the resolver; never let the OS follow one
        if (!write || (base & (FD_READ | FD_READDIR)) != 0) {
            opts.add(StandardOpenOption.READ);
        }
        if (write || trunc || create) {
            // java.nio only truncates or creates through channels opened for writing; the rights
            // still decide whether the guest may write.
            opts.add(StandardOpenOption.WRITE);
        }
        if (trunc) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (create) {
            opts.add(StandardOpenOption.CREATE_NEW);
        }
        if ((fdflags & (FDFLAGS_SYNC | FDFLAGS_RSYNC)) != 0) {
            opts.add(StandardOpenOption.SYNC);
        } else if ((fdflags & FDFLAGS_DSYNC) != 0) {
            opts.add(StandardOpenOption.DSYNC);
        }
        FileChannel ch = FileChannel.open(host, opts);
        return new FdEntry.File(ch, host, filetype, d.readOnly, base & FILE_RIGHTS, inheriting, fdflags);
    }

    static int createDirectory(WasiContext c, Memory m, int fd, long pathPtr, long pathLen) throws IOException {
        FdEntry.Dir d = c.fds.dir(fd);
        writable(d);
        d.require(PATH_CREATE_DIRECTORY);
        PathResolver.Resolved r = resolve(d, GuestMem.readPath(m, pathPtr, pathLen), false);
        if (r.isBase || r.exists()) {
            return Errno.EXIST;
        }
        Files.createDirectory(r.host);
        return Errno.SUCCESS;
    }

    static int removeDirectory(WasiContext c, Memory m, int fd, long pathPtr, long pathLen) throws IOException {
        FdEntry.Dir d = c.fds.dir(fd);
        writable(d);
        d.require(PATH_REMOVE_DIRECTORY);
        PathResolver.Resolved r = resolve(d, GuestMem.readPath(m, pathPtr, pathLen), false);
        if (r.isBase) {
            return Errno.BUSY; // the descriptor's own directory
        }
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (!r.isDirectory()) {
            return Errno.NOTDIR;
        }
        Files.delete(r.host);
        return Errno.SUCCESS;
    }

    static int unlinkFile(WasiContext c, Memory m, int fd, long pathPtr, long pathLen) throws IOException {
        FdEntry.Dir d = c.fds.dir(fd);
        writable(d);
        d.require(PATH_UNLINK_FILE);
        PathResolver.Resolved r = resolve(d, GuestMem.readPath(m, pathPtr, pathLen), false);
        if (r.isBase) {
            return Errno.ISDIR;
        }
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (r.isDirectory()) {
            return Errno.ISDIR;
        }
        if (r.trailingSlash) {
            return Errno.NOTDIR;
        }
        Files.delete(r.host);
        return Errno.SUCCESS;
    }

    static int symlink(WasiContext c, Memory m, long oldPtr, long oldLen, int fd, long newPtr, long newLen)
            throws IOException {
        FdEntry.Dir d = c.fds.dir(fd);
        writable(d);
        d.require(PATH_SYMLINK);
        String target = GuestMem.readPath(m, oldPtr, oldLen);
        if (target.isEmpty()) {
            return Errno.NOENT;
        }
        if (target.indexOf('\0') >= 0) {
            return Errno.ILSEQ;
        }
        if (target.charAt(0) == '/') {
            return Errno.PERM; // an absolute target could never be followed inside the sandbox
        }
        PathResolver.Resolved r = resolve(d, GuestMem.readPath(m, newPtr, newLen), false);
        if (r.trailingSlash) {
            return !r.exists() ? Errno.NOENT : r.isDirectory() ? Errno.EXIST : Errno.NOTDIR;
        }
        if (r.isBase || r.exists()) {
            return Errno.EXIST;
        }
        Files.createSymbolicLink(r.host, Path.of(target));
        return Errno.SUCCESS;
    }

    static int readlink(WasiContext c, Memory m, int fd, long pathPtr, long pathLen, long buf, long bufLen,
            long usedPtr) throws IOException {
        FdEntry.Dir d = c.fds.dir(fd);
        d.require(PATH_READLINK);
        check(m, buf, bufLen);
        check(m, usedPtr, 4);
        PathResolver.Resolved r = resolve(d, GuestMem.readPath(m, pathPtr, pathLen), false);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (!r.isSymlink()) {
            return Errno.INVAL;
        }
        byte[] target = Files.readSymbolicLink(r.host).toString().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(target.length, bufLen);
        m.write(buf, target, 0, n);
        m.writeInt(usedPtr, n);
        return Errno.SUCCESS;
    }

    static int filestatGet(WasiContext c, Memory m, int fd, int lookup, long pathPtr, long pathLen, long buf)
            throws IOException {
        FdEntry.Dir d = c.fds.dir(fd);
        d.require(PATH_FILESTAT_GET);
        check(m, buf, FILESTAT_SIZE);
        PathResolver.Resolved r = resolve(d, GuestMem.readPath(m, pathPtr, pathLen),
                (lookup & LOOKUP_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        if (r.trailingSlash && !r.isDirectory()) {
            return Errno.NOTDIR;
        }
        Stat.of(r.host).write(m, buf);
        return Errno.SUCCESS;
    }

    static int filestatSetTimes(WasiContext c, Memory m, int fd, int lookup, long pathPtr, long pathLen, long atim,
            long mtim, int fst) throws IOException {
        FdEntry.Dir d = c.fds.dir(fd);
        writable(d);
        d.require(PATH_FILESTAT_SET_TIMES);
        Times.validate(fst);
        PathResolver.Resolved r = resolve(d, GuestMem.readPath(m, pathPtr, pathLen),
                (lookup & LOOKUP_SYMLINK_FOLLOW) != 0);
        if (!r.exists()) {
            return Errno.NOENT;
        }
        Times.set(c, r.host, r.isSymlink(), atim, mtim, fst);
        return Errno.SUCCESS;
    }

    static int link(WasiContext c, Memory m, int oldFd, int oldLookup, long oldPtr, long oldLen, int newFd,
            long newPtr, long newLen) throws IOException {
        FdEntry.Dir od = c.fds.dir(oldFd);
        FdEntry.Dir nd = c.fds.dir(newFd);
        writable(nd);
        od.require(PATH_LINK_SOURCE);
        nd.require(PATH_LINK_TARGET);
        PathResolver.Resolved src = resolve(od, GuestMem.readPath(m, oldPtr, oldLen),
                (oldLookup & LOOKUP_SYMLINK_FOLLOW) != 0);
        if (!src.exists()) {
            return Errno.NOENT;
        }
        if (src.isDirectory()) {
            return Errno.PERM; // hard links to directories are not allowed
        }
        if (src.trailingSlash) {
            return Errno.NOTDIR;
        }
        PathResolver.Resolved dst = resolve(nd, GuestMem.readPath(m, newPtr, newLen), false);
        if (dst.isBase || dst.exists()) {
            return Errno.EXIST;
        }
        if (dst.trailingSlash) {
            return Errno.NOENT;
        }
        Files.createLink(dst.host, src.host);
        return Errno.SUCCESS;
    }

    static int rename(WasiContext c, Memory m, int oldFd, long oldPtr, long oldLen, int newFd, long newPtr,
            long newLen) throws IOException {
        FdEntry.Dir od = c.fds.dir(oldFd);
        FdEntry.Dir nd = c.fds.dir(newFd);
        writable(od);
        writable(nd);
        od.require(PATH_RENAME_SOURCE);
        nd.require(PATH_RENAME_TARGET);
        PathResolver.Resolved src = resolve(od, GuestMem.readPath(m, oldPtr, oldLen), false);
        PathResolver.Resolved dst = resolve(nd, GuestMem.readPath(m, newPtr, newLen), false);
        if (src.isBase || dst.isBase) {
            return Errno.BUSY;
        }
        if (!src.exists()) {
            return Errno.NOENT;
        }
        if (!src.isDirectory() && (src.trailingSlash || dst.trailingSlash)) {
            return Errno.NOTDIR;
        }
        if (dst.exists()) {
            if (src.isDirectory() && !dst.isDirectory()) {
                return Errno.NOTDIR;
            }
            if (!src.isDirectory() && dst.isDirectory()) {
                return Errno.ISDIR;
            }
        }
        // ATOMIC_MOVE is rename(2) on Unix: replaces files and empty directories, ENOTEMPTY otherwise.
        Files.move(src.host, dst.host, StandardCopyOption.ATOMIC_MOVE);
        return Errno.SUCCESS;
    }
}
