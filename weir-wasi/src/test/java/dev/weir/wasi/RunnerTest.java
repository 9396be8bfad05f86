package dev.weir.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.Engine;
import dev.weir.Trap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** proc_exit reaches the embedder; WasiRunner and its CLI entry point. */
class RunnerTest {
    @Test
    void procExitCodeIsTheResult() {
        Engine e = Engine.create();
        assertEquals(7, WasiRunner.run(e, e.compile(Guest.module(7)), WasiConfig.builder().build(), l -> { }));
        assertEquals(0, WasiRunner.run(e, e.compile(Guest.module(0)), WasiConfig.builder().build(), l -> { }));
        assertEquals(-1, WasiRunner.run(e, e.compile(Guest.module(-1)), WasiConfig.builder().build(), l -> { }));
    }

    @Test
    void procExitIsATrapForEmbedders() {
        try (Guest g = new Guest(WasiConfig.builder().build())) {
            WasiExitException x = assertThrows(WasiExitException.class, () -> g.call("proc_exit", 3));
            assertEquals(3, x.exitCode());
            assertTrue(x instanceof Trap);
            assertEquals(x, WasiExitException.find(new RuntimeException(new RuntimeException(x))));
        }
    }

    @Test
    void moduleWithoutEntryPoint() {
        Engine e = Engine.create();
        assertThrows(IllegalArgumentException.class,
                () -> WasiRunner.run(e, e.compile(Guest.module(null)), WasiConfig.builder().build(), l -> { }));
    }

    @Test
    void cliParsesOptions(@TempDir Path dir) throws IOException {
        Path wasm = dir.resolve("app.wasm");
        Files.write(wasm, Guest.module(5));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(5, WasiRunner.runCli(List.of("--dir", dir.toString(), "--dir=" + dir + "::/x", "--env", "A=1",
                "--inherit-env", wasm.toString(), "arg1", "--not-an-option"), ps));
        assertEquals(5, WasiRunner.runCli(List.of("--", wasm.toString()), ps));
        assertEquals(2, WasiRunner.runCli(List.of("--env", "novalue", wasm.toString()), ps));
        assertEquals(2, WasiRunner.runCli(List.of("--bogus", wasm.toString()), ps));
        assertEquals(2, WasiRunner.runCli(List.of("--dir"), ps));
        assertEquals(2, WasiRunner.runCli(List.of(), ps));
        assertEquals(2, WasiRunner.runCli(List.of(dir.resolve("missing.wasm").toString()), ps));
        assertEquals(2, WasiRunner.runCli(List.of("--dir", dir.resolve("nope").toString(), wasm.toString()), ps));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: weir run"));
    }

    @Test
    void configValidation(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("f"));
        assertThrows(IllegalArgumentException.class, () -> WasiConfig.builder().preopen(file, "/"));
        assertThrows(IllegalArgumentException.class, () -> WasiConfig.builder().preopen(dir, ""));
        assertThrows(IllegalArgumentException.class, () -> WasiConfig.builder().env("A=B", "c"));
        assertThrows(IllegalArgumentException.class, () -> WasiConfig.builder().args("a\0b"));
        WasiConfig c = WasiConfig.builder().env(Map.of("X", "1")).env("X", "2").args(List.of("p")).build();
        assertEquals("2", c.env().get("X"));
        assertEquals(List.of("p"), c.args());
    }

    @Test
    void everyPreview1FunctionIsDefined() {
        assertEquals(46, Wasi.functions().size());
        for (String f : List.of("args_get", "fd_readdir", "path_open", "poll_oneoff", "proc_exit", "sock_shutdown",
                "fd_fdstat_set_rights", "path_filestat_set_times")) {
            assertTrue(Wasi.functions().containsKey(f), f);
        }
    }
}
