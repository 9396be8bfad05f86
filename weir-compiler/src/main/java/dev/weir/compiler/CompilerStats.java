package dev.weir.compiler;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counters of the bytecode compiler: how many functions were compiled, how many run
 * in the interpreter and why. For reports and tests; counting costs nothing at run time.
 */
public final class CompilerStats {
    private static final LongAdder COMPILED = new LongAdder();
    private static final LongAdder FALLBACK = new LongAdder();
    private static final LongAdder NANOS = new LongAdder();
    private static final LongAdder AOT = new LongAdder();
    private static final LongAdder OUTLINED = new LongAdder();
    private static final ConcurrentHashMap<String, LongAdder> REASONS = new ConcurrentHashMap<>();

    private CompilerStats() {
    }

    /** Functions compiled to JVM bytecode since start (or {@link #reset}). */
    public static long compiled() {
        return COMPILED.sum();
    }

    /** Functions left to the interpreter. */
    public static long fallbacks() {
        return FALLBACK.sum();
    }

    /** Functions whose code was loaded from ahead-of-time artifacts ({@link AotCompiler#load}), not generated. */
    public static long loadedAheadOfTime() {
        return AOT.sum();
    }

    /**
     * Blocks of large functions generated as methods of their own so that every JVM method stays
     * small enough for HotSpot to compile (see the compiler's {@code Regions}).
     */
    public static long outlinedBlocks() {
        return OUTLINED.sum();
    }

    /** Time spent compiling, in milliseconds. */
    public static long compileMillis() {
        return NANOS.sum() / 1_000_000;
    }

    /** Fallback count per reason (e.g. "unsupported instruction v128.load"), sorted by reason. */
    public static Map<String, Long> fallbackReasons() {
        Map<String, Long> m = new TreeMap<>();
        REASONS.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    public static void reset() {
        COMPILED.reset();
        FALLBACK.reset();
        NANOS.reset();
        AOT.reset();
        OUTLINED.reset();
        REASONS.clear();
    }

    /** Called by the compiler. */
    public static void record(long compiled, long nanos) {
        COMPILED.add(compiled);
        NANOS.add(nanos);
    }

    /** Called by the compiler for each outlined block it generates. */
    public static void outlined() {
        OUTLINED.increment();
    }

    /** Called when an ahead-of-time artifact is loaded. */
    public static void recordAot(long functions) {
        AOT.add(functions);
    }

    /** Called by the compiler for each function left to the interpreter. */
    public static void fallback(String reason) {
        FALLBACK.increment();
        REASONS.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }
}
