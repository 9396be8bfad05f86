package dev.weir.text.internal.wat;

import dev.weir.text.internal.SExpr;
import java.util.ArrayList;
import java.util.List;

/** Removes annotation nodes {@code (@id ...)} from a tree (iteratively: no deep recursion). */
public final class Annotations {
    private Annotations() {}

    /** {@code n} without annotation descendants; {@code n} itself if it has none. */
    public static SExpr.Node strip(SExpr.Node n) {
        if (!contains(n)) {
            return n;
        }
        // Post-order rebuild with explicit stacks.
        List<SExpr.Node> nodes = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        List<List<SExpr>> built = new ArrayList<>();
        nodes.add(n);
        index.add(0);
        built.add(new ArrayList<>());
        SExpr.Node result = null;
        while (!nodes.isEmpty()) {
            int top = nodes.size() - 1;
            SExpr.Node cur = nodes.get(top);
            int i = index.get(top);
            if (i < cur.size()) {
                index.set(top, i + 1);
                SExpr c = cur.get(i);
                if (c instanceof SExpr.Node cn) {
                    if (cn.isAnnotation()) {
                        continue;
                    }
                    nodes.add(cn);
                    index.add(0);
                    built.add(new ArrayList<>());
                } else {
                    built.get(top).add(c);
                }
                continue;
            }
            SExpr.Node copy = new SExpr.Node(built.get(top), cur.line(), cur.column(), cur.offset(),
                    cur.endOffset(), null);
            nodes.remove(top);
            index.remove(top);
            built.remove(top);
            if (top == 0) {
                result = copy;
            } else {
                built.get(top - 1).add(copy);
            }
        }
        return result;
    }

    private static boolean contains(SExpr.Node n) {
        List<SExpr.Node> stack = new ArrayList<>();
        stack.add(n);
        while (!stack.isEmpty()) {
            SExpr.Node cur = stack.remove(stack.size() - 1);
            for (SExpr c : cur.children()) {
                if (c instanceof SExpr.Node cn) {
                    if (cn.isAnnotation()) {
                        return true;
                    }
                    stack.add(cn);
                }
            }
        }
        return false;
    }
}
