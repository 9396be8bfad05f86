package dev.weir.internal.interp;

/**
 * A function body pre-decoded for the interpreter (see {@link Op}); immutable and shared by all
 * instances of a module.
 *
 * <p>Frame layout from the frame base: parameters and declared locals ({@link #localSlots}), one
 * hidden reference slot per legacy {@code try} (the caught exception, for {@code rethrow}), then
 * the operand stack; {@link #frameSlots} is the maximum extent.
 */
final class Code {
    final int funcIndex;
    final int[] code;
    final int paramSlots;
    final int localSlots;
    /** Where the operand stack starts: after the locals and the hidden slots. */
    final int stackStart;
    final int frameSlots;
    final int resultSlots;
    /** Pairs (pc, source offset) of every instruction start, in pc order. */
    final int[] sourceMap;
    /** Exception handler groups, in the order their {@code try}/{@code try_table} opened. */
    final TryGroup[] groups;

    Code(int funcIndex, int[] code, int paramSlots, int localSlots, int stackStart, int frameSlots, int resultSlots,
         int[] sourceMap, TryGroup[] groups) {
        this.funcIndex = funcIndex;
        this.code = code;
        this.paramSlots = paramSlots;
        this.localSlots = localSlots;
        this.stackStart = stackStart;
        this.frameSlots = frameSlots;
        this.resultSlots = resultSlots;
        this.sourceMap = sourceMap;
        this.groups = groups;
    }

    /** The source offset of the instruction containing {@code pc} (the last one starting before it). */
    int sourceOffset(int pc) {
        int lo = 0;
        int hi = sourceMap.length / 2 - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (sourceMap[2 * mid] < pc) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best < 0 ? -1 : sourceMap[2 * best + 1];
    }

    /** A {@code try_table} or legacy {@code try}: a pc range, its catch clauses and where to look next. */
    static final class TryGroup {
        int start;
        int end = Integer.MAX_VALUE;
        /** Enclosing group, or -1. */
        final int parent;
        /** For {@code try ... delegate}: group to continue with (-1 = leave the function); -2 if none. */
        int delegate = -2;
        Clause[] clauses = new Clause[0];

        TryGroup(int start, int parent) {
            this.start = start;
            this.parent = parent;
        }
    }

    /** One catch clause. */
    static final class Clause {
        static final int CATCH = 0;
        static final int CATCH_REF = 1;
        static final int CATCH_ALL = 2;
        static final int CATCH_ALL_REF = 3;

        final int kind;
        /** Tag index (CATCH, CATCH_REF). */
        final int tag;
        int target;
        final int height;
        /** Legacy catch: hidden slot index that keeps the exception for {@code rethrow}, else -1. */
        final int hiddenSlot;

        Clause(int kind, int tag, int target, int height, int hiddenSlot) {
            this.kind = kind;
            this.tag = tag;
            this.target = target;
            this.height = height;
            this.hiddenSlot = hiddenSlot;
        }
    }
}
