package dev.weir.internal.interp;

import static dev.weir.internal.interp.Predecoder.NUM;
import static dev.weir.internal.interp.Predecoder.REF;
import static dev.weir.internal.interp.Predecoder.V128;


import dev.weir.wasm.ArrayType;
import dev.weir.wasm.FieldType;
import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.StructType;
import dev.weir.wasm.ValType;

/** Pre-decoding of the prefixed instruction families (0xFC misc, 0xFD SIMD, 0xFE atomics, 0xFB GC). */
final class PrefixedOps {
    private static final byte[] ONE_NUM = {NUM};
    private static final byte[] ONE_REF = {REF};
    private static final byte[] ONE_V128 = {V128, V128};

    private PrefixedOps() {
    }

    /** 0xFC: saturating truncation, bulk memory and table instructions, wide arithmetic. */
    static boolean misc(Predecoder p, InstructionReader r, int sub) {
        switch (sub) {
            case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
                p.emitOp(Op.FC + sub);
                return false;
            case 8: p.pop(3); p.emitOp(Op.FC + sub, r.index(), r.index2()); return false;    // memory.init
            case 9: p.emitOp(Op.FC + sub, r.index()); return false;                         // data.drop
            case 10: p.pop(3); p.emitOp(Op.FC + sub, r.index(), r.index2()); return false;   // memory.copy
            case 11: p.pop(3); p.emitOp(Op.FC + sub, r.index()); return false;               // memory.fill
            case 12: p.pop(3); p.emitOp(Op.FC + sub, r.index(), r.index2()); return false;   // table.init
            case 13: p.emitOp(Op.FC + sub, r.index()); return false;                        // elem.drop
            case 14: p.pop(3); p.emitOp(Op.FC + sub, r.index(), r.index2()); return false;   // table.copy
            case 15: p.retype(2, ONE_NUM); p.emitOp(Op.FC + sub, r.index()); return false;   // table.grow
            case 16: p.pushKind(NUM); p.emitOp(Op.FC + sub, r.index()); return false;        // table.size
            case 17: p.pop(3); p.emitOp(Op.FC + sub, r.index()); return false;               // table.fill
            case 0x13: case 0x14: p.pop(2); p.emitOp(Op.FC + sub); return false;            // i64.add128/sub128
            case 0x15: case 0x16: p.emitOp(Op.FC + sub); return false;                      // i64.mul_wide_s/u
            default:
                throw new IllegalStateException("unknown instruction 0xfc " + sub);
        }
    }

    private static boolean isExtractLane(int sub) {
        return sub == 0x15 || sub == 0x16 || sub == 0x18 || sub == 0x19 || sub == 0x1B || sub == 0x1D
                || sub == 0x1F || sub == 0x21;
    }

    private static boolean hasScalarResult(int sub) {
        switch (sub) {
            case 0x53: case 0x63: case 0x64: case 0x83: case 0x84: case 0xA3: case 0xA4: case 0xC3: case 0xC4:
                return true;
            default:
                return false;
        }
    }

    private static void memarg(Predecoder p, InstructionReader r, int op, int sub, int lane) {
        p.emitOp(op, sub, r.memory());
        p.emitLongOp(r.memOffset());
        if (lane >= 0) {
            p.emitOp(lane);
        }
    }

    /** 0xFD: SIMD; lane-free operations run through {@code V128.execute}. */
    static boolean simd(Predecoder p, InstructionReader r, int sub) {
        if (sub <= 0x0A || sub == 0x5C || sub == 0x5D) { // loads
            memarg(p, r, Op.SIMD_MEM, sub, 0);
            p.retype(1, ONE_V128);
        } else if (sub == 0x0B || (sub >= 0x58 && sub <= 0x5B)) { // store, store_lane
            memarg(p, r, Op.SIMD_MEM, sub, sub == 0x0B ? 0 : r.lane());
            p.pop(3);
        } else if (sub >= 0x54 && sub <= 0x57) { // load_lane
            memarg(p, r, Op.SIMD_MEM, sub, r.lane());
            p.retype(3, ONE_V128);
        } else if (sub == 0x0C) {
            p.emitOp(Op.V128_CONST);
            p.emitLongOp(r.v128Lo());
            p.emitLongOp(r.v128Hi());
            p.pushKind(V128);
        } else if (sub == 0x0D) {
            p.emitOp(Op.SHUFFLE);
            p.emitLongOp(r.v128Lo());
            p.emitLongOp(r.v128Hi());
            p.retype(4, ONE_V128);
        } else if (sub >= 0x15 && sub <= 0x22) {
            p.emitOp(Op.SIMD_LANE, sub, r.lane());
            if (isExtractLane(sub)) {
                p.retype(2, ONE_NUM);
            } else {
                p.retype(3, ONE_V128);
            }
        } else {
            int delta = dev.weir.internal.simd.V128.stackDelta(sub);
            p.emitOp(Op.SIMD, sub);
            if (hasScalarResult(sub)) {
                p.retype(2, ONE_NUM);
            } else {
                p.retype(2 - delta, ONE_V128);
            }
        }
        return false;
    }

