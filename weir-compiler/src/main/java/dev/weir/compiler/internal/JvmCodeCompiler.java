package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weir.compiler.CompilerStats;
import dev.weir.internal.rt.CodeCompiler;
import dev.weir.internal.rt.CompiledFrames;
import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.FunctionInstance;
import dev.weir.internal.rt.InstanceState;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.Types;
import dev.weir.wasm.ValType;
import dev.weir.wasm.WasmModule;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

/**
 * The {@link CodeCompiler} service: compiles a module's functions into hidden classes of up to
 * {@link #CHUNK} functions each. Calls inside a class are direct static calls; everything else
 * (imports, other classes, interpreted functions, {@code call_indirect}) goes through
 * {@link FunctionInstance#call}. A function outside the supported subset ({@link Support}), too
 * large for one JVM method, or failing to generate for any other reason runs in the interpreter.
 */
public final class JvmCodeCompiler implements CodeCompiler {
    static final int CHUNK = 1000;
    /** Wasm code bytes per chunk (see {@link #chunkStarts}). */
    static final int CHUNK_BYTES = 128 * 1024;
    /**
     * A function body at least this long gets a class of its own. Such a function is usually too large
     * for one JVM method (64 KiB of bytecode, JVMS 4.7.3; a Wasm body becomes 2-4 times as many bytes)
     * and is then found out by generating it alone, instead of by regenerating a whole chunk.
     */
    static final int ALONE_BYTES = Integer.getInteger("weir.compiler.aloneBytes", 16 * 1024);
    private static final String CLASS = "dev/weir/compiler/internal/WasmCode";
    private static final String BRIDGE_DESC = "([J[Ljava/lang/Object;IL" + FunctionEmitter.CTX + ";L"
            + FunctionEmitter.INST + ";I)V";
    private static final MethodType BRIDGE_TYPE = MethodType.methodType(void.class, long[].class, Object[].class,
            int.class, ExecContext.class, InstanceState.class, int.class);

    @Override
    public CompiledCode compile(WasmModule m, Types types) {
        return compile(m, types, false);
    }

    /** With fuel, compiled code charges fuel exactly as the interpreter does (ControlEmitter). */
    @Override
    public CompiledCode compile(WasmModule m, Types types, boolean fuel) {
        Preloaded pre = PRELOADED.get();
        if (pre != null && pre.module == m) {
            // AotCompiler.load: the classes come from an artifact, ASM does not run
            PRELOADED.remove();
            pre.used = true;
            return load(m, types, pre.classes);
        }
        long t0 = System.nanoTime();
        int n = m.functionCount();
        int[] starts = chunkStarts(m);
        int chunks = starts.length - 1;
        MethodHandle[] bridges = new MethodHandle[n];
        MethodHandle[] directs = new MethodHandle[n];
        int[] counts = new int[chunks];
        // Chunks are independent (calls between them go through FunctionInstance.call), so they are
        // generated and defined in parallel; each writes only its own slots of bridges/counts, and the
        // result does not depend on scheduling.
        forEach(chunks, c -> {
            for (ChunkClass cc : compileChunk(m, types, starts[c], starts[c + 1], fuel)) {
                counts[c] += define(cc, bridges, directs);
            }
        });
        int compiled = 0;
        for (int k : counts) {
            compiled += k;
        }
        CompilerStats.record(compiled, System.nanoTime() - t0);
        return code(types, bridges, directs, compiled);
    }

    /**
     * Generates (but does not define) the classes of every defined function of {@code m}: the
     * ahead-of-time compiler's input. Functions absent from all classes run in the interpreter.
     */
    public static List<ChunkClass> generate(WasmModule m, Types types, boolean fuel) {
        int[] starts = chunkStarts(m);
        int chunks = starts.length - 1;
        @SuppressWarnings("unchecked")
        List<ChunkClass>[] out = new List[chunks];
        forEach(chunks, c -> out[c] = compileChunk(m, types, starts[c], starts[c + 1], fuel));
        List<ChunkClass> all = new ArrayList<>();
        for (List<ChunkClass> l : out) {
            all.addAll(l);
        }
        return all;
    }

