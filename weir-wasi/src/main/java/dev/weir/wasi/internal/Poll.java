package dev.weir.wasi.internal;

import static dev.weir.wasi.internal.GuestMem.check;
import static dev.weir.wasi.internal.Wasi1.*;

import dev.weir.Memory;
import java.io.IOException;

/**
 * {@code poll_oneoff}. Regular files and output streams are always ready; stdin is ready when the
 * host stream reports available bytes. Clock subscriptions wait on the guest's {@link
 * dev.weir.wasi.WasiClock} (so an injected clock makes sleeps instant and deterministic); while
 * stdin is also watched, the wait is sliced so that input arriving ends it early.
 */
final class Poll {
    private static final long STDIN_POLL_SLICE_NANOS = 5_000_000L;

    private Poll() {
    }

    static int pollOneoff(WasiContext c, Memory m, long in, long out, long n, long neventsPtr)
            throws IOException, InterruptedException {
        if (n == 0) {
            return Errno.INVAL;
        }
        if (n > 65536) {
            return Errno.INVAL;
        }
        int count = (int) n;
        check(m, in, n * SUBSCRIPTION_SIZE);
        check(m, out, n * EVENT_SIZE);
        check(m, neventsPtr, 4);
        long[] userdata = new long[count];
        int[] tag = new int[count];
        int[] clockId = new int[count];
        long[] deadline = new long[count]; // per clock subscription, in that clock's time
        int[] fd = new int[count];
        int[] error = new int[count];
        long[] nbytes = new long[count];
        boolean[] ready = new boolean[count];
        boolean anyReady = false;
        boolean anyClock = false;
        boolean watchStdin = false;
        for (int i = 0; i < count; i++) {
            long s = in + (long) i * SUBSCRIPTION_SIZE;
            userdata[i] = m.readLong(s);
            tag[i] = m.readUnsignedByte(s + 8);
            if (tag[i] == EVENTTYPE_CLOCK) {
                clockId[i] = m.readInt(s + 16);
                long timeout = m.readLong(s + 24);
                int flags = m.readUnsignedShort(s + 40);
                try {
                    long now = MiscOps.now(c, clockId[i]);
                    deadline[i] = (flags & SUBCLOCKFLAGS_ABSTIME) != 0 ? timeout : saturatingAdd(now, timeout);
                    anyClock = true;
                } catch (WasiErrnoException e) {
                    error[i] = e.errno();
                    ready[i] = true;
                    anyReady = true;
                }
            } else if (tag[i] == EVENTTYPE_FD_READ || tag[i] == EVENTTYPE_FD_WRITE) {
                fd[i] = m.readInt(s + 16);
                int r = fdReadiness(c, fd[i], tag[i] == EVENTTYPE_FD_READ, nbytes, i);
                if (r >= 0) {
                    error[i] = r;
                    ready[i] = true;
                    anyReady = true;
                } else {
                    watchStdin = true;
                }
            } else {
                return Errno.INVAL;
            }
        }
        if (!anyReady && anyClock) {
            waitForClocks(c, count, tag, clockId, deadline, watchStdin ? fd : null, nbytes, ready);
            anyReady = true;
        } else if (!anyReady) {
            // Only stdin is watched and nothing is buffered: report it readable rather than block
            // forever (java.io cannot tell an idle pipe from end of input); the read will block.
            for (int i = 0; i < count; i++) {
                ready[i] = true;
            }
        }
        int events = 0;
        for (int i = 0; i < count; i++) {
            if (!ready[i]) {
                continue;
            }
            long e = out + (long) events * EVENT_SIZE;
            m.fill(e, 0, EVENT_SIZE);
            m.writeLong(e, userdata[i]);
            m.writeShort(e + 8, error[i]);
            m.writeByte(e + 10, tag[i]);
            if (tag[i] != EVENTTYPE_CLOCK) {
                m.writeLong(e + 16, nbytes[i]);
            }
            events++;
        }
        m.writeInt(neventsPtr, events);
        return Errno.SUCCESS;
    }

    /** An errno (0 = ready) if the descriptor's state is known now, or -1 for stdin with no input yet. */
    private static int fdReadiness(WasiContext c, int fd, boolean read, long[] nbytes, int i) throws IOException {
        if (!c.fds.isOpen(fd)) {
            return Errno.BADF;
        }
        FdEntry e = c.fds.get(fd);
        if ((e.rightsBase & POLL_FD_READWRITE) == 0) {
            return Errno.NOTCAPABLE;
        }
        if (e instanceof FdEntry.File) {
            FdEntry.File f = (FdEntry.File) e;
            nbytes[i] = read ? Math.max(0, f.channel.size() - f.channel.position()) : 0;
            return Errno.SUCCESS;
        }
        if (e instanceof FdEntry.Stream) {
            FdEntry.Stream s = (FdEntry.Stream) e;
            if (read != (s.in != null)) {
                return Errno.BADF;
            }
            if (!read) {
                return Errno.SUCCESS;
            }
            int avail = s.in.available();
            if (avail > 0) {
                nbytes[i] = avail;
                return Errno.SUCCESS;
            }
            return -1;
        }
        return Errno.ISDIR;
    }

    private static void waitForClocks(WasiContext c, int count, int[] tag, int[] clockId, long[] deadline,
            int[] stdinFds, long[] nbytes, boolean[] ready) throws IOException, InterruptedException {
        while (true) {
            long wait = Long.MAX_VALUE;
            boolean fired = false;
            for (int i = 0; i < count; i++) {
                if (tag[i] == EVENTTYPE_CLOCK) {
                    long left = deadline[i] - MiscOps.now(c, clockId[i]);
                    if (left <= 0) {
                        ready[i] = true;
                        fired = true;
                    } else {
                        wait = Math.min(wait, left);
                    }
                }
            }
            if (stdinFds != null) {
                for (int i = 0; i < count; i++) {
                    if (tag[i] == EVENTTYPE_FD_READ && !ready[i] && fdReadiness(c, stdinFds[i], true, nbytes, i) == 0) {
                        ready[i] = true;
                        fired = true;
                    }
                }
            }
            if (fired) {
                return;
            }
            c.clock.sleepNanos(stdinFds != null ? Math.min(wait, STDIN_POLL_SLICE_NANOS) : wait);
        }
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 || b < 0 ? Long.MAX_VALUE : r;
    }
}
