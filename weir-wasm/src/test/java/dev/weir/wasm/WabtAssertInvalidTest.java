package dev.weir.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.testsupport.TestSuites;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Until weir-text's spec runner exists: wabt's {@code wast2json --no-check} turns the testsuite's
 * text-format modules into binaries (without validating them), so the validator can be checked
 * against every {@code assert_invalid} message and every valid module wabt can encode. wabt 1.0.32
 * lacks GC and parts of typed references, so files it cannot parse are skipped; the GC rules are
 * covered by the unit tests. Skips when wast2json is not installed.
 */
class WabtAssertInvalidTest {
    private static final Pattern COMMAND = Pattern.compile("\\{\"type\": \"(module|assert_invalid)\", \"line\": (\\d+), "
            + "(?:\"name\": \"[^\"]*\", )?\"filename\": \"([^\"]+)\"(?:, \"text\": \"((?:[^\"\\\\]|\\\\.)*)\")?");

    /** Expectations that do not hold for Wasm 3.0 or that wabt 1.0.32 cannot encode faithfully. */
    private static final Set<String> KNOWN = Set.of(
            "multiple memories", "multiple tables",   // pre-multi-memory threads proposal files
            "func.wast:660");                         // wabt mis-encodes a (ref $t) local

    private static Path wast2json() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "wast2json");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void assertInvalidModulesFromText(@TempDir Path tmp) throws Exception {
        Path tool = wast2json();
        assumeTrue(tool != null, "wast2json (wabt) not installed");
        Path dir = TestSuites.require(TestSuites.Suite.WASM);
        List<String> failures = new ArrayList<>();
        int invalid = 0;
        int valid = 0;
        for (Path f : TestSuites.files(dir, ".wast")) {
            String name = dir.relativize(f).toString();
            if (name.startsWith("proposals/custom-descriptors")) {
                continue;
            }
            Path out = tmp.resolve(name.replace('/', '_').replace(".wast", ""));
            Files.createDirectories(out);
            Path json = out.resolve("x.json");
            Process p = new ProcessBuilder(tool.toString(), "--enable-all", "--no-check", f.toString(), "-o", json.toString())
                    .redirectErrorStream(true).redirectOutput(out.resolve("log.txt").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                continue;
            }
            if (p.exitValue() != 0) {
                continue; // syntax wabt 1.0.32 does not know (GC, newer typed references)
            }
            Matcher m = COMMAND.matcher(Files.readString(json, StandardCharsets.UTF_8));
            while (m.find()) {
                String file = m.group(3);
                String where = name + ":" + m.group(2);
                String expected = m.group(4);
                if (!file.endsWith(".wasm") || KNOWN.contains(where) || (expected != null && KNOWN.contains(expected))) {
                    continue;
                }
                WasmModule mod;
                try {
                    mod = WasmDecoder.decode(Files.readAllBytes(out.resolve(file)));
                } catch (MalformedModuleException e) {
                    continue; // e.g. wabt omits the data count section a binary needs; decoding is tested elsewhere
                }
                if (m.group(1).equals("module")) {
                    valid++;
                    try {
                        WasmValidator.validate(mod);
                    } catch (RuntimeException e) {
                        failures.add(where + " valid module rejected: " + e.getMessage());
                    }
                    continue;
                }
                invalid++;
                try {
                    WasmValidator.validate(mod);
                    failures.add(where + " accepted, expected \"" + expected + "\"");
                } catch (InvalidModuleException e) {
                    if (!e.reason().startsWith(expected) && !e.reason().contains(expected)) {
                        failures.add(where + " expected \"" + expected + "\" got \"" + e.reason() + "\"");
                    }
                } catch (RuntimeException e) {
                    failures.add(where + " expected \"" + expected + "\" got " + e);
                }
            }
        }
        System.out.println("wast2json: " + invalid + " assert_invalid and " + valid + " valid modules checked, "
                + failures.size() + " failures");
        assertTrue(invalid > 1000, "too few assert_invalid modules converted: " + invalid);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}
