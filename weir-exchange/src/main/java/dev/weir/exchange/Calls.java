package dev.weir.exchange;

import dev.weir.Func;
import dev.weir.Trap;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The call helpers behind {@link GuestHeap#callString} and friends: lower the argument the
 * profile's way, call, read the result with a {@link ResultConvention}, release everything.
 * A string round trip is one copy into guest memory and one copy out.
 */
final class Calls {
    private Calls() {
    }

    /** A lowered argument: the slots to pass and the handle to release after the call (or null). */
    static final class Lowered implements AutoCloseable {
        final long[] slots;
        final long length;
        final GuestBuffer owned;

        Lowered(long[] slots, long length, GuestBuffer owned) {
            this.slots = slots;
            this.length = length;
            this.owned = owned;
        }

        @Override
        public void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }

    static int callInt(GuestHeap heap, String export, byte[] data) {
        Func f = heap.requireInstance().func(export);
        int arity = f.type().params().size();
        try (Lowered a = lowerBytes(heap, export, data, arity)) {
            long[] r = call(f, a.slots);
            if (r.length != 1) {
                throw new IllegalArgumentException(export + " does not return one value: " + f.type());
            }
            return (int) r[0];
        }
    }

    static String callString(GuestHeap heap, String export, String arg, ResultConvention rc) {
        Func f = heap.requireInstance().func(export);
        int arity = f.type().params().size() - rc.extraParams();
        Charset cs = heap.allocator().stringCharset();
        try (Lowered a = lowerString(heap, export, arg, arity)) {
            GuestBuffer r = run(rc, heap, export, a, cs);
            if (r == null) {
                return null;
            }
            try (r) {
                return r.readString(cs);
            }
        }
    }

    static byte[] callBytes(GuestHeap heap, String export, byte[] arg, ResultConvention rc) {
        Func f = heap.requireInstance().func(export);
        int arity = f.type().params().size() - rc.extraParams();
        try (Lowered a = lowerBytes(heap, export, arg, arity)) {
            GuestBuffer r = run(rc, heap, export, a, null);
            if (r == null) {
                return null;
            }
            try (r) {
                return r.toByteArray();
            }
        }
    }

    static GuestBuffer run(ResultConvention rc, GuestHeap heap, String export, Lowered a, Charset cs) {
        try {
            return rc.run(heap, export, a.slots, a.length, cs);
        } catch (Trap t) {
            throw unwrapAbort(t);
        }
    }

    private static long[] call(Func f, long[] slots) {
        try {
            return f.callSlots(slots);
        } catch (Trap t) {
            throw unwrapAbort(t);
        }
    }

    /** A trap raised by the guest's abort import surfaces as the decoded {@link GuestAbortException}. */
    static RuntimeException unwrapAbort(Trap t) {
        GuestAbortException abort = GuestAbortException.unwrap(t);
        if (abort == null) {
            return t;
        }
        abort.addSuppressed(t); // keeps the Wasm stack trace
        return abort;
    }

    private static Lowered lowerString(GuestHeap heap, String export, String s, int arity) {
        boolean managed = heap.allocator().argumentPassing() == GuestAllocator.ArgumentPassing.MANAGED_OBJECTS;
        if (managed || arity == 1) { // an AssemblyScript String object, or f(const char *s)
            expectArity(export, arity, 1, managed ? "(string object)" : "(const char *)");
            return lowerString(heap, s, true);
        }
        expectArity(export, arity, 2, "(ptr, len)");
        return lowerString(heap, s, false);
    }

    private static Lowered lowerBytes(GuestHeap heap, String export, byte[] data, int arity) {
        boolean managed = heap.allocator().argumentPassing() == GuestAllocator.ArgumentPassing.MANAGED_OBJECTS;
        expectArity(export, arity, managed ? 1 : 2, managed ? "(Uint8Array)" : "(ptr, len)");
        return lowerBytes(heap, data);
    }

    /**
     * A string argument: an AssemblyScript {@code String} object {@code (ptr)}; else UTF-8 as
     * {@code (ptr)} NUL-terminated when {@code cString}, or {@code (ptr, len)}.
     */
    static Lowered lowerString(GuestHeap heap, String s, boolean cString) {
        GuestAllocator.ArgumentPassing passing = heap.allocator().argumentPassing();
        if (passing == GuestAllocator.ArgumentPassing.MANAGED_OBJECTS) {
            GuestString g = heap.copyInString(s, StandardCharsets.UTF_16LE);
            return new Lowered(new long[] {g.ptr()}, g.byteLength(), g);
        }
        if (cString) {
            GuestString g = heap.copyInCString(s);
            return pass(passing, g, new long[] {g.ptr()}, g.byteLength());
        }
        GuestString g = heap.copyInString(s, StandardCharsets.UTF_8);
        return pass(passing, g, new long[] {g.ptr(), g.byteLength()}, g.byteLength());
    }

    /** A byte-array argument: an AssemblyScript {@code Uint8Array} {@code (ptr)}, else {@code (ptr, len)}. */
    static Lowered lowerBytes(GuestHeap heap, byte[] data) {
        GuestAllocator.ArgumentPassing passing = heap.allocator().argumentPassing();
        if (passing == GuestAllocator.ArgumentPassing.MANAGED_OBJECTS) {
            GuestBuffer v = AssemblyScript.copyInUint8Array(heap, data);
            return new Lowered(new long[] {v.ptr()}, data.length, v);
        }
        GuestBuffer g = heap.copyIn(data);
        return pass(passing, g, new long[] {g.ptr(), g.length()}, g.length());
    }

    static Lowered pass(GuestAllocator.ArgumentPassing passing, GuestBuffer g, long[] slots, long len) {
        if (passing == GuestAllocator.ArgumentPassing.GUEST_FREES) {
            g.give(); // wasm-bindgen / canonical ABI: the callee owns and frees its arguments
            return new Lowered(slots, len, null);
        }
        return new Lowered(slots, len, g);
    }

    private static void expectArity(String export, int arity, int expected, String shape) {
        if (arity != expected) {
            throw new IllegalArgumentException(export + " takes " + arity + " argument(s) besides the convention's;"
                    + " expected " + shape);
        }
    }
}
