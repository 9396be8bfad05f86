package dev.weir.internal.interp;

import dev.weir.internal.interp.Code.Clause;
import dev.weir.internal.interp.Code.TryGroup;
import dev.weir.internal.rt.ExceptionInstance;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.TagInstance;
import dev.weir.internal.rt.Traps;

/** Out-of-line parts of calls and exception handling. */
final class ControlOps {
    private ControlOps() {
    }

    /**
     * {@code call_indirect}: the function at the table index in {@code s[sp]}, checked against the
     * expected type (spec 4.4.8: "undefined element", "uninitialized element", "indirect call type
     * mismatch"; with GC the function's type only has to be a subtype of the expected one).
     */
    static FunctionInstance indirect(InstanceState inst, int typeIndex, int tableIndex, long[] s, int sp) {
        long i = inst.tables[tableIndex].type.limits().address64() ? s[sp] : s[sp] & 0xFFFF_FFFFL;
        return inst.indirectTarget(typeIndex, tableIndex, i);
    }

    /** {@code throw}: packs the payload (the top slots of the stack) into a new exception. */
    static ExceptionInstance newException(InstanceState inst, int tagIndex, long[] s, Object[] r, int sp) {
        TagInstance tag = inst.tags[tagIndex];
        int n = tag.payloadSlots;
        long[] values = new long[n];
        Object[] refs = new Object[n];
        System.arraycopy(s, sp - n, values, 0, n);
        System.arraycopy(r, sp - n, refs, 0, n);
        return new ExceptionInstance(tag, values, refs);
    }

    /**
     * Looks for a handler of {@code e} thrown by the instruction before {@code pc}: the innermost
     * try group whose range contains it, then enclosing (or delegated-to) groups. On a match the
     * payload (and the exnref for the _ref variants) is pushed at the clause's height and
     * {@code {targetPc, newHeight}} returned; null means the exception leaves the function.
     */
    static int[] findHandler(Code c, InstanceState inst, int pc, ExceptionInstance e, long[] s, Object[] r, int base) {
        TryGroup[] groups = c.groups;
        int at = pc - 1;
        int g = -1;
        for (int i = groups.length - 1; i >= 0; i--) {
            if (groups[i].start <= at && at < groups[i].end) {
                g = i;
                break;
            }
        }
        while (g >= 0) {
            TryGroup group = groups[g];
            for (Clause cl : group.clauses) {
                boolean all = cl.kind == Clause.CATCH_ALL || cl.kind == Clause.CATCH_ALL_REF;
                if (!all && inst.tags[cl.tag] != e.tag) {
                    continue;
                }
                int h = base + cl.height;
                if (!all) {
                    int n = e.values.length;
                    System.arraycopy(e.values, 0, s, h, n);
                    System.arraycopy(e.refs, 0, r, h, n);
                    h += n;
                }
                if (cl.kind == Clause.CATCH_REF || cl.kind == Clause.CATCH_ALL_REF) {
                    r[h++] = e;
                }
                if (cl.hiddenSlot >= 0) {
                    r[base + cl.hiddenSlot] = e;
                }
                return new int[] {cl.target, h - base};
            }
            int next = group.delegate != -2 ? group.delegate : group.parent;
            g = next < g ? next : -1; // enclosing groups always opened earlier
        }
        return null;
    }
}
