package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.testsupport.TestSuites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code (module binary ...)} of the spec testsuite: assert_malformed ones must fail to
 * decode with a {@link MalformedModuleException} whose message contains the expected text; all
 * others (top-level modules, assert_invalid) must decode, and re-encode to a module that decodes
 * to an equal one. Skips when WASM_TESTSUITE_DIR (default ../shared/wasm-testsuite) is absent.
 */
class SpecBinaryModulesTest {
    /** Proposals not implemented (custom descriptors adds opcodes and type forms). */
    private static final List<String> SKIPPED_DIRS = List.of("custom-descriptors");

    static Path suiteDir() {
        return TestSuites.locate(TestSuites.Suite.WASM);
    }

    static List<WastBinaries.Case> allCases() throws IOException {
        Path dir = suiteDir();
        assumeTrue(Files.isDirectory(dir), TestSuites.missing(TestSuites.Suite.WASM, dir));
        List<WastBinaries.Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wast")).sorted().collect(Collectors.toList())) {
                if (SKIPPED_DIRS.stream().anyMatch(d -> f.toString().contains("/" + d + "/"))) {
                    continue;
                }
                cases.addAll(WastBinaries.read(f));
            }
        }
        return cases;
    }

    @Test
    void malformedBinariesFailWithTheSpecWording() throws IOException {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (WastBinaries.Case c : allCases()) {
            if (!c.command().equals("assert_malformed")) {
                continue;
            }
            n++;
            try {
                WasmDecoder.decode(c.bytes());
                failures.add(c + ": decoded without error");
            } catch (MalformedModuleException e) {
                if (!e.getMessage().contains(c.expected())) {
                    failures.add(c + ": got \"" + e.getMessage() + "\"");
                }
            } catch (RuntimeException e) {
                failures.add(c + ": threw " + e);
            }
        }
        System.out.println("assert_malformed binary modules: " + n + ", failures: " + failures.size());
        assertTrue(n > 300, "too few cases found: " + n);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    @Test
    void wellFormedBinariesDecodeAndRoundTrip() throws IOException {
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (WastBinaries.Case c : allCases()) {
            if (c.command().equals("assert_malformed")) {
                continue;
            }
            n++;
            try {
                WasmModule m = WasmDecoder.decode(c.bytes());
                WasmModule again = WasmDecoder.decode(WasmEncoder.encode(m));
                if (!again.equals(m)) {
                    failures.add(c + ": round trip differs");
                }
            } catch (RuntimeException e) {
                failures.add(c + ": threw " + e);
            }
        }
        System.out.println("well-formed binary modules: " + n + ", failures: " + failures.size());
        assertTrue(n > 50, "too few cases found: " + n);
        assertEquals(List.of(), failures);
    }
}
