package dev.weir.memcheck.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.weir.memcheck.MemCheckSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs the sample test classes below through JUnit's EngineTestKit: tests whose guest leaks or
 * corrupts memory must FAIL with memcheck's report, clean ones must PASS. The samples only run
 * inside the test kit ({@link #samples()}), never as part of the normal build.
 */
class MemCheckExtensionTest {
    static final String C = "examples/wasm/c-exchange.wasm";
    private static volatile boolean samples;

    static boolean samples() {
        return samples;
    }

    private static Events run(Class<?> sample) {
        samples = true;
        try {
            return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().testEvents();
        } finally {
            samples = false;
        }
    }

    /** Test method name → failure message ("" for a passed test). */
    private static Map<String, String> outcomes(Events events) {
        return events.finished().stream().collect(Collectors.toMap(MemCheckExtensionTest::method, e -> {
            TestExecutionResult r = e.getPayload(TestExecutionResult.class).orElseThrow();
            return r.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? ""
                    : r.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse("?");
        }));
    }

    private static String method(Event e) {
        String name = e.getTestDescriptor().getDisplayName();
        return name.substring(0, name.indexOf('('));
    }

    static void cleanUpper(MemCheckSession s) {
        byte[] b = "hello\0".getBytes(StandardCharsets.UTF_8);
        int in = s.callInt("malloc", b.length);
        s.memory().write(in, b, 0, b.length);
        int out = s.callInt("upper", in);
        s.callInt("free", out);
        s.callInt("free", in);
    }

    static void leakyUpper(MemCheckSession s) {
        byte[] b = "hello\0".getBytes(StandardCharsets.UTF_8);
        int in = s.callInt("malloc", b.length);
        s.memory().write(in, b, 0, b.length);
        int out = s.callInt("leaky_upper", in); // leaks a 6-byte scratch copy
        s.callInt("free", out);
        s.callInt("free", in);
    }

    @EnabledIf("dev.weir.memcheck.junit.MemCheckExtensionTest#samples")
    static class ProgrammaticSample {
        @RegisterExtension
        static MemCheckExtension memcheck = MemCheckExtension.forModule(MemCheckExtension.load(C));

        @Test
        void clean(MemCheckSession s) {
            cleanUpper(s);
        }

        @Test
        void leaking(MemCheckSession s) {
            leakyUpper(s);
        }

        @Test
        void doubleFree(MemCheckSession s) {
            s.callInt("double_free_demo");
        }

        @Test
        void secondSessionLeaks(MemCheckSession s) {
            cleanUpper(s);
            leakyUpper(memcheck.newSession());
        }
    }

    @Test
    void programmaticExtensionFailsLeakingAndCorruptingTests() {
        Events events = run(ProgrammaticSample.class);
        events.assertStatistics(st -> st.started(4).succeeded(1).failed(3));
        Map<String, String> o = outcomes(events);
        assertEquals("", o.get("clean"));
        String leak = o.get("leaking");
        assertTrue(leak.startsWith("AssertionError: memcheck found guest memory errors or leaks in leaking("), leak);
        assertTrue(leak.contains("6 bytes in 1 blocks are definitely lost"), leak);
        assertTrue(leak.contains("by leaky_upper (func"), leak);
        assertTrue(o.get("doubleFree").contains("Invalid free() / delete / delete[] / realloc() (double free)"),
                o.get("doubleFree"));
        assertTrue(o.get("doubleFree").contains("by double_free_demo (func"), o.get("doubleFree"));
        assertTrue(o.get("secondSessionLeaks").contains("definitely lost"), o.get("secondSessionLeaks"));
    }

    @EnabledIf("dev.weir.memcheck.junit.MemCheckExtensionTest#samples")
    @ExtendWith(MemCheckExtension.class)
    @MemCheckGuest(C)
    static class DeclarativeSample {
        @Test
        void clean(MemCheckSession s) {
            cleanUpper(s);
        }

        @Test
        void leaking(MemCheckSession s) {
            leakyUpper(s);
        }

        @Test
        @MemCheckGuest(value = C, failOnLeaks = false)
        void leakingAllowed(MemCheckSession s) {
            leakyUpper(s);
        }

        @Test
        @MemCheckGuest(value = C, failOnLeaks = false)
        void useAfterFreeFailsEvenWhenLeaksAreAllowed(MemCheckSession s) {
            s.callInt("use_after_free_demo");
        }

        @Test
        @MemCheckGuest("no/such/guest.wasm")
        void missingGuest(MemCheckSession s) {
        }
    }

    @Test
    void declarativeExtensionReadsTheAnnotations() {
        Events events = run(DeclarativeSample.class);
        events.assertStatistics(st -> st.started(5).succeeded(2).failed(3));
        Map<String, String> o = outcomes(events);
        assertEquals("", o.get("clean"));
        assertEquals("", o.get("leakingAllowed"));
        assertTrue(o.get("leaking").contains("definitely lost"), o.get("leaking"));
        String uaf = o.get("useAfterFreeFailsEvenWhenLeaksAreAllowed");
        assertTrue(uaf.startsWith("AssertionError: memcheck found guest memory errors in "), uaf);
        assertTrue(uaf.contains("(use after free)"), uaf);
        String missing = o.get("missingGuest");
        assertTrue(missing.startsWith("ParameterResolutionException"), missing);
        assertTrue(missing.contains("no/such/guest.wasm not found"), missing);
    }

    @EnabledIf("dev.weir.memcheck.junit.MemCheckExtensionTest#samples")
    @ExtendWith(MemCheckExtension.class)
    static class UnconfiguredSample {
        @Test
        void noGuest(MemCheckSession s) {
        }
    }

    @Test
    void missingAnnotationIsAConfigurationError() {
        Events events = run(UnconfiguredSample.class);
        events.assertStatistics(st -> st.started(1).failed(1));
        Throwable t = events.failed().stream().findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertTrue(t.getMessage().contains("needs @MemCheckGuest"), t.getMessage());
    }

    @EnabledIf("dev.weir.memcheck.junit.MemCheckExtensionTest#samples")
    static class IgnoreLeaksSample {
        @RegisterExtension
        static MemCheckExtension memcheck = MemCheckExtension.forModule(MemCheckExtension.load(C)).ignoreLeaks();

        @Test
        void leaking(MemCheckSession s) {
            leakyUpper(s);
        }

        @Test
        void heapOverflow(MemCheckSession s) {
            s.callInt("overflow_demo");
        }
    }

    @Test
    void ignoreLeaksStillFailsOtherErrors() {
        Events events = run(IgnoreLeaksSample.class);
        events.assertStatistics(st -> st.started(2).succeeded(1).failed(1));
        assertTrue(outcomes(events).get("heapOverflow").contains("(heap buffer overflow)"));
    }

    @Test
    void newSessionOutsideATestIsAnError() {
        MemCheckExtension e = MemCheckExtension.forModule(MemCheckExtension.load(C));
        assertInstanceOf(IllegalStateException.class, org.junit.jupiter.api.Assertions.assertThrows(
                IllegalStateException.class, e::newSession));
        // and selecting a single sample method works like any JUnit selection
        samples = true;
        try {
            EngineTestKit.engine("junit-jupiter").selectors(selectMethod(ProgrammaticSample.class, "clean",
                    MemCheckSession.class.getName())).execute().testEvents().assertStatistics(st -> st.succeeded(1));
        } finally {
            samples = false;
        }
    }
}
