package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir memcheck --html FILE}: the HTML report is written next to the text report. */
class MemcheckHtmlCommandTest {
    @Test
    void writesTheHtmlReport(@TempDir Path tmp) throws IOException {
        Path html = tmp.resolve("report.html");
        CliRun r = CliRun.run("memcheck", "--html", html.toString(), Examples.wasm("c-exchange.wasm").toString(),
                "--invoke", "leaky_upper", "1024");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("definitely lost"), r.out()); // the text report is still printed
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<svg") && page.contains("class=\"blk leak\""), page);
    }

    @Test
    void unwritableHtmlPathIsOneLine(@TempDir Path tmp) {
        Path html = tmp.resolve("no-such-dir").resolve("report.html");
        CliRun r = CliRun.run("memcheck", "--html", html.toString(), Examples.wasm("add.wasm").toString(),
                "--invoke", "add", "2", "3");
        assertTrue(r.exit() != 0, r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("report.html"), r.err());
    }
}
