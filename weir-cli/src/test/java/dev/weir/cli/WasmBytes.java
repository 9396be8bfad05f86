package dev.weir.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-assembles small binary modules for tests, computing section and vector sizes. */
final class WasmBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private WasmBytes() {
        bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
    }

    static WasmBytes module() {
        return new WasmBytes();
    }

    /** A section with the given id whose content is the concatenation of {@code parts}. */
    WasmBytes section(int id, byte[]... parts) {
        byte[] content = cat(parts);
        out.write(id);
        write(uleb(content.length));
        write(content);
        return this;
    }

    /** A custom section. */
    WasmBytes custom(String name, byte[]... parts) {
        return section(0, name(name), cat(parts));
    }

    byte[] build() {
        return out.toByteArray();
    }

    private WasmBytes bytes(int... bs) {
        for (int b : bs) {
            out.write(b);
        }
        return this;
    }

    private void write(byte[] b) {
        out.write(b, 0, b.length);
    }

    static byte[] b(int... bs) {
        byte[] r = new byte[bs.length];
        for (int i = 0; i < bs.length; i++) {
            r[i] = (byte) bs[i];
        }
        return r;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.write(p, 0, p.length);
        }
        return o.toByteArray();
    }

    /** A vector: element count, then the elements. */
    static byte[] vec(byte[]... items) {
        return cat(uleb(items.length), cat(items));
    }

    /** A name: UTF-8 length, then bytes. */
    static byte[] name(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        return cat(uleb(u.length), u);
    }

    /** A length-prefixed blob (function body, name subsection). */
    static byte[] sized(byte[]... parts) {
        byte[] c = cat(parts);
        return cat(uleb(c.length), c);
    }

    static byte[] uleb(long v) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        do {
            int x = (int) (v & 0x7f);
            v >>>= 7;
            o.write(v != 0 ? x | 0x80 : x);
        } while (v != 0);
        return o.toByteArray();
    }

    // ---- fixtures ----

    static final int I32 = 0x7f;

    /**
     * Imports env.log (func (param i32)) and env.sp (global (mut i32)); defines add (func (param
     * i32 i32) (result i32)), memory 1..2 pages, an immutable i32 global = 42; exports "add" and
     * "memory"; names the module "adder" and the functions log and add.
     */
    static byte[] adder() {
        return module()
                .section(1, vec(b(0x60, 2, I32, I32, 1, I32), b(0x60, 1, I32, 0)))
                .section(2, vec(cat(name("env"), name("log"), b(0x00, 1)),
                        cat(name("env"), name("sp"), b(0x03, I32, 1))))
                .section(3, vec(b(0)))
                .section(5, vec(b(0x01, 1, 2)))
                .section(6, vec(b(I32, 0, 0x41, 42, 0x0b)))
                .section(7, vec(cat(name("add"), b(0x00, 1)), cat(name("memory"), b(0x02, 0))))
                .section(10, vec(sized(b(0, 0x20, 0, 0x20, 1, 0x6a, 0x0b))))
                .custom("name",
                        b(0), sized(name("adder")),
                        b(1), sized(vec(cat(b(0), name("log")), cat(b(1), name("add")))))
                .build();
    }

    /** One function of type [] -> [i32] whose body is {@code i32.const 1; i32.add}: stack underflow. */
    static byte[] invalidBody() {
        return module()
                .section(1, vec(b(0x60, 0, 1, I32)))
                .section(3, vec(b(0)))
                .section(10, vec(sized(b(0, 0x41, 1, 0x6a, 0x0b))))
                .build();
    }

    /**
     * Exports "add" (func (param i32 i32) (result i32)) whose body is empty: invalid, "type
     * mismatch" in function 0 (there are no imports), so every verb can be pointed at it.
     */
    static byte[] typeMismatch() {
        return module()
                .section(1, vec(b(0x60, 2, I32, I32, 1, I32)))
                .section(3, vec(b(0)))
                .section(7, vec(cat(name("add"), b(0x00, 0))))
                .section(10, vec(sized(b(0, 0x0b))))
                .build();
    }

    /** Memories with flags: 0 shared 1..4 (flags 0x03), 1 memory64 1..2 (flags 0x05). */
    static byte[] fancyMemories() {
        return module()
                .section(5, vec(b(0x03, 1, 4), b(0x05, 1, 2)))
                .section(7, vec(cat(name("shared\n\"mem\""), b(0x02, 0))))
                .build();
    }
}
