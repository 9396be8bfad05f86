package dev.weir.fuzz;

import static dev.weir.fuzz.GenModule.F32;
import static dev.weir.fuzz.GenModule.F64;
import static dev.weir.fuzz.GenModule.I32;
import static dev.weir.fuzz.GenModule.I64;

import dev.weir.fuzz.GenModule.Code;
import dev.weir.fuzz.GenModule.Emit;
import dev.weir.fuzz.GenModule.GenFunc;
import dev.weir.fuzz.GenModule.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates valid modules from a seed (same seed, same module): functions over i32/i64/f32/f64
 * with locals, arithmetic including trapping div/rem/trunc, comparisons, conversions, blocks,
 * counted loops, if/else, br/br_if/br_table, return, calls and call_indirect, loads and stores in
 * and out of bounds, memory.size/grow/fill/copy, globals and select. The exported {@code run}
 * calls every function and folds the results into an i64 checksum.
 *
 * <p>Termination: loops count down a dedicated local that the body never writes, and every
 * generated function decrements a global call budget on entry (trapping "unreachable" at zero),
 * which bounds recursion through call and call_indirect.
 *
 * <p>Determinism across engines: NaN payloads and signs are nondeterministic (spec 4.3.3), so
 * every float that is observed as bits (reinterpret, store, copysign's sign, the checksum) is
 * canonicalized first: {@code select(x, nan, x == x)}.
 */
final class ModuleGenerator {
    static final int CALL_BUDGET = 200;
    private static final long CANON_NAN32 = 0x7FC00000L;
    private static final long CANON_NAN64 = 0x7FF8000000000000L;

    private final Random r;
    private final GenModule m;
    private GenFunc cur;
    private int labelDepth;
    private int stmtDepth;
    private int loopDepth;
    private int scratch32;
    private int scratch64;
    private Set<GenFunc> refs = new HashSet<>();

    private ModuleGenerator(long seed) {
        this.r = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        this.m = new GenModule(seed);
    }

    static GenModule generate(long seed) {
        return new ModuleGenerator(seed).build();
    }

    private GenModule build() {
        m.globalTypes.add(I32);
        m.globalInits.add((long) CALL_BUDGET);
        int ng = 1 + r.nextInt(5);
        for (int i = 0; i < ng; i++) {
            byte t = anyType();
            m.globalTypes.add(t);
            m.globalInits.add(constBits(t));
        }
        m.memMin = 1;
        m.memMax = 1 + r.nextInt(3);
        m.dataOffset = r.nextInt(256);
        m.data = new byte[r.nextInt(64)];
        r.nextBytes(m.data);
        int nf = 2 + r.nextInt(6);
        for (int i = 0; i < nf; i++) {
            byte[] params = new byte[r.nextInt(4)];
            for (int p = 0; p < params.length; p++) {
                params[p] = anyType();
            }
            m.funcs.add(new GenFunc(i, params, r.nextInt(5) == 0 ? 0 : anyType()));
        }
        m.tableSize = 2 + r.nextInt(8);
        int ne = r.nextInt(m.tableSize + 1);
        for (int i = 0; i < ne; i++) {
            m.table.add(m.funcs.get(r.nextInt(nf)));
        }
        for (GenFunc f : m.funcs) {
            genFunction(f);
        }
        genRun(nf);
        return m;
    }

    private void genFunction(GenFunc f) {
        cur = f;
        int extra = r.nextInt(5);
        for (int i = 0; i < extra; i++) {
            f.locals.add(anyType());
        }
        scratch32 = f.localCount();
        f.locals.add(F32);
        scratch64 = f.localCount();
        f.locals.add(F64);
        labelDepth = 0;
        stmtDepth = 0;
        loopDepth = 0;
        f.body = stmts(2 + r.nextInt(8));
        if (f.result != 0) {
            refs = new HashSet<>();
            f.resultExpr = expr(f.result, 3);
            f.resultRefs = refs;
        }
    }

    /** run: calls every function with constant arguments and folds results into local 0 (i64). */
    private void genRun(int nf) {
        GenFunc run = new GenFunc(1000, new byte[0], I64);
        run.budgeted = false;
        run.locals.add(I64);
        run.locals.add(F32);
        run.locals.add(F64);
        for (GenFunc f : m.funcs) {
            List<Code> args = new ArrayList<>();
            for (byte p : f.params) {
                args.add(constant(p));
            }
            Set<GenFunc> rs = new HashSet<>();
            rs.add(f);
            Code call = e -> {
                e.op(0x20).out.u32(0);
                e.op(0x42).out.s64(31);
                e.op(0x7E);
                args.forEach(a -> a.emit(e));
                e.op(0x10).out.u32(e.func(f));
                switch (f.result) {
                    case 0: e.op(0x42).out.s64(1); break;
                    case I32: e.op(0xAD); break;
                    case I64: break;
                    case F32: canonF32(e, 1); e.op(0xBC).op(0xAD); break;
                    default: canonF64(e, 2); e.op(0xBD); break;
                }
                e.op(0x7C).op(0x21).out.u32(0);
            };
            run.body.add(new Stmt(call, null, null, null, null, rs));
        }
        run.resultExpr = e -> e.op(0x20).out.u32(0);
        m.run = run;
    }

    // ------------------------------------------------------------------ statements

    private List<Stmt> stmts(int n) {
        List<Stmt> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(stmt());
        }
        return l;
    }

    private Stmt stmt() {
        Set<GenFunc> saved = refs;
        refs = new HashSet<>();
        try {
            return stmt0();
        } finally {
            refs = saved;
        }
    }

    private Stmt simple(Code c) {
        return new Stmt(c, null, null, null, null, refs);
    }

    private Stmt stmt0() {
        int k = r.nextInt(100);
        boolean nest = stmtDepth < 3;
        if (k < 18) {
            int l = r.nextInt(cur.localCount());
            if (l == scratch32 || l == scratch64 || isCounter(l)) {
                l = 0 < cur.params.length ? 0 : scratch32;
            }
            if (l == scratch32 || l == scratch64 || isCounter(l)) {
                return simple(expr(I32, 2).then(e -> e.op(0x1A)));
            }
            int li = l;
            Code v = expr((byte) cur.localType(l), 3);
            return simple(v.then(e -> e.op(0x21).out.u32(li)));
        } else if (k < 28) {
            int g = 1 + r.nextInt(m.globalTypes.size() - 1);
            Code v = expr(m.globalTypes.get(g), 3);
            return simple(v.then(e -> e.op(0x24).out.u32(g)));
        } else if (k < 42) {
            return simple(store());
        } else if (k < 48) {
            return simple(expr(anyType(), 3).then(e -> e.op(0x1A)));
        } else if (k < 55) {
            GenFunc f = m.funcs.get(r.nextInt(m.funcs.size()));
            Code call = call(f);
            return simple(f.result == 0 ? call : call.then(e -> e.op(0x1A)));
        } else if (k < 63 && nest) {
            Code cond = expr(I32, 2);
            return nested(1, cond.then(e -> e.op(0x04).out.u8(0x40)), r.nextBoolean(), e -> e.op(0x0B));
        } else if (k < 70 && nest) {
            return nested(1, e -> e.op(0x02).out.u8(0x40), false, e -> e.op(0x0B));
        } else if (k < 78 && nest && loopDepth < 2) {
            return loop();
        } else if (k < 88 && labelDepth > 0) {
            return branch();
        } else if (k < 91) {
            Code v = cur.result == 0 ? e -> { } : expr(cur.result, 2);
            return simple(v.then(e -> e.op(0x0F)));
        } else if (k < 96) {
            Code dst = address();
            Code val = expr(I32, 1);
            int len = r.nextInt(16) == 0 ? 70000 : r.nextInt(64);
            return simple(dst.then(val).then(e -> e.op(0x41).out.s64(len)).then(e -> e.op(0xFC0B).out.u8(0)));
        } else {
            Code dst = address();
            Code src = address();
            int len = r.nextInt(16) == 0 ? 70000 : r.nextInt(64);
            return simple(dst.then(src).then(e -> e.op(0x41).out.s64(len)).then(e -> e.op(0xFC0A).out.u8(0).u8(0)));
        }
    }

    private boolean isCounter(int local) {
        return local > scratch64;
    }

    /** A statement with one or two nested statement lists inside {@code labels} new labels. */
    private Stmt nested(int labels, Code head, boolean withElse, Code tail) {
        Set<GenFunc> own = refs;
        stmtDepth++;
        labelDepth += labels;
        List<Stmt> a = stmts(1 + r.nextInt(4));
        List<Stmt> b = withElse ? stmts(1 + r.nextInt(3)) : null;
        labelDepth -= labels;
        stmtDepth--;
        refs = own;
        return new Stmt(head, a, withElse ? e -> e.op(0x05) : null, b, tail, own);
    }

    /**
     * A counted loop: the counter is a fresh local nothing else writes, decremented at the top so
     * that a branch back to the loop label (a "continue") still counts.
     */
    private Stmt loop() {
        int c = cur.localCount();
        cur.locals.add(I32);
        int n = r.nextInt(5);
        Code head = e -> {
            e.op(0x41).out.s64(n);
            e.op(0x21).out.u32(c);
            e.op(0x02).out.u8(0x40);
            e.op(0x03).out.u8(0x40);
            e.op(0x20).out.u32(c);
            e.op(0x45).op(0x0D).out.u32(1);
            e.op(0x20).out.u32(c);
            e.op(0x41).out.s64(1);
            e.op(0x6B).op(0x21).out.u32(c);
        };
        loopDepth++;
        Stmt s = nested(2, head, false, e -> {
            e.op(0x0C).out.u32(0);
            e.op(0x0B).op(0x0B);
        });
        loopDepth--;
        return s;
    }

    private Stmt branch() {
        int k = r.nextInt(3);
        int d = r.nextInt(labelDepth);
        if (k == 0) {
            return simple(e -> e.op(0x0C).out.u32(d));
        } else if (k == 1) {
            return simple(expr(I32, 2).then(e -> e.op(0x0D).out.u32(d)));
        }
        int n = r.nextInt(4);
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = r.nextInt(labelDepth);
        }
        Code idx = r.nextBoolean() ? expr(I32, 2) : constI32(r.nextInt(n + 2));
        return simple(idx.then(e -> {
            e.op(0x0E).out.u32(n);
            for (int t : targets) {
                e.out.u32(t);
            }
            e.out.u32(d);
        }));
    }

    private static final int[][] STORES = {
        {0x36, I32, 2}, {0x37, I64, 3}, {0x38, F32, 2}, {0x39, F64, 3},
        {0x3A, I32, 0}, {0x3B, I32, 1}, {0x3C, I64, 0}, {0x3D, I64, 1}, {0x3E, I64, 2},
    };

    private Code store() {
        int[] s = STORES[r.nextInt(STORES.length)];
        Code addr = address();
        Code val = canonical((byte) s[1], expr((byte) s[1], 3));
        int align = r.nextInt(s[2] + 1);
        int offset = r.nextInt(4) == 0 ? r.nextInt(16) : 0;
        return addr.then(val).then(e -> e.op(s[0]).out.u32(align).u32(offset));
    }

    /** Mostly in-bounds addresses (below 64 KiB minus 32), sometimes anything. */
    private Code address() {
        int k = r.nextInt(40);
        if (k < 22) {
            return constI32(r.nextInt(65536 - 32));
        } else if (k < 38) {
            return expr(I32, 2).then(e -> e.op(0x41).out.s64(0xFFE0)).then(e -> e.op(0x71));
        } else if (k < 39) {
            return constI32(65536 * (1 + r.nextInt(3)) - r.nextInt(16));
        }
        return expr(I32, 2);
    }

    // ------------------------------------------------------------------ expressions

    private static final int[] I32_UN = {0x67, 0x68, 0x69, 0xC0, 0xC1, 0x45};
    private static final int[] I64_UN = {0x79, 0x7A, 0x7B, 0xC2, 0xC3, 0xC4};
    private static final int[] F32_UN = {0x8B, 0x8C, 0x8D, 0x8E, 0x8F, 0x90, 0x91};
    private static final int[] F64_UN = {0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F};
    private static final int[] I32_BIN = {0x6A, 0x6B, 0x6C, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78};
    private static final int[] I64_BIN = {0x7C, 0x7D, 0x7E, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A};
    private static final int[] I32_DIV = {0x6D, 0x6E, 0x6F, 0x70};
    private static final int[] I64_DIV = {0x7F, 0x80, 0x81, 0x82};
    private static final int[] F32_BIN = {0x92, 0x93, 0x94, 0x95, 0x96, 0x97};
    private static final int[] F64_BIN = {0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xA5};
    /** Comparisons producing i32: first index by operand type. */
    private static final int[][] CMP = {
        {0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F},
        {0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A},
        {0x5B, 0x5C, 0x5D, 0x5E, 0x5F, 0x60},
        {0x61, 0x62, 0x63, 0x64, 0x65, 0x66},
    };
    /** Conversions {opcode, from, to, traps}. */
    private static final int[][] CONV = {
        {0xA7, I64, I32, 0}, {0xA8, F32, I32, 1}, {0xA9, F32, I32, 1}, {0xAA, F64, I32, 1}, {0xAB, F64, I32, 1},
        {0xAC, I32, I64, 0}, {0xAD, I32, I64, 0}, {0xAE, F32, I64, 1}, {0xAF, F32, I64, 1}, {0xB0, F64, I64, 1},
        {0xB1, F64, I64, 1}, {0xB2, I32, F32, 0}, {0xB3, I32, F32, 0}, {0xB4, I64, F32, 0}, {0xB5, I64, F32, 0},
        {0xB6, F64, F32, 0}, {0xB7, I32, F64, 0}, {0xB8, I32, F64, 0}, {0xB9, I64, F64, 0}, {0xBA, I64, F64, 0},
        {0xBB, F32, F64, 0}, {0xBC, F32, I32, 0}, {0xBD, F64, I64, 0}, {0xBE, I32, F32, 0}, {0xBF, I64, F64, 0},
        {0xFC00, F32, I32, 0}, {0xFC01, F32, I32, 0}, {0xFC02, F64, I32, 0}, {0xFC03, F64, I32, 0},
        {0xFC04, F32, I64, 0}, {0xFC05, F32, I64, 0}, {0xFC06, F64, I64, 0}, {0xFC07, F64, I64, 0},
    };
    /** Loads {opcode, result, natural alignment log2}. */
    private static final int[][] LOADS = {
        {0x28, I32, 2}, {0x29, I64, 3}, {0x2A, F32, 2}, {0x2B, F64, 3}, {0x2C, I32, 0}, {0x2D, I32, 0},
        {0x2E, I32, 1}, {0x2F, I32, 1}, {0x30, I64, 0}, {0x31, I64, 0}, {0x32, I64, 1}, {0x33, I64, 1},
        {0x34, I64, 2}, {0x35, I64, 2},
    };

    private Code expr(byte t, int depth) {
        if (depth <= 0 || r.nextInt(6) == 0) {
            return leaf(t);
        }
        int d = depth - 1;
        int k = r.nextInt(100);
        boolean isInt = t == I32 || t == I64;
        if (k < 14) {
            int[] ops = t == I32 ? I32_UN : t == I64 ? I64_UN : t == F32 ? F32_UN : F64_UN;
            int op = ops[r.nextInt(ops.length)];
            if (op == 0x45) {
                return expr(I32, d).then(e -> e.op(0x45));
            }
            return expr(t, d).then(e -> e.op(op));
        } else if (k < 40) {
            int op;
            if (isInt && r.nextInt(8) == 0) {
                int[] ops = t == I32 ? I32_DIV : I64_DIV;
                op = ops[r.nextInt(ops.length)];
            } else {
                int[] ops = t == I32 ? I32_BIN : t == I64 ? I64_BIN : t == F32 ? F32_BIN : F64_BIN;
                op = ops[r.nextInt(ops.length)];
            }
            return expr(t, d).then(expr(t, d)).then(e -> e.op(op));
        } else if (k < 44 && !isInt) {
            // copysign takes the sign of its second operand: canonicalize it (NaN sign is nondeterministic).
            int op = t == F32 ? 0x98 : 0xA6;
            return expr(t, d).then(canonical(t, expr(t, d))).then(e -> e.op(op));
        } else if (k < 52 && t == I32) {
            int from = r.nextInt(4);
            int[] ops = CMP[from];
            int op = ops[r.nextInt(ops.length)];
            byte ft = GenModule.TYPES[from];
            return expr(ft, d).then(expr(ft, d)).then(e -> e.op(op));
        } else if (k < 62) {
            List<int[]> cs = new ArrayList<>();
            for (int[] c : CONV) {
                if (c[2] == t && (c[3] == 0 || r.nextInt(4) == 0)) {
                    cs.add(c);
                }
            }
            int[] c = cs.get(r.nextInt(cs.size()));
            Code in = expr((byte) c[1], d);
            if (c[0] == 0xBC || c[0] == 0xBD) {
                in = canonical((byte) c[1], in);
            }
            return in.then(e -> e.op(c[0]));
        } else if (k < 72) {
            List<int[]> ls = new ArrayList<>();
            for (int[] l : LOADS) {
                if (l[1] == t) {
                    ls.add(l);
                }
            }
            int[] l = ls.get(r.nextInt(ls.size()));
            int align = r.nextInt(l[2] + 1);
            int offset = r.nextInt(4) == 0 ? r.nextInt(16) : 0;
            return address().then(e -> e.op(l[0]).out.u32(align).u32(offset));
        } else if (k < 75 && t == I32) {
            if (r.nextBoolean()) {
                return e -> e.op(0x3F).out.u8(0);
            }
            Code delta = r.nextInt(3) == 0 ? expr(I32, d) : constI32(r.nextInt(3));
            return delta.then(e -> e.op(0x40).out.u8(0));
        } else if (k < 80) {
            return expr(t, d).then(expr(t, d)).then(expr(I32, d)).then(e -> e.op(0x1B));
        } else if (k < 84) {
            List<Integer> ls = new ArrayList<>();
            for (int i = 0; i < scratch32; i++) {
                if (cur.localType(i) == t) {
                    ls.add(i);
                }
            }
            if (ls.isEmpty()) {
                return leaf(t);
            }
            int li = ls.get(r.nextInt(ls.size()));
            return expr(t, d).then(e -> e.op(0x22).out.u32(li));
        } else if (k < 90) {
            List<GenFunc> fs = new ArrayList<>();
            for (GenFunc f : m.funcs) {
                if (f.result == t) {
                    fs.add(f);
                }
            }
            if (fs.isEmpty()) {
                return leaf(t);
            }
            return call(fs.get(r.nextInt(fs.size())));
        } else if (k < 93) {
            return callIndirect(t, d);
        } else if (k < 97) {
            Code c = expr(I32, d);
            Code a = expr(t, d);
            Code b = expr(t, d);
            return c.then(e -> e.op(0x04).out.u8(t)).then(a).then(e -> e.op(0x05)).then(b).then(e -> e.op(0x0B));
        } else {
            // block (result t): a; cond; br_if 0; drop; b; end
            Code a = expr(t, d);
            Code c = expr(I32, d);
            Code b = expr(t, d);
            return ((Code) e -> e.op(0x02).out.u8(t)).then(a).then(c).then(e -> {
                e.op(0x0D).out.u32(0);
                e.op(0x1A);
            })
                    .then(b).then(e -> e.op(0x0B));
        }
    }

    private Code call(GenFunc f) {
        refs.add(f);
        Code args = e -> { };
        for (byte p : f.params) {
            args = args.then(expr(p, 2));
        }
        return args.then(e -> e.op(0x10).out.u32(e.func(f)));
    }

    private Code callIndirect(byte result, int d) {
        byte[] params;
        // Mostly a signature some function has, so that calls succeed.
        if (r.nextInt(4) != 0) {
            GenFunc f = m.funcs.get(r.nextInt(m.funcs.size()));
            params = f.params;
            if (f.result != result) {
                params = new byte[0];
            }
        } else {
            params = new byte[r.nextInt(3)];
            for (int i = 0; i < params.length; i++) {
                params[i] = anyType();
            }
        }
        byte[] ps = params;
        Code args = e -> { };
        for (byte p : ps) {
            args = args.then(expr(p, Math.min(d, 1)));
        }
        Code idx = r.nextInt(4) == 0 ? expr(I32, 1) : constI32(r.nextInt(Math.max(1, m.table.size()) + (r.nextInt(8) == 0 ? 2 : 0)));
        return args.then(idx).then(e -> e.op(0x11).out.u32(e.type(ps, result)).u8(0));
    }

    private Code leaf(byte t) {
        int k = r.nextInt(3);
        if (k == 0) {
            List<Integer> ls = new ArrayList<>();
            for (int i = 0; i < cur.localCount(); i++) {
                if (cur.localType(i) == t) {
                    ls.add(i);
                }
            }
            if (!ls.isEmpty()) {
                int li = ls.get(r.nextInt(ls.size()));
                return e -> e.op(0x20).out.u32(li);
            }
        } else if (k == 1) {
            List<Integer> gs = new ArrayList<>();
            for (int i = 1; i < m.globalTypes.size(); i++) {
                if (m.globalTypes.get(i) == t) {
                    gs.add(i);
                }
            }
            if (!gs.isEmpty()) {
                int gi = gs.get(r.nextInt(gs.size()));
                return e -> e.op(0x23).out.u32(gi);
            }
        }
        return constant(t);
    }

    private Code constant(byte t) {
        long bits = constBits(t);
        int op = t == I32 ? 0x41 : t == I64 ? 0x42 : t == F32 ? 0x43 : 0x44;
        return e -> {
            e.op(op);
            switch (t) {
                case I32: e.out.s64((int) bits); break;
                case I64: e.out.s64(bits); break;
                case F32: e.out.fixed32((int) bits); break;
                default: e.out.fixed64(bits); break;
            }
        };
    }

    private static Code constI32(int v) {
        return e -> e.op(0x41).out.s64(v);
    }

    private static final long[] INTS = {0, 1, -1, 2, 7, 8, 31, 32, 63, 64, 255, 0x7FFFFFFF, 0x80000000L,
        Long.MIN_VALUE, Long.MAX_VALUE, 65535, 65536, -65536};
    private static final double[] FLOATS = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -2.5, 3e9, -3e9, 1e19, -1e19,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2147483647.0, 2147483648.0,
        -2147483649.0, 9.2e18, 4294967296.0, Double.MIN_VALUE, 1e-40, 3.4e38};

    private long constBits(byte t) {
        int k = r.nextInt(4);
        switch (t) {
            case I32:
                return k == 0 ? r.nextInt() : k == 1 ? r.nextInt(100) : (int) INTS[r.nextInt(INTS.length)];
            case I64:
                return k == 0 ? r.nextLong() : k == 1 ? r.nextInt(100) : INTS[r.nextInt(INTS.length)];
            case F32:
                return k == 0 ? r.nextInt() & 0xFFFFFFFFL
                        : Float.floatToRawIntBits((float) FLOATS[r.nextInt(FLOATS.length)]) & 0xFFFFFFFFL;
            default:
                return k == 0 ? r.nextLong() : Double.doubleToRawLongBits(FLOATS[r.nextInt(FLOATS.length)]);
        }
    }

    private byte anyType() {
        return GenModule.TYPES[r.nextInt(4)];
    }

    /** {@code select(x, canonical NaN, x == x)} through the function's scratch local. */
    private Code canonical(byte t, Code x) {
        if (t == F32) {
            int s = scratch32;
            return x.then(e -> canonF32(e, s));
        } else if (t == F64) {
            int s = scratch64;
            return x.then(e -> canonF64(e, s));
        }
        return x;
    }

    private static void canonF32(Emit e, int scratch) {
        e.op(0x22).out.u32(scratch);
        e.op(0x43).out.fixed32((int) CANON_NAN32);
        e.op(0x20).out.u32(scratch);
        e.op(0x20).out.u32(scratch);
        e.op(0x5B).op(0x1B);
    }

    private static void canonF64(Emit e, int scratch) {
        e.op(0x22).out.u32(scratch);
        e.op(0x44).out.fixed64(CANON_NAN64);
        e.op(0x20).out.u32(scratch);
        e.op(0x20).out.u32(scratch);
        e.op(0x61).op(0x1B);
    }
}
