package dev.weir.wasm.internal;

import dev.weir.wasm.HeapType;
import dev.weir.wasm.Limits;
import dev.weir.wasm.MalformedModuleException;
import dev.weir.wasm.ValType;

/**
 * A cursor over a byte range of the binary format (spec 5.1-5.3): LEB128 integers with the spec's
 * checks on unused bits, raw floats, names, value/reference/heap types and limits.
 *
 * <p>Errors are {@link MalformedModuleException}s worded as the reference interpreter words them;
 * their offset is a source offset ({@code sourceOffsetOfStart} plus the index relative to
 * {@code start}). Reading past {@link #limit()} reports "unexpected end of section or function"
 * (which also matches the testsuite's shorter "unexpected end").
 */
public final class ByteReader {
    public static final String UNEXPECTED_END = "unexpected end of section or function";

    private final byte[] buf;
    private int pos;
    private int limit;
    /** Source offset of array index 0 (may be negative). */
    private final long base;

    public ByteReader(byte[] buf, int start, int end, long sourceOffsetOfStart) {
        if (start < 0 || end > buf.length || start > end) {
            throw new IllegalArgumentException("bad range " + start + ".." + end + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = start;
        this.limit = end;
        this.base = sourceOffsetOfStart - start;
    }

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length, 0);
    }

    public byte[] buffer() {
        return buf;
    }

    /** Current index in the array. */
    public int pos() {
        return pos;
    }

    public void pos(int p) {
        pos = p;
    }

    /** Index (exclusive) where reading stops. */
    public int limit() {
        return limit;
    }