    /**
     * Where the chunks of defined functions start (plus the end): at most {@link #CHUNK} functions and
     * about {@link #CHUNK_BYTES} of Wasm code each, so the classes generated in parallel are of
     * similar cost (a few huge functions would otherwise make one chunk the critical path), and a
     * class of its own for each function of {@link #ALONE_BYTES} or more.
     */
    static int[] chunkStarts(WasmModule m) {
        int first = m.importedFunctionCount();
        int n = m.functionCount();
        int[] starts = new int[n - first + 1];
        int k = 0;
        long bytes = 0;
        for (int i = first; i < n; i++) {
            int len = m.code().get(i - first).code().length();
            if (i == first || i - starts[k - 1] >= CHUNK || bytes >= CHUNK_BYTES || len >= ALONE_BYTES) {
                starts[k++] = i;
                bytes = 0;
            }
            bytes += len;
            if (len >= ALONE_BYTES) {
                bytes = CHUNK_BYTES; // and the next function starts a new chunk
            }
        }
        starts[k++] = n;
        return java.util.Arrays.copyOf(starts, k);
    }

    /** Defines previously generated classes (in parallel): the compiled form of {@code m}, or null. */
    public static CompiledCode load(WasmModule m, Types types, List<ChunkClass> classes) {
        MethodHandle[] bridges = new MethodHandle[m.functionCount()];
        MethodHandle[] directs = new MethodHandle[m.functionCount()];
        int[] counts = new int[classes.size()];
        forEach(classes.size(), c -> counts[c] = define(classes.get(c), bridges, directs));
        int compiled = 0;
        for (int k : counts) {
            compiled += k;
        }
        CompilerStats.recordAot(compiled);
        return code(types, bridges, directs, compiled);
    }

    private static CompiledCode code(Types types, MethodHandle[] bridges, MethodHandle[] directs, int compiled) {
        if (compiled == 0) {
            return null;
        }
        int maxCallSlots = maxCallSlots(types);
        return (inst, i) -> bridges[i] == null ? null : new CompiledFunction(inst, i, bridges[i], directs[i],
                maxCallSlots);
    }

    /**
     * Runs {@code job(0..count-1)}, on the common ForkJoin pool (about one thread per processor) when
     * there is more than one; {@code -Dweir.compiler.parallel=false} runs them on the calling thread.
     */
    private static void forEach(int count, IntConsumer job) {
        if (count == 1 || "false".equals(System.getProperty("weir.compiler.parallel"))) {
            for (int c = 0; c < count; c++) {
                job.accept(c);
            }
        } else if (count > 1) {
            IntStream.range(0, count).parallel().forEach(job);
        }
    }

    /** Classes generated ahead of time for one module model, handed to {@link #compile} by AotCompiler. */
    public static final class Preloaded {
        final WasmModule module;
        final List<ChunkClass> classes;
        boolean used;

        public Preloaded(WasmModule module, List<ChunkClass> classes) {
            this.module = module;
            this.classes = classes;
        }

        /** Whether the engine's compile consumed these classes (false: the engine did not use this compiler). */
        public boolean used() {
            return used;
        }
    }

    /**
     * The artifact for the {@code Module} being built on this thread. A thread-local keeps the runtime's
     * SPI unchanged: {@code Engine.compile} calls {@link #compile} on the same thread, synchronously.
     */
    public static final ThreadLocal<Preloaded> PRELOADED = new ThreadLocal<>();

    private static final boolean VISIBLE_CLASSES = Boolean.getBoolean("weir.compiler.visibleClasses");

