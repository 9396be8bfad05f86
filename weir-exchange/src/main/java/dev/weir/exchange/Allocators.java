package dev.weir.exchange;

import dev.weir.Instance;
import dev.weir.exchange.internal.AssemblyScriptAllocator;
import dev.weir.exchange.internal.BumpAllocator;
import dev.weir.exchange.internal.ComponentModelAllocator;
import dev.weir.exchange.internal.Exports;
import dev.weir.exchange.internal.MallocAllocator;
import dev.weir.exchange.internal.RawRustAllocator;
import dev.weir.exchange.internal.WasmBindgenAllocator;
import dev.weir.wasm.FuncType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The allocator profiles of common guest toolchains. {@link GuestHeap#detect} tries them in
 * {@link #detectionOrder()}: the most specific export names first, the generic {@code alloc} last.
 */
public final class Allocators {
    private Allocators() {
    }

    /** The seed's raw Rust: {@code alloc(len) -> ptr}, {@code dealloc(ptr, len)}. Arguments are freed by the host. */
    public static AllocatorProfile rawRust() {
        return rawRust("alloc", "dealloc");
    }

    /** Raw Rust with other export names (e.g. the seed's {@code my_alloc/my_dealloc}). */
    public static AllocatorProfile rawRust(String alloc, String dealloc) {
        return profile("raw Rust", sigs(alloc, Exports.i32Sig(1, 1), dealloc, Exports.i32Sig(2, 0)),
                i -> new RawRustAllocator(i, alloc, dealloc));
    }

    /** C, TinyGo, Zig: {@code malloc(size) -> ptr}, {@code free(ptr)}. Strings come back NUL-terminated by default. */
    public static AllocatorProfile malloc() {
        return malloc("malloc", "free");
    }

    public static AllocatorProfile malloc(String malloc, String free) {
        return profile("malloc/free", sigs(malloc, Exports.i32Sig(1, 1), free, Exports.i32Sig(1, 0)),
                i -> new MallocAllocator(i, malloc, free));
    }

    /** wasm-bindgen: {@code __wbindgen_malloc/__wbindgen_realloc/__wbindgen_free}; the guest frees arguments. */
    public static AllocatorProfile wasmBindgen() {
        return profile("wasm-bindgen", sigs("__wbindgen_malloc", Exports.i32Sig(2, 1),
                "__wbindgen_free", Exports.i32Sig(3, 0)), WasmBindgenAllocator::new);
    }

    /** AssemblyScript {@code --exportRuntime}: {@code __new/__pin/__unpin} (+ {@code __collect}); UTF-16 strings. */
    public static AllocatorProfile assemblyScript() {
        return profile("AssemblyScript", sigs("__new", Exports.i32Sig(2, 1), "__pin", Exports.i32Sig(1, 1),
                "__unpin", Exports.i32Sig(1, 0)), AssemblyScriptAllocator::new);
    }

    /** Component model canonical ABI: {@code cabi_realloc(old, oldSize, align, newSize)} + {@code cabi_post_<name>}. */
    public static AllocatorProfile componentModel() {
        return profile("component model", sigs("cabi_realloc", Exports.i32Sig(4, 1)), ComponentModelAllocator::new);
    }

    /** A guest that can allocate ({@code alloc(len)}) but never frees. */
    public static AllocatorProfile bump() {
        return bump("alloc");
    }

    public static AllocatorProfile bump(String alloc) {
        return profile("bump (no free)", sigs(alloc, Exports.i32Sig(1, 1)), i -> new BumpAllocator(i, alloc));
    }

    /** The order {@link GuestHeap#detect} tries. */
    public static List<AllocatorProfile> detectionOrder() {
        return List.of(wasmBindgen(), componentModel(), assemblyScript(), rawRust(), malloc(), bump());
    }

    private static Map<String, FuncType> sigs(Object... nameAndType) {
        Map<String, FuncType> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndType.length; i += 2) {
            m.put((String) nameAndType[i], (FuncType) nameAndType[i + 1]);
        }
        return m;
    }

    private static AllocatorProfile profile(String name, Map<String, FuncType> required,
                                            Function<Instance, GuestAllocator> binder) {
        StringBuilder req = new StringBuilder();
        required.forEach((n, t) -> req.append(req.length() == 0 ? "" : " + ").append(n).append(' ').append(t));
        String requirement = req.toString();
        return new AllocatorProfile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String requirement() {
                return requirement;
            }

            @Override
            public String mismatch(Instance instance) {
                return Exports.missing(instance, required);
            }

            @Override
            public GuestAllocator bind(Instance instance) {
                String why = mismatch(instance);
                if (why != null) {
                    throw new IllegalArgumentException("guest does not fit the " + name + " allocator profile ("
                            + requirement + "): " + why);
                }
                return binder.apply(instance);
            }

            @Override
            public String toString() {
                return name + " [" + requirement + "]";
            }
        };
    }
}
