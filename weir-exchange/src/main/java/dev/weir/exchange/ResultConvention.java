package dev.weir.exchange;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Memory;
import dev.weir.exchange.internal.AssemblyScriptAllocator;
import dev.weir.exchange.internal.Exports;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * How a guest function hands back a buffer (pointer + length) and who owns it afterwards. Each
 * convention calls the export, validates the returned range against the memory
 * ({@link GuestMemoryException} names the export and the convention) and wraps it in a handle:
 * host-owned (freed with the guest's allocator on close) unless stated otherwise.
 *
 * <pre>{@code
 * try (GuestString in = heap.copyInString("grüße")) {
 *     String up = ResultConvention.packed()
 *             .invokeString(heap, "upper_packed", UTF_8, in.ptr(), in.byteLength()).take();
 * }
 * }</pre>
 * Arguments are raw slot values ({@code i32} as an int value, see the runtime's VALUES.md); a
 * convention may add its own (an out-pointer last, a return area first).
 */
public abstract class ResultConvention {
    private final String name;

    ResultConvention(String name) {
        this.name = name;
    }

    /** Where the result lies and how it is released. */
    record Located(long dataPtr, long length, long blockPtr, long blockSize, Ownership ownership, Runnable release) {
        static Located owned(long ptr, long len, long blockSize) {
            return new Located(ptr, len, ptr, blockSize, Ownership.HOST, null);
        }

        static Located borrowed(long ptr, long len) {
            return new Located(ptr, len, ptr, len, Ownership.BORROWED, null);
        }
    }

    /** Parameters the convention itself passes (an out-pointer, a return area), beyond the caller's. */
    int extraParams() {
        return 0;
    }

    /** Calls {@code f} and locates the result; {@code inputLength} is the lowered argument's length, or -1. */
    abstract Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength);

    /** Calls the export and returns the result buffer (null only for a null AssemblyScript reference). */
    public final GuestBuffer invoke(GuestHeap heap, String export, long... args) {
        return run(heap, export, args, -1, null);
    }

    /** Calls the export and returns the result as a string handle in {@code charset}. */
    public final GuestString invokeString(GuestHeap heap, String export, Charset charset, long... args) {
        return (GuestString) run(heap, export, args, -1, charset);
    }

    final GuestBuffer run(GuestHeap heap, String export, long[] args, long inputLength, Charset cs) {
        Instance inst = heap.requireInstance();
        Func f = inst.func(export);
        Located r = locate(heap, export, f, args, inputLength);
        if (r == null) {
            return null;
        }
        String what = export + " (" + name + ") returned";
        heap.checkGuestRange(r.dataPtr, r.length, what);
        if (r.length > Integer.MAX_VALUE - 8) {
            throw new GuestMemoryException(what + " a buffer too large for the host: len=" + r.length,
                    r.dataPtr, r.length, heap.memory().byteSize());
        }
        int len = (int) r.length;
        Handle h = r.ownership == Ownership.BORROWED
                ? heap.borrowHandle(r.dataPtr, len, export)
                : heap.track(r.blockPtr, r.blockSize, 1, r.ownership, export + " (" + name + ")", r.release);
        if (cs != null) {
            return heap.string(h, r.dataPtr, len, cs);
        }
        return r.ownership == Ownership.BORROWED ? new GuestBuffer(h, heap.memory(), r.dataPtr, len)
                : heap.buffer(h, r.dataPtr, len);
    }

    /** The same convention, but the guest keeps ownership: the host only reads (e.g. a static result buffer). */
    public ResultConvention borrowed() {
        ResultConvention inner = this;
        return new ResultConvention(name + ", borrowed") {
            @Override
            int extraParams() {
                return inner.extraParams();
            }

            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                Located r = inner.locate(heap, export, f, args, inputLength);
                return r == null ? null : Located.borrowed(r.dataPtr, r.length);
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }

    // ------------------------------------------------------------------ the conventions

    /** {@code f(...) -> ptr}; the caller knows the length. Freed as a block of {@code length} bytes. */
    public static ResultConvention explicitLength(int length) {
        return new ResultConvention("explicit length " + length) {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                return Located.owned(i32(f.callSlots(args), 0), length, length);
            }
        };
    }

    /** {@code f(ptr, len) -> ptr} whose result has the input's length (the seed's {@code upper}). */
    public static ResultConvention sameLengthAsInput() {
        return new ResultConvention("same length as input") {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                if (inputLength < 0) {
                    throw new IllegalStateException("sameLengthAsInput() needs the call helpers (input length unknown);"
                            + " use explicitLength(n) with invoke()");
                }
                return Located.owned(i32(f.callSlots(args), 0), inputLength, inputLength);
            }
        };
    }

    /**
     * {@code f(..., outLenPtr) -> ptr}: the host allocates a 4-byte slot, passes it last, reads the
     * {@code i32} length the guest stored there and frees the slot.
     */
    public static ResultConvention outPointer() {
        return new ResultConvention("out-pointer") {
            @Override
            int extraParams() {
                return 1;
            }

            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                try (GuestBuffer slot = heap.allocate(4, 4)) {
                    slot.writeInt(0, 0);
                    long[] a = java.util.Arrays.copyOf(args, args.length + 1);
                    a[args.length] = slot.ptr();
                    long p = i32(f.callSlots(a), 0);
                    long len = Integer.toUnsignedLong(slot.readInt(0));
                    return Located.owned(p, len, len);
                }
            }
        };
    }

    /** {@code f(...) -> i64} packing {@code ptr << 32 | len}. */
    public static ResultConvention packed() {
        return new ResultConvention("packed u64") {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                long v = f.callSlots(args)[0];
                long len = v & 0xFFFF_FFFFL;
                return Located.owned(v >>> 32, len, len);
            }
        };
    }

    /** {@code f(...) -> (i32 ptr, i32 len)}: a multi-value return. */
    public static ResultConvention pair() {
        return new ResultConvention("multi-value pair") {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                long[] r = f.callSlots(args);
                if (r.length != 2) {
                    throw new IllegalArgumentException(export + " returns " + r.length + " values, not a (ptr, len) pair: "
                            + f.type());
                }
                long len = i32(r, 1);
                return Located.owned(i32(r, 0), len, len);
            }
        };
    }

    /** {@code f(...) -> ptr} to NUL-terminated bytes (C); the block includes the NUL. Scans at most 16 MiB. */
    public static ResultConvention nulTerminated() {
        return nulTerminated(16 << 20);
    }

    /** NUL-terminated with a scan limit; no NUL within {@code maxLength} bytes is a {@link GuestMemoryException}. */
    public static ResultConvention nulTerminated(int maxLength) {
        return new ResultConvention("NUL-terminated") {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                long p = i32(f.callSlots(args), 0);
                long len = nulIndex(heap.memory(), p, maxLength, export);
                return Located.owned(p, len, len + 1);
            }
        };
    }

    /** {@code f(...) -> ptr} to a little-endian {@code u32} length followed by the bytes; the block is both. */
    public static ResultConvention lengthPrefixed() {
        return new ResultConvention("u32 length prefix") {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                long p = i32(f.callSlots(args), 0);
                heap.checkGuestRange(p, 4, export + " (length prefix) returned");
                long len = Integer.toUnsignedLong(heap.memory().readInt(p));
                return new Located(p + 4, len, p, len + 4, Ownership.HOST, null);
            }
        };
    }

    /**
     * wasm-bindgen's return area: {@code sp = __wbindgen_add_to_stack_pointer(-16)}, call
     * {@code f(sp, ...)}, read {@code ptr, len} at {@code sp}, restore the stack pointer. The string
     * is host-owned ({@code __wbindgen_free(ptr, len, 1)} on close).
     */
    public static ResultConvention wasmBindgenReturnArea() {
        return new ResultConvention("wasm-bindgen return area") {
            @Override
            int extraParams() {
                return 1;
            }

            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                Func sp = Exports.require(heap.requireInstance(), "__wbindgen_add_to_stack_pointer", Exports.i32Sig(1, 1));
                int area = sp.callInt(-16);
                try {
                    long[] a = new long[args.length + 1];
                    a[0] = area;
                    System.arraycopy(args, 0, a, 1, args.length);
                    f.callSlots(a);
                    heap.checkGuestRange(Integer.toUnsignedLong(area), 8, export + " return area");
                    Memory m = heap.memory();
                    long len = m.readUnsignedInt(area + 4L);
                    return Located.owned(m.readUnsignedInt(area), len, len);
                } finally {
                    sp.callInt(16);
                }
            }
        };
    }

    /**
     * Component model (canonical ABI): {@code f(...) -> retptr} to a record {@code {ptr: i32, len: i32}};
     * the string stays guest-owned until {@code cabi_post_<export>(retptr)}, which closing the handle
     * runs. Without such an export the result is a plain borrow.
     */
    public static ResultConvention componentModel() {
        return new ResultConvention("component-model return pointer") {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                long rp = i32(f.callSlots(args), 0);
                heap.checkGuestRange(rp, 8, export + " return record");
                Memory m = heap.memory();
                long p = m.readUnsignedInt(rp);
                long len = m.readUnsignedInt(rp + 4);
                Func post = Exports.func(heap.requireInstance(), "cabi_post_" + export, Exports.i32Sig(1, 0));
                if (post == null) {
                    return Located.borrowed(p, len);
                }
                int retptr = (int) rp;
                return new Located(p, len, p, len, Ownership.GUEST_RELEASE, () -> post.callInt(retptr));
            }
        };
    }

    /**
     * AssemblyScript managed object ({@code String}, {@code ArrayBuffer}, {@code StaticArray}):
     * {@code f(...) -> ptr}, payload size {@code rtSize} at {@code ptr - 4}. Borrowed and valid
     * only until the guest allocates again (the GC may reclaim it): read it before the next call.
     * A null reference gives a null handle.
     */
    public static ResultConvention assemblyScriptObject() {
        return new ResultConvention("AssemblyScript object") {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                long p = i32(f.callSlots(args), 0);
                if (p == 0) {
                    return null;
                }
                return Located.borrowed(p, AssemblyScript.payloadSize(heap.memory(), p, export));
            }
        };
    }

    /** AssemblyScript typed array ({@code Uint8Array}, ...): the view's {@code dataStart} and {@code byteLength}; borrowed. */
    public static ResultConvention assemblyScriptTypedArray() {
        return new ResultConvention("AssemblyScript typed array") {
            @Override
            Located locate(GuestHeap heap, String export, Func f, long[] args, long inputLength) {
                long v = i32(f.callSlots(args), 0);
                if (v == 0) {
                    return null;
                }
                heap.checkGuestRange(v - AssemblyScriptAllocator.HEADER_SIZE, 12 + AssemblyScriptAllocator.HEADER_SIZE,
                        export + " typed array object");
                Memory m = heap.memory();
                return Located.borrowed(m.readUnsignedInt(v + 4), m.readUnsignedInt(v + 8));
            }
        };
    }

    static long i32(long[] results, int i) {
        if (results.length <= i) {
            throw new IllegalArgumentException("expected at least " + (i + 1) + " result(s), got " + results.length);
        }
        return Integer.toUnsignedLong((int) results[i]);
    }

    static long nulIndex(Memory m, long p, int maxLength, String export) {
        long size = m.byteSize();
        if (p <= 0 || p >= size) {
            throw new GuestMemoryException(String.format(Locale.ROOT,
                    "%s (NUL-terminated) returned pointer/length out of bounds: addr=0x%x, len=1, memory size=%d",
                    export, p, size), p, 1, size);
        }
        byte[] chunk = new byte[256];
        long limit = Math.min(size - p, (long) maxLength + 1);
        for (long off = 0; off < limit; off += chunk.length) {
            int n = (int) Math.min(chunk.length, limit - off);
            m.read(p + off, chunk, 0, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] == 0) {
                    return off + i;
                }
            }
        }
        throw new GuestMemoryException(String.format(Locale.ROOT,
                "%s (NUL-terminated) returned addr=0x%x with no NUL within %d bytes (memory size=%d)",
                export, p, limit, size), p, limit, size);
    }
}
