package dev.weir.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list of known spec failures: one entry per line, {@code file[:line] engine reason}, where
 * {@code file} is relative to the testsuite root, {@code engine} is an engine id or {@code *}, and
 * {@code reason} is a short true sentence. {@code #} starts a comment line.
 *
 * <p>{@link #apply} turns listed failures into skips ("known: reason"), leaves unlisted failures
 * failing, and collects entries that no longer match any failure ("now passing").
 */
public final class KnownFailures {
    /** One entry; {@code line} is 0 for a whole file. */
    public record Entry(String file, int line, String engine, String reason, int sourceLine) {
        boolean matches(String f, int l, SpecEngine e) {
            return file.equals(f) && (line == 0 || line == l) && (engine.equals("*") || engine.equals(e.id()));
        }

        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + " " + engine + "  " + reason;
        }
    }

    private final List<Entry> entries;

    public KnownFailures(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static KnownFailures none() {
        return new KnownFailures(List.of());
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Reads the list; a malformed line throws IllegalArgumentException naming it. */
    public static KnownFailures read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KnownFailures parse(String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IllegalArgumentException("known failures line " + (i + 1)
                        + ": expected 'file[:line] engine reason', got: " + l);
            }
            String file = parts[0];
            int line = 0;
            int colon = file.lastIndexOf(':');
            if (colon > 0) {
                try {
                    line = Integer.parseInt(file.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("known failures line " + (i + 1) + ": bad line number in " + file);
                }
                file = file.substring(0, colon);
            }
            if (!parts[1].equals("*")) {
                SpecEngine.of(parts[1]); // validates the id
            }
            out.add(new Entry(file, line, parts[1], parts[2], i + 1));
        }
        return new KnownFailures(out);
    }

    /** The result of applying the list to a run. */
    public record Applied(List<FileResult> results, List<Entry> nowPassing, int knownSkips) {
    }

    /** Listed failures become skips; entries that matched no failure are returned as now passing. */
    public Applied apply(List<FileResult> results) {
        Map<Entry, Boolean> used = new LinkedHashMap<>();
        for (Entry e : entries) {
            used.put(e, false);
        }
        List<FileResult> out = new ArrayList<>(results.size());
        int known = 0;
        for (FileResult r : results) {
            String scriptError = r.scriptError();
            if (scriptError != null) {
                for (Entry e : entries) {
                    if (e.file().equals(r.name()) && e.line() == 0) {
                        used.put(e, true);
                        scriptError = null;
                        known++;
                        out.add(new FileResult(r.name(), List.of(Outcome.skip(0, "script", SpecEngine.PARSE,
                                "known: " + e.reason() + " (" + r.scriptError() + ")")), null, r.millis()));
                        break;
                    }
                }
                if (scriptError != null) {
                    out.add(r);
                }
                continue;
            }
            List<Outcome> os = new ArrayList<>(r.outcomes().size());
            for (Outcome o : r.outcomes()) {
                Outcome n = o;
                if (o.status() == Outcome.Status.FAILED) {
                    for (Entry e : entries) {
                        if (e.matches(r.name(), o.line(), o.engine())) {
                            used.put(e, true);
                            n = o.asSkipped("known: " + e.reason() + " [" + o.detail() + "]");
                            known++;
                            break;
                        }
                    }
                }
                os.add(n);
            }
            out.add(new FileResult(r.name(), os, null, r.millis()));
        }
        List<Entry> nowPassing = new ArrayList<>();
        for (Map.Entry<Entry, Boolean> u : used.entrySet()) {
            if (!u.getValue() && ran(results, u.getKey())) {
                nowPassing.add(u.getKey());
            }
        }
        return new Applied(out, nowPassing, known);
    }

    /** An entry is only "now passing" if its file was part of the run. */
    private static boolean ran(List<FileResult> results, Entry e) {
        for (FileResult r : results) {
            if (r.name().equals(e.file())) {
                return true;
            }
        }
        return false;
    }
}
