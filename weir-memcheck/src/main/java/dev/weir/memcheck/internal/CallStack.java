package dev.weir.memcheck.internal;

import java.util.Arrays;

/**
 * The guest's shadow call stack, driven by the {@code memcheck.fenter/fleave} hooks that the
 * {@link Instrumenter} puts into every non-leaf function (a leaf function needs no frame: every
 * site inside it already names it).
 *
 * <p>Pushing and popping cost an array store and no allocation. A stack is only turned into
 * something durable when an allocation or an error needs it ({@link #capture()}): the frames are
 * interned into a calling-context tree, so a block remembers its whole allocation stack as one
 * {@code int} and a million allocations from the same place share one path. Node ids of the
 * positions already interned are cached ({@code nodeAt}, valid below {@code valid}), so capturing
 * in a loop only interns the frames pushed since the last capture.
 *
 * <p>{@code fleave(d)} sets the depth to {@code d - 1} instead of decrementing: a frame skipped by
 * an exception unwinding through it is dropped as soon as an enclosing function returns.
 */
public final class CallStack {
    /** Frames beyond this depth are counted but not recorded (reports show the outermost ones). */
    static final int MAX_RECORDED = 1 << 20;
    /** Calling-context nodes beyond this are not created; captures stop at the deepest existing node. */
    static final int MAX_NODES = 1 << 22;

    private int[] funcs = new int[256];
    private int[] nodeAt = new int[256];
    private int depth;
    private int valid;

    // Calling-context tree: node 0 is the root (empty stack).
    private int[] parent = new int[1024];
    private int[] func = new int[1024];
    private int[] nodeDepth = new int[1024];
    private int nodes = 1;
    // Open addressing: key (parent << 32 | func) -> node; 0 marks an empty slot (no node has key 0
    // because node 0 is never a child).
    private long[] keys = new long[2048];
    private int[] vals = new int[2048];

    /** Pushes function {@code f} (original index); returns the new depth, the frame's token. */
    public int enter(int f) {
        int d = depth;
        if (d < MAX_RECORDED) {
            if (d == funcs.length) {
                int n = Math.min(MAX_RECORDED, d * 2);
                funcs = Arrays.copyOf(funcs, n);
                nodeAt = Arrays.copyOf(nodeAt, n);
            }
            funcs[d] = f;
        }
        if (valid > d) {
            valid = d;
        }
        depth = d + 1;
        return depth;
    }

    /** The frame with token {@code d} returns: the depth becomes {@code d - 1}. */
    public void leave(int d) {
        if (d - 1 < depth && d >= 1) {
            depth = d - 1;
        }
    }

    public int depth() {
        return depth;
    }

    /** Drops frames above {@code d} (a trap unwound them without their leave hooks). */
    public void truncate(int d) {
        if (d >= 0 && d < depth) {
            depth = d;
        }
    }

    /** The current stack as a calling-context node (0 = empty). */
    public int capture() {
        int n = Math.min(depth, MAX_RECORDED);
        for (int i = valid; i < n; i++) {
            int p = i == 0 ? 0 : nodeAt[i - 1];
            int c = child(p, funcs[i]);
            if (c < 0) {
                valid = i;
                return p;
            }
            nodeAt[i] = c;
        }
        valid = n;
        return n == 0 ? 0 : nodeAt[n - 1];
    }

    /** The innermost function of a node, or -1 for the root. */
    public int function(int node) {
        return node <= 0 || node >= nodes ? -1 : func[node];
    }

    public int parent(int node) {
        return node <= 0 || node >= nodes ? 0 : parent[node];
    }

    /** Number of frames on the path from the root to {@code node}. */
    public int depthOf(int node) {
        return node <= 0 || node >= nodes ? 0 : nodeDepth[node];
    }

    private int child(int p, int f) {
        long key = ((long) p << 32) | (f & 0xFFFF_FFFFL);
        if (key == 0) {
            key = Long.MIN_VALUE; // (root, func 0) must not look like an empty slot
        }
        int mask = keys.length - 1;
        int h = mix(key) & mask;
        while (keys[h] != 0) {
            if (keys[h] == key) {
                return vals[h];
            }
            h = (h + 1) & mask;
        }
        if (nodes >= MAX_NODES) {
            return -1;
        }
        int id = nodes++;
        if (id == parent.length) {
            parent = Arrays.copyOf(parent, id * 2);
            func = Arrays.copyOf(func, id * 2);
            nodeDepth = Arrays.copyOf(nodeDepth, id * 2);
        }
        parent[id] = p;
        func[id] = f;
        nodeDepth[id] = p == 0 ? 1 : nodeDepth[p] + 1;
        keys[h] = key;
        vals[h] = id;
        if (nodes * 2 > keys.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        long[] ok = keys;
        int[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new int[ok.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < ok.length; i++) {
            if (ok[i] != 0) {
                int h = mix(ok[i]) & mask;
                while (keys[h] != 0) {
                    h = (h + 1) & mask;
                }
                keys[h] = ok[i];
                vals[h] = ov[i];
            }
        }
    }

    private static int mix(long k) {
        long x = k * 0x9E37_79B9_7F4A_7C15L;
        return (int) (x ^ (x >>> 29));
    }
}
