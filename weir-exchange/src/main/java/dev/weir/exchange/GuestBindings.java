package dev.weir.exchange;

import dev.weir.Func;
import dev.weir.Trap;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;

/**
 * Typed bindings: a Java interface whose methods map to guest exports, with {@code String},
 * {@code byte[]} and {@code int[]} parameters and results marshalled through a {@link GuestHeap}
 * by the profile's rules, so the seed's {@code upper} becomes {@code guest.upper("...")}.
 *
 * <pre>{@code
 * interface Seed {
 *     String upper(String s);                                  // profile's default result convention
 *     @Export("upper_packed") @Returns(Convention.PACKED) String upperPacked(String s);
 *     @Export("array_sum") @ResultBits(8) int arraySum(byte[] data); // a Rust u8: masked to 8 bits
 *     @Export("take_ownership") int consume(@Give byte[] data);       // the guest frees it
 * }
 * Seed guest = GuestBindings.bind(heap, Seed.class);
 * }</pre>
 * Every method is checked against the export's signature when binding ({@link IllegalArgumentException}).
 * A guest abort (AssemblyScript {@code env.abort}) surfaces as {@link GuestAbortException}.
 */
public final class GuestBindings {
    private GuestBindings() {
    }

    /** The export a method calls (default: the method name). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Export {
        String value();
    }

    /** How a {@code String} or {@code byte[]} result comes back; {@code length >= 0} means an explicit length. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Returns {
        Convention value() default Convention.PROFILE_DEFAULT;

        int length() default -1;
    }

    /** Result conventions for {@link Returns}; see {@link ResultConvention} for each. */
    public enum Convention {
        PROFILE_DEFAULT, SAME_LENGTH_AS_INPUT, OUT_POINTER, PACKED, PAIR, NUL_TERMINATED, LENGTH_PREFIXED,
        WASM_BINDGEN_RETURN_AREA, COMPONENT_MODEL, ASSEMBLYSCRIPT_OBJECT, ASSEMBLYSCRIPT_TYPED_ARRAY
    }

