package dev.weir.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-program suite's quick mode, as CI runs it in {@code mvn verify}: the {@link ProgramSuite#QUICK}
 * programs (the sightglass ones only when BENCH_CORPUS_DIR is there), 0 warm-up, 1 run, on every
 * engine this machine has. Weir's interpreter and compiler and Chicory's interpreter and compiler
 * must produce the expected output on every program; other engines may be unavailable (the report
 * says why) but are printed either way. The text table, Markdown and HTML must be written.
 */
class WholeProgramQuickTest {

    @Test
    void quickSuiteChecksOutputsAndWritesTheReports(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report/whole.html");
        Path md = dir.resolve("whole.md");
        WholeProgram w = new WholeProgram();
        w.parse(new String[] {"--quick", "--timeout", "120", "--html", html.toString(), "--markdown", md.toString()});
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream tee = new PrintStream(new TeeStream(buf, System.out), true, StandardCharsets.UTF_8);
        WholeProgramReport r = w.run(tee);
        String text = buf.toString(StandardCharsets.UTF_8);

        assertFalse(r.programs().isEmpty());
        for (String required : List.of("Weir interp", "Weir compiler", "Chicory interp", "Chicory compiler")) {
            Contender c = r.column(required);
            assertNotNull(c, required + " must always be available");
            for (Program p : r.programs()) {
                Measurement m = r.get(p, c);
                assertEquals(Measurement.Status.OK, m.status(), p.id() + " on " + required + ": " + m.message());
                assertTrue(m.runMs() >= 0 && m.compileMs() >= 0, p.id() + " on " + required + ": times");
            }
        }
        assertTrue(r.weirOk());
        for (String s : r.skipped()) {
            assertTrue(text.contains("skipping " + s), "an unavailable engine is reported with its reason: " + s);
        }
        assertTrue(text.contains("geomean ratio"), text);
        assertTrue(text.contains("target run time: Chicory compiler / Weir compiler"), text);

        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<svg") && page.contains("</svg>"), "inline SVG chart");
        assertFalse(page.contains("<script") || page.contains("src=\"http"), "self-contained");
        String markdown = Files.readString(md);
        assertTrue(markdown.contains("| program |"));
        for (Program p : r.programs()) {
            assertTrue(page.contains(p.id()) && markdown.contains("| " + p.id() + " |"), p.id());
        }
    }

    /** Writes to two streams (the captured text and the build log). */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
