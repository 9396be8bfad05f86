package dev.weir.exchange;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A guest's allocator bound to one instance (or a host-side stand-in for tests). {@link GuestHeap}
 * is the only caller: it validates every returned pointer, tracks ownership and guarantees that
 * each block is freed at most once, so implementations stay thin wrappers over the guest exports.
 *
 * <p>Addresses and sizes are unsigned 32-bit values carried in {@code long}s (wasm32).
 */
public interface GuestAllocator {

    /** How arguments built by the host are owned once passed to a guest function. */
    enum ArgumentPassing {
        /** The host frees arguments after the call (raw Rust {@code alloc/dealloc}, C {@code malloc/free}). */
        HOST_FREES,
        /** The guest takes ownership and frees arguments itself (wasm-bindgen, component model). */
        GUEST_FREES,
        /** Arguments are garbage-collected guest objects passed by pointer (AssemblyScript). */
        MANAGED_OBJECTS
    }

    /** A short name for messages, e.g. {@code "raw Rust alloc/dealloc"}. */
    String name();

    /**
     * Allocates {@code size} bytes aligned to {@code align} (a power of two; profiles whose guest
     * API takes no alignment ignore it). Returns the guest address, which may be 0 or bogus: the
     * heap checks it. May throw {@link dev.weir.Trap} (the heap wraps it).
     */
    long allocate(long size, int align);

    /** Frees a block obtained from {@link #allocate} (or handed over by the guest) with its size and alignment. */
    void free(long address, long size, int align);

    /** Allocates a block for a string payload; AssemblyScript makes a String object for UTF-16. */
    default long allocateString(long byteSize, Charset charset) {
        return allocate(byteSize, 1);
    }

    /** Whether {@link #free} actually releases memory ({@code false} for a bump allocator). */
    default boolean freesMemory() {
        return true;
    }

    /** The encoding of the guest language's strings (UTF-8, or UTF-16LE for AssemblyScript). */
    default Charset stringCharset() {
        return StandardCharsets.UTF_8;
    }

    /** Who owns an argument after the call. */
    default ArgumentPassing argumentPassing() {
        return ArgumentPassing.HOST_FREES;
    }

    /**
     * The result convention the call helpers use for a returned string or byte buffer when none is
     * given (raw Rust: same length as the input; C: NUL-terminated; wasm-bindgen: return-pointer area; ...).
     */
    default ResultConvention defaultResultConvention() {
        return ResultConvention.sameLengthAsInput();
    }
}
