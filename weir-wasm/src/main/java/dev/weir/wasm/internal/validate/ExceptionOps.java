package dev.weir.wasm.internal.validate;

import dev.weir.wasm.HeapType;
import dev.weir.wasm.InstructionReader;

/** Exception handling (spec 3.4.x: throw, throw_ref, try_table) and the legacy try/catch/delegate/rethrow. */
final class ExceptionOps {
    private static final int EXNREF_NON_NULL = Vt.ref(HeapType.EXN, false);

    private ExceptionOps() {
    }

    static int[] tagParams(CodeValidator v, int tag) {
        if (tag < 0 || tag >= v.m.nTags) {
            throw v.err("unknown tag " + CodeValidator.u(tag));
        }
        return v.m.fParams[v.m.tagType[tag]];
    }

    static boolean handle(CodeValidator v, InstructionReader r, byte kind) {
        switch (kind) {
            case OpInfo.THROW:
                v.popVals(tagParams(v, r.index()));
                v.unreachable();
                return true;
            case OpInfo.THROW_REF:
                v.pop(Vt.ref(HeapType.EXN, true));
                v.unreachable();
                return true;
            case OpInfo.TRY_TABLE: {
                v.readBlockType(r);
                // Catch labels are resolved in the enclosing context (before the try_table's own label).
                int n = r.catchCount();
                for (int i = 0; i < n; i++) {
                    int ck = r.catchKind(i);
                    int f = v.labelFrame(r.catchLabel(i));
                    switch (ck) {
                        case 0:
                            v.checkLabelAccepts(tagParams(v, r.catchTag(i)), 0, f);
                            break;
                        case 1:
                            v.checkLabelAccepts(tagParams(v, r.catchTag(i)), EXNREF_NON_NULL, f);
                            break;
                        case 2:
                            v.checkLabelAccepts(NO_TYPES, 0, f);
                            break;
                        default:
                            v.checkLabelAccepts(NO_TYPES, EXNREF_NON_NULL, f);
                            break;
                    }
                }
                v.pushBlock(CodeValidator.F_TRY_TABLE);
                return true;
            }
            case OpInfo.TRY:
                v.readBlockType(r);
                v.pushBlock(CodeValidator.F_TRY);
                return true;
            case OpInfo.CATCH:
                v.catchArm(CodeValidator.F_CATCH, tagParams(v, r.index()));
                return true;
            case OpInfo.CATCH_ALL:
                v.catchArm(CodeValidator.F_CATCH_ALL, null);
                return true;
            case OpInfo.DELEGATE: {
                if (v.csp == 0 || v.cKind[v.csp - 1] != CodeValidator.F_TRY) {
                    throw v.err("delegate without try");
                }
                int f = v.popCtrl();
                v.labelFrame(r.index());
                v.pushVals(v.pool, v.cEnd[f], v.cEndLen[f]);
                return true;
            }
            case OpInfo.RETHROW: {
                int f = v.labelFrame(r.index());
                if (v.cKind[f] != CodeValidator.F_CATCH && v.cKind[f] != CodeValidator.F_CATCH_ALL) {
                    throw v.err("invalid rethrow label");
                }
                v.unreachable();
                return true;
            }
            default:
                return false;
        }
    }

    private static final int[] NO_TYPES = new int[0];
}