    public void limit(int l) {
        limit = l;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean atEnd() {
        return pos >= limit;
    }

    /** Source offset of the array index. */
    public long offsetOf(int index) {
        return base + index;
    }

    /** Source offset of the current position. */
    public long offset() {
        return base + pos;
    }

    public MalformedModuleException error(String message) {
        return new MalformedModuleException(message, base + pos);
    }

    public MalformedModuleException errorAt(String message, int index) {
        return new MalformedModuleException(message, base + index);
    }

    // ---- bytes ----

    public int u8() {
        if (pos >= limit) {
            throw error(UNEXPECTED_END);
        }
        return buf[pos++] & 0xFF;
    }

    /** The next byte without consuming it, or -1 at the limit. */
    public int peek() {
        return pos < limit ? buf[pos] & 0xFF : -1;
    }

    public byte[] bytes(int n) {
        if (n < 0 || n > limit - pos) {
            throw error(UNEXPECTED_END);
        }
        byte[] r = new byte[n];
        System.arraycopy(buf, pos, r, 0, n);
        pos += n;
        return r;
    }

    public void skip(int n) {
        if (n < 0 || n > limit - pos) {
            throw error(UNEXPECTED_END);
        }
        pos += n;
    }

    public int f32Bits() {
        if (limit - pos < 4) {
            pos = limit;
            throw error(UNEXPECTED_END);
        }
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public long f64Bits() {
        long lo = f32Bits() & 0xFFFFFFFFL;
        long hi = f32Bits() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    // ---- LEB128 (spec 5.2.2) ----
    // The reference interpreter's vuN/vsN: at the last byte that may carry value bits, the bits
    // beyond the type's width must be zero (unsigned) or copies of the sign bit (signed), else
    // "integer too large"; a continuation bit on that byte is "integer representation too long".

    /** Unsigned LEB128 of at most {@code bits} (<= 64) bits; the result holds the raw bits. */
    private long uleb(int bits) {
        long result = 0;
        int shift = 0;
        while (true) {
            int start = pos;
            int b = u8();
            int n = bits - shift; // value bits still allowed
            if (n < 7 && (b & 0x7F) >= (1 << n)) {
                throw errorAt("integer too large", start);
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                return result;
            }
            if (shift >= bits) {
                throw errorAt("integer representation too long", pos);
            }
        }
    }

    /** Signed LEB128 of at most {@code bits} (<= 64) bits, sign-extended to a long. */
    private long sleb(int bits) {
        long result = 0;
        int shift = 0;
        while (true) {
            int start = pos;
            int b = u8();
            int n = bits - shift;
            if (n < 7) {
                int mask = (-1 << (n - 1)) & 0x7F;
                int m = b & mask;
                if (m != 0 && m != mask) {
                    throw errorAt("integer too large", start);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
            if (shift >= bits) {
                throw errorAt("integer representation too long", pos);
            }
        }
    }

    /** A u32 as an int holding its 32 bits (use unsigned comparisons above 2^31-1). */
    public int u32() {
        int p = pos;
        if (p < limit) {
            int b = buf[p];
            if (b >= 0) { // fast path: one byte
                pos = p + 1;
                return b;
            }
            if (limit - p >= 5) {
                return u32Unrolled(p, b & 0x7F);
            }
        }
        return (int) uleb(32);
    }

    /**
     * A multi-byte u32 with 5 bytes available, unrolled: linkers pad relocated indices and sizes
     * to 5 bytes, so this form is common. Anything malformed is left to {@link #uleb}'s checks.
     */
    private int u32Unrolled(int p, int v) {
        int b = buf[p + 1];
        v |= (b & 0x7F) << 7;
        if (b >= 0) {
            pos = p + 2;
            return v;
        }
        b = buf[p + 2];
        v |= (b & 0x7F) << 14;
        if (b >= 0) {
            pos = p + 3;
            return v;
        }
        b = buf[p + 3];
        v |= (b & 0x7F) << 21;
        if (b >= 0) {
            pos = p + 4;
            return v;
        }
        b = buf[p + 4];
        if ((b & 0xF0) == 0) { // last byte: 4 value bits, no continuation
            pos = p + 5;
            return v | b << 28;
        }
        return (int) uleb(32);
    }

    /** A u32 as a non-negative long. */
    public long u32L() {
        return u32() & 0xFFFFFFFFL;
    }

    // One-byte fast paths: most immediates (constants, offsets, type indices) fit in 7 bits, and a
    // single byte can never violate the width checks of uleb/sleb, so those loops are skipped.

    public int s32() {
        int p = pos;
        if (p < limit && limit - p >= 5 && buf[p] < 0) {
            return s32Unrolled(p);
        }
        return (int) slebOneByteFirst(32);
    }

    /**
     * A multi-byte s32 with 5 bytes available, unrolled (i32.const addresses are often padded to
     * 5 bytes by linkers); each exit sign-extends from the last value bit read. A malformed last
     * byte is left to {@link #sleb}'s checks.
     */
    private int s32Unrolled(int p) {
        int v = buf[p] & 0x7F;
        int b = buf[p + 1];
        v |= (b & 0x7F) << 7;
        if (b >= 0) {
            pos = p + 2;
            return (v << 18) >> 18;
        }
        b = buf[p + 2];
        v |= (b & 0x7F) << 14;
        if (b >= 0) {
            pos = p + 3;
            return (v << 11) >> 11;
        }
        b = buf[p + 3];
        v |= (b & 0x7F) << 21;
        if (b >= 0) {
            pos = p + 4;
            return (v << 4) >> 4;
        }
        b = buf[p + 4];
        int last = b & 0xF8; // no continuation bit, and bits 3-6 copy the sign bit (bit 3)
        if (last == 0 || last == 0x78) {
            pos = p + 5;
            return v | b << 28;
        }
        return (int) sleb(32);
    }

    public long s33() {
        return slebOneByteFirst(33);
    }

    public long s64() {
        return slebOneByteFirst(64);
    }

    private long slebOneByteFirst(int bits) {
        int p = pos;
        if (p < limit) {
            int b = buf[p];
            if (b >= 0) {
                pos = p + 1;
                return (b << 25) >> 25; // sign-extend the 7 value bits
            }
        }
        return sleb(bits);
    }

    public long u64() {
        int p = pos;
        if (p < limit) {
            int b = buf[p];
            if (b >= 0) {
                pos = p + 1;
                return b;
            }
        }
        return uleb(64);
    }

    /** A section/body size or name length (u32) beyond the remaining bytes: "length out of bounds". */
    public int len() {
        int start = pos;
        long n = u32L();
        if (n > limit - pos) {
            throw errorAt("length out of bounds", start);
        }
        return (int) n;
    }

    /**
     * A vector count. A count larger than the remaining bytes cannot be satisfied (every element
     * takes at least one byte), so it is rejected before anything is allocated; callers may thus
     * size arrays by the count. ({@code minElementSize} is documentation only: checking it would
     * report some truncations earlier than the reference interpreter and change the wording.)
     */
    public int count(int minElementSize) {
        int start = pos;
        long n = u32L();
        if (n > limit - pos) {
            pos = limit;
            throw errorAt(UNEXPECTED_END, start);
        }
        return (int) n;
    }

    /**
     * A data segment's byte length: running past the limit is an unexpected end, as in the
     * reference interpreter (section sizes, body sizes and names are "length out of bounds").
     */
    public int byteLen() {
        int start = pos;
        long n = u32L();
        if (n > limit - pos) {
            pos = limit;
            throw errorAt(UNEXPECTED_END, start);
        }
        return (int) n;
    }

    // ---- names (spec 5.2.4) ----

    public String name() {
        int n = len();
        int start = pos;
        pos += n;
        return Utf8.decode(buf, start, n, this);
    }

    // ---- types (spec 5.3) ----

    /** Whether a byte starts a value type (number, vector or reference type). */
    public static boolean isValTypeByte(int b) {
        return (b >= 0x7B && b <= 0x7F) || b == 0x63 || b == 0x64 || (b >= 0x69 && b <= 0x74);
    }

    public ValType valType() {
        int start = pos;
        int b = u8();
        switch (b) {
            case 0x7F: return ValType.I32;
            case 0x7E: return ValType.I64;
            case 0x7D: return ValType.F32;
            case 0x7C: return ValType.F64;
            case 0x7B: return ValType.V128;
            default:
                pos = start;
                if (b == 0x63 || b == 0x64 || (b >= 0x69 && b <= 0x74)) {
                    return refType();
                }
                throw errorAt("malformed value type", start);
        }
    }

    /** A storage type: a value type or packed i8 (0x78) / i16 (0x77). */
    public ValType storageType() {
        int b = peek();
        if (b == 0x78) {
            pos++;
            return ValType.I8;
        }
        if (b == 0x77) {
            pos++;
            return ValType.I16;
        }
        if (b >= 0 && !isValTypeByte(b)) {
            throw error("malformed storage type");
        }
        return valType();
    }

    public ValType refType() {
        int start = pos;
        int b = u8();
        if (b == 0x63 || b == 0x64) {
            return ValType.ref(b == 0x63, heapType());
        }
        if (b >= 0x69 && b <= 0x74) {
            return ValType.ref(true, b - 0x80);
        }
        throw errorAt("malformed reference type", start);
    }

    /**
     * A heap type (s33): an abstract type's one-byte code, or a type index. Indices above
     * {@link Integer#MAX_VALUE} cannot be valid (they are unknown types) and are clamped to it so
     * they never collide with the negative abstract codes.
     */
    public int heapType() {
        int start = pos;
        int p = pos;
        if (p < limit) {
            int b = buf[p];
            if (b >= 0 && b < 0x40) { // a small type index
                pos = p + 1;
                return b;
            }
        }
        long v = s33();
        if (v < 0) {
            if (!HeapType.isAbstract((int) v) || v < HeapType.EXN) {
                throw errorAt("malformed heap type", start);
            }
            return (int) v;
        }
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /**
     * Limits (spec 5.3.7 plus threads, memory64 and custom-page-sizes): flags bit 0 = max present,
     * bit 1 = shared, bit 2 = 64-bit addresses, bit 3 = explicit log2 page size follows.
     * Tables accept only bits 0 and 2.
     */
    public Limits limits(boolean memory) {
        int start = pos;
        int flags = u8();
        int allowed = memory ? 0x0F : 0x05;
        if ((flags & ~allowed) != 0) {
            throw errorAt("malformed limits flags", start);
        }
        boolean hasMax = (flags & 1) != 0;
        boolean shared = (flags & 2) != 0;
        boolean is64 = (flags & 4) != 0;
        long min;
        long max;
        int pageLog2 = Limits.DEFAULT_PAGE_SIZE_LOG2;
        try {
            // Wasm 3.0 reads both bounds as u64 whatever the address type; the validator checks
            // the range ("memory size must be at most ...").
            min = u64();
            max = hasMax ? u64() : 0;
            if ((flags & 8) != 0) {
                int pp = pos;
                long p = u32L();
                // Only 1-byte and 64 KiB pages are valid (custom-page-sizes proposal), but other
                // powers of two are well-formed: the validator rejects them ("invalid custom page
                // size"). Exponents of 64 and above cannot be represented at all.
                if (p >= 64) {
                    throw errorAt("invalid custom page size", pp);
                }
                pageLog2 = (int) p;
            }
        } catch (MalformedModuleException e) {
            // Without the custom-page-sizes proposal flag 0x08 is malformed (core binary.wast);
            // when a module using it is also truncated, that is the better explanation.
            if ((flags & 8) != 0 && e.reason().startsWith("unexpected end")) {
                throw errorAt("malformed limits flags", start);
            }
            throw e;
        }
        return new Limits(min, hasMax, max, shared, is64, pageLog2);
    }
}
