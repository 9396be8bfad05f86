package dev.weir.exchange.internal;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Memory;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Export lookups with signature checks, and the descriptions used in "no allocator found" errors. */
public final class Exports {
    private Exports() {
    }

    /** An {@code (i32 x params) -> (i32 x results)} signature, e.g. {@code sig(2, 1)} for {@code (i32, i32) -> i32}. */
    public static FuncType i32Sig(int params, int results) {
        return new FuncType(Collections.nCopies(params, ValType.I32), Collections.nCopies(results, ValType.I32));
    }

    /** The exported function with exactly that type, or null when absent or of another type. */
    public static Func func(Instance instance, String name, FuncType type) {
        Object o = instance.export(name);
        if (o instanceof Func && ((Func) o).type().equals(type)) {
            return (Func) o;
        }
        return null;
    }

    /** Like {@link #func} but throws a clear IllegalArgumentException. */
    public static Func require(Instance instance, String name, FuncType type) {
        Object o = instance.export(name);
        if (o == null) {
            throw new IllegalArgumentException("guest does not export \"" + name + "\" " + type);
        }
        if (!(o instanceof Func) || !((Func) o).type().equals(type)) {
            throw new IllegalArgumentException("guest export \"" + name + "\" is " + describe(o) + ", expected " + type);
        }
        return (Func) o;
    }

    /** Why the instance lacks any of the named functions (null if all are present with those types). */
    public static String missing(Instance instance, Map<String, FuncType> required) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, FuncType> e : required.entrySet()) {
            Object o = instance.export(e.getKey());
            if (o == null) {
                problems.add("no " + e.getKey());
            } else if (!(o instanceof Func) || !((Func) o).type().equals(e.getValue())) {
                problems.add(e.getKey() + " is " + describe(o) + ", expected " + e.getValue());
            }
        }
        return problems.isEmpty() ? null : String.join(", ", problems);
    }

    /** The memory named "memory", else the first exported memory. */
    public static Memory memory(Instance instance) {
        Object m = instance.export("memory");
        if (m instanceof Memory) {
            return (Memory) m;
        }
        for (Object o : instance.exports().values()) {
            if (o instanceof Memory) {
                return (Memory) o;
            }
        }
        throw new IllegalArgumentException("guest exports no memory; exports: " + instance.exports().keySet());
    }

    /** The names of all exported functions, for error messages. */
    public static List<String> functionNames(Instance instance) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            if (e.getValue() instanceof Func) {
                names.add(e.getKey());
            }
        }
        return names;
    }

    private static String describe(Object o) {
        return o instanceof Func ? "a function " + ((Func) o).type() : "a " + o.getClass().getSimpleName();
    }
}
