package dev.weir.compiler;

import dev.weir.Engine;
import dev.weir.Module;
import dev.weir.wasm.WasmDecoder;
import dev.weir.wasm.WasmModule;
import dev.weir.wasm.WasmValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Compile-time report for large real modules (scripts/large-module-compile.sh fetches them):
 * {@code -Dweir.largeModules=a.wasm,b.wasm}. Skipped without the property. Prints decode, validate and
 * compile times, functions compiled / interpreted (with the main reasons) and heap used.
 */
class LargeModuleReport {
    @Test
    void report() throws Exception {
        String list = System.getProperty("weir.largeModules", "");
        Assumptions.assumeFalse(list.isBlank(), "set -Dweir.largeModules=file.wasm,... (scripts/large-module-compile.sh)");
        for (String f : list.split(",")) {
            report(Path.of(f.trim()));
        }
    }

    static void report(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Engine interp = Engine.builder().compiler(false).build();
        Engine compiler = Engine.builder().compiler(true).build();
        for (int round = 1; round <= 2; round++) { // round 2: the compiler itself is warmed up by the JIT
            long heap0 = usedHeapAfterGc();
            long t0 = System.nanoTime();
            WasmModule wm = WasmDecoder.decode(bytes);
            long t1 = System.nanoTime();
            WasmValidator.validate(wm);
            long t2 = System.nanoTime();
            Module mi = interp.compile(wm); // validation only: the interpreter decodes bodies lazily
            long t3 = System.nanoTime();
            long c0 = CompilerStats.compiled();
            long f0 = CompilerStats.fallbacks();
            Map<String, Long> r0 = CompilerStats.fallbackReasons();
            Module mc = compiler.compile(wm);
            long t4 = System.nanoTime();
            long heap = usedHeapAfterGc() - heap0;
            long fallbacks = CompilerStats.fallbacks() - f0;
            System.out.printf("[large-module] %s round %d: %.1f MB, %d functions (%d imported)%n", file.getFileName(),
                    round, bytes.length / 1e6, wm.functionCount(), wm.importedFunctionCount());
            System.out.printf("[large-module]   decode %d ms, validate %d ms, compile %d ms (module with compiler %d ms,"
                    + " interpreter-only module %d ms), %d processors, parallel=%s%n", ms(t1 - t0), ms(t2 - t1),
                    ms(t4 - t3) - ms(t3 - t2), ms(t4 - t3), ms(t3 - t2), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("weir.compiler.parallel", "true"));
            System.out.printf("[large-module]   compiled %d, interpreted %d; heap used by both modules after GC %d MiB,"
                    + " heap committed %d MiB, max %d MiB%n", CompilerStats.compiled() - c0, fallbacks, heap >> 20,
                    Runtime.getRuntime().totalMemory() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            CompilerStats.fallbackReasons().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - r0.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(8)
                    .forEach(e -> System.out.printf("[large-module]     %6d  %s%n", e.getValue(), e.getKey()));
            if (mi == null || mc == null) {
                throw new AssertionError();
            }
        }
        // ahead of time: compile to a jar once, then load without generating bytecode
        Path jar = Files.createTempFile("weir-aot", ".jar");
        try {
            long t0 = System.nanoTime();
            AotCompiler.compileToJar(bytes, jar);
            long t1 = System.nanoTime();
            long loaded0 = CompilerStats.loadedAheadOfTime();
            Module m = AotCompiler.load(compiler, bytes, jar);
            long t2 = System.nanoTime();
            System.out.printf("[large-module]   ahead of time: compileToJar %d ms (jar %.1f MB), load %d ms"
                    + " (decode + validate + define classes; functions loaded: %d)%n", ms(t1 - t0), Files.size(jar) / 1e6,
                    ms(t2 - t1), CompilerStats.loadedAheadOfTime() - loaded0);
            if (!m.isCompiled()) {
                throw new AssertionError("AOT module not compiled");
            }
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static long usedHeapAfterGc() {
        for (int k = 0; k < 3; k++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
