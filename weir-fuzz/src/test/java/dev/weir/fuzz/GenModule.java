package dev.weir.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A generated module as a small tree: functions made of statements (stack-neutral instruction
 * sequences, possibly with nested statement lists) that the minimizer can delete one by one
 * without breaking validity. Functions are referenced by object, so indices are assigned when the
 * module is encoded and dropping a function renumbers the rest.
 */
final class GenModule {
    static final byte I32 = 0x7F;
    static final byte I64 = 0x7E;
    static final byte F32 = 0x7D;
    static final byte F64 = 0x7C;
    static final byte[] TYPES = {I32, I64, F32, F64};

    /** Emits instructions; may look up function and type indices. */
    interface Code {
        void emit(Emit e);

        default Code then(Code next) {
            return e -> {
                emit(e);
                next.emit(e);
            };
        }
    }

    /** Encoding context of one module. */
    static final class Emit {
        final Bytes out = new Bytes();
        final Map<GenFunc, Integer> funcIndex;
        final Map<String, Integer> typeIndex;
        final List<String> types;
        final int[] opcodeHits;

        Emit(Map<GenFunc, Integer> funcIndex, Map<String, Integer> typeIndex, List<String> types, int[] hits) {
            this.funcIndex = funcIndex;
            this.typeIndex = typeIndex;
            this.types = types;
            this.opcodeHits = hits;
        }

        /** An opcode; {@code 0xFC00 | n} for the 0xFC prefix. */
        Emit op(int opcode) {
            if (opcodeHits != null) {
                opcodeHits[opcode > 0xFF ? 0x100 + (opcode & 0xFF) : opcode]++;
            }
            if (opcode > 0xFF) {
                out.u8(0xFC).u32(opcode & 0xFF);
            } else {
                out.u8(opcode);
            }
            return this;
        }

        int func(GenFunc f) {
            Integer i = funcIndex.get(f);
            if (i == null) {
                throw new IllegalStateException("reference to dropped function f" + f.id);
            }
            return i;
        }

        int type(byte[] params, byte result) {
            return typeIndex.computeIfAbsent(sigKey(params, result), k -> {
                types.add(k);
                return types.size() - 1;
            });
        }
    }

    static String sigKey(byte[] params, byte result) {
        StringBuilder sb = new StringBuilder();
        for (byte p : params) {
            sb.append((char) ('a' + (p & 0x7)));
        }
        return sb.append(':').append(result == 0 ? "" : String.valueOf((char) ('a' + (result & 0x7)))).toString();
    }

    private static byte typeOf(char c) {
        return (byte) (0x78 | (c - 'a'));
    }

    /** A statement: head, optional nested lists separated by mid, then tail. */
    static final class Stmt {
        final Code head;
        final List<Stmt> a;
        final Code mid;
        final List<Stmt> b;
        final Code tail;
        /** Functions referenced by head, mid and tail (nested statements record their own). */
        final Set<GenFunc> refs;

        Stmt(Code head, List<Stmt> a, Code mid, List<Stmt> b, Code tail, Set<GenFunc> refs) {
            this.head = head;
            this.a = a;
            this.mid = mid;
            this.b = b;
            this.tail = tail;
            this.refs = refs;
        }

        Stmt copy() {
            return new Stmt(head, copyList(a), mid, copyList(b), tail, refs);
        }

        void emit(Emit e) {
            if (head != null) {
                head.emit(e);
            }
            if (a != null) {
                a.forEach(s -> s.emit(e));
            }
            if (mid != null) {
                mid.emit(e);
            }
            if (b != null) {
                b.forEach(s -> s.emit(e));
            }
            if (tail != null) {
                tail.emit(e);
            }
        }

        int count() {
            int n = 1;
            for (List<Stmt> l : new List[] {a, b}) {
                if (l != null) {
                    for (Stmt s : l) {
                        n += s.count();
                    }
                }
            }
            return n;
        }
    }

    static List<Stmt> copyList(List<Stmt> l) {
        if (l == null) {
            return null;
        }
        List<Stmt> c = new ArrayList<>(l.size());
        for (Stmt s : l) {
            c.add(s.copy());
        }
        return c;
    }

