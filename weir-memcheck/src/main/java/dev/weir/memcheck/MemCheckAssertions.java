package dev.weir.memcheck;

import dev.weir.memcheck.MemError.Kind;

/**
 * Assertions for tests (any framework: they throw {@link AssertionError} with the Valgrind-style
 * text report as the message).
 *
 * <pre>{@code
 * try (MemCheckSession s = MemCheckSession.start(MemCheck.instrument(wasm))) {
 *     ... exercise the guest ...
 *     MemCheckAssertions.assertNoLeaks(s.report());
 * }
 * }</pre>
 */
public final class MemCheckAssertions {
    private MemCheckAssertions() {
    }

    /** Fails if any guest block is still allocated. */
    public static void assertNoLeaks(Report report) {
        if (!report.leaks().isEmpty()) {
            throw new AssertionError(report.leaks().size() + " guest block(s) leaked (" + report.leakedBytes()
                    + " bytes)\n" + report.toText());
        }
    }

    /** Fails on any memory error other than leaks. */
    public static void assertNoErrors(Report report) {
        for (MemError e : report.errors()) {
            if (e.kind() != Kind.LEAK) {
                throw new AssertionError("guest memory error: " + e.kind() + "\n" + report.toText());
            }
        }
    }

    /** Fails on any error or leak. */
    public static void assertClean(Report report) {
        assertNoErrors(report);
        assertNoLeaks(report);
    }

    /** Runs {@code body} in a session and fails if it leaves errors or leaks. */
    public static Report assertClean(Instrumented module, java.util.function.Consumer<MemCheckSession> body) {
        try (MemCheckSession s = MemCheckSession.start(module)) {
            body.accept(s);
            Report r = s.report();
            assertClean(r);
            return r;
        }
    }
}
