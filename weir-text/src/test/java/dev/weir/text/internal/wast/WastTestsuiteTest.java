package dev.weir.text.internal.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testsupport.TestSuites;
import dev.weir.text.TextParseException;
import dev.weir.text.Wast;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every .wast file of the official testsuite (env WASM_TESTSUITE_DIR) reads into commands. */
class WastTestsuiteTest {

    @Test
    void everyScriptParses() throws IOException {
        Path dir = suiteDir();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(f -> f.toString().endsWith(".wast")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() > 250, "expected the whole testsuite, found " + files.size());
        List<String> failures = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        int commands = 0;
        for (Path f : files) {
            try {
                for (Command c : Wast.parseFile(f)) {
                    commands++;
                    kinds.merge(c.getClass().getSimpleName(), 1, Integer::sum);
                    assertTrue(c.line() > 0);
                }
            } catch (TextParseException e) {
                failures.add(dir.relativize(f) + ":" + e.getMessage());
            }
        }
        System.out.println("wast: " + files.size() + " files, " + commands + " commands " + kinds);
        assertEquals(List.of(), failures);
        assertTrue(kinds.get("AssertReturn") > 50_000, kinds.toString());
        assertTrue(kinds.get("AssertMalformed") > 1_000, kinds.toString());
    }

    static Path suiteDir() {
        return TestSuites.require(TestSuites.Suite.WASM);
    }
}
