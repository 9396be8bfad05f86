package dev.weir.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The differential campaign: {@code -Dfuzz.seconds} (30 in {@code mvn verify}, 1200 with
 * {@code -Pfuzz-long}) from {@code -Dfuzz.seed}. Interpreter vs compiler on every module (when
 * weir-compiler produces compiled code), interpreter vs Node on every 4th. Differences are
 * minimized and saved under src/test/resources/regressions/ (the replay test then runs them).
 */
class DifferentialCampaignTest {
    @Test
    void interpreterAgreesWithTheOtherEngines() {
        long seconds = Long.getLong("fuzz.seconds", 30);
        long seed = Long.getLong("fuzz.seed", 1);
        String dir = System.getProperty("fuzz.regressions.dir");
        Campaign c = new Campaign(4, dir == null ? null : Path.of(dir));
        System.out.println("[weir-fuzz] campaign: " + seconds + " s from seed " + seed
                + " (reproduce with -Dfuzz.seed=" + seed + " -Dfuzz.seconds=" + seconds + ")");
        Campaign.Stats s = c.run(seed, seconds * 1000);
        System.out.println("[weir-fuzz] " + s);
        assertTrue(s.modules > 0);
        List<String> found = s.findings.stream()
                .map(f -> "seed " + f.seed() + " " + f.pair() + ": " + f.diff() + " -> " + f.wasm()).toList();
        assertEquals(List.of(), found, "differences (reproducers saved)");
    }
}
