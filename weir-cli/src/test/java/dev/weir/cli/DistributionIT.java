package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution (target/weir-VERSION.tar.gz and .zip, made by maven-assembly-plugin
 * in the package phase; this test runs in that phase too, after it): unpack it somewhere else and
 * run bin/weir as a user would, from another working directory.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("weir.version", "");
    private static final Path DIST_DIR = Path.of(System.getProperty("weir.dist.dir", "target"));

    private static Path archive(String ext) {
        assumeFalse(VERSION.isEmpty(), "weir.version not set: run through Maven (mvn package -pl weir-cli)");
        Path p = DIST_DIR.resolve("weir-" + VERSION + "." + ext);
        assertTrue(Files.isRegularFile(p), p + " was not built");
        return p;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result exec(Path cwd, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        Path out = Files.createTempFile("weir-out", ".txt");
        Path err = Files.createTempFile("weir-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void tarballUnpacksAndRunsVersionHelpAndAModule(@TempDir Path tmp) throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "bin/weir is a POSIX shell script");
        Path tgz = archive("tar.gz");
        Path install = Files.createDirectories(tmp.resolve("opt"));
        Result untar = exec(install, "tar", "xzf", tgz.toString());
        assertEquals(0, untar.exit(), untar.err());
        Path home = install.resolve("weir-" + VERSION);
        Path weir = home.resolve("bin").resolve("weir");
        assertTrue(Files.isExecutable(weir), "bin/weir is not executable");
        assertTrue(Files.isRegularFile(home.resolve("lib").resolve("weir.jar")));

        // From an unrelated working directory, through a symlink, as when linked into ~/bin.
        Path elsewhere = Files.createDirectories(tmp.resolve("work"));
        Path link = Files.createSymbolicLink(tmp.resolve("weir-link"), weir);
        Result v = exec(elsewhere, link.toString(), "--version");
        assertEquals(0, v.exit(), v.err());
        assertTrue(v.out().startsWith("weir " + VERSION + "\nJava "), v.out());
        assertEquals("", v.err());

        Result help = exec(elsewhere, weir.toString(), "run", "--help");
        assertEquals(0, help.exit(), help.err());
        assertTrue(help.out().contains("Examples:"), help.out());

        // A real module, with the compiler found through ServiceLoader in the fat jar.
        Path wat = elsewhere.resolve("add.wat");
        Files.writeString(wat, "(module (func (export \"add\") (param i32 i32) (result i32)"
                + " local.get 0 local.get 1 i32.add))");
        Result add = exec(elsewhere, weir.toString(), "run", "--verbose", "add.wat", "--invoke", "add", "40", "2");
        assertEquals(0, add.exit(), add.err());
        assertEquals("42\n", add.out());
        assertTrue(add.err().contains("1 to JVM bytecode"), add.err());

        Result missing = exec(elsewhere, weir.toString(), "validate", "nope.wasm");
        assertEquals(1, missing.exit());
        assertEquals("weir: nope.wasm: no such file\n", missing.err());
    }

    @Test
    void zipHoldsTheSameFilesWithBatchLauncher() throws IOException {
        Path zip = archive("zip");
        Set<String> names = new TreeSet<>();
        String bat = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    names.add(e.getName());
                }
                if (e.getName().endsWith("bin/weir.bat")) {
                    bat = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        String base = "weir-" + VERSION + "/";
        assertEquals(new TreeSet<>(List.of(base + "README.txt", base + "bin/weir", base + "bin/weir.bat",
                base + "lib/weir.jar")), names);
        assertTrue(bat != null && bat.contains("-jar \"%WEIR_HOME%\\lib\\weir.jar\" %*\r\n"), bat);
    }

    @Test
    void launcherIsPosixShAndFailsClearlyWithoutJava(@TempDir Path tmp) throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "bin/weir is a POSIX shell script");
        Path tgz = archive("tar.gz");
        assertEquals(0, exec(tmp, "tar", "xzf", tgz.toString()).exit());
        Path weir = tmp.resolve("weir-" + VERSION).resolve("bin").resolve("weir");
        String script = Files.readString(weir);
        assertTrue(script.startsWith("#!/bin/sh\n"), script);
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isExecutable(Path.of("/usr/bin/env")));
        // No java anywhere: PATH without it and no JAVA_HOME.
        Path emptyBin = Files.createDirectories(tmp.resolve("emptybin"));
        for (String tool : new String[] {"dirname", "readlink", "pwd"}) {
            for (String dir : new String[] {"/usr/bin", "/bin"}) {
                Path t = Path.of(dir, tool);
                if (Files.isExecutable(t) && !Files.exists(emptyBin.resolve(tool))) {
                    Files.createSymbolicLink(emptyBin.resolve(tool), t);
                }
            }
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=" + emptyBin, "/bin/sh", weir.toString(),
                "--version"));
        Result r = exec(tmp, cmd.toArray(new String[0]));
        assertEquals(127, r.exit(), r.out() + r.err());
        assertEquals("weir: java not found (install Java 17 or later, or set JAVA_HOME)\n", r.err());
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(weir);
        assertTrue(perms.contains(PosixFilePermission.OTHERS_EXECUTE), perms.toString());
    }

    @SuppressWarnings("unused")
    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
