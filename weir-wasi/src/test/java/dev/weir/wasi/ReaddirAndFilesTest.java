package dev.weir.wasi;

import static dev.weir.wasi.internal.Wasi1.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasi.internal.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fd_readdir cookies and buffer truncation, plus file operations through real descriptors. */
class ReaddirAndFilesTest {
    @TempDir
    Path dir;
    Guest g;

    @BeforeEach
    void setUp() throws IOException {
        for (int i = 0; i < 40; i++) {
            Files.writeString(dir.resolve(String.format("file-%02d", i)), "x".repeat(i));
        }
        Files.createDirectory(dir.resolve("subdir"));
        g = new Guest(WasiConfig.builder().preopen(dir, "/data").build());
    }

    @AfterEach
    void tearDown() {
        g.close();
    }

    record Dirent(long next, long ino, String name, int type) {
    }

    /** Parses whole entries from one fd_readdir result. */
    private List<Dirent> readdir(int fd, long cookie, int bufLen) {
        assertEquals(0, g.call("fd_readdir", fd, 4096, bufLen, cookie, 100));
        int used = (int) g.u32(100);
        ByteBuffer b = ByteBuffer.wrap(g.mem.readBytes(4096, used)).order(ByteOrder.LITTLE_ENDIAN);
        List<Dirent> out = new ArrayList<>();
        while (b.remaining() >= DIRENT_SIZE) {
            long next = b.getLong();
            long ino = b.getLong();
            int namlen = b.getInt();
            int type = b.get() & 0xFF;
            b.position(b.position() + 3);
            if (b.remaining() < namlen) {
                break; // truncated last entry: the caller resumes at the previous cookie
            }
            byte[] name = new byte[namlen];
            b.get(name);
            out.add(new Dirent(next, ino, new String(name, StandardCharsets.UTF_8), type));
        }
        return out;
    }

    @Test
    void cookiesResumeWithoutLossOrDuplicates() {
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        int calls = 0;
        while (true) {
            List<Dirent> batch = readdir(3, cookie, 100); // room for ~3 entries, the last often cut
            calls++;
            if (batch.isEmpty()) {
                break;
            }
            for (Dirent d : batch) {
                assertTrue(seen.add(d.name()), "duplicate " + d.name());
            }
            cookie = batch.get(batch.size() - 1).next();
        }
        assertEquals(43, seen.size()); // 40 files, subdir, "." and ".."
        assertTrue(seen.contains(".") && seen.contains("..") && seen.contains("subdir"));
        assertTrue(calls > 10);
    }

