package dev.weir.wasi.internal;

import dev.weir.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A WASI {@code filestat} read from the host (NOFOLLOW), and its 64-byte guest layout. */
public final class Stat {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    /** Whether the platform has the "unix" attribute view (dev, ino, nlink, ctime, mode). */
    private static volatile Boolean unixView;

    public long dev;
    public long ino;
    public int filetype;
    public long nlink;
    public long size;
    public long atim;
    public long mtim;
    public long ctim;

    /** Attributes of {@code p} itself (a symlink is described, not followed). */
    public static Stat of(Path p) throws IOException {
        Stat s = new Stat();
        if (unixView != Boolean.FALSE) {
            try {
                Map<String, Object> m = Files.readAttributes(p, "unix:dev,ino,nlink,ctime,mode,size,"
                        + "lastAccessTime,lastModifiedTime,isDirectory,isRegularFile,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
                unixView = Boolean.TRUE;
                s.dev = ((Number) m.get("dev")).longValue();
                s.ino = ((Number) m.get("ino")).longValue();
                s.nlink = ((Number) m.get("nlink")).longValue();
                s.size = ((Number) m.get("size")).longValue();
                s.atim = nanos((FileTime) m.get("lastAccessTime"));
                s.mtim = nanos((FileTime) m.get("lastModifiedTime"));
                s.ctim = nanos((FileTime) m.get("ctime"));
                s.filetype = filetype((Boolean) m.get("isDirectory"), (Boolean) m.get("isRegularFile"),
                        (Boolean) m.get("isSymbolicLink"), ((Number) m.get("mode")).intValue());
                return s;
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                unixView = Boolean.FALSE;
            }
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        s.nlink = 1;
        s.size = a.size();
        s.atim = nanos(a.lastAccessTime());
        s.mtim = nanos(a.lastModifiedTime());
        s.ctim = nanos(a.creationTime());
        s.ino = a.fileKey() != null ? a.fileKey().hashCode() & 0xFFFF_FFFFL : 0;
        s.filetype = filetype(a.isDirectory(), a.isRegularFile(), a.isSymbolicLink(), 0);
        return s;
    }

    /** The WASI file type from NOFOLLOW attributes. */
    public static int filetype(BasicFileAttributes a) {
        return filetype(a.isDirectory(), a.isRegularFile(), a.isSymbolicLink(), 0);
    }

    private static int filetype(boolean dir, boolean file, boolean link, int mode) {
        if (dir) {
            return Wasi1.FILETYPE_DIRECTORY;
        }
        if (file) {
            return Wasi1.FILETYPE_REGULAR_FILE;
        }
        if (link) {
            return Wasi1.FILETYPE_SYMBOLIC_LINK;
        }
        switch (mode & S_IFMT) {
            case S_IFCHR: return Wasi1.FILETYPE_CHARACTER_DEVICE;
            case S_IFBLK: return Wasi1.FILETYPE_BLOCK_DEVICE;
            case S_IFSOCK: return Wasi1.FILETYPE_SOCKET_STREAM;
            default: return Wasi1.FILETYPE_UNKNOWN;
        }
    }

    static long nanos(FileTime t) {
        return t == null ? 0 : t.to(TimeUnit.NANOSECONDS);
    }

    /** Writes the witx {@code filestat} (64 bytes) at {@code addr}. */
    public void write(Memory m, long addr) {
        GuestMem.check(m, addr, Wasi1.FILESTAT_SIZE);
        m.writeLong(addr, dev);
        m.writeLong(addr + 8, ino);
        m.writeLong(addr + 16, filetype & 0xFF); // u8 + padding, zeroed
        m.writeLong(addr + 24, nlink);
        m.writeLong(addr + 32, size);
        m.writeLong(addr + 40, atim);
        m.writeLong(addr + 48, mtim);
        m.writeLong(addr + 56, ctim);
    }
}
