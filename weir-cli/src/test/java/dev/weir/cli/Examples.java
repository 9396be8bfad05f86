package dev.weir.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's examples/ directory, found by walking up from the module directory. */
final class Examples {
    private Examples() {
    }

    static Path wasm(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("examples").resolve("wasm").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("examples/wasm/" + name + " not found above " + Path.of("").toAbsolutePath());
    }
}
