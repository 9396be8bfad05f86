package dev.weir.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own wasm32-wasi programs (src/test/resources/guests, rebuilt by build.sh): a C (wasi-libc)
 * and a Rust (std) program doing stdio, files and directories in a scratch preopen, trying to
 * escape it, and exiting with the code they are given.
 */
class GuestProgramsTest {
    @TempDir
    Path tmp;

    private String run(String program, int expectedExit, ByteArrayOutputStream err) throws IOException {
        Path box = Files.createDirectory(tmp.resolve("box"));
        Files.writeString(tmp.resolve("outside.txt"), "secret");
        byte[] wasm;
        try (InputStream in = getClass().getResourceAsStream("/guests/" + program)) {
            wasm = in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args(program, "42").env("WEIR_DEMO", "yes")
                .stdout(out).stderr(err).preopen(box, ".").build();
        Engine engine = Engine.create();
        assertEquals(expectedExit, WasiRunner.run(engine, engine.compile(wasm), config, l -> { }));
        assertEquals(0, Files.list(box).count(), "the program cleans up after itself");
        assertFalse(Files.exists(tmp.resolve("made")));
        assertFalse(Files.exists(tmp.resolve("x")));
        assertEquals("secret", Files.readString(tmp.resolve("outside.txt")));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cProgram() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String out = run("fsdemo-c.wasm", 42, err);
        assertEquals(String.join("\n",
                "argc=2 argv1=42 env=yes",
                "mkdir work: ok",
                "fopen w: ok",
                "fopen r: ok",
                "read: line one",
                "stat: ok",
                "size=18 regular=1",
                "rename: ok",
                "symlink: ok",
                "open via symlink: ok",
                "opendir: ok",
                "entries=2",
                "open ../outside: EPERM",
                "open work/../../outside: EPERM",
                "symlink pointing out: ok",
                "open escaping symlink: EPERM",
                "mkdir ../made: EPERM",
                "unlink link: ok",
                "unlink escape: ok",
                "unlink b: ok",
                "rmdir: ok",
                ""), out);
        assertEquals("to stderr\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rustProgram() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String out = run("fsdemo-rs.wasm", 42, err);
        assertEquals(String.join("\n",
                "args=[\"42\"] env=Some(\"yes\")",
                "create_dir: ok",
                "write: ok",
                "open: ok",
                "read=0123456789",
                "append: ok",
                "len=12",
                "rename: ok",
                "dir=[\"moved.bin\"]",
                "read ../outside: EPERM",
                "write rs/../../x: EPERM",
                "remove_file: ok",
                "remove_dir: ok",
                ""), out);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("to stderr"));
    }
}
