package dev.weir.memcheck.junit;

import dev.weir.Linker;
import dev.weir.memcheck.Instrumented;
import dev.weir.memcheck.MemCheck;
import dev.weir.memcheck.MemCheckSession;
import dev.weir.memcheck.MemError;
import dev.weir.memcheck.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs each test's guest under memcheck and fails the test when the guest
 * has a memory error (double or invalid free, use after free, heap overflow, uninitialized read,
 * stack overflow) or, unless told otherwise, still has blocks allocated when the test ends.
 *
 * <p>A test asks for a {@link MemCheckSession} parameter: a fresh instance of the instrumented
 * guest, created for that test and closed after it. Sessions a test opens itself through
 * {@link #newSession()} are checked the same way.
 *
 * <pre>{@code
 * class UpperTest {
 *     @RegisterExtension
 *     static MemCheckExtension memcheck = MemCheckExtension.forModule(Path.of("guest.wasm"));
 *
 *     @Test
 *     void upper(MemCheckSession guest) {
 *         int in = guest.callInt("malloc", 6);
 *         ...
 *         guest.callInt("free", in);
 *     }   // fails here, with the Valgrind-style report, if the guest leaked or corrupted memory
 * }
 *
 * @ExtendWith(MemCheckExtension.class)
 * @MemCheckGuest("examples/wasm/c-exchange.wasm")
 * class DeclarativeTest { ... }
 * }</pre>
 *
 * <p>This package needs {@code junit-jupiter-api} (an optional dependency of weir-memcheck: the
 * rest of memcheck never loads it). Thread-safe: sessions are kept per test in JUnit's store.
 */
public final class MemCheckExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MemCheckExtension.class);
    private static final ThreadLocal<ExtensionContext> CURRENT = new ThreadLocal<>();

    private final Instrumented module;   // null: declarative, from @MemCheckGuest
    private final boolean failOnLeaks;
    private final boolean callInitialize;
    private final Consumer<Linker> imports;

    /** For {@code @ExtendWith(MemCheckExtension.class)}: the guest comes from {@link MemCheckGuest}. */
    public MemCheckExtension() {
        this(null, true, true, l -> { });
    }

    private MemCheckExtension(Instrumented module, boolean failOnLeaks, boolean callInitialize,
                              Consumer<Linker> imports) {
        this.module = module;
        this.failOnLeaks = failOnLeaks;
        this.callInitialize = callInitialize;
        this.imports = imports;
    }

    /** Checks the given instrumented module (one instrumentation shared by all tests). */
    public static MemCheckExtension forModule(Instrumented module) {
        return new MemCheckExtension(Objects.requireNonNull(module, "module"), true, true, l -> { });
    }

    /** Instruments the module file once and checks it. */
    public static MemCheckExtension forModule(Path wasm) {
        return forModule(MemCheck.instrument(read(wasm)));
    }

    public static MemCheckExtension forModule(byte[] wasm) {
        return forModule(MemCheck.instrument(wasm));
    }

    /**
     * Leaks do not fail tests (other errors still do): for guests that legitimately keep memory
     * until they exit, or tests that hand buffers to a later test.
     */
    public MemCheckExtension ignoreLeaks() {
        return new MemCheckExtension(module, false, callInitialize, imports);
    }

    /** Do not call the guest's {@code _initialize} export when starting a session. */
    public MemCheckExtension withoutInitialize() {
        return new MemCheckExtension(module, failOnLeaks, false, imports);
    }

    /** Defines the guest's own imports (env, WASI, ...) on every session's linker. */
    public MemCheckExtension imports(Consumer<Linker> imports) {
        return new MemCheckExtension(module, failOnLeaks, callInitialize, Objects.requireNonNull(imports, "imports"));
    }

    /**
     * Opens another session of the guest for the running test; it is checked and closed with the
     * test's other sessions. Only valid while a test of this extension runs on this thread.
     */
    public MemCheckSession newSession() {
        ExtensionContext c = CURRENT.get();
        if (c == null) {
            throw new IllegalStateException("MemCheckExtension.newSession() called outside a test using the extension"
                    + " (declare a MemCheckSession parameter first, or call it from the test method)");
        }
        return open(c);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == MemCheckSession.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        try {
            return open(c);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("memcheck: cannot start the guest: " + e.getMessage(), e);
        }
    }

    private MemCheckSession open(ExtensionContext c) {
        Config cfg = config(c);
        MemCheckSession s = MemCheckSession.start(cfg.module, imports, cfg.callInitialize);
        sessions(c).add(s);
        CURRENT.set(c);
        return s;
    }

    @SuppressWarnings("unchecked")
    private static List<MemCheckSession> sessions(ExtensionContext c) {
        return c.getStore(NS).getOrComputeIfAbsent("sessions", k -> new ArrayList<MemCheckSession>(), List.class);
    }

    @Override
    public void afterEach(ExtensionContext c) {
        CURRENT.remove();
        List<MemCheckSession> all = sessions(c);
        boolean leaksFail = config(c).failOnLeaks;
        StringBuilder failures = new StringBuilder();
        int n = 0;
        for (MemCheckSession s : all) {
            Report r;
            try {
                r = s.report();
            } finally {
                s.close();
            }
            n++;
            c.publishReportEntry("memcheck" + (all.size() > 1 ? " session " + n : ""), summary(r));
            if (fails(r, leaksFail)) {
                failures.append(r.toText());
            }
        }
        all.clear();
        if (failures.length() > 0) {
            throw new AssertionError("memcheck found guest memory errors" + (leaksFail ? " or leaks" : "") + " in "
                    + c.getDisplayName() + "\n" + failures);
        }
    }

    private static boolean fails(Report r, boolean leaksFail) {
        for (MemError e : r.errors()) {
            if (e.kind() != MemError.Kind.LEAK || leaksFail) {
                return true;
            }
        }
        return false;
    }

    private static String summary(Report r) {
        return (r.errors().size() - r.leaks().size()) + " errors, " + r.leaks().size() + " leaked blocks ("
                + r.leakedBytes() + " bytes), " + r.allocations() + " allocs, " + r.frees() + " frees";
    }

    // ------------------------------------------------------------------ configuration

    private record Config(Instrumented module, boolean failOnLeaks, boolean callInitialize) {
    }

    private Config config(ExtensionContext c) {
        if (module != null) {
            return new Config(module, failOnLeaks, callInitialize);
        }
        MemCheckGuest g = annotation(c.getTestMethod()).or(() -> annotation(c.getTestClass())).orElseThrow(
                () -> new ExtensionConfigurationException("@ExtendWith(MemCheckExtension.class) needs @MemCheckGuest"
                        + " on the test class or method (or register MemCheckExtension.forModule(...))"));
        // Instrument each file once per test run: the root store lives as long as the engine run.
        Instrumented im = c.getRoot().getStore(NS).getOrComputeIfAbsent("module:" + g.value(),
                k -> MemCheck.instrument(load(g.value())), Instrumented.class);
        return new Config(im, g.failOnLeaks(), g.callInitialize());
    }

    private static Optional<MemCheckGuest> annotation(Optional<? extends AnnotatedElement> e) {
        if (e.isEmpty()) {
            return Optional.empty();
        }
        AnnotatedElement a = e.get();
        MemCheckGuest g = a.getAnnotation(MemCheckGuest.class);
        if (g == null && a instanceof Class<?>) {
            for (Class<?> k = ((Class<?>) a).getEnclosingClass(); k != null && g == null; k = k.getEnclosingClass()) {
                g = k.getAnnotation(MemCheckGuest.class); // @Nested test classes inherit the outer guest
            }
        }
        return Optional.ofNullable(g);
    }

    static byte[] load(String spec) {
        if (spec.startsWith("classpath:")) {
            String name = spec.substring("classpath:".length());
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            try (InputStream in = cl == null ? null : cl.getResourceAsStream(name.startsWith("/") ? name.substring(1) : name)) {
                if (in == null) {
                    throw new ExtensionConfigurationException("@MemCheckGuest: class path resource " + name + " not found");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read class path resource " + name, e);
            }
        }
        Path p = Path.of(spec);
        if (!p.isAbsolute()) {
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(spec))) {
                    return read(dir.resolve(spec));
                }
            }
        }
        if (!Files.isRegularFile(p)) {
            throw new ExtensionConfigurationException("@MemCheckGuest: " + spec + " not found (from "
                    + Path.of("").toAbsolutePath() + " or its parents)");
        }
        return read(p);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
