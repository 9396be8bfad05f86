package dev.weir.fuzz;

/**
 * Two runners whose outcomes must agree. {@code exactTraps}: both are Weir, so trap messages must
 * be identical; against another engine only the trap kind must match.
 */
record EnginePair(String name, WasmRunner a, WasmRunner b, boolean exactTraps) {
    /** Interpreter vs compiler, when weir-compiler turns {@code compiler(true)} into compiled code. */
    static EnginePair interpreterVsCompiler() {
        return new EnginePair("interp-vs-compiler", WeirRunner.interpreter(), WeirRunner.compiler(), true);
    }

    static EnginePair interpreterVsNode() {
        return new EnginePair("interp-vs-node", WeirRunner.interpreter(), new NodeRunner(), false);
    }

    /** Null when both sides can run, else the reason. */
    String unavailableReason() {
        String ra = a.unavailableReason();
        return ra != null ? ra : b.unavailableReason();
    }

    /** Null when the outcomes agree. */
    String diff(Outcome oa, Outcome ob) {
        String d = oa.diff(ob, exactTraps);
        return d == null ? null : a.name() + " vs " + b.name() + ": " + d;
    }
}
