package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.testsupport.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged modules never crash the command: inspect and validate either succeed or print one
 * {@code weir: FILE: ...} line and exit 1, never an internal error. Inspect also walks modules
 * that decode but fail validation, so its index lookups must all be range-checked.
 */
class MutationTest {
    private static final long SEED = 0x5EEDL;

    @TempDir
    Path dir;

    @Test
    void mutatedModulesGiveOneLineErrorsOrValidOutput() throws IOException {
        byte[] original = WasmBytes.adder();
        Random random = new Random(SEED);
        Path file = dir.resolve("m.wasm");
        for (int round = 0; round < 300; round++) {
            byte[] b = original.clone();
            int flips = 1 + random.nextInt(3);
            for (int k = 0; k < flips; k++) {
                // Leave the 8-byte header alone half the time so mutations reach the sections.
                int at = (random.nextBoolean() ? 8 : 0) + random.nextInt(b.length - 8);
                b[at] = (byte) random.nextInt(256);
            }
            Files.write(file, b);
            String what = "seed " + SEED + " round " + round + ": " + HexFormat.of().formatHex(b);
            for (String verb : new String[] {"validate", "inspect"}) {
                CliRun r = CliRun.run(verb, file.toString());
                assertTrue(r.exit() == 0 || r.exit() == 1, what);
                assertFalse(r.err().contains("internal error"), what + "\n" + r.err());
                if (r.exit() == 1) {
                    assertTrue(r.errLines().length == 1 && r.err().startsWith("weir: " + file + ": "), what + "\n" + r.err());
                }
            }
            CliRun json = CliRun.run("inspect", "--json", file.toString());
            if (json.exit() == 0) {
                MiniJson.parse(json.out());
            }
        }
    }
}
