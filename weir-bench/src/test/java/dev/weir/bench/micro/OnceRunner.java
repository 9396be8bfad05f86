package dev.weir.bench.micro;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Runs every {@code @Benchmark} method of a class once for every combination of its states'
 * {@code @Param} values, the way JMH would set it up (public no-arg state constructors, fields set
 * from the annotation strings, {@code @Setup} then the method then {@code @TearDown}), without
 * measuring anything. New benchmark methods and parameter values are therefore covered by the
 * smoke tests automatically.
 */
final class OnceRunner {
    /** One invocation: which method, with which parameters, and what it returned. */
    record Run(String method, Map<String, String> params, Object result) {
        @Override
        public String toString() {
            return method + params;
        }
    }

    private OnceRunner() {
    }

    /**
     * Runs all of {@code benchmarkClass}'s methods; combinations for which {@code skip} is true
     * (given the parameter map) are left out.
     */
    static List<Run> runAll(Class<?> benchmarkClass, Predicate<Map<String, String>> skip) throws Exception {
        List<Run> runs = new ArrayList<>();
        Object bench = benchmarkClass.getConstructor().newInstance();
        List<Method> methods = new ArrayList<>();
        for (Method m : benchmarkClass.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                methods.add(m);
            }
        }
        methods.sort(Comparator.comparing(Method::getName));
        if (methods.isEmpty()) {
            throw new AssertionError(benchmarkClass + " has no @Benchmark methods");
        }
        for (Method m : methods) {
            for (Map<String, String> params : combinations(m.getParameterTypes())) {
                if (skip.test(params)) {
                    continue;
                }
                Object[] states = new Object[m.getParameterCount()];
                for (int i = 0; i < states.length; i++) {
                    states[i] = newState(m.getParameterTypes()[i], params);
                }
                try {
                    runs.add(new Run(m.getName(), params, m.invoke(bench, states)));
                } catch (InvocationTargetException e) {
                    throw new AssertionError(m.getName() + params + " threw " + e.getCause(), e.getCause());
                } finally {
                    for (Object st : states) {
                        call(st, TearDown.class);
                    }
                }
            }
        }
        return runs;
    }

    /** The cartesian product of the {@code @Param} values of all the given state classes. */
    private static List<Map<String, String>> combinations(Class<?>[] stateClasses) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Class<?> c : stateClasses) {
            for (Field f : c.getFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p == null) {
                    continue;
                }
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : out) {
                    for (String v : p.value()) {
                        Map<String, String> m = new LinkedHashMap<>(partial);
                        m.put(f.getName(), v);
                        next.add(m);
                    }
                }
                out = next;
            }
        }
        return out;
    }

    private static Object newState(Class<?> c, Map<String, String> params) throws Exception {
        Object st = c.getConstructor().newInstance();
        for (Field f : c.getFields()) {
            if (f.isAnnotationPresent(Param.class) && !Modifier.isStatic(f.getModifiers())) {
                String v = params.get(f.getName());
                if (f.getType() == int.class) {
                    f.setInt(st, Integer.parseInt(v));
                } else if (f.getType() == String.class) {
                    f.set(st, v);
                } else {
                    throw new AssertionError("unsupported @Param type " + f.getType() + " of " + f);
                }
            }
        }
        call(st, Setup.class);
        return st;
    }

    private static void call(Object st, Class<? extends java.lang.annotation.Annotation> marker) throws Exception {
        for (Method m : st.getClass().getMethods()) {
            if (m.isAnnotationPresent(marker)) {
                try {
                    m.invoke(st);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(st.getClass().getSimpleName() + "." + m.getName() + " threw "
                            + e.getCause(), e.getCause());
                }
            }
        }
    }

    /** The results of the runs of {@code method}, in run order. */
    static List<Object> results(List<Run> runs, String method) {
        List<Object> out = new ArrayList<>();
        for (Run r : runs) {
            if (r.method().equals(method)) {
                out.add(r.result());
            }
        }
        return out;
    }

    static String describe(List<Run> runs) {
        return Arrays.toString(runs.toArray());
    }
}
