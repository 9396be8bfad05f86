package dev.weir.text.internal;

import java.util.List;

/**
 * An immutable S-expression read from WebAssembly text: either a parenthesised {@link Node} or an
 * {@link Atom} wrapping one token (never LPAREN/RPAREN/EOF/ANNOTATION).
 */
public sealed interface SExpr permits SExpr.Node, SExpr.Atom {
    /** 1-based line of the first character (the '(' of a node). */
    int line();

    /** 1-based column of the first character. */
    int column();

    /** 0-based UTF-16 char offset of the first character. */
    int offset();

    /** Positioned exception at this expression. */
    default dev.weir.text.TextParseException error(String reason) {
        return new dev.weir.text.TextParseException(line(), column(), reason);
    }

    /** An atom: a keyword, id, string, number or (inside annotations only) reserved token. */
    record Atom(Token token) implements SExpr {
        @Override
        public int line() {
            return token.line();
        }

        @Override
        public int column() {
            return token.column();
        }

        @Override
        public int offset() {
            return token.offset();
        }

        public TokenKind kind() {
            return token.kind();
        }

        /** True if this atom is the keyword {@code kw}. */
        public boolean isKeyword(String kw) {
            return token.isKeyword(kw);
        }

        @Override
        public String toString() {
            return token.text();
        }
    }

    /**
     * A parenthesised list. {@code annotation} is the annotation id for {@code (@id ...)} nodes
     * (only produced when the reader keeps annotations), else null. {@code endOffset} is the char
     * offset just after the closing ')'. {@code children} is unmodifiable.
     */
    record Node(List<SExpr> children, int line, int column, int offset, int endOffset, String annotation)
            implements SExpr {
        public Node {
            children = List.copyOf(children);
        }

        public int size() {
            return children.size();
        }

        public SExpr get(int i) {
            return children.get(i);
        }

        public boolean isEmpty() {
            return children.isEmpty();
        }

        public boolean isAnnotation() {
            return annotation != null;
        }

        /** The first child's token if it is a KEYWORD (e.g. {@code module}), else null. */
        public Token headKeyword() {
            if (!children.isEmpty() && children.get(0) instanceof Atom a && a.kind() == TokenKind.KEYWORD) {
                return a.token();
            }
            return null;
        }

        /** True if the first child is the keyword {@code kw} (and this is not an annotation). */
        public boolean isHead(String kw) {
            return annotation == null && !children.isEmpty()
                    && children.get(0) instanceof Atom a && a.isKeyword(kw);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            if (annotation != null) {
                sb.append('@').append(annotation);
            }
            for (int i = 0; i < children.size(); i++) {
                if (i > 0 || annotation != null) {
                    sb.append(' ');
                }
                sb.append(children.get(i));
            }
            return sb.append(')').toString();
        }
    }
}
