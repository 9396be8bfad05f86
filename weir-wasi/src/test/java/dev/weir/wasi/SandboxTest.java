package dev.weir.wasi;

import static dev.weir.wasi.internal.Wasi1.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasi.internal.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing outside a preopen is reachable: "..", absolute paths and symlinks that escape are refused. */
class SandboxTest {
    @TempDir
    Path tmp;
    Path box;
    Guest g;
    static final int ROOT = 3;

    @BeforeEach
    void setUp() throws IOException {
        box = Files.createDirectory(tmp.resolve("box"));
        Files.writeString(tmp.resolve("secret"), "top secret");
        Files.createDirectory(box.resolve("sub"));
        Files.writeString(box.resolve("sub/inside.txt"), "hello");
        Files.createSymbolicLink(box.resolve("up"), Path.of("../secret"));
        Files.createSymbolicLink(box.resolve("abs"), tmp.resolve("secret"));
        Files.createSymbolicLink(box.resolve("updir"), Path.of(".."));
        Files.createSymbolicLink(box.resolve("ok"), Path.of("sub/inside.txt"));
        Files.createSymbolicLink(box.resolve("sub/back"), Path.of("../sub/inside.txt"));
        Files.createSymbolicLink(box.resolve("loop"), Path.of("loop"));
        g = new Guest(WasiConfig.builder().preopen(box, "/sandbox").build());
    }

    @AfterEach
    void tearDown() {
        g.close();
    }

    private int openErr(int dirfd, int lookup, String path, int oflags) {
        return assertThrows(Guest.WasiError.class, () -> g.open(dirfd, lookup, path, oflags, FD_READ, 0, 0)).errno;
    }

    private String readAll(int fd) {
        g.iovec(100, 2000, 100);
        assertEquals(0, g.call("fd_read", fd, 100, 1, 104));
        return g.string(2000, (int) g.u32(104));
    }

    @Test
    void dotDotCannotLeaveTheDirectory() {
        assertEquals(Errno.PERM, openErr(ROOT, 0, "../secret", 0));
        assertEquals(Errno.PERM, openErr(ROOT, 0, "sub/../../secret", 0));
        assertEquals(Errno.PERM, openErr(ROOT, 0, "..", OFLAGS_DIRECTORY));
        // ".." within the tree is fine
        assertEquals("hello", readAll(g.open(ROOT, 0, "sub/../sub/./inside.txt", 0, FD_READ, 0, 0)));
    }

    @Test
    void dotDotIsRelativeToTheDescriptorNotThePreopen() {
        int sub = g.open(ROOT, 0, "sub", OFLAGS_DIRECTORY, DIR_RIGHTS, ALL_RIGHTS, 0);
        assertEquals(Errno.PERM, openErr(sub, 0, "../sub/inside.txt", 0));
        assertEquals("hello", readAll(g.open(sub, 0, "inside.txt", 0, FD_READ, 0, 0)));
    }

    @Test
    void absolutePathsAreRefused() {
        assertEquals(Errno.PERM, openErr(ROOT, 0, "/etc/passwd", 0));
        assertEquals(Errno.PERM, openErr(ROOT, 0, "/sandbox/sub/inside.txt", 0));
        g.put(1000, "/tmp/x");
        assertEquals(Errno.PERM, g.call("path_create_directory", ROOT, 1000, 6));
    }

    @Test
    void symlinksThatEscapeAreRefused() {
        assertEquals(Errno.PERM, openErr(ROOT, LOOKUP_SYMLINK_FOLLOW, "up", 0));
        assertEquals(Errno.PERM, openErr(ROOT, LOOKUP_SYMLINK_FOLLOW, "abs", 0));
        assertEquals(Errno.PERM, openErr(ROOT, 0, "updir/secret", 0)); // intermediate components always follow
        assertEquals(Errno.PERM, openErr(ROOT, 0, "updir/box/sub/inside.txt", 0));
        int len = g.put(1000, "up");
        assertEquals(Errno.PERM, g.call("path_filestat_get", ROOT, LOOKUP_SYMLINK_FOLLOW, 1000, len, 3000));
        // without FOLLOW the link itself is what the path names
        assertEquals(0, g.call("path_filestat_get", ROOT, 0, 1000, len, 3000));
        assertEquals(FILETYPE_SYMBOLIC_LINK, g.mem.readByte(3016));
    }

