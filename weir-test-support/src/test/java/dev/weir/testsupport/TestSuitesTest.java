package dev.weir.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class TestSuitesTest {
    @Test
    void systemPropertyIsUsedWhenTheVariableIsUnset(@TempDir Path dir) {
        TestSuites.Suite s = TestSuites.Suite.BENCH;
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(s.envVar) == null, s.envVar + " is set");
        String old = System.getProperty(s.property);
        try {
            System.setProperty(s.property, dir.toString());
            assertEquals(dir, TestSuites.locate(s));
            assertEquals(dir, TestSuites.require(s));
            System.setProperty(s.property, dir.resolve("absent").toString());
            TestAbortedException e = assertThrows(TestAbortedException.class, () -> TestSuites.require(s));
            assertTrue(e.getMessage().contains("bench-corpus not found at " + dir.resolve("absent")
                    + "; set BENCH_CORPUS_DIR to run these tests"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(s.property);
            } else {
                System.setProperty(s.property, old);
            }
        }
    }

    @Test
    void defaultIsASharedDirectoryAboveTheWorkingDirectory() {
        for (TestSuites.Suite s : TestSuites.Suite.values()) {
            if (System.getenv(s.envVar) == null && System.getProperty(s.property) == null) {
                Path p = TestSuites.locate(s);
                assertEquals(s.dirName, p.getFileName().toString());
                assertEquals("shared", p.getParent().getFileName().toString());
            }
        }
    }

    @Test
    void filesAreSortedAndFilteredBySuffix(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("b/z.wast"), "");
        Files.writeString(dir.resolve("a.wast"), "");
        Files.writeString(dir.resolve("a.json"), "");
        Files.createDirectories(dir.resolve("d.wast"));
        assertEquals(List.of(dir.resolve("a.wast"), dir.resolve("b/z.wast")), TestSuites.files(dir, ".wast"));
    }
}
