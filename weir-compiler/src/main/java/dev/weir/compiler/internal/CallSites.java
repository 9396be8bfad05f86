package dev.weir.compiler.internal;

import dev.weir.internal.rt.ExecContext;
import dev.weir.internal.rt.InstanceState;
import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.ArrayList;
import java.util.List;

/**
 * Inline caches for calls from compiled code to a compiled function that is not a static call in
 * the same class: {@code call_indirect}, {@code call_ref} and calls to imported compiled functions
 * ({@link CallEmitter#callOut}).
 *
 * <p>Entering {@link CompiledFunction#direct} with {@code invokeExact} on a handle that is not a
 * constant costs an out-of-line call the JIT can neither inline nor specialize (calls_indirect ran
 * 3x slower than Chicory). Each such call site is instead an {@code invokedynamic} of type
 * {@code (params..., ExecContext, CompiledFunction, int depth)result}, linked to a
 * {@link MutableCallSite} that caches up to {@link #MAX_TARGETS} callee entry points: a chain of
 * {@code cf.direct == K ? K(params..., ctx, cf.inst, depth) : next}, in which each {@code K} is a
 * constant the JIT inlines like a static call. Entry points belong to the compiled module, not to
 * an instance, so the caches stay valid across stores and instances. A miss relinks the site
 * (which deoptimizes the callers that inlined it); once the cache is full, misses take the generic
 * {@code invokeExact} path without relinking, so a megamorphic site settles.
 *
 * <p>The bootstrap only combines method handles: classes loaded from an ahead-of-time jar link it
 * without generating code.
 */
public final class CallSites {
    /** Callee entry points cached per site before it goes megamorphic. */
    static final int MAX_TARGETS = 4;

    private static final MethodHandle DIRECT;
    private static final MethodHandle INST;
    private static final MethodHandle SAME;
    private static final MethodHandle MISS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            // Static accessors rather than findGetter: a getter handle re-checks its receiver's class
            // (DirectMethodHandle.checkCast showed up in profiles); these take a typed argument.
            DIRECT = l.findStatic(CallSites.class, "direct", MethodType.methodType(MethodHandle.class,
                    CompiledFunction.class));
            INST = l.findStatic(CallSites.class, "inst", MethodType.methodType(InstanceState.class,
                    CompiledFunction.class));
            SAME = l.findStatic(CallSites.class, "same", MethodType.methodType(boolean.class, MethodHandle.class,
                    MethodHandle.class));
            MISS = l.findVirtual(Site.class, "miss", MethodType.methodType(void.class, CompiledFunction.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CallSites() {
    }

    /**
     * Bootstrap of the call sites emitted by {@link CallEmitter#callOut}; {@code type} is the
     * callee's {@code f<i>} descriptor with {@code InstanceState} replaced by {@code CompiledFunction}.
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type) {
        int n = type.parameterCount() - 3;
        if (n < 0 || type.parameterType(n) != ExecContext.class || type.parameterType(n + 1) != CompiledFunction.class
                || type.parameterType(n + 2) != int.class) {
            throw new IllegalArgumentException("weir internal error: compiled call site has type " + type);
        }
        return new Site(type);
    }

    /** The site descriptor for a callee whose {@code f<i>} descriptor is {@code methodDesc}. */
    static String siteDesc(String methodDesc) {
        String inst = "L" + FunctionEmitter.INST + ";I)";
        int at = methodDesc.lastIndexOf(inst);
        return methodDesc.substring(0, at) + "L" + FunctionEmitter.COMPILED + ";I)"
                + methodDesc.substring(at + inst.length());
    }

    private static MethodHandle direct(CompiledFunction f) {
        return f.direct;
    }

    private static InstanceState inst(CompiledFunction f) {
        return f.inst;
    }

    private static boolean same(MethodHandle a, MethodHandle b) {
        return a == b;
    }

    static final class Site extends MutableCallSite {
        private final int n;
        /** {@code cf.direct.invokeExact(params..., ctx, cf.inst, depth)}. */
        private final MethodHandle generic;
        /** Relinks with the callee, then runs {@link #generic}. */
        private final MethodHandle relink;
        private final List<MethodHandle> cached = new ArrayList<>();

        Site(MethodType type) {
            super(type);
            n = type.parameterCount() - 3;
            // invoker(MethodHandle k, params..., ExecContext, InstanceState, int)
            MethodHandle inv = MethodHandles.exactInvoker(directType(type));
            inv = MethodHandles.filterArguments(inv, 0, DIRECT);          // (CF, params..., ctx, InstanceState, int)
            inv = MethodHandles.filterArguments(inv, n + 2, INST);        // (CF, params..., ctx, CF, int)
            int[] order = new int[n + 4];
            order[0] = n + 1;
            for (int i = 0; i < n; i++) {
                order[i + 1] = i;
            }
            order[n + 1] = n;
            order[n + 2] = n + 1;
            order[n + 3] = n + 2;
            generic = MethodHandles.permuteArguments(inv, type, order);
            relink = MethodHandles.foldArguments(generic, n + 1, MISS.bindTo(this));
            setTarget(relink);
        }

        private static MethodType directType(MethodType site) {
            return site.changeParameterType(site.parameterCount() - 2, InstanceState.class);
        }

        /** A callee no cached guard matched: cache its entry point while there is room. */
        @SuppressWarnings("unused") // through MISS
        private synchronized void miss(CompiledFunction cf) {
            MethodHandle k = cf.direct;
            if (cached.size() >= MAX_TARGETS || cached.contains(k) || !k.type().equals(directType(type()))) {
                return;
            }
            cached.add(k);
            MethodHandle chain = cached.size() == MAX_TARGETS ? generic : relink;
            List<Class<?>> lead = type().parameterList().subList(0, n + 1);
            for (int i = cached.size() - 1; i >= 0; i--) {
                MethodHandle ki = cached.get(i);
                MethodHandle fast = MethodHandles.filterArguments(ki, n + 1, INST); // (params..., ctx, CF, int)
                MethodHandle test = MethodHandles.filterArguments(MethodHandles.insertArguments(SAME, 1, ki), 0, DIRECT);
                test = MethodHandles.dropArguments(test, 0, lead);              // (params..., ctx, CF)
                chain = MethodHandles.guardWithTest(test, fast, chain);
            }
            setTarget(chain);
            MutableCallSite.syncAll(new MutableCallSite[] {this});
        }
    }
}
