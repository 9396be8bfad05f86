package dev.weir.compiler.internal;

import dev.weir.wasm.FunctionBody;
import dev.weir.wasm.InstructionReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Which blocks of a large function are outlined into JVM methods of their own ({@code f<i>$<n>}).
 *
 * <p>Why: HotSpot compiles big methods badly or not at all. C1 gives up on methods of roughly
 * 10 KiB of bytecode ("out of virtual registers"), C2 does not compile methods over 8,000 bytes
 * unless {@code -XX:-DontCompileHugeMethods} is given, and the JVM rejects methods over 64 KiB.
 * Such methods run in the bytecode interpreter, 10-50x slower. Compilers from C and Rust emit
 * Wasm functions of tens of KiB (bz2's {@code sendMTFValues}, ed25519's field arithmetic), so
 * Weir keeps every method small by moving whole blocks, loops and ifs out.
 *
 * <p>Choice: bottom-up over the block tree, a block whose remaining size exceeds {@link #limit}
 * outlines its largest eligible children until it fits; outlined blocks may contain outlined
 * blocks. Sizes are in Wasm code bytes (roughly a third of the bytecode they become). A block is
 * eligible when it is not inside, and does not contain, exception handling (a JVM handler in the
 * caller would not see locals the outlined code changed) or tail calls (they return from the Wasm
 * function). How an outlined block's method is made and called: {@link RegionEmitter}.
 */
final class Regions {
    /** Target size of one method, in Wasm code bytes; {@code -Dweir.compiler.splitBytes} overrides it. */
    static final int LIMIT = Integer.getInteger("weir.compiler.splitBytes", 2_000);
    /** Smallest block worth a method of its own (smaller with a small test limit). */
    private static final int MIN = Math.min(48, LIMIT / 4);
    /**
     * Most labels outside a block its branches may target: each is a return code and a dispatch
     * case in every method on the way out (a switch of a thousand cases must not be cut inside).
     */
    private static final int MAX_EXITS = 4;
    /**
     * Outer labels a block may have per Wasm byte of its own code: 1/16. Each label costs ~20 bytes
     * of bytecode (an exit stub in the part, a lookupswitch case and a jump in its caller) against
     * ~3 per Wasm byte, so the dispatch stays well below the code it moves. C compiles a big
     * {@code switch} in a loop (bz2's decompressor, interpreters) to a nest of a hundred or more
     * blocks whose inner blocks all see the br_table's targets: with MAX_EXITS alone none could be
     * cut, and bz2's function stayed one 21 KiB method that C1 gives up on and that ran in the
     * bytecode interpreter.
     */
    private static final int BYTES_PER_EXIT = 16;
    /** Most exits recorded per block (and so the most a big block may have). */
    private static final int BIG_EXITS = 256;
    private static final int EXIT_WALK = 64;
    /**
     * A block that stays this many times over the limit after its own outlining gains nothing from
     * a method of its own (e.g. a switch whose cases are all one level deep in a long nest).
     */
    private static final int STUCK = 4;
    /** Size a call to an outlined block adds to its parent (in Wasm bytes, an estimate). */
    private static final int CALL_COST = 24;

    /** Code indexes of the outlined blocks' opening instructions (block, loop, if). */
    private final BitSet outlined;
    /**
     * Code indexes of blocks a straight-line run must not swallow: those over the limit (their
     * inside is better cut where its own stack is empty) and those whose branches target more than
     * MAX_EXITS outer labels.
     */
    private final BitSet notInRuns;

    /** Code indexes of loops too big for one method even with their blocks outlined. */
    private final BitSet hugeLoops;

    private Regions(BitSet outlined, BitSet notInRuns, BitSet hugeLoops) {
        this.outlined = outlined;
        this.notInRuns = notInRuns;
        this.hugeLoops = hugeLoops;
    }

    /**
     * Whether runs may be cut inside the loop starting at {@code start}: a call with its copies of
     * locals in every iteration costs more than a big method, so only in loops whose remaining code
     * stays far over the limit (where the method would otherwise be too large for the JVM).
     */
    boolean runsInLoop(int start) {
        return hugeLoops.get(start);
    }

    /** Whether a run must stop before the block starting at {@code start} (see {@link #notInRuns}). */
    boolean notInRun(int start) {
        return notInRuns.get(start);
    }

    /** Whether a br_table of this many targets would exit a part through too many labels. */
    static boolean manyTargets(int targets) {
        return targets > MAX_EXITS;
    }

    /** Whether the block opening at code index {@code start} is outlined. */
    boolean outlined(int start) {
        return outlined.get(start);
    }

    private static final class Node {
        final int start;
        int end;
        final boolean eh;
        /** Contains (anywhere inside) an instruction that keeps it from being outlined. */
        boolean bad;
        /** Inside a try/try_table. */
        final boolean inEh;
        boolean outlined;
        int residual;
        final List<Node> children = new ArrayList<>(2);
        /** Levels of the labels outside this block that branches inside it target (at most BIG_EXITS + 1 kept). */
        final BitSet exits = new BitSet();

        Node(int start, boolean eh, boolean inEh) {
            this.start = start;
            this.eh = eh;
            this.inEh = inEh;
        }
    }

    /** The plan for function body {@code body} (perhaps outlining nothing), or null when it is small enough as one method. */
    static Regions plan(FunctionBody body) {
        int size = body.code().length();
        if (size <= LIMIT) {
            return null;
        }
        ArrayList<Node> nodes = new ArrayList<>();
        if (tree(body, nodes) == null) {
            return null;
        }
        // nodes are in pre-order, so walking them backwards visits children before their parent:
        // no recursion, as blocks may nest 10^5 deep
        for (int i = nodes.size() - 1; i >= 0; i--) {
            choose(nodes.get(i));
        }
        BitSet out = new BitSet();
        BitSet many = new BitSet();
        BitSet huge = new BitSet();
        for (Node n : nodes) {
            collect(n, out, many, huge);
        }
        return new Regions(out, many, huge);
    }

    /** The block tree; null if the code is not as expected (then nothing is outlined). */
    private static Node tree(FunctionBody body, ArrayList<Node> nodes) {
        InstructionReader r = body.code().reader();
        Node root = new Node(0, false, false);
        nodes.add(root);
        ArrayList<Node> open = new ArrayList<>();
        open.add(root);
        while (r.hasNext() && !open.isEmpty()) {
            int at = r.position();
            int code = r.next().code();
            Node top = open.get(open.size() - 1);
            switch (code) {
                case 0x02: case 0x03: case 0x04: case 0x06: case 0x1F: {
                    boolean eh = code == 0x06 || code == 0x1F;
                    Node n = new Node(at, eh, top.eh || top.inEh);
                    n.bad = eh;
                    top.children.add(n);
                    nodes.add(n);
                    open.add(n);
                    break;
                }
                case 0x0B: case 0x18: // end, delegate
                    top.end = r.position();
                    open.remove(open.size() - 1);
                    if (!open.isEmpty()) {
                        Node parent = open.get(open.size() - 1);
                        parent.bad |= top.bad;
                    }
                    break;
                case 0x07: case 0x09: case 0x19: // legacy catch, rethrow, catch_all
                case 0x12: case 0x13: case 0x15: // return_call, return_call_indirect, return_call_ref
                    top.bad = true;
                    break;
                case 0x0C: case 0x0D: case 0xD5: case 0xD6:
                    exit(open, r.index());
                    break;
                case 0x0E:
                    for (int i = 0; i < r.tableSize(); i++) {
                        exit(open, r.tableLabel(i));
                    }
                    exit(open, r.defaultLabel());
                    break;
                case 0x0F:
                    exit(open, open.size() - 1);
                    break;
                default:
                    if (code == 0xFB0018 || code == 0xFB0019) { // br_on_cast, br_on_cast_fail
                        exit(open, r.index());
                    }
                    break;
            }
        }
        return open.isEmpty() ? root : null;
    }

    /**
     * Records a branch {@code depth} labels out as an exit of the open blocks it leaves. Walks at most
     * {@link #EXIT_WALK} blocks outwards and stops at a block that already has it (then all blocks
     * further out have it too), so huge br_tables in deep nests stay linear; an undercount only
     * affects the choice, never the code.
     */
    private static void exit(ArrayList<Node> open, int depth) {
        int target = open.size() - 1 - depth;
        for (int p = open.size() - 1, steps = 0; p > target && p > 0 && steps < EXIT_WALK; p--, steps++) {
            BitSet x = open.get(p).exits;
            if (x.get(target)) {
                break;
            }
            if (x.cardinality() <= BIG_EXITS) {
                x.set(target);
            }
        }
    }

    /**
     * With its children already chosen: outlines this node's largest children until it fits, first
     * only children with few exits, then, if that was not enough, also big ones with many.
     */
    private static void choose(Node n) {
        int childSpans = 0;
        int residual = 0;
        for (Node c : n.children) {
            childSpans += c.end - c.start;
            residual += c.residual;
        }
        residual += (n.end - n.start) - childSpans;
        if (residual > LIMIT) {
            Node[] cs = n.children.toArray(new Node[0]);
            Arrays.sort(cs, (a, b) -> Integer.compare(b.residual, a.residual));
            residual = outline(cs, residual, false);
            residual = outline(cs, residual, true);
        }
        n.residual = residual;
    }

    /** Outlines children (largest first) until residual fits; returns it. With {@code many}, also big many-exit ones. */
    private static int outline(Node[] cs, int residual, boolean many) {
        for (Node c : cs) {
            if (residual <= LIMIT || c.residual < MIN) {
                break;
            }
            int exits = c.exits.cardinality();
            boolean fewExits = exits <= MAX_EXITS || (many && exits <= Math.min(BIG_EXITS, c.residual / BYTES_PER_EXIT));
            if (!c.outlined && !c.bad && !c.inEh && fewExits && c.residual <= STUCK * LIMIT) {
                c.outlined = true;
                residual -= c.residual - CALL_COST;
            }
        }
        return residual;
    }

    private static void collect(Node n, BitSet out, BitSet many, BitSet huge) {
        if (n.outlined) {
            out.set(n.start);
        }
        if (n.exits.cardinality() > MAX_EXITS || n.end - n.start > LIMIT) {
            many.set(n.start);
        }
        if (n.residual > STUCK * LIMIT) {
            huge.set(n.start);
        }
    }

}
