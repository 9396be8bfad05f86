package dev.weir.exchange.internal;

import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.exchange.GuestAllocator;
import dev.weir.exchange.ResultConvention;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AssemblyScript's exported runtime ({@code --exportRuntime}): {@code __new(size, classId)},
 * {@code __pin}, {@code __unpin}, {@code __collect}. Every host allocation is a managed object that
 * is pinned at once (so the incremental GC cannot reclaim it while the host holds it) and
 * "freed" by unpinning; the GC reclaims it later. UTF-16LE strings become {@code String} objects
 * (class id 2), everything else an {@code ArrayBuffer} (class id 1). Ids of compiler-assigned
 * classes ({@code Uint8Array}, {@code StaticArray<u8>}) come from exports such as
 * {@code uint8ArrayId()}; see {@code dev.weir.exchange.AssemblyScript}.
 */
public final class AssemblyScriptAllocator implements GuestAllocator {
    /** Fixed by the AssemblyScript runtime (std/assembly/shared/runtime.ts). */
    public static final int ARRAY_BUFFER_ID = 1;
    public static final int STRING_ID = 2;
    /** mmInfo, gcInfo, gcInfo2, rtId, rtSize: 20 bytes before the payload. */
    public static final int HEADER_SIZE = 20;

    private final Instance instance;
    private final Func newObject;
    private final Func pin;
    private final Func unpin;
    private final Func collect;
    private final Map<String, Integer> classIds = new ConcurrentHashMap<>();

    public AssemblyScriptAllocator(Instance instance) {
        this.instance = instance;
        this.newObject = Exports.require(instance, "__new", Exports.i32Sig(2, 1));
        this.pin = Exports.require(instance, "__pin", Exports.i32Sig(1, 1));
        this.unpin = Exports.require(instance, "__unpin", Exports.i32Sig(1, 0));
        this.collect = Exports.func(instance, "__collect", Exports.i32Sig(0, 0));
    }

    @Override
    public String name() {
        return "AssemblyScript __new/__pin/__unpin";
    }

    /** A new pinned managed object with a zeroed payload of {@code size} bytes. */
    public long newPinned(long size, int classId) {
        int p = newObject.callInt((int) size, classId);
        return Integer.toUnsignedLong(pin.callInt(p));
    }

    public void unpin(long address) {
        unpin.callInt((int) address);
    }

    /** Runs a full collection, if the guest exports {@code __collect}. */
    public void collect() {
        if (collect != null) {
            collect.callInt();
        }
    }

    /**
     * The class id a niladic export returns (e.g. {@code uint8ArrayId}), or -1 when there is no such
     * export. AssemblyScript assigns ids of non-builtin classes at compile time.
     */
    public int classIdFromExport(String exportName) {
        Func f = Exports.func(instance, exportName, Exports.i32Sig(0, 1));
        return f == null ? -1 : f.callInt();
    }

    public Integer registeredClassId(String className) {
        return classIds.get(className);
    }

    public void registerClassId(String className, int id) {
        classIds.put(className, id);
    }

    @Override
    public long allocate(long size, int align) {
        return newPinned(size, ARRAY_BUFFER_ID);
    }

    @Override
    public long allocateString(long byteSize, Charset charset) {
        return newPinned(byteSize, StandardCharsets.UTF_16LE.equals(charset) ? STRING_ID : ARRAY_BUFFER_ID);
    }

    @Override
    public void free(long address, long size, int align) {
        unpin(address);
    }

    @Override
    public Charset stringCharset() {
        return StandardCharsets.UTF_16LE;
    }

    @Override
    public ArgumentPassing argumentPassing() {
        return ArgumentPassing.MANAGED_OBJECTS;
    }

    @Override
    public ResultConvention defaultResultConvention() {
        return ResultConvention.assemblyScriptObject();
    }
}
