package dev.weir.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Module;
import dev.weir.StoreLimits;
import dev.weir.Store;
import dev.weir.text.Wat;
import dev.weir.wasm.WasmEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ahead-of-time artifacts: same results as compiling, no code generation on load, mismatches refused. */
class AotCompilerTest {
    static final Engine ENGINE = Engine.builder().compiler(true).build();

    static final byte[] SMALL = WasmEncoder.encode(Wat.parse("""
            (module
              (memory (export "memory") 1)
              (global $g (mut i32) (i32.const 10))
              (table 2 funcref)
              (elem (i32.const 0) $double $fib)
              (type $t (func (param i32) (result i32)))
              (func $fib (export "fib") (param i32) (result i32)
                local.get 0 i32.const 2 i32.lt_s
                if (result i32) local.get 0
                else local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end)
              (func $double (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
              (func (export "indirect") (param i32 i32) (result i32)
                local.get 1 local.get 0 call_indirect (type $t))
              (func (export "mem") (param i32) (result i32)
                i32.const 8 local.get 0 i32.store
                global.get $g i32.const 8 i32.load i32.add global.set $g global.get $g)
              (func (export "spin") (param i32) (result i32) (local i32)
                loop local.get 1 i32.const 1 i32.add local.set 1
                  local.get 1 local.get 0 i32.lt_u br_if 0 end
                local.get 1))
            """));

    /** 2500 functions in 3 classes: f_i(x) = x + i, and every 1000th calls the previous one. */
    static final byte[] MANY = WasmBytes.module(2500, i -> {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x20, 0});
        if (i > 0 && i % 1000 == 0) {
            b.write(0x10);
            WasmBytes.leb(b, i - 1);
        }
        b.write(0x41);
        WasmBytes.sleb(b, i);
        b.write(0x6a);
        return b.toByteArray();
    }, 0, 999, 1000, 2000, 2499);

    static Instance instance(Engine e, Module m) {
        return new Linker().instantiate(e.newStore(), m);
    }

    @Test
    void roundTripGivesTheSameResultsWithoutGeneratingCode(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("small.jar");
        AotCompiler.compileToJar(SMALL, jar);
        long generated = CompilerStats.compiled();
        long loaded = CompilerStats.loadedAheadOfTime();
        Module m = AotCompiler.load(ENGINE, SMALL, jar);
        assertEquals(generated, CompilerStats.compiled(), "load must not generate code");
        assertEquals(5, CompilerStats.loadedAheadOfTime() - loaded);
        assertTrue(m.isCompiled());
        Instance a = instance(ENGINE, m);
        Instance b = instance(ENGINE, ENGINE.compile(SMALL));
        for (Instance i : new Instance[] {a, b}) {
            assertEquals(6765, i.func("fib").callInt(20));
            assertEquals(14, i.func("indirect").callInt(0, 7));
            assertEquals(55, i.func("indirect").callInt(1, 10));
            assertEquals(15, i.func("mem").callInt(5));
            assertEquals(22, i.func("mem").callInt(7));
            assertEquals(1000, i.func("spin").callInt(1000));
        }
        // several instances and stores share the loaded classes
        assertEquals(610, instance(ENGINE, m).func("fib").callInt(15));
    }

    @Test
    void manyChunksRoundTrip(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("many.jar");
        AotCompiler.compileToJar(MANY, jar);
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertEquals(3, jf.stream().filter(e -> e.getName().startsWith(AotCompiler.CLASS_PREFIX)).count());
        }
        long loaded = CompilerStats.loadedAheadOfTime();
        Instance i = instance(ENGINE, AotCompiler.load(ENGINE, MANY, jar));
        assertEquals(2500, CompilerStats.loadedAheadOfTime() - loaded);
        assertEquals(5, i.func("f0").callInt(5));
        assertEquals(1004, i.func("f999").callInt(5));
        assertEquals(5 + 999 + 1000, i.func("f1000").callInt(5));
        assertEquals(5 + 1999 + 2000, i.func("f2000").callInt(5));
        assertEquals(5 + 2499, i.func("f2499").callInt(5));
    }

    @Test
    void fuelArtifactMetersLikeCompiledCode(@TempDir Path dir) {
        Path jar = dir.resolve("fuel.jar");
        AotCompiler.compileToJar(SMALL, jar, true);
        Engine fuel = Engine.builder().fuel(true).build();
        long[] used = new long[2];
        Module[] ms = {AotCompiler.load(fuel, SMALL, jar), fuel.compile(SMALL)};
        for (int k = 0; k < 2; k++) {
            try (Store s = fuel.newStore(StoreLimits.builder().fuel(1_000_000).build())) {
                Instance i = new Linker().instantiate(s, ms[k]);
                assertEquals(500, i.func("spin").callInt(500));
                used[k] = 1_000_000 - s.getFuel();
            }
        }
        assertTrue(used[0] > 500, "fuel charged: " + used[0]);
        assertEquals(used[1], used[0]);
    }

    @Test
    void mismatchedModuleIsRefused(@TempDir Path dir) {
        Path jar = dir.resolve("small.jar");
        AotCompiler.compileToJar(SMALL, jar);
        AotException e = assertThrows(AotException.class, () -> AotCompiler.load(ENGINE, MANY, jar));
        assertTrue(e.getMessage().contains("compiled from another module"), e.getMessage());
        byte[] tweaked = SMALL.clone();
        tweaked[tweaked.length - 2] ^= 1; // still one byte different
        assertThrows(AotException.class, () -> AotCompiler.load(ENGINE, tweaked, jar));
    }

    @Test
    void fuelOrInterpreterEngineIsRefused(@TempDir Path dir) {
        Path jar = dir.resolve("small.jar");
        AotCompiler.compileToJar(SMALL, jar);
        AotException e = assertThrows(AotException.class,
                () -> AotCompiler.load(Engine.builder().fuel(true).build(), SMALL, jar));
        assertTrue(e.getMessage().contains("without fuel metering"), e.getMessage());
        e = assertThrows(AotException.class,
                () -> AotCompiler.load(Engine.builder().compiler(false).build(), SMALL, jar));
        assertTrue(e.getMessage().contains("does not use the bytecode compiler"), e.getMessage());
    }

    @Test
    void notAnArtifactIsRefused(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.jar");
        Files.write(junk, new byte[] {1, 2, 3});
        AotException e = assertThrows(AotException.class, () -> AotCompiler.load(ENGINE, SMALL, junk));
        assertTrue(e.getMessage().startsWith("cannot read"), e.getMessage());
        assertThrows(AotException.class, () -> AotCompiler.load(ENGINE, SMALL, dir.resolve("missing.jar")));
        Path other = dir.resolve("other.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(other))) {
            out.putNextEntry(new java.util.jar.JarEntry("hello.txt"));
        }
        e = assertThrows(AotException.class, () -> AotCompiler.load(ENGINE, SMALL, other));
        assertTrue(e.getMessage().contains("not a Weir ahead-of-time artifact"), e.getMessage());
    }
}