    @Test
    void entriesCarryTypeAndInode() throws IOException {
        List<Dirent> all = readdir(3, 0, 8192);
        assertEquals(43, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).next(), "d_next is the cookie of the following entry");
        }
        Dirent sub = all.stream().filter(d -> d.name().equals("subdir")).findFirst().orElseThrow();
        assertEquals(FILETYPE_DIRECTORY, sub.type());
        assertEquals(((Number) Files.getAttribute(dir.resolve("subdir"), "unix:ino")).longValue(), sub.ino());
        Dirent f = all.stream().filter(d -> d.name().equals("file-07")).findFirst().orElseThrow();
        assertEquals(FILETYPE_REGULAR_FILE, f.type());
        // resuming at a cookie from the middle gives exactly the rest
        assertEquals(all.subList(20, 43), readdir(3, 20, 8192));
        // past the end: nothing
        assertEquals(List.of(), readdir(3, 43, 8192));
        assertEquals(List.of(), readdir(3, 1000, 8192));
    }

    @Test
    void fullBufferMeansMoreToCome() {
        assertEquals(0, g.call("fd_readdir", 3, 4096, 30, 0L, 100));
        assertEquals(30, g.u32(100)); // the entry header (24) plus part of the next one
    }

    @Test
    void readdirNeedsADirectory() {
        int f = g.open(3, 0, "file-03", 0, FD_READ | FD_READDIR, 0, 0);
        // a file never holds FD_READDIR (rights are narrowed to what the file type supports)
        assertEquals(Errno.NOTCAPABLE, g.call("fd_readdir", f, 4096, 100, 0L, 100));
        assertEquals(Errno.BADF, g.call("fd_readdir", 99, 4096, 100, 0L, 100));
    }

    @Test
    void seekTellPreadPwriteAndSizes() throws IOException {
        int f = g.open(3, 0, "new", OFLAGS_CREAT, FD_READ | FD_WRITE | FD_SEEK | FD_TELL | FD_FILESTAT_GET
                | FD_FILESTAT_SET_SIZE | FD_ALLOCATE, 0, 0);
        g.put(2000, "0123456789");
        g.iovec(100, 2000, 10);
        assertEquals(0, g.call("fd_write", f, 100, 1, 200));
        assertEquals(0, g.call("fd_seek", f, -4L, WHENCE_CUR, 200));
        assertEquals(6, g.mem.readLong(200));
        assertEquals(Errno.INVAL, g.call("fd_seek", f, -100L, WHENCE_CUR, 200));
        assertEquals(Errno.INVAL, g.call("fd_seek", f, 0L, 7, 200));
        g.iovec(100, 3000, 3);
        assertEquals(0, g.call("fd_pread", f, 100, 1, 2L, 200));
        assertEquals("234", g.string(3000, 3));
        assertEquals(0, g.call("fd_tell", f, 200));
        assertEquals(6, g.mem.readLong(200), "pread leaves the position alone");
        g.put(2000, "AB");
        g.iovec(100, 2000, 2);
        assertEquals(0, g.call("fd_pwrite", f, 100, 1, 0L, 200));
        assertEquals("AB23456789", Files.readString(dir.resolve("new")));
        assertEquals(0, g.call("fd_filestat_set_size", f, 4L));
        assertEquals(0, g.call("fd_allocate", f, 0L, 8L));
        assertEquals(0, g.call("fd_filestat_get", f, 300));
        assertEquals(8, g.mem.readLong(300 + 32));
        assertEquals(FILETYPE_REGULAR_FILE, g.mem.readByte(300 + 16));
        assertEquals(Errno.INVAL, g.call("fd_filestat_set_size", f, -1L));
    }

    @Test
    void appendModeWritesAtTheEnd() throws IOException {
        int f = g.open(3, 0, "file-03", 0, FD_WRITE | FD_SEEK | FD_FDSTAT_SET_FLAGS, 0, FDFLAGS_APPEND);
        g.put(2000, "!");
        g.iovec(100, 2000, 1);
        assertEquals(0, g.call("fd_seek", f, 0L, WHENCE_SET, 200));
        assertEquals(0, g.call("fd_write", f, 100, 1, 200));
        assertEquals("xxx!", Files.readString(dir.resolve("file-03")));
        assertEquals(0, g.call("fd_fdstat_get", f, 300));
        assertEquals(FDFLAGS_APPEND, g.mem.readShort(302));
        assertEquals(0, g.call("fd_fdstat_set_flags", f, 0));
        assertEquals(0, g.call("fd_seek", f, 0L, WHENCE_SET, 200));
        assertEquals(0, g.call("fd_write", f, 100, 1, 200));
        assertEquals("!xx!", Files.readString(dir.resolve("file-03")));
    }

    @Test
    void preopenNameAndRenumber() {
        assertEquals(0, g.call("fd_prestat_get", 3, 100));
        assertEquals(0, g.mem.readByte(100));
        assertEquals(5, g.u32(104));
        assertEquals(Errno.NAMETOOLONG, g.call("fd_prestat_dir_name", 3, 200, 4));
        assertEquals(0, g.call("fd_prestat_dir_name", 3, 200, 5));
        assertEquals("/data", g.string(200, 5));
        int f = g.open(3, 0, "file-01", 0, FD_READ, 0, 0);
        assertEquals(Errno.BADF, g.call("fd_prestat_get", f, 100));
        assertEquals(0, g.call("fd_renumber", f, 1)); // over stdout
        assertEquals(Errno.BADF, g.call("fd_close", f));
        assertEquals(0, g.call("fd_fdstat_get", 1, 300));
        assertEquals(FILETYPE_REGULAR_FILE, g.mem.readByte(300));
        assertEquals(Errno.BADF, g.call("fd_renumber", 1, 50));
    }

    @Test
    void directoryOperations() throws IOException {
        assertEquals(0, g.pathCall("path_create_directory", 3, "a"));
        assertEquals(Errno.EXIST, g.pathCall("path_create_directory", 3, "a"));
        assertEquals(0, g.pathCall("path_create_directory", 3, "a/b"));
        assertEquals(Errno.NOTEMPTY, g.pathCall("path_remove_directory", 3, "a"));
        assertEquals(Errno.ISDIR, g.pathCall("path_unlink_file", 3, "a"));
        assertEquals(Errno.NOTDIR, g.pathCall("path_remove_directory", 3, "file-01"));
        assertEquals(Errno.NOTDIR, g.pathCall("path_unlink_file", 3, "file-01/"));
        assertEquals(Errno.NOENT, g.pathCall("path_unlink_file", 3, "missing"));
        int a = g.put(1000, "file-01");
        int b = g.put(1100, "a/b/moved");
        assertEquals(0, g.call("path_rename", 3, 1000, a, 3, 1100, b));
        assertTrue(Files.exists(dir.resolve("a/b/moved")));
        b = g.put(1100, "a/b/hard");
        a = g.put(1000, "a/b/moved");
        assertEquals(0, g.call("path_link", 3, 0, 1000, a, 3, 1100, b));
        assertEquals(Errno.EXIST, g.call("path_link", 3, 0, 1000, a, 3, 1100, b));
        a = g.put(1000, "moved");
        b = g.put(1100, "a/b/soft");
        assertEquals(0, g.call("path_symlink", 1000, a, 3, 1100, b));
        assertEquals("moved", Files.readSymbolicLink(dir.resolve("a/b/soft")).toString());
        assertEquals(0, g.pathCall("path_unlink_file", 3, "a/b/soft"));
        assertEquals(0, g.pathCall("path_unlink_file", 3, "a/b/hard"));
        assertEquals(0, g.pathCall("path_unlink_file", 3, "a/b/moved"));
        assertEquals(0, g.pathCall("path_remove_directory", 3, "a/b/"));
        assertEquals(0, g.pathCall("path_remove_directory", 3, "a"));
    }

    @Test
    void setTimesValidatesFlags() throws IOException {
        int len = g.put(1000, "file-05");
        long t = 1_600_000_000_123_456_789L;
        assertEquals(0, g.call("path_filestat_set_times", 3, 0, 1000, len, t, t, FSTFLAGS_ATIM | FSTFLAGS_MTIM));
        assertEquals(t, ((java.nio.file.attribute.FileTime) Files.getAttribute(dir.resolve("file-05"),
                "lastModifiedTime")).to(java.util.concurrent.TimeUnit.NANOSECONDS));
        assertEquals(Errno.INVAL, g.call("path_filestat_set_times", 3, 0, 1000, len, t, t,
                FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW));
        assertEquals(Errno.INVAL, g.call("path_filestat_set_times", 3, 0, 1000, len, t, t, 0x10));
    }
}
