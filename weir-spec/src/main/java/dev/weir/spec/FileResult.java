package dev.weir.spec;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcomes of one script file.
 *
 * @param name the file's display name (relative to the testsuite root when run from the suite)
 * @param outcomes one per command and engine, in script order
 * @param scriptError why the script could not be read at all (then {@code outcomes} is empty), or null
 * @param millis wall time of the run
 */
public record FileResult(String name, List<Outcome> outcomes, String scriptError, long millis) {
    public FileResult {
        outcomes = List.copyOf(outcomes);
    }

    /** Counts per engine: [passed, failed, skipped, wrong message]. */
    public Map<SpecEngine, int[]> counts() {
        Map<SpecEngine, int[]> m = new EnumMap<>(SpecEngine.class);
        for (Outcome o : outcomes) {
            int[] c = m.computeIfAbsent(o.engine(), k -> new int[4]);
            c[o.status().ordinal()]++;
            if (o.wrongMessage()) {
                c[3]++;
            }
        }
        return m;
    }

    /** Whether nothing failed (and the script could be read). */
    public boolean ok() {
        return scriptError == null && outcomes.stream().noneMatch(o -> o.status() == Outcome.Status.FAILED);
    }
}
