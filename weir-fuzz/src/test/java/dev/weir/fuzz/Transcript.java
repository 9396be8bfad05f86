package dev.weir.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * What a binaryen fuzz module observably did on one engine, as lines: every {@code log-*} call,
 * every export call with its result or trap, then the final memory hash and every global.
 * Values are rendered engine-independently ({@link #value}); traps verbatim (between two Weir
 * engines messages must be identical) and reduced to a kind for other engines.
 */
record Transcript(List<String> lines, boolean engineError) {
    /** Longer transcripts keep their first lines and a count: enough to find the difference. */
    static final int MAX_LINES = 50_000;

    static final class Builder {
        final List<String> lines = new ArrayList<>();
        long dropped;
        boolean engineError;

        void add(String line) {
            if (lines.size() < MAX_LINES) {
                lines.add(line);
            } else {
                dropped++;
            }
        }

        Transcript build() {
            if (dropped > 0) {
                lines.add("... " + dropped + " more lines");
            }
            return new Transcript(List.copyOf(lines), engineError);
        }
    }

    /** i32/i64 as signed decimals, floats as the bits of the value as an f64 (NaN: "nan"). */
    static String value(char type, long bits) {
        switch (type) {
            case 'i': return "i32:" + (int) bits;
            case 'I': return "i64:" + bits;
            case 'f': return "f:" + Outcome.global(Float.intBitsToFloat((int) bits));
            case 'F': return "f:" + Outcome.global(Double.longBitsToDouble(bits));
            default: throw new IllegalArgumentException("type " + type);
        }
    }

    /** The line with a trap message replaced by its engine-independent kind. */
    static String normalize(String line) {
        int t = line.indexOf(" trap ");
        return t < 0 ? line : line.substring(0, t) + " trap " + Outcome.trapKind(line.substring(t + 6));
    }

    /** Null when equal; otherwise the first differing line of each side. */
    String diff(Transcript o, boolean exactTraps) {
        int n = Math.max(lines.size(), o.lines.size());
        for (int i = 0; i < n; i++) {
            String a = i < lines.size() ? lines.get(i) : "<end>";
            String b = i < o.lines.size() ? o.lines.get(i) : "<end>";
            if (!exactTraps) {
                a = normalize(a);
                b = normalize(b);
            }
            if (!a.equals(b)) {
                return "line " + (i + 1) + ": '" + a + "' vs '" + b + "'";
            }
        }
        return null;
    }

    /** The first line reporting an engine error (a non-Trap exception), or null. */
    String firstError() {
        for (String l : lines) {
            if (l.startsWith("call ") && l.contains(" error ")) {
                return l;
            }
        }
        return null;
    }
}
