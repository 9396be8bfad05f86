package dev.weir.wasm.internal.validate;

import dev.weir.wasm.InstructionReader;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.ValType;

/**
 * Control, call, variable, table, bulk-memory and exception instructions (spec 3.4.3-3.4.8,
 * tail calls, typed function references, exception handling incl. the legacy try/catch).
 */
final class ControlOps {
    private ControlOps() {
    }

    static boolean handle(CodeValidator v, InstructionReader r, byte kind) {
        ModuleCtx m = v.m;
        switch (kind) {
            case OpInfo.UNREACHABLE:
                v.unreachable();
                return true;
            case OpInfo.NOP:
                return true;
            case OpInfo.BLOCK:
                v.readBlockType(r);
                v.pushBlock(CodeValidator.F_BLOCK);
                return true;
            case OpInfo.LOOP:
                v.readBlockType(r);
                v.pushBlock(CodeValidator.F_LOOP);
                return true;
            case OpInfo.IF:
                v.readBlockType(r);
                v.pop(Vt.I32);
                v.pushBlock(CodeValidator.F_IF);
                return true;
            case OpInfo.ELSE:
                v.elseArm();
                return true;
            case OpInfo.END:
                v.end();
                return true;
            case OpInfo.BR: {
                int f = v.labelFrame(r.index());
                v.popVals(v.pool, v.labelOff(f), v.labelLen(f));
                v.unreachable();
                return true;
            }
            case OpInfo.BR_IF: {
                int f = v.labelFrame(r.index());
                v.pop(Vt.I32);
                int off = v.labelOff(f);
                int len = v.labelLen(f);
                v.popVals(v.pool, off, len);
                v.pushVals(v.pool, off, len);
                return true;
            }
            case OpInfo.BR_TABLE:
                brTable(v, r);
                return true;
            case OpInfo.RETURN:
                v.popVals(v.results);
                v.unreachable();
                return true;
            case OpInfo.CALL:
            case OpInfo.RETURN_CALL: {
                int f = r.index();
                if (f < 0 || f >= m.nFuncs) {
                    throw v.err("unknown function " + CodeValidator.u(f));
                }
                call(v, m.funcType[f], kind == OpInfo.RETURN_CALL);
                return true;
            }
            case OpInfo.CALL_INDIRECT:
            case OpInfo.RETURN_CALL_INDIRECT: {
                int x = r.index();
                int t = r.index2();
                int addr = v.tableAddr(t);
                if (!v.matches(m.tableElem[t], Vt.ref(dev.weir.wasm.HeapType.FUNC, true))) {
                    throw v.err("type mismatch: call_indirect requires a table of function references");
                }
                if (!m.isFunc(x)) {
                    throw v.err("unknown type " + CodeValidator.u(x));
                }
                v.pop(addr);
                call(v, x, kind == OpInfo.RETURN_CALL_INDIRECT);
                return true;
            }
            case OpInfo.CALL_REF:
            case OpInfo.RETURN_CALL_REF: {
                int x = r.index();
                if (!m.isFunc(x)) {
                    throw v.err("unknown type " + CodeValidator.u(x));
                }
                v.pop(Vt.ref(x, true));
                call(v, x, kind == OpInfo.RETURN_CALL_REF);
                return true;
            }
            case OpInfo.DROP:
                v.pop();
                return true;
            case OpInfo.SELECT: {
                v.pop(Vt.I32);
                int t1 = v.pop();
                int t2 = v.pop();
                boolean num1 = t1 != Vt.UNKNOWN && !Vt.isRef(t1);
                boolean num2 = t2 != Vt.UNKNOWN && !Vt.isRef(t2);
                if ((t1 != Vt.UNKNOWN && !num1) || (t2 != Vt.UNKNOWN && !num2)
                        || (t1 != t2 && t1 != Vt.UNKNOWN && t2 != Vt.UNKNOWN)) {
                    throw v.err("type mismatch: select operands must be numeric or vector of the same type");
                }
                v.push(t1 == Vt.UNKNOWN ? t2 : t1);
                return true;
            }
            case OpInfo.SELECT_T: {
                java.util.List<ValType> ts = r.selectTypes();
                if (ts.size() != 1) {
                    throw v.err("invalid result arity");
                }
                int t = Vt.of(ts.get(0));
                v.checkValType(t);
                v.pop(Vt.I32);
                v.pop(t);
                v.pop(t);
                v.push(t);
                return true;
            }
            case OpInfo.LOCAL_GET: {
                int x = local(v, r.index());
                if (!v.localInit[x]) {
                    throw v.err("uninitialized local " + x);
                }
                v.push(v.locals[x]);
                return true;
            }
            case OpInfo.LOCAL_SET: {
                int x = local(v, r.index());
                v.pop(v.locals[x]);
                v.setLocalInit(x);
                return true;
            }
            case OpInfo.LOCAL_TEE: {
                int x = local(v, r.index());
                v.pop(v.locals[x]);
                v.setLocalInit(x);
                v.push(v.locals[x]);
                return true;
            }
            case OpInfo.GLOBAL_GET: {
                int g = r.index();
                int limit = v.constMode ? v.constGlobals : m.nGlobals;
                if (g < 0 || g >= limit) {
                    throw v.err("unknown global " + CodeValidator.u(g));
                }
                if (v.constMode && m.globalMut[g]) {
                    throw v.err("constant expression required");
                }
                v.push(m.globalType[g]);
                return true;
            }
            case OpInfo.GLOBAL_SET: {
                int g = r.index();
                if (g < 0 || g >= m.nGlobals) {
                    throw v.err("unknown global " + CodeValidator.u(g));
                }
                if (!m.globalMut[g]) {
                    throw v.err("immutable global");
                }
                v.pop(m.globalType[g]);
                return true;
            }
            case OpInfo.TABLE_GET: {
                int t = r.index();
                v.pop(v.tableAddr(t));
                v.push(m.tableElem[t]);
                return true;
            }
            case OpInfo.TABLE_SET: {
                int t = r.index();
                int addr = v.tableAddr(t);
                v.pop(m.tableElem[t]);
                v.pop(addr);
                return true;
            }
            case OpInfo.TABLE_SIZE:
                v.push(v.tableAddr(r.index()));
                return true;
            case OpInfo.TABLE_GROW: {
                int t = r.index();
                int addr = v.tableAddr(t);
                v.pop(addr);
                v.pop(m.tableElem[t]);
                v.push(addr);
                return true;
            }
            case OpInfo.TABLE_FILL: {
                int t = r.index();
                int addr = v.tableAddr(t);
                v.pop(addr);
                v.pop(m.tableElem[t]);
                v.pop(addr);
                return true;
            }
            case OpInfo.TABLE_COPY: {
                int d = r.index();
                int s = r.index2();
                int da = v.tableAddr(d);
                int sa = v.tableAddr(s);
                if (!v.matches(m.tableElem[s], m.tableElem[d])) {
                    throw v.err("type mismatch: table.copy source element type does not match destination");
                }
                v.pop(da == Vt.I64 && sa == Vt.I64 ? Vt.I64 : Vt.I32);
                v.pop(sa);
                v.pop(da);
                return true;
            }
            case OpInfo.TABLE_INIT: {
                int e = r.index();
                int t = r.index2();
                int addr = v.tableAddr(t);
                int et = elem(v, e);
                if (!v.matches(et, m.tableElem[t])) {
                    throw v.err("type mismatch: element segment type does not match table");
                }
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.pop(addr);
                return true;
            }
            case OpInfo.ELEM_DROP:
                elem(v, r.index());
                return true;
            case OpInfo.MEMORY_SIZE:
                v.push(v.memAddr(r.index()));
                return true;
            case OpInfo.MEMORY_GROW: {
                int addr = v.memAddr(r.index());
                v.pop(addr);
                v.push(addr);
                return true;
            }
            case OpInfo.MEMORY_FILL: {
                int addr = v.memAddr(r.index());
                v.pop(addr);
                v.pop(Vt.I32);
                v.pop(addr);
                return true;
            }
            case OpInfo.MEMORY_COPY: {
                int da = v.memAddr(r.index());
                int sa = v.memAddr(r.index2());
                v.pop(da == Vt.I64 && sa == Vt.I64 ? Vt.I64 : Vt.I32);
                v.pop(sa);
                v.pop(da);
                return true;
            }
            case OpInfo.MEMORY_INIT: {
                int d = r.index();
                int addr = v.memAddr(r.index2());
                data(v, d);
                v.pop(Vt.I32);
                v.pop(Vt.I32);
                v.pop(addr);
                return true;
            }
            case OpInfo.DATA_DROP:
                data(v, r.index());
                return true;
            case OpInfo.ATOMIC_FENCE:
                return true;
            default:
                return ExceptionOps.handle(v, r, kind);
        }
    }

