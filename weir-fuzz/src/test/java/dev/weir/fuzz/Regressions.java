package dev.weir.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The saved reproducers: {@code NAME.wasm} plus {@code NAME.txt} with "key: value" header lines. */
final class Regressions {
    record Case(String name, Path wasm, Map<String, String> header) {
        String pair() {
            return header.getOrDefault("pair", "");
        }

        boolean open() {
            return "open".equals(header.get("status"));
        }

        byte[] bytes() {
            try {
                return Files.readAllBytes(wasm);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Regressions() {
    }

    static Path dir() {
        String d = System.getProperty("fuzz.regressions.dir");
        return d != null ? Path.of(d) : Path.of("src", "test", "resources", "regressions");
    }

    static List<Case> all(Path dir) {
        List<Case> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path wasm : s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList()) {
                String name = wasm.getFileName().toString().replaceAll("\\.wasm$", "");
                Map<String, String> header = new HashMap<>();
                Path txt = wasm.resolveSibling(name + ".txt");
                if (Files.exists(txt)) {
                    for (String line : Files.readAllLines(txt)) {
                        if (line.startsWith("---")) {
                            break;
                        }
                        int c = line.indexOf(": ");
                        if (c > 0) {
                            header.put(line.substring(0, c), line.substring(c + 2));
                        }
                    }
                }
                out.add(new Case(name, wasm, header));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> openSignatures(Path dir) {
        List<String> out = new ArrayList<>();
        for (Case c : all(dir)) {
            if (c.open() && c.header().containsKey("signature")) {
                out.add(c.header().get("signature"));
            }
        }
        return out;
    }
}
