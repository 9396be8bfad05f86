package dev.weir.wasi;

import static dev.weir.wasi.internal.Wasi1.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.wasi.internal.Errno;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Injected clocks and randomness make runs deterministic; poll_oneoff clock subscriptions use them. */
class ClockRandomPollTest {
    static final long REAL = 1_700_000_000_000_000_000L;

    private static Guest fixedGuest() {
        return new Guest(WasiConfig.builder().clock(WasiClock.fixed(REAL, 5_000)).random(new Random(42))
                .stdin(new ByteArrayInputStream(new byte[0])).build());
    }

    @Test
    void clocksComeFromTheInjectedSource() {
        try (Guest g = fixedGuest()) {
            assertEquals(0, g.call("clock_time_get", CLOCK_REALTIME, 1L, 100));
            assertEquals(REAL, g.mem.readLong(100));
            assertEquals(0, g.call("clock_time_get", CLOCK_MONOTONIC, 0L, 100));
            assertEquals(5_000, g.mem.readLong(100));
            assertEquals(0, g.call("clock_res_get", CLOCK_MONOTONIC, 100));
            assertEquals(1, g.mem.readLong(100));
            assertEquals(0, g.call("clock_time_get", CLOCK_PROCESS_CPUTIME, 0L, 100));
            assertEquals(0, g.call("clock_time_get", CLOCK_THREAD_CPUTIME, 0L, 100));
            assertEquals(Errno.INVAL, g.call("clock_time_get", 4, 0L, 100));
            assertEquals(Errno.INVAL, g.call("clock_res_get", -1, 100));
        }
    }

    @Test
    void systemClockIsSane() {
        try (Guest g = new Guest(WasiConfig.builder().build())) {
            assertEquals(0, g.call("clock_time_get", CLOCK_REALTIME, 0L, 100));
            long now = System.currentTimeMillis() * 1_000_000L;
            assertTrue(Math.abs(g.mem.readLong(100) - now) < 60_000_000_000L);
            assertEquals(0, g.call("clock_time_get", CLOCK_MONOTONIC, 0L, 100));
            long a = g.mem.readLong(100);
            assertEquals(0, g.call("clock_time_get", CLOCK_MONOTONIC, 0L, 100));
            assertTrue(g.mem.readLong(100) >= a);
            for (int id = 0; id < 4; id++) {
                assertEquals(0, g.call("clock_res_get", id, 100));
                assertTrue(g.mem.readLong(100) > 0);
            }
        }
    }

    @Test
    void seededRandomIsReproducible() {
        byte[] first;
        try (Guest g = fixedGuest()) {
            assertEquals(0, g.call("random_get", 100, 60_000));
            first = g.mem.readBytes(100, 60_000);
        }
        try (Guest g = fixedGuest()) {
            assertEquals(0, g.call("random_get", 100, 60_000));
            assertArrayEquals(first, g.mem.readBytes(100, 60_000));
            assertEquals(0, g.call("random_get", 100, 0));
        }
        byte[] expected = new byte[60_000];
        new Random(42).nextBytes(expected);
        assertArrayEquals(expected, first);
        assertFalse(Arrays.equals(new byte[64], Arrays.copyOf(first, 64)));
    }

    /** Writes a clock subscription at {@code addr}. */
    private static void clockSub(Guest g, long addr, long userdata, int clock, long timeout, int flags) {
        g.mem.fill(addr, 0, SUBSCRIPTION_SIZE);
        g.mem.writeLong(addr, userdata);
        g.mem.writeByte(addr + 8, EVENTTYPE_CLOCK);
        g.mem.writeInt(addr + 16, clock);
        g.mem.writeLong(addr + 24, timeout);
        g.mem.writeShort(addr + 40, flags);
    }

    private static void fdSub(Guest g, long addr, long userdata, int type, int fd) {
        g.mem.fill(addr, 0, SUBSCRIPTION_SIZE);
        g.mem.writeLong(addr, userdata);
        g.mem.writeByte(addr + 8, type);
        g.mem.writeInt(addr + 16, fd);
    }

