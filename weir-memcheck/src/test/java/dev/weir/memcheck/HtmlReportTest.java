package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.memcheck.MemError.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Report#toHtml()}: structure of the page and, when Chromium is installed, a real rendering. */
class HtmlReportTest {
    private static final Instrumented C = MemCheck.instrument(Guests.bytes("c-exchange.wasm"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** Six clean upper() round trips, one leaky_upper (its input is leaked too) and a double free. */
    private static Report scenario() {
        try (MemCheckSession s = MemCheckSession.start(C)) {
            for (int i = 0; i < 6; i++) {
                int in = cString(s, "round trip number " + i + " with some text to make it longer".repeat(i + 1));
                int out = s.callInt("upper", in);
                s.callInt("free", out);
                s.callInt("free", in);
            }
            s.callInt("leaky_upper", cString(s, "this one leaks"));
            assertEquals(0, s.callInt("double_free_demo"));
            return s.report();
        }
    }

    private static int cString(MemCheckSession s, String text) {
        byte[] b = (text + "\0").getBytes(StandardCharsets.UTF_8);
        int p = s.callInt("malloc", b.length);
        s.memory().write(p, b, 0, b.length);
        return p;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Test
    void pageHasOneRectanglePerBlockLeaksInRedAndTheErrorList() {
        Report r = scenario();
        HeapTimeline t = r.timeline();
        assertEquals(r.allocations(), t.blockCount(), t.toString());
        assertEquals(0, t.dropped());
        String html = r.toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertEquals(1, count(html, "<svg"));
        assertEquals(1, count(html, "</svg>"));
        assertEquals(t.blockCount(), count(html, "<rect class=\"blk "), "one rect per block");
        int leaks = r.leaks().size();
        assertEquals(3, leaks, r.toText()); // leaky_upper's input (malloc'd by the test) and its two blocks
        Matcher m = Pattern.compile("<rect class=\"blk leak\"[^>]*fill=\"([^\"]+)\"").matcher(html);
        int red = 0;
        while (m.find()) {
            assertEquals(HtmlReport.LEAK_FILL, m.group(1));
            red++;
        }
        assertEquals(leaks, red, "each leaked block is drawn red");
        assertEquals(t.blockCount() - leaks, count(html, "<rect class=\"blk freed\""));
        List<MemError> doubles = r.errors(Kind.DOUBLE_FREE);
        assertEquals(1, doubles.size());
        assertEquals(r.errors().size() - leaks, count(html, "class=\"errmark\""), "one marker per error site");
        assertTrue(html.contains("DOUBLE_FREE") && html.contains("double_free_demo"), "error list with stacks");
        assertTrue(html.contains("freed at") && html.contains("allocated at"));
        assertTrue(html.contains("leaky_upper"));
        // Well-formed enough: balanced elements, and self-contained (no scripts or external resources).
        for (String tag : new String[] {"div", "ol", "li", "table", "tr", "td", "g", "title", "text", "h2"}) {
            assertEquals(count(html, "<" + tag + ">") + count(html, "<" + tag + " "), count(html, "</" + tag + ">"),
                    "balanced <" + tag + ">");
        }
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href=")
                || html.contains("url(") || html.contains("@import"), "no external resources");
        assertEquals(1, count(html, "http://"), "only the SVG namespace URI");
    }

    @Test
    void cleanRunSaysSoAndEmptyTimelineStillRenders() {
        Report empty = new Report(List.of(), 0, 0, 0, 0, null);
        String html = empty.toHtml();
        assertTrue(html.contains("no heap blocks were allocated"));
        assertTrue(html.contains("No memory errors and no leaks."));
        assertEquals(0, count(html, "<rect class=\"blk "));
    }

    @Test
    void textIsEscaped() {
        MemError e = new MemError(Kind.INVALID_FREE, 16, 0, List.of("f<T> (guest & co)"), null, "a \"quoted\" <b>", 1,
                false);
        String html = new Report(List.of(e), 0, 0, 0, 0, "trap <x>").toHtml();
        assertTrue(html.contains("f&lt;T&gt; (guest &amp; co)"));
        assertTrue(html.contains("a &quot;quoted&quot; &lt;b&gt;"));
        assertFalse(html.contains("<b>") || html.contains("<x>"));
    }

    @Test
    void rendersInHeadlessChromium(@TempDir Path tmp) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM) && "1".equals(System.getenv("WEIR_REQUIRE_CHROMIUM"))) {
            throw new AssertionError(CHROMIUM + " is not installed but WEIR_REQUIRE_CHROMIUM=1 (CI installs it)");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            System.err.println("HtmlReportTest: skipping the browser check: " + CHROMIUM + " is not installed");
        }
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM
                + " (Chromium) is not installed; install it (apt-get install chromium) to render the report");
        Path page = tmp.resolve("report.html");
        Files.writeString(page, scenario().toHtml());
        Path shot = tmp.resolve("shot.png");
        Process p = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + tmp.resolve("profile"), "--screenshot=" + shot, "--window-size=1200,900",
                page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        assertTrue(Files.isRegularFile(shot), "no screenshot; chromium log:\n" + Files.readString(tmp.resolve("chromium.log")));
        long size = Files.size(shot);
        assertTrue(size > 5 * 1024, "screenshot is only " + size + " bytes");
        String keep = System.getenv("WEIR_MEMCHECK_SHOT");
        if (keep != null) {
            Files.copy(shot, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