    /** Pass this {@code String} parameter as a NUL-terminated C string {@code (ptr)}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface CString {
    }

    /** The guest takes ownership of this argument and frees it (e.g. {@code Vec::from_raw_parts}); the host never does. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    public @interface Give {
    }

    /**
     * The declared width of an integer result: the guest may hand back an untruncated i32 for a
     * {@code u8} (rustc 1.63 does), so the binding masks (or sign-extends) to {@code value} bits.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface ResultBits {
        int value();

        boolean signed() default false;
    }

    /** Binds {@code api} (an interface) to the heap's instance. */
    public static <T> T bind(GuestHeap heap, Class<T> api) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api.getName() + " is not an interface");
        }
        heap.requireInstance();
        Map<Method, Binding> bindings = new HashMap<>();
        for (Method m : api.getMethods()) {
            if (!m.isDefault() && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                bindings.put(m, new Binding(heap, m));
            }
        }
        Object proxy = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (p, m, args) -> {
            Binding b = bindings.get(m);
            if (b != null) {
                return b.invoke(args == null ? new Object[0] : args);
            }
            switch (m.getName()) {
                case "toString": return "GuestBindings[" + api.getSimpleName() + " -> " + heap + "]";
                case "hashCode": return System.identityHashCode(p);
                case "equals": return p == args[0];
                default: throw new UnsupportedOperationException(m.toString());
            }
        });
        return api.cast(proxy);
    }

    private enum Kind { VOID, INT, LONG, FLOAT, DOUBLE, BOOLEAN, BYTE, SHORT, CHAR, STRING, CSTRING, BYTES, INTS }

    private static final class Binding {
        final GuestHeap heap;
        final String export;
        final Func func;
        final Kind[] params;
        final boolean[] give;
        final int slots;
        final Kind result;
        final ResultConvention convention;
        final int bits;
        final boolean signed;

        Binding(GuestHeap heap, Method m) {
            this.heap = heap;
            Export e = m.getAnnotation(Export.class);
            this.export = e != null ? e.value() : m.getName();
            this.func = heap.requireInstance().func(export);
            boolean managed = heap.allocator().argumentPassing() == GuestAllocator.ArgumentPassing.MANAGED_OBJECTS;
            Parameter[] ps = m.getParameters();
            params = new Kind[ps.length];
            give = new boolean[ps.length];
            int n = 0;
            for (int i = 0; i < ps.length; i++) {
                Kind k = kind(ps[i].getType(), m);
                if (k == Kind.STRING && ps[i].isAnnotationPresent(CString.class)) {
                    k = Kind.CSTRING;
                }
                if (k == Kind.INTS && managed) {
                    throw new IllegalArgumentException(m + ": int[] parameters are not supported for AssemblyScript");
                }
                params[i] = k;
                give[i] = ps[i].isAnnotationPresent(Give.class);
                n += k == Kind.STRING || k == Kind.BYTES || k == Kind.INTS ? (managed ? 1 : 2) : 1;
            }
            this.slots = n;
            this.result = kind(m.getReturnType(), m);
            Returns r = m.getAnnotation(Returns.class);
            this.convention = result == Kind.STRING || result == Kind.BYTES ? convention(r) : null;
            int expected = n + (convention == null ? 0 : convention.extraParams());
            if (func.type().params().size() != expected) {
                throw new IllegalArgumentException(m.getName() + " lowers to " + expected + " argument(s) but export \""
                        + export + "\" is " + func.type());
            }
            ResultBits rb = m.getAnnotation(ResultBits.class);
            this.bits = rb == null ? 0 : rb.value();
            this.signed = rb != null && rb.signed();
            if (rb != null && (bits < 1 || bits > 63)) {
                throw new IllegalArgumentException(m + ": @ResultBits must be 1..63");
            }
        }

        private ResultConvention convention(Returns r) {
            if (r != null && r.length() >= 0) {
                return ResultConvention.explicitLength(r.length());
            }
            switch (r == null ? Convention.PROFILE_DEFAULT : r.value()) {
                case SAME_LENGTH_AS_INPUT: return ResultConvention.sameLengthAsInput();
                case OUT_POINTER: return ResultConvention.outPointer();
                case PACKED: return ResultConvention.packed();
                case PAIR: return ResultConvention.pair();
                case NUL_TERMINATED: return ResultConvention.nulTerminated();
                case LENGTH_PREFIXED: return ResultConvention.lengthPrefixed();
                case WASM_BINDGEN_RETURN_AREA: return ResultConvention.wasmBindgenReturnArea();
                case COMPONENT_MODEL: return ResultConvention.componentModel();
                case ASSEMBLYSCRIPT_OBJECT: return ResultConvention.assemblyScriptObject();
                case ASSEMBLYSCRIPT_TYPED_ARRAY: return ResultConvention.assemblyScriptTypedArray();
                default: return heap.allocator().defaultResultConvention();
            }
        }

        private static Kind kind(Class<?> c, Method m) {
            if (c == void.class) return Kind.VOID;
            if (c == int.class) return Kind.INT;
            if (c == long.class) return Kind.LONG;
            if (c == float.class) return Kind.FLOAT;
            if (c == double.class) return Kind.DOUBLE;
            if (c == boolean.class) return Kind.BOOLEAN;
            if (c == byte.class) return Kind.BYTE;
            if (c == short.class) return Kind.SHORT;
            if (c == char.class) return Kind.CHAR;
            if (c == String.class) return Kind.STRING;
            if (c == byte[].class) return Kind.BYTES;
            if (c == int[].class) return Kind.INTS;
            throw new IllegalArgumentException(m + ": unsupported type " + c.getName());
        }

        Object invoke(Object[] args) {
            long[] s = new long[slots];
            Calls.Lowered[] owned = new Calls.Lowered[args.length];
            long inputLength = -1;
            try {
                int j = 0;
                for (int i = 0; i < args.length; i++) {
                    Calls.Lowered l = lower(params[i], args[i], i);
                    if (l == null) {
                        s[j++] = scalar(params[i], args[i]);
                        continue;
                    }
                    owned[i] = l;
                    if (give[i] && l.owned != null) {
                        l.owned.give();
                    }
                    if (inputLength < 0) {
                        inputLength = l.length;
                    }
                    System.arraycopy(l.slots, 0, s, j, l.slots.length);
                    j += l.slots.length;
                }
                return convention != null ? readResult(s, inputLength) : scalarResult(s);
            } catch (Trap t) {
                throw Calls.unwrapAbort(t);
            } finally {
                for (Calls.Lowered l : owned) {
                    if (l != null) {
                        l.close();
                    }
                }
            }
        }

        private Calls.Lowered lower(Kind k, Object a, int i) {
            switch (k) {
                case STRING: return Calls.lowerString(heap, (String) requireArg(a, i), false);
                case CSTRING: return Calls.lowerString(heap, (String) requireArg(a, i), true);
                case BYTES: return Calls.lowerBytes(heap, (byte[]) requireArg(a, i));
                case INTS: {
                    int[] v = (int[]) requireArg(a, i);
                    GuestBuffer b = heap.copyIn(v);
                    return Calls.pass(heap.allocator().argumentPassing(), b, new long[] {b.ptr(), v.length}, v.length);
                }
                default: return null;
            }
        }

        private Object requireArg(Object a, int i) {
            if (a == null) {
                throw new IllegalArgumentException(export + ": argument " + i + " is null");
            }
            return a;
        }

        private static long scalar(Kind k, Object a) {
            switch (k) {
                case INT: return (Integer) a;
                case LONG: return (Long) a;
                case FLOAT: return Float.floatToRawIntBits((Float) a);
                case DOUBLE: return Double.doubleToRawLongBits((Double) a);
                case BOOLEAN: return ((Boolean) a) ? 1 : 0;
                case BYTE: return (Byte) a;
                case SHORT: return (Short) a;
                case CHAR: return (Character) a;
                default: throw new IllegalStateException(k.toString());
            }
        }

        private Object readResult(long[] s, long inputLength) {
            Charset cs = result == Kind.STRING ? heap.allocator().stringCharset() : null;
            GuestBuffer r = convention.run(heap, export, s, inputLength, cs);
            if (r == null) {
                return null;
            }
            try (r) {
                return cs != null ? r.readString(cs) : r.toByteArray();
            }
        }

        private Object scalarResult(long[] s) {
            long[] r = func.callSlots(s);
            if (result == Kind.VOID) {
                return null;
            }
            if (r.length != 1) {
                throw new IllegalArgumentException(export + " returns " + r.length + " values: " + func.type());
            }
            long v = r[0];
            if (bits > 0) {
                v = signed ? (v << (64 - bits)) >> (64 - bits) : v & ((1L << bits) - 1);
            }
            switch (result) {
                case INT: return (int) v;
                case LONG: return v;
                case FLOAT: return Float.intBitsToFloat((int) v);
                case DOUBLE: return Double.longBitsToDouble(v);
                case BOOLEAN: return (int) v != 0;
                case BYTE: return (byte) v;
                case SHORT: return (short) v;
                case CHAR: return (char) v;
                default: throw new IllegalArgumentException(export + ": cannot return " + result + " from " + func.type());
            }
        }
    }
}
