package dev.weir.exchange;

import dev.weir.Caller;
import dev.weir.HostFunction;
import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.exchange.internal.AssemblyScriptAllocator;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.util.List;
import java.util.Locale;

/**
 * AssemblyScript specifics (0.28, {@code --exportRuntime}): managed objects with a 20-byte header
 * before the payload ({@code rtId} at {@code ptr - 8}, {@code rtSize} at {@code ptr - 4}), UTF-16LE
 * strings, typed-array views, and the {@code env.abort} import.
 */
public final class AssemblyScript {
    private AssemblyScript() {
    }

    /** {@code env.abort(message, fileName, line, column)}. */
    public static final FuncType ABORT_TYPE = new FuncType(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32),
            List.of());

    /** Defines {@code env.abort} so that an aborting guest raises a decoded {@link GuestAbortException}. */
    public static Linker defineAbort(Linker linker) {
        return linker.define("env", "abort", ABORT_TYPE, abortFunction());
    }

    /** The {@code env.abort} host function: decodes both strings and throws {@link GuestAbortException}. */
    public static HostFunction abortFunction() {
        return (Caller caller, long[] s, Object[] r, int b) -> {
            Memory m = caller.memory();
            throw new GuestAbortException(safeString(m, (int) s[b]), safeString(m, (int) s[b + 1]),
                    (int) s[b + 2], (int) s[b + 3]);
        };
    }

    private static String safeString(Memory m, int ptr) {
        if (m == null) {
            return "<no memory>";
        }
        try {
            String s = readString(m, Integer.toUnsignedLong(ptr));
            return s == null ? "null" : s;
        } catch (RuntimeException e) {
            return String.format(Locale.ROOT, "<unreadable string at 0x%x: %s>", ptr, e.getMessage());
        }
    }

    /** Reads an AssemblyScript {@code String} object (UTF-16LE, length from {@code rtSize}); null for a null pointer. */
    public static String readString(Memory m, long ptr) {
        if (ptr == 0) {
            return null;
        }
        return m.readUtf16String(ptr, (int) payloadSize(m, ptr, "string"));
    }

    /** Copies the bytes of a {@code Uint8Array} (or any typed-array view) object. */
    public static byte[] readUint8Array(Memory m, long view) {
        long mem = m.byteSize();
        if (view < AssemblyScriptAllocator.HEADER_SIZE || view > mem - 12) {
            throw new GuestMemoryException(String.format(Locale.ROOT,
                    "typed array object: pointer/length out of bounds: addr=0x%x, len=12, memory size=%d", view, mem),
                    view, 12, mem);
        }
        return m.readBytes(m.readUnsignedInt(view + 4), m.readInt(view + 8));
    }

    /** {@code rtSize}: payload bytes of the managed object at {@code ptr}. */
    static long payloadSize(Memory m, long ptr, String what) {
        long mem = m.byteSize();
        if (ptr < AssemblyScriptAllocator.HEADER_SIZE || ptr > mem) {
            throw new GuestMemoryException(String.format(Locale.ROOT,
                    "%s: AssemblyScript object pointer out of bounds: addr=0x%x, len=%d, memory size=%d",
                    what, ptr, AssemblyScriptAllocator.HEADER_SIZE, mem), ptr, AssemblyScriptAllocator.HEADER_SIZE, mem);
        }
        return m.readUnsignedInt(ptr - 4);
    }

    /** A new pinned managed object of class {@code classId}, host-owned: close unpins it. */
    public static GuestBuffer newObject(GuestHeap heap, int size, int classId) {
        AssemblyScriptAllocator as = allocator(heap);
        long p = pinned(heap, as, size, classId);
        return heap.buffer(heap.track(p, size, 1, Ownership.HOST, "AssemblyScript object #" + classId, null), p, size);
    }

    /**
     * Builds a {@code Uint8Array}: a pinned {@code ArrayBuffer} with the bytes and a pinned 12-byte
     * view {@code {buffer, dataStart, byteLength}}. The returned handle is the view (pass
     * {@link GuestBuffer#ptr()}); close unpins both. The buffer stays pinned as long as the view is
     * held because the host's store into the view bypasses the GC's write barrier.
     */
    public static GuestBuffer copyInUint8Array(GuestHeap heap, byte[] data) {
        AssemblyScriptAllocator as = allocator(heap);
        int viewId = classId(heap, "Uint8Array");
        long buf = pinned(heap, as, data.length, AssemblyScriptAllocator.ARRAY_BUFFER_ID);
        long view;
        try {
            heap.memory().write(buf, data);
            view = pinned(heap, as, 12, viewId);
        } catch (RuntimeException e) {
            as.unpin(buf);
            throw e;
        }
        Memory m = heap.memory();
        m.writeInt(view, (int) buf);
        m.writeInt(view + 4, (int) buf);
        m.writeInt(view + 8, data.length);
        Handle h = heap.track(view, 12, 1, Ownership.HOST, "Uint8Array", () -> as.unpin(buf));
        return heap.buffer(h, view, 12);
    }

    /** Builds a pinned {@code StaticArray<u8>} holding the bytes (class id from {@code staticArrayU8Id()}). */
    public static GuestBuffer copyInStaticArray(GuestHeap heap, byte[] data) {
        GuestBuffer b = newObject(heap, data.length, classId(heap, "StaticArray<u8>"));
        try {
            b.write(0, data, 0, data.length);
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    /**
     * The class id of an AssemblyScript class: 1 and 2 for {@code ArrayBuffer} and {@code String},
     * one registered with {@link #registerClassId}, or the result of the guest's id export named
     * after the class ({@code "Uint8Array"} → {@code uint8ArrayId()}, {@code "StaticArray<u8>"} →
     * {@code staticArrayU8Id()}). The compiler assigns the other ids, so they cannot be guessed.
     */
    public static int classId(GuestHeap heap, String className) {
        if (className.equals("ArrayBuffer")) {
            return AssemblyScriptAllocator.ARRAY_BUFFER_ID;
        }
        if (className.equals("String")) {
            return AssemblyScriptAllocator.STRING_ID;
        }
        AssemblyScriptAllocator as = allocator(heap);
        Integer known = as.registeredClassId(className);
        if (known != null) {
            return known;
        }
        String export = idExportName(className);
        int id = as.classIdFromExport(export);
        if (id < 0) {
            throw new IllegalArgumentException("AssemblyScript class id of " + className + " is unknown: the guest"
                    + " exports no " + export + "() and none was registered with AssemblyScript.registerClassId");
        }
        as.registerClassId(className, id);
        return id;
    }

    /** Tells the heap the id the compiler gave a class (see the guest's {@code __rtti_base} or build output). */
    public static void registerClassId(GuestHeap heap, String className, int id) {
        allocator(heap).registerClassId(className, id);
    }

    /** Runs the guest's full garbage collection ({@code __collect}). */
    public static void collect(GuestHeap heap) {
        allocator(heap).collect();
    }

    static String idExportName(String className) {
        String base = className;
        String suffix = "";
        int lt = className.indexOf('<');
        if (lt > 0 && className.endsWith(">")) {
            base = className.substring(0, lt);
            String arg = className.substring(lt + 1, className.length() - 1);
            suffix = arg.isEmpty() ? "" : Character.toUpperCase(arg.charAt(0)) + arg.substring(1);
        }
        return Character.toLowerCase(base.charAt(0)) + base.substring(1) + suffix + "Id";
    }

    private static long pinned(GuestHeap heap, AssemblyScriptAllocator as, long size, int classId) {
        return heap.allocateBlock(size, 1, null, () -> as.newPinned(size, classId));
    }

    private static AssemblyScriptAllocator allocator(GuestHeap heap) {
        if (!(heap.allocator() instanceof AssemblyScriptAllocator)) {
            throw new IllegalStateException("not an AssemblyScript heap: " + heap.allocator().name());
        }
        return (AssemblyScriptAllocator) heap.allocator();
    }
}