    static final class GenFunc {
        final int id;
        final byte[] params;
        /** 0 for no result. */
        final byte result;
        /** Declared locals after the parameters. */
        final List<Byte> locals = new ArrayList<>();
        List<Stmt> body = new ArrayList<>();
        /** The value returned at the end (null when result == 0). */
        Code resultExpr;
        Set<GenFunc> resultRefs = new HashSet<>();
        /** Generated functions decrement the call budget on entry; run does not. */
        boolean budgeted = true;

        GenFunc(int id, byte[] params, byte result) {
            this.id = id;
            this.params = params;
            this.result = result;
        }

        GenFunc copy() {
            GenFunc f = new GenFunc(id, params, result);
            f.locals.addAll(locals);
            f.body = copyList(body);
            f.resultExpr = resultExpr;
            f.resultRefs = resultRefs;
            f.budgeted = budgeted;
            return f;
        }

        int localType(int index) {
            return index < params.length ? params[index] : locals.get(index - params.length);
        }

        int localCount() {
            return params.length + locals.size();
        }
    }

    final long seed;
    final List<GenFunc> funcs = new ArrayList<>();
    GenFunc run;
    /** Global 0 is the i32 call budget; all globals are mutable and exported as g0, g1, ... */
    final List<Byte> globalTypes = new ArrayList<>();
    final List<Long> globalInits = new ArrayList<>();
    int memMin = 1;
    int memMax = 3;
    int dataOffset;
    byte[] data = new byte[0];
    int tableSize;
    final List<GenFunc> table = new ArrayList<>();

    GenModule(long seed) {
        this.seed = seed;
    }

    GenModule copy() {
        GenModule m = new GenModule(seed);
        Map<GenFunc, GenFunc> map = new HashMap<>();
        for (GenFunc f : funcs) {
            GenFunc c = f.copy();
            map.put(f, c);
            m.funcs.add(c);
        }
        // Code lambdas capture the original GenFunc objects; copies share ids, so index lookups go by id.
        m.run = run.copy();
        m.globalTypes.addAll(globalTypes);
        m.globalInits.addAll(globalInits);
        m.memMin = memMin;
        m.memMax = memMax;
        m.dataOffset = dataOffset;
        m.data = data;
        m.tableSize = tableSize;
        for (GenFunc f : table) {
            m.table.add(map.get(f));
        }
        return m;
    }

    /** Total statements (for minimization reports). */
    int statementCount() {
        int n = 0;
        for (GenFunc f : allFuncs()) {
            for (Stmt s : f.body) {
                n += s.count();
            }
        }
        return n;
    }

    List<GenFunc> allFuncs() {
        List<GenFunc> all = new ArrayList<>(funcs);
        all.add(run);
        return all;
    }

    byte[] encode() {
        return encode(null);
    }

    /** Encodes the module (spec 5.5); {@code opcodeHits} (size 0x120) counts emitted opcodes, or null. */
    byte[] encode(int[] opcodeHits) {
        // Code lambdas hold the GenFunc objects of the original generation; a copy's functions
        // share ids with them, so map by id through a key wrapper.
        Map<Integer, Integer> byId = new LinkedHashMap<>();
        List<GenFunc> all = allFuncs();
        for (int i = 0; i < all.size(); i++) {
            byId.put(all.get(i).id, i);
        }
        Map<GenFunc, Integer> funcIndex = new IdMap(byId);
        Map<String, Integer> typeIndex = new HashMap<>();
        List<String> types = new ArrayList<>();
        Emit e = new Emit(funcIndex, typeIndex, types, opcodeHits);
        int[] funcTypes = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            funcTypes[i] = e.type(all.get(i).params, all.get(i).result);
        }
        Bytes code = new Bytes().u32(all.size());
        for (GenFunc f : all) {
            Emit fe = new Emit(funcIndex, typeIndex, types, opcodeHits);
            emitBody(f, fe);
            code.sized(fe.out);
        }

