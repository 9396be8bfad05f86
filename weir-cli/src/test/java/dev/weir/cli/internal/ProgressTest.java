package dev.weir.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void offRunsTheStepAndPrintsNothing() {
        Object r = new Object();
        assertSame(r, Progress.off().phase("x", () -> r));
        StringWriter w = new StringWriter();
        assertSame(r, new Progress(new PrintWriter(w), false, false).phase("x", () -> r, () -> "detail"));
        assertEquals("", w.toString());
    }

    @Test
    void liveLineIsDrawnForLongStepsAndErasedAfterwards() {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w), true, false);
        assertTrue(p.live());
        String r = p.phase("compiling 7 functions", () -> {
            sleep(Progress.DELAY_MILLIS + 3 * Progress.TICK_MILLIS);
            return "done";
        });
        assertEquals("done", r);
        String s = w.toString();
        assertTrue(s.startsWith("\rweir: compiling 7 functions... "), s);
        assertTrue(s.split("\r", -1).length >= 4, "redrawn a few times: " + s.replace("\r", "<CR>"));
        // The last thing written blanks the line and returns the cursor, leaving no trace on screen.
        assertTrue(s.matches("(?s).*\r +\r$"), s.replace("\r", "<CR>"));
        assertFalse(s.contains("\n"), s);
        // Nothing more is drawn after the phase ended.
        sleep(2 * Progress.TICK_MILLIS);
        assertEquals(s, w.toString());
    }

    @Test
    void shortStepsDrawNothingEvenWhenLive() {
        StringWriter w = new StringWriter();
        new Progress(new PrintWriter(w), true, false).phase("decoding a.wasm", () -> 1);
        sleep(Progress.DELAY_MILLIS + Progress.TICK_MILLIS);
        assertEquals("", w.toString());
    }

    @Test
    void verbosePrintsOneTimedLinePerStepWithDetail() {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w), false, true);
        p.phase("decoding a.wasm", () -> 1);
        p.phase("compiling 3 functions of a.wasm", () -> 2, () -> "3 to JVM bytecode, 0 interpreted");
        String[] lines = w.toString().split("\n");
        assertEquals(2, lines.length, w.toString());
        assertTrue(lines[0].matches("weir: decoding a\\.wasm: \\d+ ms"), lines[0]);
        assertTrue(lines[1].matches("weir: compiling 3 functions of a\\.wasm: \\d+ ms \\(3 to JVM bytecode, 0 interpreted\\)"),
                lines[1]);
    }

    @Test
    void aFailingStepStopsTheLineAndPrintsNoTiming() {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w), true, true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.phase("x", () -> {
            sleep(Progress.DELAY_MILLIS + Progress.TICK_MILLIS);
            throw new IllegalStateException("bad");
        }));
        assertEquals("bad", e.getMessage());
        String s = w.toString();
        assertTrue(s.endsWith("\r"), s.replace("\r", "<CR>"));
        assertFalse(s.contains("\n"), s);
    }

    @Test
    void durations() {
        assertEquals("0 ms", Progress.formatMillis(0));
        assertEquals("999 ms", Progress.formatMillis(999));
        assertEquals("1.0 s", Progress.formatMillis(1000));
        assertEquals("12.3 s", Progress.formatMillis(12_345));
    }
}
