package dev.weir.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One whole program of the side-by-side suite: either a WASI command ({@code _start}, run in its
 * own directory preopened as {@code "."}, stdout compared with the expected text), or an export
 * of one of the project's kernels called with fixed arguments, whose result is "printed" as one
 * decimal line so that every engine is checked the same way, through its stdout.
 *
 * <p>Sightglass programs import {@code bench.start}/{@code bench.end}; the time between the two
 * calls is the run time. Other programs are timed over the whole {@code _start} or export call.
 */
public final class Program {
    /** An export call: {@code export(args)}; every parameter and the result are i32 or i64. */
    public static final class Invoke {
        final String export;
        final long[] args;
        /** One character per parameter, {@code 'i'} for i32 and {@code 'I'} for i64. */
        final String paramTypes;
        /** {@code 'i'} or {@code 'I'}. */
        final char resultType;

        Invoke(String export, String paramTypes, char resultType, long... args) {
            if (paramTypes.length() != args.length) {
                throw new IllegalArgumentException("invoke " + export + ": " + args.length + " arguments for "
                        + paramTypes.length() + " parameter types");
            }
            this.export = export;
            this.args = args.clone();
            this.paramTypes = paramTypes;
            this.resultType = resultType;
        }

        /** The stdout line an engine "prints" for a raw result (i32 results sign-extended). */
        String format(long raw) {
            return (resultType == 'i' ? Long.toString((int) raw) : Long.toString(raw)) + "\n";
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(export).append('(');
            for (int i = 0; i < args.length; i++) {
                b.append(i == 0 ? "" : ", ").append(args[i]);
            }
            return b.append(')').toString();
        }
    }

    private final String id;
    private final Path wasm;
    private final Path dir;
    private final List<String> args;
    private final String expectedStdout;
    private final List<Path> nativeSources;
    private final Invoke invoke;
    private final String origin;

    private Program(String id, Path wasm, Path dir, List<String> args, String expectedStdout,
            List<Path> nativeSources, Invoke invoke, String origin) {
        this.id = Objects.requireNonNull(id);
        this.wasm = Objects.requireNonNull(wasm);
        this.dir = dir;
        this.args = List.copyOf(args);
        this.expectedStdout = expectedStdout;
        this.nativeSources = List.copyOf(nativeSources);
        this.invoke = invoke;
        this.origin = origin;
    }

    /** A WASI command run in {@code dir} (preopened as "."), with argv[0] = the file name. */
    static Program command(String id, Path wasm, Path dir, String expectedStdout, List<Path> nativeSources,
            String origin) {
        return new Program(id, wasm, dir, List.of(wasm.getFileName().toString()), expectedStdout, nativeSources, null,
                origin);
    }

    /** An export call on a module without imports. */
    static Program invoke(String id, Path wasm, Invoke invoke, long expected, String origin) {
        return new Program(id, wasm, null, List.of(), invoke.format(expected), List.of(), invoke, origin);
    }

    /** Short name for tables, e.g. {@code shootout-fib2} or {@code fib_rec}. */
    public String id() {
        return id;
    }

    public Path wasm() {
        return wasm;
    }

    /** The working directory preopened as ".", or null for export calls. */
    public Path dir() {
        return dir;
    }

    /** WASI argv, argv[0] first (empty for export calls). */
    public List<String> args() {
        return args;
    }

    /** Expected stdout, or null when the corpus has none (then engines are compared with each other). */
    public String expectedStdout() {
        return expectedStdout;
    }

    /** C sources for the native {@code gcc -O2} column (empty when there are none). */
    public List<Path> nativeSources() {
        return nativeSources;
    }

    /** The export call, or null for a WASI command. */
    public Invoke invoke() {
        return invoke;
    }

    public boolean isCommand() {
        return invoke == null;
    }

    /** Where the program comes from: "sightglass" or "weir". */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return id + (invoke != null ? " " + invoke : "");
    }
}