    /** 0xFE: atomic memory instructions (threads proposal). */
    static boolean atomic(Predecoder p, InstructionReader r, int sub) {
        if (sub == 0x03) {
            return false; // atomic.fence: a no-op for a single-threaded store
        }
        if (sub == 0x00) {
            p.pop(1);
        } else if (sub == 0x01 || sub == 0x02) {
            p.pop(2);
        } else if (sub >= 0x17 && sub <= 0x1D) {
            p.pop(2);
        } else if (sub >= 0x1E && sub <= 0x47) {
            p.pop(1);
        } else if (sub >= 0x48 && sub <= 0x4E) {
            p.pop(2);
        } else if (sub < 0x10 || sub > 0x16) {
            throw new IllegalStateException("unknown instruction 0xfe " + sub);
        }
        memarg(p, r, Op.ATOMIC, sub, -1);
        return false;
    }

    private static byte kindOfStorage(ValType t) {
        return t.isPacked() ? NUM : Predecoder.kindOf(t);
    }

    private static int slotsOfStorage(ValType t) {
        return t.isPacked() ? 1 : t.slots();
    }

    /** 0xFB: GC; object operations go to {@code GcOps.execute}, casts to {@code GcOps.test}. */
    static boolean gc(Predecoder p, InstructionReader r, int sub) {
        switch (sub) {
            case 0x00: { // struct.new
                int t = r.index();
                int slots = 0;
                for (FieldType f : ((StructType) p.types().composite(t)).fields()) {
                    slots += slotsOfStorage(f.storage());
                }
                p.retype(slots, ONE_REF);
                p.emitOp(Op.GC, sub, t, 0);
                return false;
            }
            case 0x01: p.pushKind(REF); p.emitOp(Op.GC, sub, r.index(), 0); return false;
            case 0x02: case 0x03: case 0x04: { // struct.get(_s/_u)
                int t = r.index();
                int f = r.index2();
                ValType st = ((StructType) p.types().composite(t)).fields().get(f).storage();
                p.pop(1);
                p.pushKind(kindOfStorage(st));
                p.emitOp(Op.GC, sub, t, f);
                return false;
            }
            case 0x05: { // struct.set
                int t = r.index();
                int f = r.index2();
                ValType st = ((StructType) p.types().composite(t)).fields().get(f).storage();
                p.pop(1 + slotsOfStorage(st));
                p.emitOp(Op.GC, sub, t, f);
                return false;
            }
            case 0x06: p.retype(1 + elemSlots(p, r.index()), ONE_REF); p.emitOp(Op.GC, sub, r.index(), 0); return false;
            case 0x07: p.retype(1, ONE_REF); p.emitOp(Op.GC, sub, r.index(), 0); return false;
            case 0x08: { // array.new_fixed
                int t = r.index();
                int count = r.index2();
                p.retype(count * elemSlots(p, t), ONE_REF);
                p.emitOp(Op.GC, sub, t, count);
                return false;
            }
            case 0x09: case 0x0A: p.retype(2, ONE_REF); p.emitOp(Op.GC, sub, r.index(), r.index2()); return false;
            case 0x0B: case 0x0C: case 0x0D: { // array.get(_s/_u)
                int t = r.index();
                p.pop(2);
                p.pushKind(kindOfStorage(((ArrayType) p.types().composite(t)).element().storage()));
                p.emitOp(Op.GC, sub, t, 0);
                return false;
            }
            case 0x0E: p.pop(2 + elemSlots(p, r.index())); p.emitOp(Op.GC, sub, r.index(), 0); return false;
            case 0x0F: p.retype(1, ONE_NUM); p.emitOp(Op.GC, sub, 0, 0); return false;
            case 0x10: p.pop(3 + elemSlots(p, r.index())); p.emitOp(Op.GC, sub, r.index(), 0); return false;
            case 0x11: p.pop(5); p.emitOp(Op.GC, sub, r.index(), r.index2()); return false;
            case 0x12: case 0x13: p.pop(4); p.emitOp(Op.GC, sub, r.index(), r.index2()); return false;
            case 0x14: case 0x15: // ref.test (ref null? ht)
                p.retype(1, ONE_NUM);
                p.emitOp(Op.REF_TEST, sub == 0x15 ? 1 : 0, r.heapType());
                return false;
            case 0x16: case 0x17: // ref.cast (ref null? ht)
                p.emitOp(Op.REF_CAST, sub == 0x17 ? 1 : 0, r.heapType());
                return false;
            case 0x18: case 0x19: { // br_on_cast(_fail) label rt1 rt2: the reference stays on the stack
                p.branchFull(r.index(), Op.BR_ON_CAST);
                p.emitOp((r.castFlags() & 2) != 0 ? 1 : 0, r.heapType2(), sub == 0x19 ? 1 : 0);
                return false;
            }
            case 0x1A: case 0x1B: return false; // any.convert_extern / extern.convert_any: identity (VALUES.md)
            case 0x1C: p.retype(1, ONE_REF); p.emitOp(Op.GC, sub, 0, 0); return false;
            case 0x1D: case 0x1E: p.retype(1, ONE_NUM); p.emitOp(Op.GC, sub, 0, 0); return false;
            default:
                throw new IllegalStateException("unknown instruction 0xfb " + sub);
        }
    }

    private static int elemSlots(Predecoder p, int arrayType) {
        return slotsOfStorage(((ArrayType) p.types().composite(arrayType)).element().storage());
    }
}
