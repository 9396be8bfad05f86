package dev.weir.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.weir.compiler.CompilerStats;
import dev.weir.internal.rt.CodeCompiler;
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
import java.util.List;
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
    private static final String CLASS = "dev/weir/compiler/internal/WasmCode";
    private static final String BRIDGE_DESC = "([J[Ljava/lang/Object;IL" + FunctionEmitter.CTX + ";L"
            + FunctionEmitter.INST + ";I)V";
    private static final MethodType BRIDGE_TYPE = MethodType.methodType(void.class, long[].class, Object[].class,
            int.class, ExecContext.class, InstanceState.class, int.class);

    @Override
    public CompiledCode compile(WasmModule m, Types types) {
        long t0 = System.nanoTime();
        int first = m.importedFunctionCount();
        int n = m.functionCount();
        MethodHandle[] bridges = new MethodHandle[n];
        int compiled = 0;
        for (int start = first; start < n; start += CHUNK) {
            compiled += compileChunk(m, types, start, Math.min(n, start + CHUNK), bridges);
        }
        CompilerStats.record(compiled, System.nanoTime() - t0);
        if (compiled == 0) {
            return null;
        }
        int maxCallSlots = maxCallSlots(types);
        return (inst, i) -> bridges[i] == null ? null : new CompiledFunction(inst, i, bridges[i], maxCallSlots);
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

    private int compileChunk(WasmModule m, Types types, int from, int to, MethodHandle[] bridges) {
        int n = m.functionCount();
        boolean[] local = new boolean[n];
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
        for (int attempt = 0; attempt < 8; attempt++) {
            int count = 0;
            for (int i = from; i < to; i++) {
                if (local[i]) {
                    count++;
                }
            }
            if (count == 0) {
                return 0;
            }
            ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
                @Override
                protected String getCommonSuperClass(String a, String b) {
                    return "java/lang/Object"; // references are typed Object in generated code
                }
            };
            cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, CLASS, null, "java/lang/Object", null);
            boolean retry = false;
            for (int i = from; i < to && !retry; i++) {
                if (!local[i]) {
                    continue;
                }
                try {
                    new FunctionEmitter(m, types, i, CLASS, local).emit(cw);
                    bridge(cw, m, i);
                } catch (RuntimeException e) {
                    if (Boolean.getBoolean("weir.compiler.debug")) {
                        e.printStackTrace();
                    }
                    local[i] = false;
                    CompilerStats.fallback("generation failed: " + e.getClass().getSimpleName());
                    retry = true;
                }
            }
            if (retry) {
                continue;
            }
            cw.visitEnd();
            byte[] bytes;
            try {
                bytes = cw.toByteArray();
            } catch (MethodTooLargeException e) {
                int i = Integer.parseInt(e.getMethodName().substring(1));
                local[i] = false;
                CompilerStats.fallback("method too large");
                continue;
            }
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
                Class<?> c = lookup.lookupClass();
                for (int i = from; i < to; i++) {
                    if (local[i]) {
                        bridges[i] = lookup.findStatic(c, "b" + i, BRIDGE_TYPE);
                    }
                }
                return count;
            } catch (ReflectiveOperationException | LinkageError e) {
                // A bug in the generator (e.g. VerifyError): run this chunk in the interpreter.
                for (int i = from; i < to; i++) {
                    if (local[i]) {
                        local[i] = false;
                        CompilerStats.fallback("class rejected: " + e.getClass().getSimpleName());
                    }
                }
                if (Boolean.getBoolean("weir.compiler.debug")) {
                    e.printStackTrace();
                }
                return 0;
            }
        }
        for (int i = from; i < to; i++) {
            if (local[i]) {
                CompilerStats.fallback("too many retries");
            }
        }
        return 0;
    }

    /** {@code b<i>(s, r, base, ctx, inst, depth)}: unpacks the arguments, calls {@code f<i>}, packs the results. */
    private static void bridge(ClassWriter cw, WasmModule m, int i) {
        FuncType t = m.functionType(i);
        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "b" + i, BRIDGE_DESC, null, null);
        mv.visitCode();
        List<ValType> ps = t.params();
        for (int k = 0; k < ps.size(); k++) {
            char kd = FunctionEmitter.kind(ps.get(k));
            mv.visitVarInsn(ALOAD, kd == 'A' ? 1 : 0);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitLdcInsn(k);
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
        mv.visitVarInsn(ALOAD, 3);
        mv.visitVarInsn(ALOAD, 4);
        mv.visitVarInsn(ILOAD, 5);
        mv.visitMethodInsn(INVOKESTATIC, CLASS, "f" + i, FunctionEmitter.methodDesc(t), false);
        List<ValType> rs = t.results();
        if (rs.size() == 1) {
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
        } else if (rs.size() > 1) {
            // f<i> left its results at ctx.hostS/hostR[hostBase ..], just above this frame
            for (int a = 0; a < 2; a++) {
                mv.visitVarInsn(ALOAD, 3);
                mv.visitFieldInsn(GETFIELD, FunctionEmitter.CTX, a == 0 ? "hostS" : "hostR",
                        a == 0 ? "[J" : "[Ljava/lang/Object;");
                mv.visitVarInsn(ALOAD, 3);
                mv.visitFieldInsn(GETFIELD, FunctionEmitter.CTX, "hostBase", "I");
                mv.visitVarInsn(ALOAD, a);
                mv.visitVarInsn(ILOAD, 2);
                mv.visitLdcInsn(rs.size());
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/System", "arraycopy",
                        "(Ljava/lang/Object;ILjava/lang/Object;II)V", false);
            }
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
