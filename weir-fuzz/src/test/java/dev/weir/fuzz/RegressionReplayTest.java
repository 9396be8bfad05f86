package dev.weir.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every saved reproducer under src/test/resources/regressions/ on the pair that found it.
 * Reproducers of bugs still open ("status: open" in the .txt) are skipped with their description;
 * set the status to "fixed" once the runtime is fixed and they guard against regressions forever.
 */
class RegressionReplayTest {
    @TestFactory
    List<DynamicTest> savedReproducersAgree() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Regressions.Case c : Regressions.all(Regressions.dir())) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> replay(c)));
        }
        return tests;
    }

    static void replay(Regressions.Case c) {
        Assumptions.assumeFalse(c.open(), () -> "open bug (" + c.header().get("difference") + "): " + c.wasm());
        replayNow(c);
    }

    /** Replays regardless of status (the @Disabled known-bug tests call this). */
    static void replayNow(Regressions.Case c) {
        byte[] bytes = c.bytes();
        switch (c.pair()) {
            case "interpreter-alone": {
                Outcome o = WeirRunner.interpreter().run(bytes);
                assertFalse(o.isError() || "interrupted".equals(o.trap()), c.name() + ": " + o);
                break;
            }
            case BinaryenCampaign.PAIR_ALONE: {
                Transcript t = BinaryenWeirRunner.interpreter(false).run(bytes);
                assertNull(BinaryenCampaign.aloneProblem(t), c.name());
                break;
            }
            case BinaryenCampaign.PAIR_IC: {
                BinaryenWeirRunner compiler = BinaryenWeirRunner.compiler(false);
                String why = compiler.unavailableReason();
                Assumptions.assumeTrue(why == null, () -> "compiler unavailable: " + why);
                assertNull(BinaryenWeirRunner.interpreter(false).run(bytes).diff(compiler.run(bytes), true), c.name());
                break;
            }
            case BinaryenCampaign.PAIR_NODE: {
                BinaryenNodeRunner node = new BinaryenNodeRunner();
                String why = node.unavailableReason();
                Assumptions.assumeTrue(why == null, () -> "node unavailable: " + why);
                assertNull(BinaryenWeirRunner.interpreter(true).run(bytes).diff(node.runAll(List.of(bytes)).get(0), false),
                        c.name());
                break;
            }
            case "interp-vs-node":
                check(EnginePair.interpreterVsNode(), bytes, c);
                break;
            default:
                check(EnginePair.interpreterVsCompiler(), bytes, c);
                break;
        }
    }

    private static void check(EnginePair p, byte[] bytes, Regressions.Case c) {
        String why = p.unavailableReason();
        Assumptions.assumeTrue(why == null, () -> p.name() + " unavailable: " + why);
        assertNull(p.diff(p.a().run(bytes), p.b().run(bytes)), c.name());
    }

    static Regressions.Case named(String name) {
        return Regressions.all(Regressions.dir()).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no reproducer " + name));
    }
}
