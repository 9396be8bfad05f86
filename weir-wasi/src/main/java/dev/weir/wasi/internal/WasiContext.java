package dev.weir.wasi.internal;

import dev.weir.wasi.WasiClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** The state behind one WASI instance: descriptor table, arguments, environment, clock, randomness. */
public final class WasiContext {
    /** Largest transfer of one fd_read/fd_write call; bigger requests are served short (POSIX allows it). */
    static final int MAX_IO = 16 << 20;

    public final FdTable fds = new FdTable();
    public final WasiClock clock;
    public final Random random;
    final byte[][] args;
    final byte[][] env;
    private byte[] scratch = new byte[8192];

    public WasiContext(List<String> args, List<String> envPairs, WasiClock clock, Random random) {
        this.args = encode(args);
        this.env = encode(envPairs);
        this.clock = clock;
        this.random = random;
    }

    private static byte[][] encode(List<String> strings) {
        byte[][] out = new byte[strings.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = strings.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /** A reusable transfer buffer of at least {@code n} bytes (no per-call allocation once grown). */
    byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, Math.min(MAX_IO, scratch.length * 2))];
        }
        return scratch;
    }

    public void close() {
        fds.closeAll();
    }
}
