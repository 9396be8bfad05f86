package dev.weir.text;

import dev.weir.testsupport.TestSuites;
import dev.weir.text.internal.SExpr;
import dev.weir.text.internal.SExprReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Collects the text modules of the spec testsuite's .wast scripts, by the command holding them. */
final class WastModules {
    /** Proposals whose instructions and types the model does not have (not part of Wasm 3.0). */
    static final List<String> SKIPPED_DIRS = List.of("custom-descriptors");

    /** One {@code (module ...)} form: where it is, and the command it appears in (or "module"). */
    record Case(Path file, int line, String command, SExpr.Node module, String expected) {
        @Override
        public String toString() {
            return dir().relativize(file) + ":" + line + " (" + command + ")";
        }
    }

    private WastModules() {}

    static Path dir() {
        return TestSuites.require(TestSuites.Suite.WASM);
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir())) {
            return s.filter(f -> f.toString().endsWith(".wast"))
                    .filter(f -> SKIPPED_DIRS.stream().noneMatch(d -> f.toString().contains("/" + d + "/")))
                    .sorted().collect(Collectors.toList());
        }
    }

    static List<Case> all() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Path f : files()) {
            for (SExpr e : SExprReader.read(Files.readAllBytes(f))) {
                collect(f, e, "module", out);
            }
        }
        return out;
    }

    private static void collect(Path f, SExpr e, String command, List<Case> out) {
        if (!(e instanceof SExpr.Node n) || n.headKeyword() == null) {
            return;
        }
        String h = n.headKeyword().text();
        if (h.equals("module")) {
            if (n.size() > 1 && n.get(1) instanceof SExpr.Atom a && a.isKeyword("instance")) {
                return;
            }
            String expected = null;
            out.add(new Case(f, n.line(), command, n, expected));
            return;
        }
        if (h.startsWith("assert_") || h.equals("thread")) {
            String msg = null;
            SExpr last = n.get(n.size() - 1);
            if (last instanceof SExpr.Atom a && a.token().kind() == dev.weir.text.internal.TokenKind.STRING) {
                msg = a.token().utf8Value();
            }
            for (int i = 1; i < n.size(); i++) {
                SExpr c = n.get(i);
                if (c instanceof SExpr.Node cn && cn.isHead("module")) {
                    if (cn.size() > 1 && cn.get(1) instanceof SExpr.Atom a && a.isKeyword("instance")) {
                        continue;
                    }
                    out.add(new Case(f, cn.line(), h, cn, msg));
                } else if (h.equals("thread")) {
                    collect(f, c, h, out);
                }
            }
        }
    }
}
