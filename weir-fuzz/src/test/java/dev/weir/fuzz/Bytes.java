package dev.weir.fuzz;

import java.util.Arrays;

/** A growable byte buffer with the LEB128 encodings of the binary format (spec 5.2.2). */
final class Bytes {
    private byte[] buf = new byte[64];
    private int len;

    Bytes u8(int b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, len * 2);
        }
        buf[len++] = (byte) b;
        return this;
    }

    Bytes u32(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            u8(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return this;
    }

    Bytes s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            u8(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    Bytes fixed32(int v) {
        for (int i = 0; i < 4; i++) {
            u8(v >>> (8 * i));
        }
        return this;
    }

    Bytes fixed64(long v) {
        for (int i = 0; i < 8; i++) {
            u8((int) (v >>> (8 * i)));
        }
        return this;
    }

    Bytes bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    private Bytes bytes(byte[] b, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    Bytes name(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        u32(b.length);
        return bytes(b);
    }

    /** Appends {@code content} as a size-prefixed vector element (a section or a code body). */
    Bytes sized(Bytes content) {
        u32(content.len);
        return bytes(content.buf, 0, content.len);
    }

    Bytes section(int id, Bytes content) {
        u8(id);
        return sized(content);
    }

    int size() {
        return len;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }
}
