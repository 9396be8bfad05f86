package dev.weir.memcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's examples/wasm by walking up from the module directory. */
final class Guests {
    private Guests() {
    }

    static Path path(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path f = p.resolve("examples").resolve("wasm").resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("examples/wasm/" + name + " not found above " + dir);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
