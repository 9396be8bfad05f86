package dev.weir.wasi;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * What a WASI guest may see: its arguments and environment, its standard streams, the host
 * directories it may use (and nothing else), its clock and its source of randomness. Immutable;
 * build with {@link #builder()}. By default a guest gets no arguments, no environment, empty stdin,
 * discarded output, no directories, the system clock and a {@link SecureRandom}.
 */
public final class WasiConfig {
    private final List<String> args;
    private final Map<String, String> env;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final boolean stdioIsTerminal;
    private final List<Preopen> preopens;
    private final WasiClock clock;
    private final Random random;

    private WasiConfig(Builder b) {
        this.args = List.copyOf(b.args);
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.stdioIsTerminal = b.stdioIsTerminal;
        this.preopens = List.copyOf(b.preopens);
        this.clock = b.clock;
        this.random = b.random != null ? b.random : new SecureRandom();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The guest's {@code argv}, program name first (if one was given). */
    public List<String> args() {
        return args;
    }

    public Map<String, String> env() {
        return env;
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    /** Whether the standard streams are reported as a terminal (character device) to the guest. */
    public boolean stdioIsTerminal() {
        return stdioIsTerminal;
    }

    public List<Preopen> preopens() {
        return preopens;
    }

    public WasiClock clock() {
        return clock;
    }

    public Random random() {
        return random;
    }

    /**
     * A host directory the guest may use under the name {@code guestPath}. Paths below it are
     * resolved by Weir one component at a time; nothing outside it is reachable.
     */
    public static final class Preopen {
        private final Path hostPath;
        private final String guestPath;
        private final boolean readOnly;

        Preopen(Path hostPath, String guestPath, boolean readOnly) {
            this.hostPath = hostPath;
            this.guestPath = guestPath;
            this.readOnly = readOnly;
        }

        /** The real (symlink-free, absolute) host directory. */
        public Path hostPath() {
            return hostPath;
        }

        public String guestPath() {
            return guestPath;
        }

        /** When set, every operation that would modify something below it fails with EROFS. */
        public boolean readOnly() {
            return readOnly;
        }

        @Override
        public String toString() {
            return hostPath + "::" + guestPath + (readOnly ? " (read-only)" : "");
        }
    }

    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private boolean stdioIsTerminal;
        private final List<Preopen> preopens = new ArrayList<>();
        private WasiClock clock = WasiClock.system();
        private Random random;

        private Builder() {
        }

        /** Appends arguments ({@code argv}); the first is conventionally the program name. */
        public Builder args(String... values) {
            return args(List.of(values));
        }

        public Builder args(List<String> values) {
            for (String v : values) {
                args.add(checkString(v, "argument"));
            }
            return this;
        }

        /** Sets one environment variable (replacing an earlier value). */
        public Builder env(String name, String value) {
            checkString(name, "environment variable name");
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: \"" + name + "\"");
            }
            env.put(name, checkString(value, "environment variable value"));
            return this;
        }

        public Builder env(Map<String, String> values) {
            values.forEach(this::env);
            return this;
        }

        /** Copies the host process's environment (explicit {@link #env} calls made later win). */
        public Builder inheritEnv() {
            System.getenv().forEach((k, v) -> {
                if (!k.isEmpty() && k.indexOf('=') < 0 && k.indexOf('\0') < 0 && v.indexOf('\0') < 0) {
                    env.put(k, v);
                }
            });
            return this;
        }

        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in, "stdin");
            return this;
        }

        /** Guest writes to fd 1 go here (flushed after every {@code fd_write}); never closed by Weir. */
        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out, "stdout");
            return this;
        }

        public Builder stderr(OutputStream err) {
            this.stderr = Objects.requireNonNull(err, "stderr");
            return this;
        }

        /** Uses the process's own stdin, stdout and stderr (unbuffered, directly on the file descriptors). */
        public Builder inheritStdio() {
            this.stdin = new FileInputStream(FileDescriptor.in);
            this.stdout = new FileOutputStream(FileDescriptor.out);
            this.stderr = new FileOutputStream(FileDescriptor.err);
            this.stdioIsTerminal = System.console() != null;
            return this;
        }

        /** Reports the standard streams to the guest as a terminal (affects its buffering and isatty). */
        public Builder stdioIsTerminal(boolean terminal) {
            this.stdioIsTerminal = terminal;
            return this;
        }

        /** {@link #preopen(Path, String, boolean)} writable. */
        public Builder preopen(Path hostDir, String guestPath) {
            return preopen(hostDir, guestPath, false);
        }

        /**
         * Gives the guest a host directory under the name {@code guestPath} (e.g. {@code "."},
         * {@code "/"} or {@code "/data"}). Preopens get fds 3, 4, ... in the order added.
         *
         * @throws IllegalArgumentException if {@code hostDir} is not an existing directory
         */
        public Builder preopen(Path hostDir, String guestPath, boolean readOnly) {
            Objects.requireNonNull(hostDir, "hostDir");
            checkString(guestPath, "guest path");
            if (guestPath.isEmpty()) {
                throw new IllegalArgumentException("empty guest path for " + hostDir);
            }
            Path real;
            try {
                real = hostDir.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot preopen " + hostDir + ": " + e, e);
            }
            if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("cannot preopen " + hostDir + ": not a directory");
            }
            preopens.add(new Preopen(real, guestPath, readOnly));
            return this;
        }

        public Builder clock(WasiClock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The source of {@code random_get} bytes; pass {@code new Random(seed)} for reproducible runs. */
        public Builder random(Random r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        public WasiConfig build() {
            return new WasiConfig(this);
        }

        private static String checkString(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + " contains a NUL character: \"" + s.replace("\0", "\\0") + "\"");
            }
            return s;
        }
    }

}
