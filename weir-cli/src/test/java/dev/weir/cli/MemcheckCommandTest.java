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
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("weir: " + cGuest() + ": no exported function 'no_such_export' (exported functions: "),
                r.err());
        assertTrue(r.err().contains("Try 'weir memcheck --help'"), r.err());
    }

    @Test
    void wrongArgumentCountAndTypeAreUsageErrorsLikeRun() {
        String add = Examples.wasm("add.wasm").toString();
        for (String verb : new String[] {"run", "memcheck"}) {
            CliRun count = CliRun.run(verb, add, "--invoke", "add", "1");
            assertEquals(2, count.exit(), count.err());
            assertTrue(count.err().startsWith("weir: add (func (param i32 i32) (result i32)) takes 2 arguments, got 1\n"),
                    count.err());
            CliRun type = CliRun.run(verb, add, "--invoke", "add", "1", "x");
            assertEquals(2, type.exit(), type.err());
            assertTrue(type.err().startsWith("weir: argument 2 of add: "), type.err());
        }
    }

    @Test
    void textModulesAreCheckedToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("add.wat"),
                "(module (func (export \"add\") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))");
        CliRun r = CliRun.run("memcheck", f.toString(), "--invoke", "add", "2", "3");
        assertEquals(0, r.exit(), r.out() + r.err());
    }
}
