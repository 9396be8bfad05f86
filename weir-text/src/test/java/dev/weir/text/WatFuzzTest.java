package dev.weir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.text.internal.SExpr;
import dev.weir.wasm.WasmException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates testsuite modules (drops, duplicates or swaps one S-expression anywhere in the tree)
 * and parses the result: anything but a {@link TextParseException} (or, for binary modules, a
 * decoder exception) is a bug.
 */
class WatFuzzTest {

    @Test
    void mutatedModulesFailOnlyWithParseErrors() throws IOException {
        List<WastModules.Case> cases = new ArrayList<>();
        for (WastModules.Case c : WastModules.all()) {
            if (!Wat.isBinary(c.module()) && !Wat.isQuote(c.module())) {
                cases.add(c);
            }
        }
        Random r = new Random(20250101);
        List<String> crashes = new ArrayList<>();
        int rejected = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            WastModules.Case c = cases.get(r.nextInt(cases.size()));
            String text = mutate(c.module(), r).toString();
            try {
                Wat.parse(text);
            } catch (TextParseException e) {
                rejected++;
            } catch (WasmException e) {
                rejected++;
            } catch (RuntimeException | StackOverflowError e) {
                if (crashes.size() < 20) {
                    crashes.add(c + ": " + e + "\n    " + text.substring(0, Math.min(300, text.length())));
                }
            }
        }
        System.out.printf("fuzzed %d mutated modules, %d rejected, %d crashes%n", n, rejected, crashes.size());
        assertEquals(List.of(), crashes);
    }

    /** A copy of {@code root} with one random child of one random node dropped, duplicated or moved. */
    private static SExpr.Node mutate(SExpr.Node root, Random r) {
        List<SExpr.Node> nodes = new ArrayList<>();
        List<SExpr.Node> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            SExpr.Node n = stack.remove(stack.size() - 1);
            nodes.add(n);
            for (SExpr c : n.children()) {
                if (c instanceof SExpr.Node cn) {
                    stack.add(cn);
                }
            }
        }
        SExpr.Node target = nodes.get(r.nextInt(nodes.size()));
        return (SExpr.Node) rebuild(root, target, r);
    }

    private static SExpr rebuild(SExpr e, SExpr.Node target, Random r) {
        if (!(e instanceof SExpr.Node n)) {
            return e;
        }
        List<SExpr> kids = new ArrayList<>();
        for (SExpr c : n.children()) {
            kids.add(rebuild(c, target, r));
        }
        if (n == target && !kids.isEmpty()) {
            int i = r.nextInt(kids.size());
            switch (r.nextInt(3)) {
                case 0 -> kids.remove(i);
                case 1 -> kids.add(r.nextInt(kids.size() + 1), kids.get(i));
                default -> {
                    SExpr x = kids.remove(i);
                    kids.add(r.nextInt(kids.size() + 1), x);
                }
            }
        }
        return new SExpr.Node(kids, n.line(), n.column(), n.offset(), n.endOffset(), n.annotation());
    }
}