    @Test
    void pollSleepAdvancesTheFixedClockExactly() {
        try (Guest g = fixedGuest()) {
            clockSub(g, 1000, 77, CLOCK_MONOTONIC, 1_000_000_000L, 0);
            assertEquals(0, g.call("poll_oneoff", 1000, 2000, 1, 100));
            assertEquals(1, g.u32(100));
            assertEquals(77, g.mem.readLong(2000));
            assertEquals(0, g.mem.readShort(2008));
            assertEquals(EVENTTYPE_CLOCK, g.mem.readByte(2010));
            assertEquals(0, g.call("clock_time_get", CLOCK_MONOTONIC, 0L, 100));
            assertEquals(5_000 + 1_000_000_000L, g.mem.readLong(100));
            // absolute deadline in the past fires at once
            clockSub(g, 1000, 78, CLOCK_REALTIME, REAL - 1, SUBCLOCKFLAGS_ABSTIME);
            assertEquals(0, g.call("poll_oneoff", 1000, 2000, 1, 100));
            assertEquals(78, g.mem.readLong(2000));
        }
    }

    @Test
    void pollReportsReadyStdioAndBadDescriptors() {
        try (Guest g = new Guest(WasiConfig.builder().stdin(new ByteArrayInputStream("abc".getBytes())).build())) {
            fdSub(g, 1000, 1, EVENTTYPE_FD_READ, 0);
            fdSub(g, 1048, 2, EVENTTYPE_FD_WRITE, 1);
            fdSub(g, 1096, 3, EVENTTYPE_FD_WRITE, 42);
            clockSub(g, 1144, 4, CLOCK_MONOTONIC, 10_000_000_000L, 0);
            assertEquals(0, g.call("poll_oneoff", 1000, 2000, 4, 100));
            assertEquals(3, g.u32(100), "the clock does not fire: fds were ready");
            assertEquals(1, g.mem.readLong(2000));
            assertEquals(3, g.mem.readLong(2016), "nbytes available on stdin");
            assertEquals(2, g.mem.readLong(2032));
            assertEquals(3, g.mem.readLong(2064));
            assertEquals(Errno.BADF, g.mem.readShort(2072));
            assertEquals(Errno.INVAL, g.call("poll_oneoff", 1000, 2000, 0, 100));
        }
    }

    @Test
    void pollWithIdleStdinWaitsForTheClock() {
        try (Guest g = new Guest(WasiConfig.builder().clock(WasiClock.fixed(0, 0))
                .stdin(new java.io.PipedInputStream()).build())) {
            fdSub(g, 1000, 1, EVENTTYPE_FD_READ, 0);
            clockSub(g, 1048, 2, CLOCK_MONOTONIC, 20_000_000L, 0);
            assertEquals(0, g.call("poll_oneoff", 1000, 2000, 2, 100));
            assertEquals(1, g.u32(100));
            assertEquals(2, g.mem.readLong(2000));
        }
    }

    @Test
    void schedYieldAndProcRaise() {
        try (Guest g = fixedGuest()) {
            assertEquals(0, g.call("sched_yield"));
            assertEquals(Errno.NOSYS, g.call("proc_raise", 6));
        }
    }

    @Test
    void socketsAreNotSupported() {
        try (Guest g = fixedGuest()) {
            assertEquals(Errno.NOTSOCK, g.call("sock_shutdown", 1, 1));
            assertEquals(Errno.BADF, g.call("sock_shutdown", 9, 1));
            assertEquals(Errno.NOTSOCK, g.call("sock_accept", 0, 0, 100));
            assertEquals(Errno.NOTSOCK, g.call("sock_recv", 0, 100, 1, 0, 200, 204));
            assertEquals(Errno.NOTSOCK, g.call("sock_send", 1, 100, 1, 0, 200));
        }
    }
}
