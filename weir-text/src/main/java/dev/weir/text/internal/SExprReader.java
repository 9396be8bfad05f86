package dev.weir.text.internal;

import dev.weir.text.TextParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads WebAssembly text into top-level {@link SExpr}s. Iterative (an explicit stack), so deep
 * nesting cannot overflow the JVM stack.
 *
 * <p>Errors: a ')' without '(' is "unexpected token", end of input inside a list is "unexpected
 * end of input" (at the unclosed '('), a RESERVED token outside annotations is "unknown operator
 * X" (reference interpreter wording), plus any {@link Lexer} error.
 */
public final class SExprReader {
    private SExprReader() {}

    /** Reads all top-level expressions of UTF-8 text, skipping annotations. */
    public static List<SExpr> read(byte[] utf8) {
        return read(new Lexer(utf8, false));
    }

    /** Reads all top-level expressions; annotations become {@link SExpr.Node}s if kept. */
    public static List<SExpr> read(byte[] utf8, boolean keepAnnotations) {
        return read(new Lexer(utf8, keepAnnotations));
    }

    /** Reads all top-level expressions of a Java string, skipping annotations. */
    public static List<SExpr> read(String text) {
        return read(new Lexer(text, false));
    }

    /** Reads a whole file (UTF-8), skipping annotations. */
    public static List<SExpr> readFile(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    /** Reads every remaining expression from {@code lexer} until EOF. */
    public static List<SExpr> read(Lexer lexer) {
        List<SExpr> top = new ArrayList<>();
        // Open lists: their children, their opening token, and annotation ids (or null).
        List<List<SExpr>> stack = new ArrayList<>();
        List<Token> openers = new ArrayList<>();
        List<SExpr> current = top;
        int annotationDepth = 0;
        for (;;) {
            Token t = lexer.next();
            switch (t.kind()) {
                case LPAREN:
                case ANNOTATION:
                    stack.add(current);
                    openers.add(t);
                    if (t.kind() == TokenKind.ANNOTATION || annotationDepth > 0) {
                        annotationDepth++;
                    }
                    current = new ArrayList<>();
                    break;
                case RPAREN: {
                    if (stack.isEmpty()) {
                        throw t.error("unexpected token");
                    }
                    Token open = openers.remove(openers.size() - 1);
                    String annot = open.kind() == TokenKind.ANNOTATION ? open.name() : null;
                    SExpr.Node node = new SExpr.Node(current, open.line(), open.column(), open.offset(),
                            t.offset() + 1, annot);
                    if (annotationDepth > 0) {
                        annotationDepth--;
                    }
                    current = stack.remove(stack.size() - 1);
                    current.add(node);
                    break;
                }
                case EOF:
                    if (!stack.isEmpty()) {
                        Token open = openers.get(openers.size() - 1);
                        throw new TextParseException(open.line(), open.column(), "unexpected end of input");
                    }
                    return top;
                case RESERVED:
                    if (annotationDepth == 0) {
                        throw t.error("unknown operator " + t.text());
                    }
                    current.add(new SExpr.Atom(t));
                    break;
                default:
                    current.add(new SExpr.Atom(t));
            }
        }
    }
}
