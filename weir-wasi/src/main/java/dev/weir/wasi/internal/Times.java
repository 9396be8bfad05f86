package dev.weir.wasi.internal;

import static dev.weir.wasi.internal.Wasi1.FSTFLAGS_ATIM;
import static dev.weir.wasi.internal.Wasi1.FSTFLAGS_ATIM_NOW;
import static dev.weir.wasi.internal.Wasi1.FSTFLAGS_MTIM;
import static dev.weir.wasi.internal.Wasi1.FSTFLAGS_MTIM_NOW;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/** {@code *_filestat_set_times}: flag validation and setting access/modification times. */
final class Times {
    private Times() {
    }

    /** EINVAL for unknown bits or a time given both explicitly and as "now". */
    static void validate(int fst) {
        if ((fst & ~0xF) != 0 || (fst & (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)) == (FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW)
                || (fst & (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) == (FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) {
            throw WasiErrnoException.of(Errno.INVAL);
        }
    }

    /**
     * Sets the times of {@code p} ({@code noFollow}: of a symlink itself). Timestamps are u64
     * nanoseconds; "now" comes from the guest's clock so injected clocks stay consistent.
     */
    static void set(WasiContext c, Path p, boolean noFollow, long atim, long mtim, int fst) throws IOException {
        if ((fst & 0xF) == 0) {
            return;
        }
        long now = c.clock.realtimeNanos();
        FileTime a = (fst & FSTFLAGS_ATIM) != 0 ? time(atim) : (fst & FSTFLAGS_ATIM_NOW) != 0 ? time(now) : null;
        FileTime m = (fst & FSTFLAGS_MTIM) != 0 ? time(mtim) : (fst & FSTFLAGS_MTIM_NOW) != 0 ? time(now) : null;
        BasicFileAttributeView v = noFollow
                ? Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                : Files.getFileAttributeView(p, BasicFileAttributeView.class);
        v.setTimes(m, a, null);
    }

    private static FileTime time(long nanos) {
        // u64 nanoseconds; values past 2^63 are far beyond any file system's range
        return FileTime.from(nanos < 0 ? Long.MAX_VALUE : nanos, TimeUnit.NANOSECONDS);
    }
}
