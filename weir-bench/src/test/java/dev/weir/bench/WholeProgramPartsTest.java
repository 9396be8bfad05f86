package dev.weir.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the whole-program harness that need no engine: checks, ratios, formatting, options. */
class WholeProgramPartsTest {

    /** A column with canned results. */
    private static final class Fake implements Contender {
        private final String name;

        Fake(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public Measurement measure(Program program, Settings settings, String reference) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void measurementsCrossAProcessBoundaryUnchanged() {
        Measurement ok = Measurement.ok(new long[] {2_000_000, 4_000_000}, new long[] {10_000_000}).withStdout("a\tb\n");
        Measurement back = Measurement.parse(ok.serialize());
        assertEquals(ok.toString(), back.toString());
        assertEquals(ok.iterations(), back.iterations());
        assertEquals("a\tb\n", back.stdout());
        Measurement fail = Measurement.parse(Measurement.fail("wrong stdout:\n\t\"x\"").serialize());
        assertEquals(Measurement.Status.FAIL, fail.status());
        assertEquals(Measurement.fail("wrong stdout:\n\t\"x\"").message(), fail.message());
        assertEquals(null, fail.stdout());
        assertEquals(null, Measurement.parse("compile 1 ms"), "other lines of the child are not results");
    }

    @Test
    void forkedCellRunsInAJvmOfItsOwn() throws Exception {
        WholeProgram w = new WholeProgram();
        w.parse(new String[] {"--fork", "--engines", "weir-compiler", "--only", "^fib_rec$", "--warmup", "0",
            "--iterations", "1", "--timeout", "120"});
        WholeProgramReport r = w.run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        Contender c = r.column("Weir compiler");
        assertTrue(c instanceof ForkedContender, "an in-JVM engine is forked");
        Measurement m = r.get(r.programs().get(0), c);
        assertEquals(Measurement.Status.OK, m.status(), m.message());
        assertTrue(m.runMs() >= 0 && m.iterations() == 1);
    }

    @Test
    void outputDifferenceNamesTheFirstDifferingPlace() {
        String d = OutputCheck.difference("a\nbc\n", "a\nbx\n");
        assertTrue(d.contains("at char 3 (line 2)"), d);
        assertTrue(d.contains("\"c\\n\"") && d.contains("\"x\\n\""), d);
        assertTrue(OutputCheck.difference("abc", "ab").contains("<end>"));
    }

    @Test
    void runWindowNeedsOneStartThenOneEnd() {
        RunWindow none = new RunWindow();
        assertEquals(42, none.elapsedOr(42), "no hooks called: the whole call");
        RunWindow ok = new RunWindow();
        ok.start();
        ok.end();
        assertTrue(ok.elapsedOr(-1) >= 0);
        RunWindow twice = new RunWindow();
        twice.start();
        twice.start();
        twice.end();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> twice.elapsedOr(0));
        assertTrue(e.getMessage().contains("bench.start called 2 times"), e.getMessage());
    }

    @Test
    void kernelExpectationsFollowTheWatArithmetic() {
        assertEquals(2880067194370816120L, ProgramSuite.fibIter(90)); // documented in fib.wat
        assertEquals(32640, ProgramSuite.churn(256)); // the Workload test value of memcopy.wat
        Program.Invoke i32 = new Program.Invoke("f", "i", 'i', 1);
        assertEquals("-1\n", i32.format(0xFFFF_FFFFL), "i32 results are signed");
        assertEquals("4294967295\n", new Program.Invoke("g", "I", 'I', 1).format(0xFFFF_FFFFL));
        assertThrows(IllegalArgumentException.class, () -> new Program.Invoke("f", "ii", 'i', 1));
    }

    @Test
    void ratiosAndGeomeanAreAgainstTheWeirCompiler() {
        Program a = Program.invoke("a", Path.of("a.wasm"), new Program.Invoke("f", "", 'i'), 1, "test");
        Program b = Program.invoke("b", Path.of("b.wasm"), new Program.Invoke("f", "", 'i'), 1, "test");
        Fake weir = new Fake("Weir compiler");
        Fake other = new Fake("Chicory compiler");
        WholeProgramReport r = new WholeProgramReport(List.of(a, b), List.of(weir, other), List.of("node: absent"));
        r.put(a, weir, Measurement.ok(new long[] {1_000_000}, new long[] {10_000_000}));
        r.put(a, other, Measurement.ok(new long[] {4_000_000}, new long[] {20_000_000}));
        r.put(b, weir, Measurement.ok(new long[] {1_000_000}, new long[] {10_000_000}));
        r.put(b, other, Measurement.ok(new long[] {1_000_000}, new long[] {80_000_000}));
        double[] g = r.geomean(other, weir, true);
        assertEquals(4.0, g[0], 1e-9, "sqrt(2 * 8)");
        assertEquals(2, (int) g[1]);
        assertEquals("20.00 (2.00x)", r.cell(a, other, true));
        assertEquals("10.00", r.cell(a, weir, true));
        assertTrue(r.targets().get(0).contains("4.00x") && r.targets().get(0).contains("MET"), r.targets().toString());

        r.put(b, other, Measurement.fail("wrong stdout: at char 0"));
        assertEquals("FAIL", r.cell(b, other, true));
        assertEquals(1, (int) r.geomean(other, weir, true)[1], "a FAIL is left out of the mean");
        r.put(b, other, Measurement.fail("timeout after 5 s"));
        assertEquals("TIMEOUT", r.cell(b, other, true));
        assertTrue(r.weirOk());
        r.put(b, weir, Measurement.fail("exit code 1"));
        assertTrue(!r.weirOk());
        assertTrue(r.text().contains("engine not run: node: absent"));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("b on Weir compiler: exit code 1")));
        String html = WholeProgramHtml.page(r);
        assertTrue(html.contains("<svg") && html.contains("class=\"fail\""));
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        WholeProgram w = new WholeProgram();
        assertThrows(IllegalArgumentException.class, () -> w.parse(new String[] {"--iterations", "0"}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.parse(new String[] {"--engines", "weir-compiler,v8"}));
        assertTrue(e.getMessage().contains("v8"));
        assertThrows(IllegalArgumentException.class, () -> w.parse(new String[] {"--html"}));
    }

    @Test
    void timeoutStopsARunawayTask() {
        String r = JvmContender.runOnThread(() -> {
            long x = 0;
            while (x >= 0) {
                x++;
            }
            return "unreachable " + x;
        }, 200);
        assertTrue(r.startsWith("timeout"), r);
        assertEquals("boom", JvmContender.runOnThread(() -> "boom", 5000));
        assertTrue(JvmContender.runOnThread(() -> {
            throw new IllegalStateException("bad");
        }, 5000).contains("IllegalStateException: bad"));
    }
}
