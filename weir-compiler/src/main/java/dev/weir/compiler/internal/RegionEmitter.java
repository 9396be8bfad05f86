package dev.weir.compiler.internal;

import static dev.weir.compiler.internal.FunctionEmitter.CTX;
import static dev.weir.compiler.internal.FunctionEmitter.INST;
import static dev.weir.compiler.internal.FunctionEmitter.K_TRY;
import static dev.weir.compiler.internal.FunctionEmitter.frameSlots;
import static org.objectweb.asm.Opcodes.*;

import dev.weir.wasm.InstructionReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Parts of a large function emitted as methods of their own,
 * {@code int f<i>$<n>(ExecContext ctx, InstanceState inst, int depth)} in the same class, so that
 * every JVM method stays small enough for HotSpot to compile well: whole blocks, loops and ifs
 * chosen by {@link Regions}, and straight-line <em>runs</em> cut out of long stretches of code
 * (a run starts where the operand stack of the enclosing block is empty and stops before that
 * block's end, or at an empty stack once it is {@link Regions#LIMIT} bytes long).
 *
 * <p>Interface, through {@code ctx.regionS/regionR} from index 0 (longs; references in the
 * parallel Object array; a v128 takes two slots): first a value area, then the locals the part
 * touches ({@link Frame}). The caller writes the entry values (a block's parameters and an if's
 * condition) and the locals, and calls; the method reads them all before anything else (its
 * prologue, emitted last because only then is the set of locals known, and reached by a jump
 * from the start). Every exit stores the values it carries, and the epilogue stores the locals
 * the part writes and returns a code: 0 for the normal end (the value area holds the block's
 * results, or what a run left on the stack), {@code d + 1} for a branch {@code d} labels out
 * ({@code return} is a branch to the function's label). The caller reads the locals back, then the
 * values, and continues or branches. As the frame is read right after it is written, nested calls
 * and parts reuse it: one scratch area per thread suffices.
 *
 * <p>Traps and exceptions unwind through these methods without a handler: the function's own
 * method adds the Wasm frame, once. Fuel is charged from the function's plan in order
 * ({@link ControlEmitter#inheritFuel}). Parts never contain exception handling or tail calls, and
 * never start inside a try: a handler in the caller would not see locals the part changed.
 */
final class RegionEmitter {
    static final String DESC = "(L" + CTX + ";L" + INST + ";I)I";
    /** Wasm bytes a call to a part counts for in its caller's size (an estimate). */
    static final int CALL_BYTES = 24;
    /** A run is only started when at least this much code is left in the enclosing block. */
    private static final int MIN_RUN = Math.min(128, Regions.LIMIT);

    private RegionEmitter() {
    }

    /** What a part's method touches and how it exits; the caller lays out the frame from it. */
    static final class Frame {
        final BitSet touched = new BitSet();
        final BitSet written = new BitSet();
        /** Exit codes used (bit d+1: a branch d labels out). */
        final BitSet exits = new BitSet();
        /** Largest value area any exit, the entry or the end needs. */
        int valueSlots;
        int exitSlot;
        Label epilogue;
        /**
         * One shared exit per code, entered with exactly its values on the JVM stack (emitted by
         * close): those of the outer label for a code d+1, {@link #endValues} for 0.
         */
        final java.util.TreeMap<Integer, Label> stubs = new java.util.TreeMap<>();
        char[] endValues;

        void touch(int local, boolean write) {
            touched.set(local);
            if (write) {
                written.set(local);
            }
        }
    }

    /**
     * Whether a run stops before this instruction (at its top level): the end of its block, what
     * runs must not contain, and branches to many outer labels (each would be a return code and a
     * dispatch case: a run must not swallow the br_table of a thousand-case switch).
     */
    static boolean endsRun(FunctionEmitter e, InstructionReader r, int at, int code) {
        if (code == 0x0E) {
            return Regions.manyTargets(r.tableSize() + 1);
        }
        if ((code == 0x02 || code == 0x03 || code == 0x04) && e.regions != null && e.regions.notInRun(at)) {
            return true;
        }
        return endsRun(code);
    }

    private static boolean endsRun(int code) {
        switch (code) {
            case 0x05: case 0x07: case 0x0B: case 0x18: case 0x19: // else, catch, end, delegate, catch_all
            case 0x06: case 0x09: case 0x1F: // try, rethrow, try_table
            case 0x12: case 0x13: case 0x15: // tail calls
                return true;
            default:
                return false;
        }
    }

    /** Whether method {@code e} may start a run at {@code code}: empty block stack, no try around. */
    static boolean mayStartRun(FunctionEmitter e, InstructionReader r, int at, int code) {
        if (endsRun(e, r, at, code) || e.sp != (e.ctl.isEmpty() ? 0 : e.top().height)) {
            return false;
        }
        for (FunctionEmitter.Ctl c : e.ctl) {
            if (c.kind == K_TRY || (c.kind == FunctionEmitter.K_LOOP && !e.regions.runsInLoop(c.start))) {
                return false;
            }
        }
        return true;
    }

    /** Whether at least {@link #MIN_RUN} bytes of code follow {@code at} within its block. */
    private static boolean longEnough(FunctionEmitter e, int at) {
        InstructionReader s = e.expr.reader();
        s.seek(at);
        int depth = 0;
        while (s.hasNext() && s.position() - at < MIN_RUN) {
            int code = s.next().code();
            if (code == 0x02 || code == 0x03 || code == 0x04 || code == 0x06 || code == 0x1F) {
                depth++;
            } else if (code == 0x0B || code == 0x18) {
                if (depth-- == 0) {
                    return false;
                }
            } else if (depth == 0 && endsRun(code)) {
                return false;
            }
        }
        return s.position() - at >= MIN_RUN;
    }

    /**
     * In method {@code e}, with {@code r} just after the instruction at {@code at}, where
     * {@link #mayStartRun} holds: emits a run from there and its call when enough code follows.
     * Returns -1 when it did not (then {@code r} is unmoved and {@code e} emits the instruction
     * itself), 1 when the code after the run is unreachable, else 0.
     */
    static int run(FunctionEmitter e, ClassWriter cw, InstructionReader r, int at) {
        if (!longEnough(e, at)) {
            e.ownBytes = Regions.LIMIT - MIN_RUN; // look again after a little more code of e's own
            return -1;
        }
        r.seek(at);
        FunctionEmitter c = child(e, cw);
        c.run = true;
        c.splitRuns = false;
        String name = e.partName();
        open(c, name);
        c.body(r);
        char[] left = c.endedUnreachable ? new char[0] : Arrays.copyOf(c.stack, c.sp);
        if (!c.endedUnreachable) {
            exitWith(c, left, 0);
        }
        close(c);
        callSite(e, c, name, new char[0], left);
        return c.endedUnreachable ? 1 : 0;
    }

    /**
     * In method {@code e} at a chosen block's opening instruction ({@code code}, already read from
     * {@code r}): generates the block's method, reading {@code r} through the block's end, and emits
     * the call and the dispatch on its exit code.
     */
    static void call(FunctionEmitter e, ClassWriter cw, int at, InstructionReader r, int code) {
        char[] params = e.blockParams(r);
        char[] results = e.blockResults(r);
        char[] entry = params;
        if (code == 0x04) { // if: the condition is on top of the parameters
            entry = Arrays.copyOf(params, params.length + 1);
            entry[params.length] = 'I';
        }
        FunctionEmitter c = child(e, cw);
        String name = e.partName();
        open(c, name);
        c.regionFrame.valueSlots = Math.max(slots(entry), slots(results));
        pushValues(c, entry);
        c.resetTemps();
        c.at = at;
        c.instruction(r, code);
        c.ce.afterInstruction(code);
        c.body(r);
        if (c.ctl.isEmpty()) { // the block's end was emitted: its results are on the stack
            exitWith(c, results, 0);
        }
        close(c);
        callSite(e, c, name, entry, results);
    }

    /** An emitter for a part of {@code e}'s function, continuing its fuel plan. */
    private static FunctionEmitter child(FunctionEmitter e, ClassWriter cw) {
        ArrayList<char[]> labels = new ArrayList<>();
        for (int i = e.ctl.size() - 1; i >= 0; i--) {
            labels.add(e.ctl.get(i).labelTypes());
        }
        if (e.outerLabels != null) {
            labels.addAll(Arrays.asList(e.outerLabels));
        }
        FunctionEmitter c = new FunctionEmitter(e.m, e.types, e.fi, e.className, e.local);
        c.parks = e.parks;
        c.fuel = e.fuel;
        c.regions = e.regions;
        c.names = e.names;
        c.splitRuns = e.splitRuns;
        c.memoryAccesses = e.memoryAccesses;
        c.lineNumbers = e.lineNumbers;
        c.expr = e.expr;
        c.cw = cw;
        c.outerLabels = labels.toArray(new char[0][]);
        c.regionFrame = new Frame();
        c.funcResults = e.funcResults;
        c.localKind = e.localKind; // the same function's locals, in slots of the part's own
        c.ce.inheritFuel(e.ce);
        dev.weir.compiler.CompilerStats.outlined();
        return c;
    }

    /** Starts the part's method: a jump to the prologue, then the body's setup. */
    private static void open(FunctionEmitter c, String name) {
        MethodVisitor mv = c.cw.visitMethod(ACC_STATIC | ACC_PUBLIC, name, DESC, null, null);
        c.mv = mv;
        mv.visitCode();
        c.ctxSlot = 0;
        c.instSlot = 1;
        c.depthSlot = 2;
        c.localSlot = new int[c.localKind.length];
        int slot = 3;
        for (int i = 0; i < c.localKind.length; i++) {
            c.localSlot[i] = slot;
            slot += FunctionEmitter.jvmSlots(c.localKind[i]);
        }
        Frame f = c.regionFrame;
        f.exitSlot = slot++;
        f.epilogue = new Label();
        c.partPrologue = new Label();
        c.partBody = new Label();
        mv.visitJumpInsn(GOTO, c.partPrologue);
        mv.visitLabel(c.partBody);
        c.nextSlot = c.loadMemories(slot);
    }

    /** Emits the epilogue (locals written back, return the exit code) and the prologue (locals in). */
    private static void close(FunctionEmitter c) {
        Frame f = c.regionFrame;
        MethodVisitor mv = c.mv;
        exitStubs(c);
        int[] off = localOffsets(c);
        int s = c.nextSlot;
        int rr = s + 1;
        int b = s + 2;
        mv.visitLabel(f.epilogue);
        loadFrame(c, s, rr, b);
        for (int l = f.written.nextSetBit(0); l >= 0; l = f.written.nextSetBit(l + 1)) {
            c.storeSlot(c.localKind[l], c.localSlot[l], s, rr, b, off[l]);
        }
        mv.visitVarInsn(ILOAD, f.exitSlot);
        mv.visitInsn(IRETURN);
        mv.visitLabel(c.partPrologue);
        loadFrame(c, s, rr, b);
        for (int l = f.touched.nextSetBit(0); l >= 0; l = f.touched.nextSetBit(l + 1)) {
            c.loadSlot(c.localKind[l], s, rr, b, off[l]);
            c.store(c.localKind[l], c.localSlot[l]);
        }
        mv.visitJumpInsn(GOTO, c.partBody);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Frame offsets of the touched locals (indexed by local), after the value area. */
    private static int[] localOffsets(FunctionEmitter c) {
        Frame f = c.regionFrame;
        int[] off = new int[c.localKind.length];
        int o = f.valueSlots;
        for (int l = f.touched.nextSetBit(0); l >= 0; l = f.touched.nextSetBit(l + 1)) {
            off[l] = o;
            o += frameSlots(c.localKind[l]);
        }
        return off;
    }

    /** In the caller: entry values and locals to the frame, the call, locals back, dispatch. */
    private static void callSite(FunctionEmitter e, FunctionEmitter c, String name, char[] entry, char[] results) {
        e.ce.resumeFuel(c.ce);
        Frame f = c.regionFrame; // complete: close(c) laid out the frame
        int[] off = localOffsets(c);
        int size = f.valueSlots;
        for (int l = f.touched.nextSetBit(0); l >= 0; l = f.touched.nextSetBit(l + 1)) {
            size += frameSlots(c.localKind[l]);
        }
        if (e.regionFrame != null) { // the caller is a part too: it passes these locals on
            e.regionFrame.touched.or(f.touched);
            e.regionFrame.written.or(f.written);
        }
        MethodVisitor mv = e.mv;
        int[] ev = e.spill(entry, entry.length);
        e.sp -= entry.length;
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        e.iconst(size);
        e.rt("regionFrame", "(L" + CTX + ";I)V");
        int s = e.temp('A');
        int rr = e.temp('A');
        int b = e.temp('I');
        loadFrame(e, s, rr, b);
        for (int l = f.touched.nextSetBit(0); l >= 0; l = f.touched.nextSetBit(l + 1)) {
            e.storeSlot(e.localKind[l], e.localSlot[l], s, rr, b, off[l]);
        }
        for (int i = 0, o = 0; i < entry.length; o += frameSlots(entry[i]), i++) {
            e.storeSlot(entry[i], ev[i], s, rr, b, o);
        }
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitVarInsn(ALOAD, e.instSlot);
        mv.visitVarInsn(ILOAD, e.depthSlot);
        mv.visitMethodInsn(INVOKESTATIC, e.className, name, DESC, false);
        int exit = e.temp('I');
        mv.visitVarInsn(ISTORE, exit);
        loadFrame(e, s, rr, b); // a nested part may have grown the arrays
        for (int l = f.written.nextSetBit(0); l >= 0; l = f.written.nextSetBit(l + 1)) {
            e.loadSlot(e.localKind[l], s, rr, b, off[l]);
            e.store(e.localKind[l], e.localSlot[l]);
        }
        Label done = new Label();
        int n = f.exits.cardinality();
        if (n > 0) {
            int[] keys = new int[n];
            Label[] stubs = new Label[n];
            for (int i = 0, x = f.exits.nextSetBit(0); x >= 0; x = f.exits.nextSetBit(x + 1), i++) {
                keys[i] = x;
                stubs[i] = new Label();
            }
            mv.visitVarInsn(ILOAD, exit);
            mv.visitLookupSwitchInsn(done, keys, stubs);
            for (int i = 0; i < n; i++) {
                mv.visitLabel(stubs[i]);
                int depth = keys[i] - 1;
                char[] vals = c.outerLabels[depth];
                e.loadResults(vals, s, rr, b);
                e.branch(depth);
                e.sp -= vals.length;
            }
        }
        mv.visitLabel(done);
        if (c.endedUnreachable) { // never returns 0; nothing may fall through into what follows
            e.rt("unreachable", "()Ldev/weir/Trap;");
            mv.visitInsn(ATHROW);
            return;
        }
        e.loadResults(results, s, rr, b);
    }

    private static int slots(char[] ks) {
        int n = 0;
        for (char k : ks) {
            n += frameSlots(k);
        }
        return n;
    }

    /** In a part's method: a branch {@code depth} labels out of it. */
    static void exit(FunctionEmitter c, int depth) {
        exitWith(c, c.outerLabels[depth], depth + 1);
    }

    /**
     * Leaves the part's method with exit code {@code code}, carrying the values {@code vals} from the
     * top of the stack: drops the rest of the JVM stack and jumps to the code's shared exit, which
     * stores the values and goes to the epilogue (a switch's thousand {@code br}s to one label out
     * share one exit). The kind stack is left unchanged, like {@link FunctionEmitter#branch}.
     */
    private static void exitWith(FunctionEmitter c, char[] vals, int code) {
        Frame f = c.regionFrame;
        if (code > 0) {
            f.exits.set(code);
        }
        f.valueSlots = Math.max(f.valueSlots, slots(vals));
        Label stub = f.stubs.computeIfAbsent(code, k -> new Label());
        if (code == 0) {
            f.endValues = vals;
        }
        int n = vals.length;
        if (c.sp > n) {
            int[] saved = c.spill(vals, n);
            for (int i = c.sp - n - 1; i >= 0; i--) {
                c.popValue(c.stack[i]);
            }
            for (int i = 0; i < n; i++) {
                c.load(vals[i], saved[i]);
            }
        }
        c.mv.visitJumpInsn(GOTO, stub);
    }

    /** The shared exits: values to the value area, the code to the exit slot, on to the epilogue. */
    private static void exitStubs(FunctionEmitter c) {
        Frame f = c.regionFrame;
        for (java.util.Map.Entry<Integer, Label> x : f.stubs.entrySet()) {
            int code = x.getKey();
            char[] vals = code == 0 ? f.endValues : c.outerLabels[code - 1];
            c.mv.visitLabel(x.getValue());
            c.resetTemps();
            int[] saved = c.spill(vals, vals.length);
            int s = c.temp('A');
            int rr = c.temp('A');
            int b = c.temp('I');
            loadFrame(c, s, rr, b);
            for (int i = 0, o = 0; i < vals.length; o += frameSlots(vals[i]), i++) {
                c.storeSlot(vals[i], saved[i], s, rr, b, o);
            }
            c.iconst(code);
            c.mv.visitVarInsn(ISTORE, f.exitSlot);
            c.mv.visitJumpInsn(GOTO, f.epilogue);
        }
    }

    /** {@code s = ctx.regionS; r = ctx.regionR; b = 0} (CallEmitter's slot helpers take a base). */
    private static void loadFrame(FunctionEmitter e, int s, int rr, int b) {
        MethodVisitor mv = e.mv;
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitFieldInsn(GETFIELD, CTX, "regionS", "[J");
        mv.visitVarInsn(ASTORE, s);
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitFieldInsn(GETFIELD, CTX, "regionR", "[Ljava/lang/Object;");
        mv.visitVarInsn(ASTORE, rr);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, b);
    }

    /** In a part's method: pushes the entry values from the value area. */
    private static void pushValues(FunctionEmitter c, char[] ks) {
        int s = c.temp('A');
        int rr = c.temp('A');
        int b = c.temp('I');
        loadFrame(c, s, rr, b);
        c.loadResults(ks, s, rr, b);
    }
}