    @Test
    void symlinksInsideTheTreeWork() {
        assertEquals("hello", readAll(g.open(ROOT, LOOKUP_SYMLINK_FOLLOW, "ok", 0, FD_READ, 0, 0)));
        assertEquals("hello", readAll(g.open(ROOT, LOOKUP_SYMLINK_FOLLOW, "sub/back", 0, FD_READ, 0, 0)));
        assertEquals(Errno.LOOP, openErr(ROOT, 0, "ok", 0)); // O_NOFOLLOW semantics
        assertEquals(Errno.LOOP, openErr(ROOT, LOOKUP_SYMLINK_FOLLOW, "loop", 0));
    }

    @Test
    void creatingEscapingLinksAndRenamesIsRefused() throws IOException {
        int t = g.put(1000, "/etc/passwd");
        int n = g.put(1100, "mylink");
        assertEquals(Errno.PERM, g.call("path_symlink", 1000, t, ROOT, 1100, n));
        assertFalse(Files.exists(box.resolve("mylink"), LinkOption.NOFOLLOW_LINKS));
        int a = g.put(1000, "sub/inside.txt");
        int b = g.put(1100, "../stolen");
        assertEquals(Errno.PERM, g.call("path_rename", ROOT, 1000, a, ROOT, 1100, b));
        assertEquals(Errno.PERM, g.call("path_link", ROOT, 0, 1000, a, ROOT, 1100, b));
        assertFalse(Files.exists(tmp.resolve("stolen")));
        b = g.put(1100, "../secret");
        assertEquals(Errno.PERM, g.call("path_unlink_file", ROOT, 1100, b));
        assertTrue(Files.exists(tmp.resolve("secret")));
    }

    @Test
    void readlinkReportsTheTextButFollowingIsDenied() {
        int len = g.put(1000, "up");
        assertEquals(0, g.call("path_readlink", ROOT, 1000, len, 2000, 64, 1200));
        assertEquals("../secret", g.string(2000, (int) g.u32(1200)));
    }

    @Test
    void nonDirectoryBaseAndBadDescriptors() {
        int f = g.open(ROOT, 0, "sub/inside.txt", 0, FD_READ, 0, 0);
        assertEquals(Errno.NOTDIR, openErr(f, 0, "x", 0));
        assertEquals(Errno.BADF, openErr(77, 0, "x", 0));
        assertEquals(Errno.BADF, openErr(-1, 0, "x", 0));
    }

    @Test
    void invalidPathBytes() {
        g.mem.write(1000, new byte[] {'a', (byte) 0xFF, 'b'});
        assertEquals(Errno.ILSEQ, g.call("path_open", ROOT, 0, 1000, 3, 0, FD_READ, 0, 0, 900));
        g.put(1000, "a\0b");
        assertEquals(Errno.ILSEQ, g.call("path_open", ROOT, 0, 1000, 3, 0, FD_READ, 0, 0, 900));
        assertEquals(Errno.NOENT, g.call("path_open", ROOT, 0, 1000, 0, 0, FD_READ, 0, 0, 900));
    }