    /**
     * Defines one class and looks up its bridges and typed entry points ({@code f<i>}, found by name
     * so no function types are needed); a class the JVM rejects runs in the interpreter.
     */
    static int define(ChunkClass cc, MethodHandle[] bridges, MethodHandle[] directs) {
        try {
            MethodHandles.Lookup lookup;
            // Profilers (JFR, async-profiler) do not show hidden classes' frames; with this property each
            // chunk is an ordinary class in its own loader, so samples name WasmCode.f<i>.
            if (VISIBLE_CLASSES) {
                Class<?> vc = new ClassLoader(JvmCodeCompiler.class.getClassLoader()) {
                    Class<?> def() {
                        return defineClass(null, cc.bytes(), 0, cc.bytes().length);
                    }
                }.def();
                lookup = MethodHandles.privateLookupIn(vc, MethodHandles.lookup());
            } else {
                lookup = MethodHandles.lookup().defineHiddenClass(cc.bytes(), true);
            }
            Class<?> c = lookup.lookupClass();
            CompiledFrames.enable();
            MethodHandle[] found = new MethodHandle[cc.functions().length];
            for (int k = 0; k < found.length; k++) {
                found[k] = lookup.findStatic(c, "b" + cc.functions()[k], BRIDGE_TYPE);
            }
            MethodHandle[] typed = new MethodHandle[found.length];
            java.util.Map<String, Integer> slot = new java.util.HashMap<>();
            for (int k = 0; k < found.length; k++) {
                slot.put("f" + cc.functions()[k], k);
            }
            for (java.lang.reflect.Method fm : c.getDeclaredMethods()) {
                Integer k = slot.get(fm.getName());
                if (k != null) {
                    typed[k] = lookup.unreflect(fm);
                }
            }
            for (int k = 0; k < found.length; k++) {
                if (typed[k] == null) {
                    throw new NoSuchMethodException("f" + cc.functions()[k]);
                }
            }
            for (int k = 0; k < found.length; k++) {
                bridges[cc.functions()[k]] = found[k];
                directs[cc.functions()[k]] = typed[k];
            }
            return found.length;
        } catch (ReflectiveOperationException | LinkageError e) {
            // A bug in the generator (e.g. VerifyError), or a foreign artifact: interpret these functions.
            for (int k = 0; k < cc.functions().length; k++) {
                CompilerStats.fallback("class rejected: " + e.getClass().getSimpleName());
            }
            if (Boolean.getBoolean("weir.compiler.debug")) {
                e.printStackTrace();
            }
            return 0;
        }
    }

    /** The largest parameter or result area of any function type: the free frame compiled code needs. */
    private static int maxCallSlots(Types types) {
        int max = 1;
        for (int i = 0; i < types.size(); i++) {
            if (types.isFunc(i)) {
                FuncType f = types.funcType(i);
                max = Math.max(max, Math.max(slots(f.params()), slots(f.results())));
            }
        }
        return max;
    }

    private static int slots(List<ValType> ts) {
        int k = 0;
        for (ValType t : ts) {
            k += t.slots();
        }
        return k;
    }

    /** The classes of functions [from, to): those passing {@link Support#check}, generated by {@link #generate}. */
    static List<ChunkClass> compileChunk(WasmModule m, Types types, int from, int to, boolean fuel) {
        boolean[] local = new boolean[m.functionCount()];
        for (int i = from; i < to; i++) {
            String why;
            try {
                why = Support.check(m, types, i);
            } catch (RuntimeException e) {
                why = "check failed: " + e;
            }
            if (why == null) {
                local[i] = true;
            } else {
                CompilerStats.fallback(why);
            }
        }
        return generate(m, types, from, to, local, fuel);
    }