    private static int local(CodeValidator v, int x) {
        if (x < 0 || x >= v.nLocals) {
            throw v.err("unknown local " + CodeValidator.u(x));
        }
        return x;
    }

    static int elem(CodeValidator v, int e) {
        if (e < 0 || e >= v.m.nElems) {
            throw v.err("unknown elem segment " + CodeValidator.u(e));
        }
        return v.m.elemType[e];
    }

    static void data(CodeValidator v, int d) {
        if (v.m.nData < 0) {
            // Binary format rule (spec 5.5.16): data indices in code need the data count section.
            throw new MalformedModuleException("data count section required", v.offset);
        }
        if (d < 0 || d >= v.m.nData) {
            throw v.err("unknown data segment " + CodeValidator.u(d));
        }
    }

    private static void call(CodeValidator v, int typeIdx, boolean tail) {
        int[] ps = v.m.fParams[typeIdx];
        int[] rs = v.m.fResults[typeIdx];
        v.popVals(ps);
        if (tail) {
            // return_call*: the callee's results must match the caller's (spec 3.4.x, tail calls).
            int[] own = v.results;
            boolean ok = own.length == rs.length;
            for (int i = 0; ok && i < rs.length; i++) {
                ok = v.matches(rs[i], own[i]);
            }
            if (!ok) {
                throw v.err("type mismatch: tail call result type " + CodeValidator.list(rs, 0, rs.length)
                        + " does not match function result type " + CodeValidator.list(own, 0, own.length));
            }
            v.unreachable();
        } else {
            v.pushVals(rs);
        }
    }

    private static void brTable(CodeValidator v, InstructionReader r) {
        v.pop(Vt.I32);
        int df = v.labelFrame(r.defaultLabel());
        int arity = v.labelLen(df);
        int n = r.tableSize();
        for (int i = 0; i < n; i++) {
            int f = v.labelFrame(r.tableLabel(i));
            if (v.labelLen(f) != arity) {
                throw v.err("type mismatch: br_table labels have inconsistent arity");
            }
            int save = v.sp;
            v.popVals(v.pool, v.labelOff(f), arity);
            v.sp = save;
        }
        v.popVals(v.pool, v.labelOff(df), arity);
        v.unreachable();
    }
}
