package dev.weir.compiler.internal;

import static dev.weir.compiler.internal.FunctionEmitter.CTX;
import static dev.weir.compiler.internal.FunctionEmitter.INST;
import static dev.weir.compiler.internal.FunctionEmitter.frameSlots;
import static org.objectweb.asm.Opcodes.*;

import dev.weir.wasm.InstructionReader;
import java.util.ArrayList;
import java.util.BitSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Outlined blocks ({@link Regions}): a block, loop or if of a large function becomes the static
 * method {@code int f<i>$<n>(ExecContext ctx, InstanceState inst, int depth)} of the same class.
 *
 * <p>Interface, through {@code ctx.regionS/regionR} from index 0 (longs; references in the
 * parallel Object array; a v128 takes two slots): first the locals the block touches
 * ({@link Frame#localOff}), then a value area ({@link Frame#valuesOff}). The caller writes the
 * locals and the block's entry values (its parameters, and an if's condition) and calls; the
 * method reads them all before doing anything else. Every exit writes the values it carries and
 * the locals the block writes, and returns a code: 0 for the end of the block (the value area
 * holds its results), {@code d + 1} for a branch {@code d} labels out from the block (the values
 * of that label; {@code return} is a branch to the function's label). The caller reads the
 * locals back, then the values, and continues or branches. As the frame is read right after it
 * is written, nested calls and regions may reuse it, and one scratch area per thread suffices.
 *
 * <p>Traps and exceptions unwind through region methods without a handler: the function's own
 * method adds the Wasm frame, once. Fuel is charged in the region as in the function, from the
 * same plan ({@link ControlEmitter#inheritFuel}).
 */
final class RegionEmitter {
    static final String DESC = "(L" + CTX + ";L" + INST + ";I)I";

    private RegionEmitter() {
    }

    /** Frame layout of one region. */
    static final class Frame {
        final Regions.Region region;
        final int[] localOff;
        final int valuesOff;
        final int size;
        /** Exit codes used by the region method (bit d+1: a branch d labels out). */
        final BitSet exits = new BitSet();

        Frame(Regions.Region region, char[] localKind, char[] entry, char[] results, char[][] outer) {
            this.region = region;
            localOff = new int[region.locals.length];
            int off = 0;
            for (int k = 0; k < localOff.length; k++) {
                localOff[k] = off;
                off += frameSlots(localKind[region.locals[k]]);
            }
            valuesOff = off;
            int values = Math.max(slots(entry), slots(results));
            for (char[] l : outer) {
                values = Math.max(values, slots(l));
            }
            size = off + values;
        }
    }

    private static int slots(char[] ks) {
        int n = 0;
        for (char k : ks) {
            n += frameSlots(k);
        }
        return n;
    }

    /**
     * In the method {@code e} at the region's opening instruction ({@code code}, already read from
     * {@code r}): generates the region's method, reading {@code r} through the block's end, and emits
     * the call and the dispatch on its exit code.
     */
    static void call(FunctionEmitter e, ClassWriter cw, Regions.Region g, InstructionReader r, int code) {
        char[] params = e.blockParams(r);
        char[] results = e.blockResults(r);
        char[] entry = params;
        if (code == 0x04) { // if: the condition is on top of the parameters
            entry = java.util.Arrays.copyOf(params, params.length + 1);
            entry[params.length] = 'I';
        }
        ArrayList<char[]> labels = new ArrayList<>();
        for (int i = e.ctl.size() - 1; i >= 0; i--) {
            labels.add(e.ctl.get(i).labelTypes());
        }
        if (e.outerLabels != null) {
            labels.addAll(java.util.Arrays.asList(e.outerLabels));
        }
        char[][] outer = labels.toArray(new char[0][]);
        Frame f = new Frame(g, e.localKind, entry, results, outer);
        String name = e.regions.nextMethodName(e.fi);

        FunctionEmitter c = new FunctionEmitter(e.m, e.types, e.fi, e.className, e.local);
        c.parks = e.parks;
        c.fuel = e.fuel;
        c.regions = e.regions;
        c.cw = cw;
        c.outerLabels = outer;
        c.regionFrame = f;
        c.funcResults = e.funcResults;
        c.localKind = e.localKind; // the same function's locals, in slots of the region's own
        c.ce.inheritFuel(e.ce);
        method(c, name, r, code, entry, results);
        dev.weir.compiler.CompilerStats.outlined();
        e.ce.resumeFuel(c.ce);

        // The call: entry values and locals to the frame, call, locals back, dispatch.
        MethodVisitor mv = e.mv;
        int[] ev = e.spill(entry, entry.length);
        e.sp -= entry.length;
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        e.iconst(f.size);
        e.rt("regionFrame", "(L" + CTX + ";I)V");
        int s = e.temp('A');
        int rr = e.temp('A');
        int b = e.temp('I');
        loadFrame(e, s, rr, b);
        int[] ls = g.locals;
        for (int k = 0; k < ls.length; k++) {
            e.storeSlot(e.localKind[ls[k]], e.localSlot[ls[k]], s, rr, b, f.localOff[k]);
        }
        for (int i = 0, off = f.valuesOff; i < entry.length; off += frameSlots(entry[i]), i++) {
            e.storeSlot(entry[i], ev[i], s, rr, b, off);
        }
        mv.visitVarInsn(ALOAD, e.ctxSlot);
        mv.visitVarInsn(ALOAD, e.instSlot);
        mv.visitVarInsn(ILOAD, e.depthSlot);
        mv.visitMethodInsn(INVOKESTATIC, e.className, name, DESC, false);
        int exit = e.temp('I');
        mv.visitVarInsn(ISTORE, exit);
        loadFrame(e, s, rr, b); // a nested region may have grown the arrays
        for (int k = 0; k < ls.length; k++) {
            if (g.written[k]) {
                e.loadSlot(e.localKind[ls[k]], s, rr, b, f.localOff[k]);
                e.store(e.localKind[ls[k]], e.localSlot[ls[k]]);
            }
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
                char[] vals = outer[depth];
                pushValues(e, vals, s, rr, b, f.valuesOff);
                e.branch(depth);
                e.sp -= vals.length;
            }
        }
        mv.visitLabel(done);
        pushValues(e, results, s, rr, b, f.valuesOff);
    }

    /** Generates the region's method with emitter {@code c}. */
    private static void method(FunctionEmitter c, String name, InstructionReader r, int code, char[] entry,
            char[] results) {
        Frame f = c.regionFrame;
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
        c.nextSlot = c.loadMemories(slot);
        int s = c.temp('A');
        int rr = c.temp('A');
        int b = c.temp('I');
        loadFrame(c, s, rr, b);
        int[] ls = f.region.locals;
        for (int k = 0; k < ls.length; k++) {
            c.loadSlot(c.localKind[ls[k]], s, rr, b, f.localOff[k]);
            c.store(c.localKind[ls[k]], c.localSlot[ls[k]]);
        }
        pushValues(c, entry, s, rr, b, f.valuesOff);
        c.resetTemps();
        c.instruction(r, code);
        c.ce.afterInstruction(code);
        c.body(r);
        if (c.ctl.isEmpty()) { // the block's end was emitted: its results are on the stack
            exitWith(c, results, 0);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** In a region method: a branch {@code depth} labels out of the region. */
    static void exit(FunctionEmitter c, int depth) {
        exitWith(c, c.outerLabels[depth], depth + 1);
    }

    /** Leaves the region method with exit code {@code code}, carrying the values {@code vals} from the stack. */
    private static void exitWith(FunctionEmitter c, char[] vals, int code) {
        Frame f = c.regionFrame;
        if (code > 0) {
            f.exits.set(code);
        }
        int[] saved = c.spill(vals, vals.length);
        int s = c.temp('A');
        int rr = c.temp('A');
        int b = c.temp('I');
        loadFrame(c, s, rr, b);
        for (int i = 0, off = f.valuesOff; i < vals.length; off += frameSlots(vals[i]), i++) {
            c.storeSlot(vals[i], saved[i], s, rr, b, off);
        }
        int[] ls = f.region.locals;
        for (int k = 0; k < ls.length; k++) {
            if (f.region.written[k]) {
                c.storeSlot(c.localKind[ls[k]], c.localSlot[ls[k]], s, rr, b, f.localOff[k]);
            }
        }
        c.iconst(code);
        c.mv.visitInsn(IRETURN);
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

    /** Pushes values of the given kinds from the frame's value area (and onto the kind stack). */
    private static void pushValues(FunctionEmitter e, char[] ks, int s, int rr, int b, int valuesOff) {
        for (int i = 0, off = valuesOff; i < ks.length; off += frameSlots(ks[i]), i++) {
            e.loadSlot(ks[i], s, rr, b, off);
            e.push(ks[i]);
        }
    }
}
