package dev.weir.internal.rt;

import dev.weir.Trap;

/**
 * Factories for traps with the spec interpreter's wording (the text the testsuite's
 * {@code assert_trap} expects). Kept out of line so that the interpreter's hot paths stay small.
 */
public final class Traps {
    public static final String OUT_OF_BOUNDS_MEMORY = "out of bounds memory access";
    public static final String OUT_OF_BOUNDS_TABLE = "out of bounds table access";
    public static final String CALL_STACK_EXHAUSTED = "call stack exhausted";

    private Traps() {
    }

    public static Trap unreachable() {
        return new Trap("unreachable");
    }

    public static Trap memoryOutOfBounds() {
        return new Trap(OUT_OF_BOUNDS_MEMORY);
    }

    public static Trap tableOutOfBounds() {
        return new Trap(OUT_OF_BOUNDS_TABLE);
    }

    public static Trap undefinedElement() {
        return new Trap("undefined element");
    }

    public static Trap uninitializedElement() {
        return new Trap("uninitialized element");
    }

    /** With the table index, as the reference interpreter words it ("uninitialized element 2"). */
    public static Trap uninitializedElement(long index) {
        return new Trap("uninitialized element " + index);
    }

    public static Trap indirectCallTypeMismatch() {
        return new Trap("indirect call type mismatch");
    }

    public static Trap callStackExhausted() {
        return new Trap(CALL_STACK_EXHAUSTED);
    }

    public static Trap nullFunction() {
        return new Trap("null function reference");
    }

    public static Trap nullReference() {
        return new Trap("null reference");
    }

    public static Trap nullStruct() {
        return new Trap("null structure reference");
    }

    public static Trap nullArray() {
        return new Trap("null array reference");
    }

    public static Trap nullI31() {
        return new Trap("null i31 reference");
    }

    public static Trap nullExn() {
        return new Trap("null exception reference");
    }

    public static Trap castFailure() {
        return new Trap("cast failure");
    }

    public static Trap outOfFuel() {
        return new Trap("all fuel consumed");
    }

    public static Trap interrupted() {
        return new Trap("interrupted");
    }

    public static Trap unalignedAtomic() {
        return new Trap("unaligned atomic");
    }

    public static Trap expectedSharedMemory() {
        return new Trap("expected shared memory");
    }
}
