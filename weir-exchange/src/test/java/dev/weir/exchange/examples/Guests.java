package dev.weir.exchange.examples;

import dev.weir.Engine;
import dev.weir.Instance;
import dev.weir.Linker;
import dev.weir.Store;
import dev.weir.StoreLimits;
import dev.weir.exchange.AssemblyScript;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the committed example guests ({@code examples/wasm/*.wasm}) for the scenario tests. */
final class Guests {
    private static final Engine ENGINE = Engine.create();

    private Guests() {
    }

    /** {@code examples/wasm}, found by walking up from the working directory (the module dir under Maven). */
    static Path wasmDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("examples").resolve("wasm");
            if (Files.isRegularFile(candidate.resolve("rust-raw.wasm"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/wasm not found above " + Path.of("").toAbsolutePath()
                + ": the scenario tests need the committed guest binaries");
    }

    /** A fresh instance of {@code examples/wasm/<name>.wasm} in its own store ({@code env.abort} defined for AssemblyScript). */
    static Instance instantiate(String name) {
        return instantiate(name, StoreLimits.builder().maxMemoryBytes(64L << 20).build());
    }

    static Instance instantiate(String name, StoreLimits limits) {
        dev.weir.Module module = ENGINE.compile(wasmDir().resolve(name + ".wasm"));
        Store store = ENGINE.newStore(limits);
        Linker linker = new Linker();
        AssemblyScript.defineAbort(linker);
        return linker.instantiate(store, module);
    }
}
