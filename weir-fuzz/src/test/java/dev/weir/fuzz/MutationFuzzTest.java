package dev.weir.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.LinkException;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.Store;
import dev.weir.StoreLimits;
import dev.weir.Trap;
import dev.weir.Value;
import dev.weir.WasmThrow;
import dev.weir.text.TextParseException;
import dev.weir.text.Wast;
import dev.weir.text.Wat;
import dev.weir.text.WatPrinter;
import dev.weir.wasm.Export;
import dev.weir.wasm.ExternKind;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmEncoder;
import dev.weir.wasm.WasmException;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of everything that reads untrusted input: binary mutants go through the
 * decoder, validator, both engines' compile (interpreter predecoding, JVM bytecode generation),
 * instantiation and a short run of their exports; text mutants through {@link Wat#parse} and
 * {@link Wast#parse}. Only the typed exceptions may come out (Malformed/InvalidModuleException,
 * TextParseException, LinkException, Trap, WasmThrow) - never AIOOBE, NPE, IllegalStateException,
 * StackOverflowError, OutOfMemoryError, a JVM VerifyError or a hang. Each case runs on a worker
 * thread under a time limit; a hang or crash saves its input under target/fuzz-failures/.
 * Budget: {@code -Dfuzz.mutation.seconds} (20 in {@code mvn verify}), split over the two tests;
 * seed {@code -Dfuzz.seed}.
 */
class MutationFuzzTest {
    private static final long CASE_TIMEOUT_MS = 15_000;
    private static final long CALL_MS = 50;
    private static final int MIN_CASES = 300;
    private static final StoreLimits LIMITS = StoreLimits.builder().maxMemoryBytes(16L << 20).maxTableElements(10_000)
            .build();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "weir-mutation-watchdog");
        t.setDaemon(true);
        return t;
    });

    private static long budgetMs() {
        return Long.getLong("fuzz.mutation.seconds", 20) * 1000 / 2;
    }

    private static Path repoDir(String env, String rel) {
        String e = System.getenv(env);
        if (e != null) {
            return Path.of(e);
        }
        for (Path p : List.of(Path.of("..", "..", "shared", rel), Path.of("..", "shared", rel))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    private static List<Path> files(Path dir, String ext, long maxBytes) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, 2)) {
            return s.filter(p -> p.toString().endsWith(ext)).filter(p -> p.toFile().length() <= maxBytes).sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ binary

    static List<byte[]> binarySeeds() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : files(Path.of("..", "examples"), ".wasm", 64 * 1024)) {
            seeds.add(Files.readAllBytes(p));
        }
        for (long s = 0; s < 40; s++) {
            seeds.add(ModuleGenerator.generate(s).encode());
        }
        if (Binaryen.wasmOpt() != null) {
            for (long s = 0; s < 6; s++) {
                byte[] in = java.util.Arrays.copyOf(Binaryen.input(s), 2048);
                seeds.add(Binaryen.translateToFuzz(in, Binaryen.FEATURES));
            }
        }
        seeds.sort(Comparator.comparingInt(b -> b.length));
        return seeds;
    }

    @Test
    void binaryMutantsOnlyFailWithTypedExceptionsOnBothEngines() throws IOException {
        long seed = Long.getLong("fuzz.seed", 1);
        List<byte[]> seeds = binarySeeds();
        Engine interp = Engine.builder().compiler(false).build();
        Engine compiler = Engine.builder().compiler(true).build();
        Random rnd = new Random(seed);
        long end = System.currentTimeMillis() + budgetMs();
        int cases = 0;
        int[] outcome = new int[4]; // malformed/invalid, compiled, ran
        List<String> failures = new ArrayList<>();
        try (Guarded g = new Guarded(CASE_TIMEOUT_MS)) {
            while ((cases < MIN_CASES || System.currentTimeMillis() < end) && failures.size() < 10) {
                byte[] original = seeds.get(rnd.nextInt(seeds.size()));
                byte[] mutant = mutate(original, rnd);
                String name = "binary-seed" + seed + "-case" + cases + ".wasm";
                Throwable t = g.run(name, mutant, () -> {
                    outcome[exercise(interp, compiler, mutant)]++;
                    return null;
                });
                if (t != null && !(t instanceof WasmException)) {
                    failures.add(name + ": " + t + " -> " + Guarded.save(name, mutant));
                    t.printStackTrace();
                } else if (t != null) {
                    outcome[0]++;
                }
                cases++;
            }
        }
        System.out.printf("[weir-fuzz] binary mutation: %d cases from %d seed modules: %d rejected, %d compiled"
                + " (no exports run), %d instantiated and run on both engines%n", cases, seeds.size(), outcome[0],
                outcome[1], outcome[2]);
        assertEquals(List.of(), failures);
        assertTrue(outcome[2] > 0, "no mutant ever ran");
    }

    /** 0: rejected; 1: compiled but not run (imports); 2: ran. Typed failures only. */
    private static int exercise(Engine interp, Engine compiler, byte[] b) {
        Module mi;
        try {
            mi = interp.compile(b);
        } catch (WasmException e) {
            return 0;
        }
        mi.predecodeAll();
        Module mc = compiler.compile(b); // valid for one engine, valid for the other
        if (!mi.imports().isEmpty()) {
            return 1;
        }
        run(mi);
        run(mc);
        return 2;
    }

    private static void run(Module m) {
        try (Store store = m.engine().newStore(LIMITS)) {
            Instance inst;
            try {
                inst = new Linker().instantiate(store, m);
            } catch (Trap | LinkException | WasmThrow e) {
                return;
            }
            int n = 0;
            for (Export e : m.exports()) {
                if (e.kind() != ExternKind.FUNC || n++ >= 6) {
                    continue;
                }
                Func f = inst.func(e.name());
                List<ValType> ps = f.type().params();
                Value[] args = new Value[ps.size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = Value.defaultOf(ps.get(i));
                }
                ScheduledFuture<?> dog = WATCHDOG.schedule(store::interrupt, CALL_MS, TimeUnit.MILLISECONDS);
                try {
                    f.call(args);
                } catch (Trap | WasmThrow expected) {
                    // typed
                } finally {
                    dog.cancel(false);
                }
            }
        }
    }

    /**
     * Byte-level edits plus LEB128 inflation of counts and sizes (the "10^9 entries" attacks); or,
     * a third of the time, new values for one-byte {@code i32.const}/{@code i64.const} immediates in
     * the code section, which keeps most mutants valid so that they compile and run.
     */
    static byte[] mutate(byte[] b, Random rnd) {
        if (rnd.nextInt(3) == 0) {
            byte[] c = mutateConstants(b, rnd);
            if (c != null) {
                return c;
            }
        }
        byte[] m = b.clone();
        int edits = 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 12 : 3);
        for (int e = 0; e < edits; e++) {
            int at = 8 + rnd.nextInt(Math.max(1, m.length - 8));
            at = Math.min(at, m.length);
            switch (rnd.nextInt(8)) {
                case 0:
                    if (at < m.length) {
                        m[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    break;
                case 1:
                    if (at < m.length) {
                        int[] interesting = {0x00, 0x01, 0x0B, 0x40, 0x7F, 0x80, 0xFF, 0xFB, 0xFC, 0xFD, 0xFE, 0x0F, 0x11};
                        m[at] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : interesting[rnd.nextInt(interesting.length)]);
                    }
                    break;
                case 2: {
                    byte[] ins = new byte[1 + rnd.nextInt(4)];
                    rnd.nextBytes(ins);
                    m = splice(m, at, 0, ins);
                    break;
                }
                case 3:
                    m = splice(m, at, Math.min(1 + rnd.nextInt(8), m.length - at), new byte[0]);
                    break;
                case 4: // a huge LEB128 where a count, size, index or immediate was
                    m = splice(m, at, Math.min(1, m.length - at), rnd.nextBoolean()
                            ? new byte[] {(byte) 0x80, (byte) 0x94, (byte) 0xEB, (byte) 0xDC, 0x03} // 10^9
                            : new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F});
                    break;
                case 5:
                    m = java.util.Arrays.copyOf(m, at);
                    break;
                case 6: { // repeat a chunk many times (deep nesting, long bodies)
                    int len = Math.min(1 + rnd.nextInt(6), m.length - at);
                    byte[] chunk = java.util.Arrays.copyOfRange(m, at, at + len);
                    int times = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 2000 : 8);
                    byte[] rep = new byte[chunk.length * times];
                    for (int i = 0; i < times; i++) {
                        System.arraycopy(chunk, 0, rep, i * chunk.length, chunk.length);
                    }
                    m = splice(m, at, 0, rep);
                    break;
                }
                default: {
                    int len = Math.min(1 + rnd.nextInt(32), m.length - at);
                    m = splice(m, at, 0, java.util.Arrays.copyOfRange(m, at, at + len));
                    break;
                }
            }
        }
        return m;
    }

    /** Null when the module has no code section or no small constants. */
    private static byte[] mutateConstants(byte[] b, Random rnd) {
        int pos = 8;
        while (pos < b.length) {
            int id = b[pos++] & 0xFF;
            long size = 0;
            int shift = 0;
            while (pos < b.length && shift < 35) {
                int x = b[pos++] & 0xFF;
                size |= (long) (x & 0x7F) << shift;
                shift += 7;
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            if (id == 10) {
                int end = (int) Math.min(b.length, pos + size);
                List<Integer> at = new ArrayList<>();
                for (int i = pos; i + 1 < end; i++) {
                    // i32.const / i64.const followed by a one-byte signed LEB (a heuristic: it may be
                    // some other byte, which is then just another byte-level mutation).
                    if ((b[i] == 0x41 || b[i] == 0x42) && (b[i + 1] & 0x80) == 0) {
                        at.add(i + 1);
                    }
                }
                if (at.isEmpty()) {
                    return null;
                }
                byte[] m = b.clone();
                int[] interesting = {0x00, 0x01, 0x7F, 0x40, 0x3F, 0x1F, 0x20, 0x08};
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    int i = at.get(rnd.nextInt(at.size()));
                    m[i] = (byte) (rnd.nextBoolean() ? rnd.nextInt(0x80) : interesting[rnd.nextInt(interesting.length)]);
                }
                return m;
            }
            pos += (int) size;
        }
        return null;
    }

    static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] r = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, r, 0, at);
        System.arraycopy(insert, 0, r, at, insert.length);
        System.arraycopy(b, at + remove, r, at + insert.length, b.length - at - remove);
        return r;
    }

    // ------------------------------------------------------------------ text

    private record TextSeed(String name, String text, boolean script) {
    }

    static List<TextSeed> textSeeds() throws IOException {
        List<TextSeed> seeds = new ArrayList<>();
        for (Path p : files(repoDir("WASM_TESTSUITE_DIR", "wasm-testsuite"), ".wast", 24 * 1024)) {
            seeds.add(new TextSeed(p.getFileName().toString(), Files.readString(p), true));
        }
        for (Path p : files(Path.of("..", "examples"), ".wat", 64 * 1024)) {
            seeds.add(new TextSeed(p.getFileName().toString(), Files.readString(p), false));
        }
        for (long s = 0; s < 20; s++) {
            WasmModule m = WasmDecoder.decode(ModuleGenerator.generate(s).encode());
            seeds.add(new TextSeed("generated-" + s + ".wat", WatPrinter.print(m), false));
        }
        return seeds;
    }

    private static final String[] TOKENS = {"(", ")", "((((((((", "))))", "\"", "\"\\u{110000}\"", "\"\\ff\\", ";;",
        "(;", ";)", "(; (; ;)", "0x", "-0x8000000000000000", "18446744073709551616", "1e999999", "nan:0x7fffff",
        "nan:0x0", "-inf", "0x1p+1024", "$", "$x", "i32.const", "i64.const 9", "f32.const", "v128.const i8x16",
        "block", "loop", "if", "then", "else", "end", "br 4294967295", "func", "module", "param", "result", "local",
        "type", "(ref null 99999)", "memory 4294967296", "offset=4294967296", "align=3", "table", "elem", "data",
        "export \"", "import", "assert_return", "assert_trap", "(module binary \"\\00asm\")", "(module quote \"(\")",
        "register", "invoke", "@", "_", "\u0000", "\uFFFF", "é", "\t", "\n"};

    static String mutateText(String s, Random rnd) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(rnd.nextInt(6) == 0 ? 8 : 2);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(6)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(40)));
                case 2 -> sb.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 3 -> {
                    int len = Math.min(sb.length() - at, 1 + rnd.nextInt(60));
                    String chunk = sb.substring(at, at + len);
                    sb.insert(at, chunk.repeat(1 + rnd.nextInt(rnd.nextInt(10) == 0 ? 500 : 3)));
                }
                case 4 -> sb.setCharAt(at, (char) (rnd.nextBoolean() ? rnd.nextInt(128) : "()\"$;0x-.=\\"
                        .charAt(rnd.nextInt(11))));
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }

    @Test
    void textMutantsOnlyFailWithTypedExceptions() throws IOException {
        long seed = Long.getLong("fuzz.seed", 1);
        List<TextSeed> seeds = textSeeds();
        assertFalse(seeds.isEmpty());
        Random rnd = new Random(seed * 31 + 7);
        long end = System.currentTimeMillis() + budgetMs();
        int cases = 0;
        int[] outcome = new int[2];
        List<String> failures = new ArrayList<>();
        try (Guarded g = new Guarded(CASE_TIMEOUT_MS)) {
            while ((cases < MIN_CASES || System.currentTimeMillis() < end) && failures.size() < 10) {
                TextSeed ts = seeds.get(rnd.nextInt(seeds.size()));
                String text = mutateText(ts.text(), rnd);
                String name = "text-seed" + seed + "-case" + cases + "-" + ts.name();
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                Throwable t = g.run(name, utf8, () -> {
                    if (ts.script()) {
                        Wast.parse(text);
                    } else {
                        WasmModule m = Wat.parse(text);
                        // An accepted module must encode and either validate or be reported invalid.
                        WasmValidator.validate(WasmDecoder.decode(WasmEncoder.encode(m)));
                    }
                    outcome[1]++;
                    return null;
                });
                if (t != null && !(t instanceof TextParseException || t instanceof WasmException)) {
                    failures.add(name + ": " + t + " -> " + Guarded.save(name, utf8));
                    t.printStackTrace();
                } else if (t != null) {
                    outcome[0]++;
                }
                cases++;
            }
        }
        System.out.printf("[weir-fuzz] text mutation: %d cases from %d seed files: %d rejected with typed errors,"
                + " %d accepted%n", cases, seeds.size(), outcome[0], outcome[1]);
        assertEquals(List.of(), failures);
    }
}