    /**
     * Generates one class for the functions marked in {@code local} within [from, to). Each failed
     * attempt removes at least one function (generation error, method too large) or halves the range
     * (class too large: constant pool or class file limits), so this always ends, and the user never
     * sees "Method too large": such functions run in the interpreter.
     */
    private static List<ChunkClass> generate(WasmModule m, Types types, int from, int to, boolean[] local,
            boolean fuel) {
        int[] copies = CalleeCopies.choose(m, types, from, to, local);
        boolean[] parks = new boolean[local.length];
        for (int i = from; i < to; i++) {
            parks[i] = local[i] && ControlScan.mayPark(m, i);
        }
        for (int j : copies) {
            parks[j] = ControlScan.mayPark(m, j);
        }
        while (true) {
            int count = 0;
            for (int i = from; i < to; i++) {
                if (local[i]) {
                    count++;
                }
            }
            if (count == 0) {
                return List.of();
            }
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                @Override
                protected String getCommonSuperClass(String a, String b) {
                    return "java/lang/Object"; // references are typed Object in generated code
                }
            };
            cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, CLASS, null, "java/lang/Object", null);
            boolean retry = false;
            for (int i = from; i < to; i++) {
                if (!local[i]) {
                    continue;
                }
                try {
                    emitFunction(cw, m, types, i, local, parks, fuel);
                    bridge(cw, m, i);
                } catch (RuntimeException e) {
                    if (Boolean.getBoolean("weir.compiler.debug")) {
                        System.err.println("weir compiler: function " + i + " not compiled:");
                        e.printStackTrace();
                    }
                    // keep going: all failing functions of this pass are found at once, then one retry
                    local[i] = false;
                    CompilerStats.fallback("generation failed: " + e.getClass().getSimpleName());
                    retry = true;
                }
            }
            for (int j : copies) {
                if (!local[j]) {
                    continue;
                }
                try {
                    emitFunction(cw, m, types, j, local, parks, fuel);
                } catch (RuntimeException e) {
                    local[j] = false; // the calls go out to the function's own class instead
                    retry = true;
                }
            }
            if (retry) {
                continue;
            }
            cw.visitEnd();
            try {
                int[] fs = new int[count];
                for (int i = from, k = 0; i < to; i++) {
                    if (local[i]) {
                        fs[k++] = i;
                    }
                }
                return List.of(new ChunkClass(fs, cw.toByteArray()));
            } catch (MethodTooLargeException e) {
                if (Boolean.getBoolean("weir.compiler.debug")) {
                    System.err.println("weir compiler: method too large: " + e.getMethodName() + " (" + e.getCodeSize()
                            + " bytes)");
                }
                int i = functionOf(e.getMethodName());
                if (i >= 0 && i < local.length && local[i] && (i < from || i >= to)) {
                    local[i] = false; // a copy: its callers call the original instead
                    continue;
                }
                if (i < from || i >= to || !local[i]) {
                    drop(local, from, to, "method too large");
                    return List.of();
                }
                local[i] = false;
                CompilerStats.fallback("method too large");
            } catch (ClassTooLargeException e) {
                if (dropCopies(local, copies)) {
                    continue; // first without the copies
                }
                if (count == 1) {
                    drop(local, from, to, "class too large");
                    return List.of();
                }
                int mid = from + (to - from) / 2;
                boolean[] lo = new boolean[local.length];
                boolean[] hi = new boolean[local.length];
                System.arraycopy(local, from, lo, from, mid - from);
                System.arraycopy(local, mid, hi, mid, to - mid);
                List<ChunkClass> out = new ArrayList<>(generate(m, types, from, mid, lo, fuel));
                out.addAll(generate(m, types, mid, to, hi, fuel));
                return out;
            }
        }
    }

    /** Emits method {@code f<i>} (and its parts) into {@code cw}. */
    private static void emitFunction(ClassWriter cw, WasmModule m, Types types, int i, boolean[] local, boolean[] parks,
            boolean fuel) {
        FunctionEmitter fe = new FunctionEmitter(m, types, i, CLASS, local);
        fe.parks = parks;
        fe.fuel = fuel;
        fe.emit(cw);
    }

    /** The function of generated method {@code f<i>}/{@code b<i>}, or -1 when the name is not one of ours. */
    private static int functionOf(String method) {
        int k = 1;
        while (k < method.length() && Character.isDigit(method.charAt(k))) {
            k++;
        }
        if (k == 1 || k > 10) {
            return -1;
        }
        return Integer.parseInt(method.substring(1, k));
    }

    /** Unmarks the copies still in {@code local}; returns whether there were any. */
    private static boolean dropCopies(boolean[] local, int[] copies) {
        boolean any = false;
        for (int j : copies) {
            any |= local[j];
            local[j] = false;
        }
        return any;
    }

    private static void drop(boolean[] local, int from, int to, String why) {
        for (int i = from; i < to; i++) {
            if (local[i]) {
                local[i] = false;
                CompilerStats.fallback(why);
            }
        }
    }

    /** {@code b<i>(s, r, base, ctx, inst, depth)}: unpacks the arguments, calls {@code f<i>}, packs the results. */
    private static void bridge(ClassWriter cw, WasmModule m, int i) {
        FuncType t = m.functionType(i);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "b" + i, BRIDGE_DESC, null, null);
        mv.visitCode();
        List<ValType> ps = t.params();
        for (int k = 0, off = 0; k < ps.size(); k++) {
            char kd = FunctionEmitter.kind(ps.get(k));
            for (int h = 0; h < FunctionEmitter.frameSlots(kd); h++, off++) { // a v128 is two longs
                mv.visitVarInsn(ALOAD, kd == 'A' ? 1 : 0);
                mv.visitVarInsn(ILOAD, 2);
                mv.visitLdcInsn(off);
                mv.visitInsn(IADD);
                if (kd == 'A') {
                    mv.visitInsn(AALOAD);
                } else {
                    mv.visitInsn(LALOAD);
                    if (kd == 'I') {
                        mv.visitInsn(L2I);
                    }
                }
            }
        }
        mv.visitVarInsn(ALOAD, 3);
        mv.visitVarInsn(ALOAD, 4);
        mv.visitVarInsn(ILOAD, 5);
        mv.visitMethodInsn(INVOKESTATIC, CLASS, "f" + i, FunctionEmitter.methodDesc(t), false);
        List<ValType> rs = t.results();
        if (FunctionEmitter.directResult(t)) {
            char kd = FunctionEmitter.kind(rs.get(0));
            if (kd == 'A') {
                mv.visitVarInsn(ASTORE, 6);
                mv.visitVarInsn(ALOAD, 1);
                mv.visitVarInsn(ILOAD, 2);
                mv.visitVarInsn(ALOAD, 6);
                mv.visitInsn(AASTORE);
            } else {
                if (kd == 'I') {
                    mv.visitInsn(I2L);
                }
                mv.visitVarInsn(LSTORE, 6);
                mv.visitVarInsn(ALOAD, 0);
                mv.visitVarInsn(ILOAD, 2);
                mv.visitVarInsn(LLOAD, 6);
                mv.visitInsn(LASTORE);
            }
        } else if (rs.size() > 0) {
            // f<i> left its results (or its v128 result) at ctx.hostS/hostR[hostBase ..], above this frame
            for (int a = 0; a < 2; a++) {
                mv.visitVarInsn(ALOAD, 3);
                mv.visitFieldInsn(GETFIELD, FunctionEmitter.CTX, a == 0 ? "hostS" : "hostR",
                        a == 0 ? "[J" : "[Ljava/lang/Object;");
                mv.visitVarInsn(ALOAD, 3);
                mv.visitFieldInsn(GETFIELD, FunctionEmitter.CTX, "hostBase", "I");
                mv.visitVarInsn(ALOAD, a);
                mv.visitVarInsn(ILOAD, 2);
                mv.visitLdcInsn(slots(rs));
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy",
                        "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
            }
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
