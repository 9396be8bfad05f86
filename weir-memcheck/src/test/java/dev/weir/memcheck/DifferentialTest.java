package dev.weir.memcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Store;
import dev.weir.wasm.WasmDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Instrumented modules validate, survive an encode/decode round trip and compute what the originals compute. */
class DifferentialTest {

    @ParameterizedTest
    @ValueSource(strings = {"c-exchange.wasm", "rust-raw.wasm", "wasm-bindgen-style.wasm", "component-style.wasm",
            "assemblyscript.wasm", "memcheck-errors.wasm", "add.wasm", "fib.wasm", "calls.wasm", "loop_sum.wasm", "memcopy.wasm", "hello_wasi.wasm"})
    void instrumentedModulesValidate(String name) {
        Instrumented im = MemCheck.instrument(Guests.bytes(name));
        Engine.create().compile(im.bytes()); // decode + validate the encoded binary
        assertEquals(im.module().functionCount(), WasmDecoder.decode(im.bytes()).functionCount());
    }

    private static long[][] run(byte[] wasm, boolean instrumented, String[] calls, long[][] args, byte[] input) {
        Engine e = Engine.create();
        long[][] out = new long[calls.length][];
        if (instrumented) {
            try (MemCheckSession s = MemCheckSession.start(MemCheck.instrument(wasm))) {
                if (input.length > 0) {
                    s.memory().write(2048, input, 0, input.length); // static area below the heap
                }
                for (int i = 0; i < calls.length; i++) {
                    out[i] = s.call(calls[i], args[i]);
                }
                MemCheckAssertions.assertNoErrors(s.report());
            }
            return out;
        }
        try (Store store = e.newStore()) {
            Instance inst = new Linker().instantiate(store, e.compile(wasm));
            if (input.length > 0) {
                inst.memory("memory").write(2048, input, 0, input.length);
            }
            for (int i = 0; i < calls.length; i++) {
                out[i] = inst.func(calls[i]).callSlots(args[i]);
            }
        }
        return out;
    }

    @Test
    void loopAndMemcopyGuestsAgree() {
        byte[] wasm = Guests.bytes("memcopy.wasm");
        String[] calls = {"churn", "churn", "overlap"};
        long[][] args = {{1000}, {256}, {}};
        long[][] a = run(wasm, false, calls, args, new byte[0]);
        long[][] b = run(wasm, true, calls, args, new byte[0]);
        for (int i = 0; i < calls.length; i++) {
            assertArrayEquals(a[i], b[i], calls[i]);
        }
        assertEquals(124716, a[0][0]);
    }

    @Test
    void exchangeGuestsAgree() {
        byte[] text = "grüße, ﬁx and more\0".getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("c-exchange.wasm", "rust-raw.wasm")) {
            byte[] wasm = Guests.bytes(name);
            String[] calls = {"array_sum", "array_sum"};
            long[][] args = {{2048, text.length}, {2048, 3}};
            long[][] a = run(wasm, false, calls, args, text);
            long[][] b = run(wasm, true, calls, args, text);
            for (int i = 0; i < calls.length; i++) {
                assertArrayEquals(a[i], b[i], name + " " + calls[i]);
            }
        }
    }

    @Test
    void runInvokeReportsAndValidatesArguments() {
        Path c = Guests.path("c-exchange.wasm");
        Report r = MemCheck.runInvoke(c, "double_free_demo", List.of());
        assertEquals(1, r.errors(MemError.Kind.DOUBLE_FREE).size(), r.toText());
        assertTrue(r.toJson().contains("\"kind\":\"DOUBLE_FREE\""), r.toJson());
        assertTrue(r.toJson().startsWith("{\"errors\":[{"), r.toJson());
        assertThrows(IllegalArgumentException.class, () -> MemCheck.runInvoke(c, "array_sum", List.of("1")));
        assertThrows(IllegalArgumentException.class, () -> MemCheck.runInvoke(c, "array_sum", List.of("1", "x")));
        assertThrows(IllegalArgumentException.class, () -> MemCheck.runInvoke(c, "no_such_export", List.of()));
        Report clean = MemCheck.runInvoke(Guests.path("add.wasm"), "add", List.of("2", "3"));
        assertTrue(clean.isClean(), clean.toText());
    }

    @Test
    void alreadyInstrumentedAndMalformedInputAreRejected() {
        Instrumented im = MemCheck.instrument(Guests.bytes("add.wasm"));
        assertThrows(IllegalArgumentException.class, () -> MemCheck.instrument(im.bytes()));
        assertThrows(dev.weir.wasm.MalformedModuleException.class, () -> MemCheck.instrument(new byte[] {0, 'a', 's'}));
    }
}
