package dev.weir.text.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weir.text.TextParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reads every .wast file of the official testsuite, and every {@code (module quote ...)} in it. */
class TestsuiteReadTest {

    /** assert_malformed messages that only the lexer/reader can produce. */
    private static final Set<String> LEXICAL = Set.of("unclosed annotation", "unclosed string",
        "illegal character", "empty identifier", "empty annotation id", "unclosed comment");

    @Test
    void readsAllFilesFast() throws IOException {
        List<Path> files = Testsuite.wastFiles();
        assertTrue(files.size() > 250, "expected the whole testsuite, found " + files.size() + " files");
        List<byte[]> contents = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            contents.add(b);
            bytes += b.length;
        }
        long t0 = System.nanoTime();
        long tokens = 0;
        long exprs = 0;
        for (int i = 0; i < files.size(); i++) {
            try {
                Lexer lx = new Lexer(contents.get(i));
                while (lx.next().kind() != TokenKind.EOF) {
                    tokens++;
                }
                exprs += SExprReader.read(contents.get(i)).size();
            } catch (TextParseException e) {
                fail(files.get(i) + ":" + e.getMessage(), e);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("testsuite: %d files, %d bytes, %d tokens, %d top-level expressions, %d ms%n",
            files.size(), bytes, tokens, exprs, ms);
        assertTrue(tokens > 1_000_000, "tokens: " + tokens);
        for (int i = 0; i < files.size(); i++) { // annotations kept: must read as well
            try {
                SExprReader.read(contents.get(i), true);
            } catch (TextParseException e) {
                fail(files.get(i) + ":" + e.getMessage(), e);
            }
        }
    }

    /**
     * Quoted modules: those outside assert_malformed must read cleanly; those whose expected
     * message is purely lexical must fail with that message.
     */
    @Test
    void quotedModules() throws IOException {
        int ok = 0;
        int lexicalFailures = 0;
        int otherFailures = 0;
        for (Path f : Testsuite.wastFiles()) {
            for (SExpr top : SExprReader.readFile(f)) {
                if (!(top instanceof SExpr.Node n)) {
                    continue;
                }
                if (n.isHead("assert_malformed") && n.size() == 3 && n.get(1) instanceof SExpr.Node m
                        && isQuote(m) && n.get(2) instanceof SExpr.Atom msg) {
                    String expected = msg.token().utf8Value();
                    if (!LEXICAL.contains(expected)) {
                        // Not lexical: if reading fails anyway, it must be with the expected message.
                        try {
                            SExprReader.read(quoted(m));
                        } catch (TextParseException e) {
                            assertTrue(e.reason().startsWith(expected),
                                f + ":" + m.line() + ": expected \"" + expected + "\" but got " + e.reason());
                            otherFailures++;
                        }
                    } else {
                        try {
                            SExprReader.read(quoted(m));
                            fail(f + ":" + m.line() + ": expected \"" + expected + "\" for " + m);
                        } catch (TextParseException e) {
                            assertTrue(e.reason().startsWith(expected),
                                f + ":" + m.line() + ": expected \"" + expected + "\" but got " + e.reason());
                            lexicalFailures++;
                        }
                    }
                } else {
                    ok += readQuotes(f, n);
                }
            }
        }
        System.out.printf("quoted modules read: %d, lexical assert_malformed matched: %d, others rejected early: %d%n",
            ok, lexicalFailures, otherFailures);
        assertTrue(ok > 10);
        assertTrue(lexicalFailures > 50, "lexical failures: " + lexicalFailures);
    }

    private static int readQuotes(Path f, SExpr.Node n) {
        if (n.isHead("assert_malformed")) {
            return 0;
        }
        if (isQuote(n)) {
            try {
                SExprReader.read(quoted(n));
            } catch (TextParseException e) {
                fail(f + ":" + n.line() + ": quoted module failed: " + e.getMessage(), e);
            }
            return 1;
        }
        int count = 0;
        for (SExpr c : n.children()) {
            if (c instanceof SExpr.Node cn) {
                count += readQuotes(f, cn);
            }
        }
        return count;
    }

    private static boolean isQuote(SExpr.Node n) {
        if (!n.isHead("module")) {
            return false;
        }
        for (SExpr c : n.children()) {
            if (c instanceof SExpr.Atom a && a.isKeyword("quote")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] quoted(SExpr.Node n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (SExpr c : n.children()) {
            if (c instanceof SExpr.Atom a && a.kind() == TokenKind.STRING) {
                byte[] b = a.token().bytes();
                out.write(b, 0, b.length);
                out.write(' ');
            }
        }
        return out.toByteArray();
    }

    @Test
    void utf8InvalidEncodingStringsAreFlagged() throws IOException {
        // Each (module quote "(func (export \"\XX...\"))") carries an export name that is not UTF-8.
        int flagged = 0;
        for (SExpr top : SExprReader.readFile(Testsuite.file("utf8-invalid-encoding.wast"))) {
            SExpr.Node assertion = (SExpr.Node) top;
            SExpr.Node func = (SExpr.Node) SExprReader.read(quoted((SExpr.Node) assertion.get(1))).get(0);
            SExpr.Node export = (SExpr.Node) func.get(1);
            Token name = ((SExpr.Atom) export.get(1)).token();
            assertEquals(TokenKind.STRING, name.kind());
            assertTrue(!name.isValidUtf8(), () -> "should be invalid UTF-8: " + name.text());
            flagged++;
        }
        assertTrue(flagged > 100);
    }
}
