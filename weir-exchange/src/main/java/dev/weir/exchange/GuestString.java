package dev.weir.exchange;

import dev.weir.Memory;
import dev.weir.MemoryView;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A {@link GuestBuffer} holding an encoded string: UTF-8, UTF-16LE (AssemblyScript), Latin-1, ...
 * {@link #byteLength()} is the encoded length without any terminator.
 */
public final class GuestString extends GuestBuffer {
    private final Charset charset;

    GuestString(Handle handle, Memory memory, long address, int length, Charset charset) {
        super(handle, memory, address, length);
        this.charset = charset;
    }

    public Charset charset() {
        return charset;
    }

    /** The encoded length in bytes (what a {@code (ptr, len)} guest function expects). */
    public int byteLength() {
        return length();
    }

    /** Decodes the string strictly (one copy out of guest memory, then decoding). */
    public String read() {
        return readString(charset);
    }

    /** Reads the string, then closes the handle. */
    public String take() {
        return takeString(charset);
    }

    /**
     * UTF-8 and other charsets decode strictly; UTF-16LE keeps lone surrogates, which JavaScript
     * and AssemblyScript strings may contain.
     */
    static String decode(MemoryView v, Charset cs) {
        int len = (int) v.length();
        if (cs.equals(StandardCharsets.UTF_16LE)) {
            return v.memory().readUtf16String(v.address(), len);
        }
        return v.memory().readString(v.address(), len, cs);
    }
}
