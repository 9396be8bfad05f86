package dev.weir.wasi;

import dev.weir.Engine;
import dev.weir.Func;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Memory;
import dev.weir.Store;
import dev.weir.wasm.FuncType;
import dev.weir.wasm.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A synthetic guest for unit tests: a module (assembled here, byte by byte) that imports every
 * WASI function and exports a trampoline {@code w_<name>} for each, plus its memory. Calling a
 * trampoline runs the host function with a real Wasm caller, exactly as a compiled program would.
 * Optionally it has a {@code _start} that calls {@code proc_exit(code)}.
 */
final class Guest implements AutoCloseable {
    final Memory mem;
    final Wasi wasi;
    private final Store store;
    private final Instance instance;

    Guest(WasiConfig config) {
        Engine engine = Engine.create();
        Linker linker = new Linker();
        wasi = Wasi.addTo(linker, config);
        store = engine.newStore();
        instance = linker.instantiate(store, engine.compile(module(null)));
        mem = instance.memory("memory");
    }

    /** Calls WASI function {@code name} from Wasm with raw i32/i64 arguments; returns the errno. */
    int call(String name, long... args) {
        Func f = instance.func("w_" + name);
        long[] r = f.callSlots(args);
        return r.length == 0 ? 0 : (int) r[0];
    }

    /** Writes a UTF-8 string at {@code addr}; returns its byte length. */
    int put(long addr, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        mem.write(addr, b);
        return b.length;
    }

    String string(long addr, int len) {
        return new String(mem.readBytes(addr, len), StandardCharsets.UTF_8);
    }

    long u32(long addr) {
        return mem.readInt(addr) & 0xFFFF_FFFFL;
    }

    /** Writes one iovec {buf, len} at {@code addr}. */
    void iovec(long addr, long buf, long len) {
        mem.writeInt(addr, (int) buf);
        mem.writeInt(addr + 4, (int) len);
    }

    /** path_open with the given flags; returns the new fd or throws with the errno. */
    int open(int dirfd, int lookup, String path, int oflags, long base, long inheriting, int fdflags) {
        int len = put(1000, path);
        int e = call("path_open", dirfd, lookup, 1000, len, oflags, base, inheriting, fdflags, 900);
        if (e != 0) {
            throw new WasiError(e);
        }
        return mem.readInt(900);
    }

    /** Calls a path-taking function {@code name(fd, path, len)}; returns the errno. */
    int pathCall(String name, int fd, String path) {
        int len = put(1000, path);
        return call(name, fd, 1000, len);
    }

    @Override
    public void close() {
        wasi.close();
        store.close();
    }

    /** An errno from a helper that returns a value otherwise. */
    static final class WasiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int errno;

        WasiError(int errno) {
            super("errno " + errno);
            this.errno = errno;
        }
    }

    // ------------------------------------------------------------------ module assembly

    /** The trampoline module; with {@code exitCode} non-null it also exports {@code _start} = proc_exit(exitCode). */
    static byte[] module(Integer exitCode) {
        Map<String, FuncType> fns = Wasi.functions();
        List<String> names = new ArrayList<>(fns.keySet());
        int n = names.size();
        Bytes types = new Bytes();
        types.u(n + 1);
        for (String name : names) {
            funcType(types, fns.get(name));
        }
        funcType(types, new FuncType(List.of(), List.of())); // _start
        Bytes imports = new Bytes();
        imports.u(n);
        for (int i = 0; i < n; i++) {
            imports.name(Wasi.MODULE).name(names.get(i)).b(0x00).u(i);
        }
        int defined = n + (exitCode != null ? 1 : 0);
        Bytes funcs = new Bytes();
        funcs.u(defined);
        for (int i = 0; i < n; i++) {
            funcs.u(i);
        }
        if (exitCode != null) {
            funcs.u(n);
        }
        Bytes memory = new Bytes().u(1).b(0x00).u(1); // one memory, min 1 page, no max
        Bytes exports = new Bytes();
        exports.u(1 + defined);
        exports.name("memory").b(0x02).u(0);
        for (int i = 0; i < n; i++) {
            exports.name("w_" + names.get(i)).b(0x00).u(n + i);
        }
        if (exitCode != null) {
            exports.name("_start").b(0x00).u(2 * n);
        }
        Bytes code = new Bytes();
        code.u(defined);
        for (int i = 0; i < n; i++) {
            Bytes body = new Bytes().u(0); // no locals
            for (int p = 0; p < fns.get(names.get(i)).params().size(); p++) {
                body.b(0x20).u(p); // local.get
            }
            body.b(0x10).u(i).b(0x0B); // call, end
            code.u(body.size()).bytes(body);
        }
        if (exitCode != null) {
            Bytes body = new Bytes().u(0).b(0x41).s(exitCode).b(0x10).u(names.indexOf("proc_exit")).b(0x0B);
            code.u(body.size()).bytes(body);
        }
        Bytes m = new Bytes();
        m.b(0x00).b(0x61).b(0x73).b(0x6D).b(0x01).b(0x00).b(0x00).b(0x00);
        section(m, 1, types);
        section(m, 2, imports);
        section(m, 3, funcs);
        section(m, 5, memory);
        section(m, 7, exports);
        section(m, 10, code);
        return m.toByteArray();
    }

    private static void funcType(Bytes b, FuncType t) {
        b.b(0x60).u(t.params().size());
        for (ValType v : t.params()) {
            b.b(v.equals(ValType.I64) ? 0x7E : 0x7F);
        }
        b.u(t.results().size());
        for (ValType v : t.results()) {
            b.b(v.equals(ValType.I64) ? 0x7E : 0x7F);
        }
    }

    private static void section(Bytes m, int id, Bytes content) {
        m.b(id).u(content.size()).bytes(content);
    }

    /** A byte buffer with LEB128 helpers. */
    static final class Bytes extends ByteArrayOutputStream {
        Bytes b(int v) {
            write(v);
            return this;
        }

        Bytes u(long v) {
            do {
                int x = (int) (v & 0x7F);
                v >>>= 7;
                write(v != 0 ? x | 0x80 : x);
            } while (v != 0);
            return this;
        }

        Bytes s(long v) {
            while (true) {
                int x = (int) (v & 0x7F);
                v >>= 7;
                boolean done = (v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0);
                write(done ? x : x | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        Bytes name(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u(b.length);
            write(b, 0, b.length);
            return this;
        }

        Bytes bytes(Bytes other) {
            byte[] b = other.toByteArray();
            write(b, 0, b.length);
            return this;
        }
    }
}
