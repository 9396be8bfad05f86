package dev.weir.internal.rt;

import java.util.EnumSet;

/**
 * Where compiled Wasm was executing when a trap was created: the method names and line numbers of
 * weir-compiler's frames on the JVM stack, innermost first, so that a compiled frame of a trap's
 * Wasm stack trace names the instruction (as the interpreter's does), not only the function.
 *
 * <p>How: weir-compiler gives each instruction that may trap or call a line number, its index in
 * the function's code plus one. Its classes are hidden classes, whose frames {@code Throwable}
 * leaves out, so the trap walks the stack itself when it is created, with
 * {@link StackWalker.Option#SHOW_HIDDEN_FRAMES}, and keeps only the compiled frames. Each
 * compiled function adds its frame while the trap unwinds through it (innermost first), taking the
 * next activation from here: the part methods {@code f<i>$<n>} above it, then {@code f<i>}.
 *
 * <p>Cost: one walk of at most {@link #MAX_WALK} frames per trap, and only once a compiled module
 * exists in this JVM ({@link #enable}); traps are exceptional.
 */
public final class CompiledFrames {
    /** The class of weir-compiler's generated code (hidden classes append "/0x..." to it). */
    private static final String CODE_CLASS = "dev.weir.compiler.internal.WasmCode";
    /** JVM frames looked at: enough for the ~100 Wasm frames a trap records. */
    private static final int MAX_WALK = 2048;
    /** Compiled frames kept (an activation may have a few part frames); outer ones keep function offsets. */
    private static final int MAX_KEPT = 256;
    private static final StackWalker WALKER = StackWalker.getInstance(EnumSet.of(StackWalker.Option.SHOW_HIDDEN_FRAMES));
    private static volatile boolean enabled;

    private final String[] methods;
    private final int[] lines;
    private int next;

    private CompiledFrames(String[] methods, int[] lines) {
        this.methods = methods;
        this.lines = lines;
    }

    /** Called by weir-compiler once it defines code: from then on traps look for compiled frames. */
    public static void enable() {
        if (!enabled) {
            // Walk once here, on a shallow stack: the JDK initializes its stack-walking classes on
            // the first walk, and a StackOverflowError inside a class initializer (a trap at the
            // call-depth limit) would leave them unusable for the rest of the process.
            WALKER.walk(s -> s.limit(1).mapToInt(StackWalker.StackFrame::getLineNumber).sum());
            enabled = true;
        }
    }

    /** The compiled frames on the current stack, or null if there are none (or none can exist). */
    public static CompiledFrames capture() {
        if (!enabled) {
            return null;
        }
        return WALKER.walk(s -> {
            java.util.ArrayList<String> ms = new java.util.ArrayList<>();
            java.util.ArrayList<Integer> ls = new java.util.ArrayList<>();
            s.limit(MAX_WALK).forEach(f -> {
                if (ms.size() < MAX_KEPT && f.getClassName().startsWith(CODE_CLASS) && f.getMethodName().startsWith("f")) {
                    ms.add(f.getMethodName());
                    ls.add(f.getLineNumber());
                }
            });
            if (ms.isEmpty()) {
                return null;
            }
            int[] lines = new int[ls.size()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = ls.get(i);
            }
            return new CompiledFrames(ms.toArray(new String[0]), lines);
        });
    }

    /**
     * The line (code index + 1) where the next compiled activation of function {@code fi} was, or
     * -1 when unknown; consumes that activation (its part frames and its {@code f<fi>} frame).
     */
    public int nextLine(int fi) {
        String base = "f" + fi;
        String part = base + "$";
        int k = next;
        int line = -1;
        while (k < methods.length && methods[k].startsWith(part)) {
            if (line < 0) {
                line = lines[k];
            }
            k++;
        }
        if (k >= methods.length || !methods[k].equals(base)) {
            return -1; // not the frames expected (e.g. more than were kept): function offset only
        }
        if (line < 0) {
            line = lines[k];
        }
        next = k + 1;
        return line;
    }
}
