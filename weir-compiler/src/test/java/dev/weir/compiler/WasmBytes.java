package dev.weir.compiler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/** Writes big binary modules directly (the text parser would dominate the time for 10^5 functions). */
final class WasmBytes {
    private WasmBytes() {
    }

    /**
     * A module with {@code count} functions of type {@code (i32) -> i32} whose bodies (without the
     * locals vector and {@code end}) come from {@code body}; {@code exports[k]} is exported as "f" + k.
     */
    static byte[] module(int count, IntFunction<byte[]> body, int... exports) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, new byte[] {1, 0x60, 1, 0x7f, 1, 0x7f});
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        leb(s, count);
        for (int i = 0; i < count; i++) {
            s.write(0);
        }
        section(out, 3, s.toByteArray());
        s.reset();
        leb(s, exports.length);
        for (int e : exports) {
            byte[] name = ("f" + e).getBytes(StandardCharsets.UTF_8);
            leb(s, name.length);
            s.writeBytes(name);
            s.write(0);
            leb(s, e);
        }
        section(out, 7, s.toByteArray());
        s.reset();
        leb(s, count);
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            f.reset();
            f.write(0); // no locals
            f.writeBytes(body.apply(i));
            f.write(0x0b);
            leb(s, f.size());
            s.writeBytes(f.toByteArray());
        }
        section(out, 10, s.toByteArray());
        return out.toByteArray();
    }

    static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        leb(out, content.length);
        out.writeBytes(content);
    }

    static void leb(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    static void sleb(ByteArrayOutputStream out, long v) {
        while (true) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }
}
