package dev.weir.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every workload gives the same result on Weir and on Chicory, both at the small size whose result
 * the .wat file documents and at {@link Workload#quickScale()} (an eighth of the benchmark size; the
 * benchmarks themselves re-check agreement at full size before measuring). Quick: no measuring.
 */
class WorkloadTest {

    @ParameterizedTest
    @EnumSource(Workload.class)
    void sameResultOnBothRuntimes(Workload w) {
        assertEquals(w.testExpected(), w.bindWeir(w.testScale()).getAsLong(), "Weir " + w.id());
        assertEquals(w.testExpected(), w.bindChicory(w.testScale()).getAsLong(), "Chicory " + w.id());
        if (w.quickScale() > w.testScale()) {
            LongSupplier weir = w.bindWeir(w.quickScale());
            long first = Workload.checkSame(w, weir, w.bindChicory(w.quickScale()));
            // A second run on the same instance must not drift.
            assertEquals(first, weir.getAsLong(), "Weir " + w.id() + " second run");
        }
    }

    @Test
    void checkSameFailsLoudlyOnDisagreement() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Workload.checkSame(Workload.FIB_REC, () -> 1, () -> 2));
        assertTrue(e.getMessage().contains("Weir returned 1 but Chicory returned 2"), e.getMessage());
    }

    @Test
    void geometricMeanOfRatios() {
        ResultTable t = new ResultTable();
        t.add("a", 1, 2);
        t.add("b", 1, 8);
        t.add("c", Double.NaN, 3); // a failed workload: shown, not averaged
        assertEquals(4.0, t.geomean(), 1e-12);
        assertTrue(t.rowsAndGeomean().contains("n/a"));
    }

    @Test
    void idsRoundTrip() {
        for (Workload w : Workload.values()) {
            assertEquals(w, Workload.byId(w.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> Workload.byId("nope"));
    }

    @Test
    void benchmarkParamsNameEveryWorkload() throws Exception {
        String[] params = InterpreterVsChicoryBenchmark.class.getField("workload")
                .getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
        assertEquals(Workload.values().length, params.length);
        for (String p : params) {
            Workload.byId(p);
        }
    }
}
