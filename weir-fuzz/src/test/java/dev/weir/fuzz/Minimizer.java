package dev.weir.fuzz;

import dev.weir.fuzz.GenModule.GenFunc;
import dev.weir.fuzz.GenModule.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a generated module while a predicate (the difference) still holds: first drops whole
 * functions (with every statement and table slot referring to them), then deletes statements
 * (halves, then quarters, ..., then single statements) from every statement list, innermost
 * lists included. Deleting a statement always leaves a valid module because statements are
 * stack-neutral; the predicate still validates each candidate and treats failures as "gone".
 */
final class Minimizer {
    private final Predicate<GenModule> stillFails;
    private final long deadline;
    private int attempts;

    private Minimizer(Predicate<GenModule> stillFails, long millis) {
        this.stillFails = stillFails;
        this.deadline = System.currentTimeMillis() + millis;
    }

    static GenModule minimize(GenModule m, Predicate<GenModule> stillFails, long millis) {
        return new Minimizer(stillFails, millis).run(m);
    }

    private boolean test(GenModule candidate) {
        attempts++;
        try {
            return stillFails.test(candidate);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean timeLeft() {
        return System.currentTimeMillis() < deadline && attempts < 2000;
    }

    private GenModule run(GenModule m) {
        boolean progress = true;
        while (progress && timeLeft()) {
            progress = false;
            for (int i = m.funcs.size() - 1; i >= 0 && timeLeft(); i--) {
                GenModule c = dropFunction(m, m.funcs.get(i).id);
                if (test(c)) {
                    m = c;
                    progress = true;
                }
            }
            for (GenFunc f : m.allFuncs()) {
                if (!timeLeft()) {
                    break;
                }
                GenModule shrunk = shrinkLists(m, f.id);
                if (shrunk != m) {
                    m = shrunk;
                    progress = true;
                }
            }
        }
        return m;
    }

    /** Delta-debugs every statement list of function {@code id}, in a fixed traversal order. */
    private GenModule shrinkLists(GenModule m, int id) {
        GenModule best = m;
        int listNo = 0;
        while (timeLeft()) {
            List<List<Stmt>> lists = lists(best, id);
            if (listNo >= lists.size()) {
                return best;
            }
            int size = lists.get(listNo).size();
            boolean changed = false;
            for (int chunk = Math.max(1, size / 2); chunk >= 1 && !changed && timeLeft(); chunk /= 2) {
                for (int start = 0; start + chunk <= size && timeLeft(); start += chunk) {
                    GenModule c = best.copy();
                    lists(c, id).get(listNo).subList(start, start + chunk).clear();
                    if (test(c)) {
                        best = c;
                        changed = true;
                        break;
                    }
                }
            }
            if (!changed) {
                listNo++;
            }
        }
        return best;
    }

    private static List<List<Stmt>> lists(GenModule m, int id) {
        List<List<Stmt>> out = new ArrayList<>();
        for (GenFunc f : m.allFuncs()) {
            if (f.id == id) {
                collect(f.body, out);
            }
        }
        return out;
    }

    private static void collect(List<Stmt> l, List<List<Stmt>> out) {
        out.add(l);
        for (Stmt s : l) {
            if (s.a != null) {
                collect(s.a, out);
            }
            if (s.b != null) {
                collect(s.b, out);
            }
        }
    }

    /** A copy without function {@code id}: callers' statements and table slots referring to it go too. */
    static GenModule dropFunction(GenModule m, int id) {
        GenModule c = m.copy();
        c.funcs.removeIf(f -> f.id == id);
        c.table.removeIf(f -> f.id == id);
        for (GenFunc f : c.allFuncs()) {
            removeRefs(f.body, id);
            if (f.resultExpr != null && f.resultRefs.stream().anyMatch(g -> g.id == id)) {
                byte t = f.result;
                f.resultExpr = e -> {
                    GenModule.constInstr(e.out, t, 0);
                };
                f.resultRefs = new java.util.HashSet<>();
            }
        }
        return c;
    }

    private static void removeRefs(List<Stmt> l, int id) {
        if (l == null) {
            return;
        }
        l.removeIf(s -> s.refs.stream().anyMatch(g -> g.id == id));
        for (Stmt s : l) {
            removeRefs(s.a, id);
            removeRefs(s.b, id);
        }
    }
}
