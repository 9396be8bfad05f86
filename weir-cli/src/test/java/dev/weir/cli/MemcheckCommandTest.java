package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code weir memcheck}: reports from the C guest's deliberate bugs, and a clean run. */
class MemcheckCommandTest {
    private static String cGuest() {
        return Examples.wasm("c-exchange.wasm").toString();
    }

    @Test
    void doubleFreeIsReportedWithTheGuestFunction() {
        CliRun r = CliRun.run("memcheck", cGuest(), "--invoke", "double_free_demo");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("double_free_demo"), r.out());
        assertTrue(r.out().toLowerCase().contains("free"), r.out());
    }

    @Test
    void leakIsReportedAsJson() {
        CliRun r = CliRun.run("memcheck", "--json", cGuest(), "--invoke", "leaky_upper", "1024");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("LEAK"), r.out());
    }

    @Test
    void cleanRunExitsZero() {
        CliRun r = CliRun.run("memcheck", Examples.wasm("add.wasm").toString(), "--invoke", "add", "2", "3");
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @Test
    void unknownExportIsOneLine() {
        CliRun r = CliRun.run("memcheck", cGuest(), "--invoke", "no_such_export");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("weir: "), r.err());
    }
}