    @Test
    void readOnlyPreopenRefusesEveryModification() throws IOException {
        try (Guest ro = new Guest(WasiConfig.builder().preopen(box, ".", true).build())) {
            int len = ro.put(1000, "newdir");
            assertEquals(Errno.ROFS, ro.call("path_create_directory", ROOT, 1000, len));
            len = ro.put(1000, "new.txt");
            assertEquals(Errno.ROFS, ro.call("path_open", ROOT, 0, 1000, len, OFLAGS_CREAT, FD_WRITE, 0, 0, 900));
            len = ro.put(1000, "sub/inside.txt");
            assertEquals(Errno.ROFS, ro.call("path_open", ROOT, 0, 1000, len, 0, FD_READ | FD_WRITE, 0, 0, 900));
            assertEquals(Errno.ROFS, ro.call("path_open", ROOT, 0, 1000, len, OFLAGS_TRUNC, FD_READ, 0, 0, 900));
            assertEquals(Errno.ROFS, ro.call("path_unlink_file", ROOT, 1000, len));
            int n = ro.put(1100, "renamed");
            assertEquals(Errno.ROFS, ro.call("path_rename", ROOT, 1000, len, ROOT, 1100, n));
            assertEquals(Errno.ROFS, ro.call("path_filestat_set_times", ROOT, 0, 1000, len, 0L, 0L, FSTFLAGS_MTIM_NOW));
            // reading still works, and rights narrowed by a guest's request are fine
            assertEquals(0, ro.call("path_open", ROOT, 0, 1000, len, 0, FD_READ | FD_SEEK, 0, 0, 900));
            assertEquals("hello", Files.readString(box.resolve("sub/inside.txt")));
        }
        assertFalse(Files.exists(box.resolve("newdir")));
    }

    @Test
    void rightsAreEnforcedAndCanOnlyShrink() {
        int f = g.open(ROOT, 0, "sub/inside.txt", 0, FD_READ, 0, 0);
        g.iovec(100, 2000, 4);
        assertEquals(Errno.NOTCAPABLE, g.call("fd_write", f, 100, 1, 104)); // no FD_WRITE
        assertEquals(Errno.NOTCAPABLE, g.call("fd_seek", f, 1L, WHENCE_SET, 104));
        assertEquals(Errno.NOTCAPABLE, g.call("fd_fdstat_set_rights", f, FD_READ | FD_WRITE, 0L));
        assertEquals(0, g.call("fd_fdstat_set_rights", f, 0L, 0L));
        assertEquals(Errno.NOTCAPABLE, g.call("fd_read", f, 100, 1, 104));
        // a directory without PATH_CREATE_FILE cannot create files
        int d = g.open(ROOT, 0, "sub", OFLAGS_DIRECTORY, PATH_OPEN, ALL_RIGHTS, 0);
        assertEquals(Errno.NOTCAPABLE, assertThrows(Guest.WasiError.class,
                () -> g.open(d, 0, "new", OFLAGS_CREAT, FD_WRITE, 0, 0)).errno);
        assertEquals(Errno.NOTCAPABLE, g.pathCall("path_create_directory", d, "x"));
    }

    @Test
    void writesReachTheHostOnlyInsideTheTree() throws IOException {
        int f = g.open(ROOT, 0, "sub/out.txt", OFLAGS_CREAT | OFLAGS_EXCL, FD_WRITE, 0, 0);
        int len = g.put(2000, "data!");
        g.iovec(100, 2000, len);
        assertEquals(0, g.call("fd_write", f, 100, 1, 104));
        assertEquals(5, g.u32(104));
        assertEquals(0, g.call("fd_close", f));
        assertArrayEquals("data!".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(box.resolve("sub/out.txt")));
        assertEquals(Errno.EXIST, assertThrows(Guest.WasiError.class,
                () -> g.open(ROOT, 0, "sub/out.txt", OFLAGS_CREAT | OFLAGS_EXCL, FD_WRITE, 0, 0)).errno);
    }

    @Test
    void noPreopensMeansNoFilesystem() {
        try (Guest none = new Guest(WasiConfig.builder().build())) {
            assertEquals(Errno.BADF, none.call("fd_prestat_get", 3, 100));
            int len = none.put(1000, "x");
            assertEquals(Errno.BADF, none.call("path_open", 3, 0, 1000, len, 0, FD_READ, 0, 0, 900));
        }
    }
}
