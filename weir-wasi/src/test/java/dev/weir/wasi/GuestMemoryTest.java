package dev.weir.wasi;

import static dev.weir.wasi.internal.Wasi1.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.wasi.internal.Errno;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guest pointers are bounds-checked: bad iovecs and out-pointers give EFAULT with no side effect. */
class GuestMemoryTest {
    static final long PAGE = 65536;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    Guest g;

    @BeforeEach
    void setUp() {
        g = new Guest(WasiConfig.builder().stdout(out)
                .stdin(new ByteArrayInputStream("input".getBytes(StandardCharsets.UTF_8)))
                .args("prog", "a", "βeta").env("K", "V").build());
    }

    @AfterEach
    void tearDown() {
        g.close();
    }

    @Test
    void writeWithGoodIovecs() {
        g.put(2000, "hello ");
        g.put(3000, "world");
        g.iovec(100, 2000, 6);
        g.iovec(108, 3000, 5);
        assertEquals(0, g.call("fd_write", 1, 100, 2, 200));
        assertEquals(11, g.u32(200));
        assertEquals("hello world", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void iovecArrayOutOfBounds() {
        assertEquals(Errno.FAULT, g.call("fd_write", 1, PAGE - 4, 1, 200));
        assertEquals(Errno.FAULT, g.call("fd_write", 1, 100, 0x2000_0000, 200)); // count * 8 past the end
        assertEquals(Errno.FAULT, g.call("fd_write", 1, 0xFFFF_FFF8L, 1, 200)); // u32 pointer near 4 GiB
        assertEquals(0, out.size());
    }

    @Test
    void iovecBufferOutOfBoundsWritesNothing() {
        g.put(2000, "first");
        g.iovec(100, 2000, 5);
        g.iovec(108, PAGE - 2, 10); // second buffer crosses the end of memory
        assertEquals(Errno.FAULT, g.call("fd_write", 1, 100, 2, 200));
        g.iovec(108, 0xFFFF_FFF0L, 0x20); // wraps around 2^32
        assertEquals(Errno.FAULT, g.call("fd_write", 1, 100, 2, 200));
        assertEquals(0, out.size(), "nothing written when any iovec is bad");
    }

    @Test
    void badResultPointerWritesNothing() {
        g.put(2000, "x");
        g.iovec(100, 2000, 1);
        assertEquals(Errno.FAULT, g.call("fd_write", 1, 100, 1, PAGE - 2));
        assertEquals(0, out.size());
    }

    @Test
    void readIntoBadBufferConsumesNoInput() {
        g.iovec(100, PAGE - 1, 8);
        assertEquals(Errno.FAULT, g.call("fd_read", 0, 100, 1, 200));
        g.iovec(100, 2000, 64);
        assertEquals(0, g.call("fd_read", 0, 100, 1, 200));
        assertEquals("input", g.string(2000, (int) g.u32(200)));
    }

    @Test
    void zeroLengthIovecsAtTheEdgeAreFine() {
        g.iovec(100, PAGE, 0);
        assertEquals(0, g.call("fd_write", 1, 100, 1, 200));
        assertEquals(0, g.u32(200));
    }

    @Test
    void argsAndEnviron() {
        assertEquals(0, g.call("args_sizes_get", 100, 104));
        assertEquals(3, g.u32(100));
        assertEquals("prog".length() + 1 + 2 + "βeta".getBytes(StandardCharsets.UTF_8).length + 1, g.u32(104));
        assertEquals(0, g.call("args_get", 200, 300));
        assertEquals("βeta", g.string(g.u32(208), "βeta".getBytes(StandardCharsets.UTF_8).length));
        assertEquals(Errno.FAULT, g.call("args_get", PAGE - 4, 300));
        assertEquals(Errno.FAULT, g.call("args_get", 200, PAGE - 3));
        assertEquals(0, g.call("environ_sizes_get", 100, 104));
        assertEquals(1, g.u32(100));
        assertEquals(4, g.u32(104));
        assertEquals(0, g.call("environ_get", 200, 300));
        assertArrayEquals("K=V\0".getBytes(StandardCharsets.UTF_8), g.mem.readBytes(300, 4));
    }

    @Test
    void otherOutPointers() {
        assertEquals(Errno.FAULT, g.call("clock_time_get", CLOCK_MONOTONIC, 0L, PAGE - 7));
        assertEquals(Errno.FAULT, g.call("random_get", PAGE - 10, 11));
        assertEquals(Errno.FAULT, g.call("fd_fdstat_get", 1, PAGE - 23));
        assertEquals(Errno.FAULT, g.call("fd_filestat_get", 1, PAGE - 63));
        assertEquals(Errno.FAULT, g.call("poll_oneoff", PAGE - 47, 100, 1, 200));
    }

    @Test
    void hugeReadsAndWritesAreShortNotFatal(@TempDir Path dir) throws Exception {
        try (Guest f = new Guest(WasiConfig.builder().preopen(dir, ".").build())) {
            assertEquals(1, f.mem.grow(31)); // now 2 MiB of memory
            int fd = f.open(3, 0, "big", OFLAGS_CREAT, FD_READ | FD_WRITE | FD_SEEK, 0, 0);
            f.iovec(100, 4096, 2 * 1024 * 1024 - 4096);
            assertEquals(0, f.call("fd_write", fd, 100, 1, 200));
            assertEquals(2 * 1024 * 1024 - 4096, f.u32(200));
            assertEquals(2 * 1024 * 1024 - 4096, Files.size(dir.resolve("big")));
        }
    }
}
