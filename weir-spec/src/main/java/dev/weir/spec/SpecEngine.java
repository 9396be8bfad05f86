package dev.weir.spec;

import java.util.Locale;

/** What a spec script is checked with. */
public enum SpecEngine {
    /** Text to module model (and binary decoding): every module must parse, assert_malformed must not. */
    PARSE,
    /** Parse plus validation: assert_invalid must be rejected by the validator, every other module accepted. */
    VALIDATE,
    /** Full execution in {@code dev.weir} pinned to the interpreter ({@code compiler(false)}): instantiate, register, invoke, every execution assertion. */
    INTERPRETER,
    /** As {@link #INTERPRETER} with {@code Engine.builder().compiler(true)} (weir-compiler on the class path). */
    COMPILER;

    /** Whether this engine executes code (instantiate, invoke). */
    public boolean executes() {
        return this == INTERPRETER || this == COMPILER;
    }

    /** Lower-case name as used in reports and in the known-failures file. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}; throws IllegalArgumentException naming the valid ids. */
    public static SpecEngine of(String id) {
        for (SpecEngine e : values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + id + "' (parse, validate, interpreter, compiler)");
    }
}
