package dev.weir.text.internal;

/** Token classes of the text format (spec 6.2.2 "Tokens"), plus {@link #EOF}. */
public enum TokenKind {
    /** {@code (} */
    LPAREN,
    /** {@code )} */
    RPAREN,
    /**
     * The head {@code (@id} of an annotation; only produced when the lexer keeps annotations.
     * Its contents follow as ordinary tokens (RESERVED allowed) up to the matching RPAREN.
     */
    ANNOTATION,
    /** A token starting with {@code a-z} made of idchars: {@code module}, {@code i32.add}, {@code offset=8}. */
    KEYWORD,
    /** {@code $name} or {@code $"quoted name"} (Wasm 3.0). */
    ID,
    /** A string literal; {@link Token#bytes()} holds the decoded bytes. */
    STRING,
    /** Unsigned integer literal: {@code num | 0x hexnum}. */
    NAT,
    /** Signed integer literal: {@code (+|-) nat}. */
    INT,
    /** Any other float literal: fractions, exponents, {@code inf}, {@code nan}, {@code nan:0x...}. */
    FLOAT,
    /** Any other run of idchars/strings ({@code 0x}, {@code 1x}, {@code "a""b"}, {@code ,}): never valid. */
    RESERVED,
    /** End of input. */
    EOF
}
