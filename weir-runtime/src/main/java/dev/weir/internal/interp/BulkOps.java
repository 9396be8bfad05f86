package dev.weir.internal.interp;

import dev.weir.Memory;
import dev.weir.internal.rt.InstanceState;
import dev.weir.internal.rt.TableInstance;
import dev.weir.internal.rt.Traps;

/**
 * Bulk memory and table instructions (spec 4.4.6, 4.4.7; 0xFC 8..17) and table.get/set. Every
 * range is checked as a whole, with unsigned overflow-safe arithmetic, before anything changes.
 */
final class BulkOps {
    private BulkOps() {
    }

    /** Number of immediate operands after the opcode. */
    static int operandCount(int op) {
        switch (op - Op.FC) {
            case 8: case 10: case 12: case 14: return 2;
            default: return 1;
        }
    }

    private static long addr(long v, boolean is64) {
        return is64 ? v : v & 0xFFFF_FFFFL;
    }

    private static boolean is64(Memory m) {
        return m.isAddress64();
    }

    private static boolean is64(TableInstance t) {
        return t.type.limits().address64();
    }

    /** Executes the instruction at {@code code[at]}; returns the new stack pointer. */
    static int execute(InstanceState inst, int[] code, int at, long[] s, Object[] r, int sp) {
        int a = code[at + 1];
        switch (code[at] - Op.FC) {
            case 8: { // memory.init d m: [dst:addr src:i32 n:i32]
                Memory m = inst.memories[code[at + 2]];
                m.init(addr(s[sp - 3], is64(m)), inst.data[a], s[sp - 2] & 0xFFFF_FFFFL, s[sp - 1] & 0xFFFF_FFFFL);
                return sp - 3;
            }
            case 9: inst.dropData(a); return sp;
            case 10: { // memory.copy dst src: n has the smaller address type
                Memory dst = inst.memories[a];
                Memory src = inst.memories[code[at + 2]];
                long n = addr(s[sp - 1], is64(dst) && is64(src));
                dst.copyFrom(src, addr(s[sp - 2], is64(src)), addr(s[sp - 3], is64(dst)), n);
                return sp - 3;
            }
            case 11: { // memory.fill m: [dst val n]
                Memory m = inst.memories[a];
                m.fill(addr(s[sp - 3], is64(m)), (int) s[sp - 2], addr(s[sp - 1], is64(m)));
                return sp - 3;
            }
            case 12: { // table.init e t: [dst:addr src:i32 n:i32]
                TableInstance t = inst.tables[code[at + 2]];
                Object[] seg = inst.elems[a];
                long d = addr(s[sp - 3], is64(t));
                long src = s[sp - 2] & 0xFFFF_FFFFL;
                long n = s[sp - 1] & 0xFFFF_FFFFL;
                if (src + n > seg.length || !t.inBounds(d, n)) {
                    throw Traps.tableOutOfBounds();
                }
                System.arraycopy(seg, (int) src, t.elements, (int) d, (int) n);
                return sp - 3;
            }
            case 13: inst.dropElem(a); return sp;
            case 14: { // table.copy dst src
                TableInstance dst = inst.tables[a];
                TableInstance src = inst.tables[code[at + 2]];
                long n = addr(s[sp - 1], is64(dst) && is64(src));
                long sa = addr(s[sp - 2], is64(src));
                long da = addr(s[sp - 3], is64(dst));
                if (!src.inBounds(sa, n) || !dst.inBounds(da, n)) {
                    throw Traps.tableOutOfBounds();
                }
                System.arraycopy(src.elements, (int) sa, dst.elements, (int) da, (int) n); // memmove semantics
                return sp - 3;
            }
            case 15: { // table.grow: [init n] -> old size or -1
                TableInstance t = inst.tables[a];
                long n = addr(s[sp - 1], is64(t));
                s[sp - 2] = t.grow(n, r[sp - 2]);
                return sp - 1;
            }
            case 16: s[sp] = inst.tables[a].size; return sp + 1;
            case 17: { // table.fill: [i val n]
                TableInstance t = inst.tables[a];
                long i = addr(s[sp - 3], is64(t));
                long n = addr(s[sp - 1], is64(t));
                if (!t.inBounds(i, n)) {
                    throw Traps.tableOutOfBounds();
                }
                java.util.Arrays.fill(t.elements, (int) i, (int) (i + n), r[sp - 2]);
                return sp - 3;
            }
            default:
                throw new IllegalStateException("weir internal error: bulk op " + code[at]);
        }
    }

    static int tableGet(TableInstance t, long[] s, Object[] r, int sp) {
        long i = addr(s[sp - 1], is64(t));
        if (Long.compareUnsigned(i, t.size) >= 0) {
            throw Traps.tableOutOfBounds();
        }
        r[sp - 1] = t.elements[(int) i];
        return sp;
    }

    static int tableSet(TableInstance t, long[] s, Object[] r, int sp) {
        long i = addr(s[sp - 2], is64(t));
        if (Long.compareUnsigned(i, t.size) >= 0) {
            throw Traps.tableOutOfBounds();
        }
        t.elements[(int) i] = r[sp - 1];
        return sp - 2;
    }
}