        Bytes out = new Bytes().fixed32(0x6D736100).fixed32(1);
        Bytes ts = new Bytes().u32(types.size());
        for (String k : types) {
            int colon = k.indexOf(':');
            ts.u8(0x60).u32(colon);
            for (int i = 0; i < colon; i++) {
                ts.u8(typeOf(k.charAt(i)));
            }
            ts.u32(k.length() - colon - 1);
            if (k.length() > colon + 1) {
                ts.u8(typeOf(k.charAt(colon + 1)));
            }
        }
        out.section(1, ts);
        Bytes fs = new Bytes().u32(all.size());
        for (int t : funcTypes) {
            fs.u32(t);
        }
        out.section(3, fs);
        out.section(4, new Bytes().u32(1).u8(0x70).u8(0x01).u32(tableSize).u32(tableSize));
        out.section(5, new Bytes().u32(1).u8(0x01).u32(memMin).u32(memMax));
        Bytes gs = new Bytes().u32(globalTypes.size());
        for (int i = 0; i < globalTypes.size(); i++) {
            byte t = globalTypes.get(i);
            gs.u8(t).u8(0x01);
            constInstr(gs, t, globalInits.get(i));
            gs.u8(0x0B);
        }
        out.section(6, gs);
        Bytes ex = new Bytes().u32(2 + globalTypes.size());
        ex.name("run").u8(0).u32(all.size() - 1);
        ex.name("mem").u8(2).u32(0);
        for (int i = 0; i < globalTypes.size(); i++) {
            ex.name("g" + i).u8(3).u32(i);
        }
        out.section(7, ex);
        List<GenFunc> elems = new ArrayList<>();
        for (GenFunc f : table) {
            if (byId.containsKey(f.id)) {
                elems.add(f);
            }
        }
        Bytes el = new Bytes().u32(1).u8(0).u8(0x41).s64(0).u8(0x0B).u32(elems.size());
        for (GenFunc f : elems) {
            el.u32(byId.get(f.id));
        }
        out.section(9, el);
        out.section(10, code);
        out.section(11, new Bytes().u32(1).u8(0).u8(0x41).s64(dataOffset).u8(0x0B).u32(data.length).bytes(data));
        return out.toArray();
    }

    static void constInstr(Bytes b, byte t, long bits) {
        switch (t) {
            case I32: b.u8(0x41).s64((int) bits); break;
            case I64: b.u8(0x42).s64(bits); break;
            case F32: b.u8(0x43).fixed32((int) bits); break;
            default: b.u8(0x44).fixed64(bits); break;
        }
    }

    private static void emitBody(GenFunc f, Emit e) {
        // Locals in runs of equal type (spec 5.5.13).
        List<int[]> groups = new ArrayList<>();
        for (byte t : f.locals) {
            if (!groups.isEmpty() && groups.get(groups.size() - 1)[1] == t) {
                groups.get(groups.size() - 1)[0]++;
            } else {
                groups.add(new int[] {1, t});
            }
        }
        e.out.u32(groups.size());
        for (int[] g : groups) {
            e.out.u32(g[0]).u8(g[1]);
        }
        if (f.budgeted) {
            // if (budget == 0) unreachable; budget--: bounds the total number of calls, so
            // recursion through call/call_indirect always terminates.
            e.op(0x23).out.u32(0);
            e.op(0x45).op(0x04).out.u8(0x40);
            e.op(0x00).op(0x0B);
            e.op(0x23).out.u32(0);
            e.op(0x41).out.s64(1);
            e.op(0x6B).op(0x24).out.u32(0);
        }
        for (Stmt s : f.body) {
            s.emit(e);
        }
        if (f.resultExpr != null) {
            f.resultExpr.emit(e);
        }
        e.op(0x0B);
    }

    /** Looks GenFunc keys up by id, so copies of a module resolve references made by the original. */
    private static final class IdMap extends HashMap<GenFunc, Integer> {
        private static final long serialVersionUID = 1L;
        private final transient Map<Integer, Integer> byId;

        IdMap(Map<Integer, Integer> byId) {
            this.byId = byId;
        }

        @Override
        public Integer get(Object key) {
            return byId.get(((GenFunc) key).id);
        }
    }
}
