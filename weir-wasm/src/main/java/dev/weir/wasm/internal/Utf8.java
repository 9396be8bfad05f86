package dev.weir.wasm.internal;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 validation for names (spec 5.2.4): no overlong forms, no surrogates
 * (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences.
 */
final class Utf8 {
    private Utf8() {
    }

    static String decode(byte[] b, int off, int len, ByteReader r) {
        int end = off + len;
        int i = off;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1); // ASCII fast path
        }
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                throw r.errorAt("malformed UTF-8 encoding", i);
            }
            if (end - i <= n) {
                throw r.errorAt("malformed UTF-8 encoding", i);
            }
            int cp = c & (0x3F >> n);
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    throw r.errorAt("malformed UTF-8 encoding", i);
                }
                cp = cp << 6 | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw r.errorAt("malformed UTF-8 encoding", i);
            }
            i += n + 1;
        }
        return new String(b, off, len, StandardCharsets.UTF_8);
    }
}
