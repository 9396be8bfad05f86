package dev.weir.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An engine that runs in this JVM, measured instead in a fresh JVM per cell ({@code WholeProgram
 * --fork}): same class path and JVM options, {@code WholeProgram --cell ENGINE PROGRAM}, result as
 * one line ({@link Measurement#serialize}).
 *
 * <p>Why: engines sharing one JVM disturb each other. With Weir's compiler, Chicory's compiler and
 * wasmtime-java measured in turn in one process, richards took 185-273 ms on Weir and 94-166 ms on
 * Chicory, against 19-25 ms and 25 ms with either JVM engine alone or beside one other engine (JIT
 * queue and code cache shared by thousands of generated classes, profiles of shared JDK code).
 * A user runs one engine; so does a forked cell.
 */
final class ForkedContender implements Contender {
    private final String id;
    private final Contender local;

    ForkedContender(String id, Contender local) {
        this.id = id;
        this.local = local;
    }

    @Override
    public String name() {
        return local.name();
    }

    @Override
    public String unavailableReason() {
        return local.unavailableReason();
    }

    @Override
    public Measurement measure(Program program, Settings settings, String reference) {
        Path ref = null;
        try {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!a.startsWith("-XX:StartFlightRecording") && !a.startsWith("-agentlib:jdwp")) {
                    cmd.add(a);
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(WholeProgram.class.getName());
            cmd.add("--cell");
            cmd.add(id);
            cmd.add(program.id());
            cmd.add(Integer.toString(settings.warmup()));
            cmd.add(Integer.toString(settings.iterations()));
            cmd.add(Long.toString(settings.timeoutMillis()));
            if (reference != null) {
                ref = Files.createTempFile("weir-cell-reference", ".txt");
                Files.writeString(ref, reference, StandardCharsets.UTF_8);
                cmd.add(ref.toString());
            }
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // the child stops each run at the time limit; this bounds a child that hangs on its own
            long limitMs = (settings.warmup() + settings.iterations() + 2) * settings.timeoutMillis() + 120_000;
            byte[] out;
            try (var in = p.getInputStream()) {
                java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        return new byte[0];
                    }
                });
                if (!p.waitFor(limitMs, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    return Measurement.fail("forked cell did not finish in " + limitMs / 1000 + " s");
                }
                out = read.get(10, TimeUnit.SECONDS);
            }
            for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
                Measurement m = Measurement.parse(line.strip());
                if (m != null) {
                    return m;
                }
            }
            return Measurement.fail("forked cell printed no result (exit code " + p.exitValue() + ")");
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Measurement.fail("forked cell: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Measurement.fail("interrupted");
        } finally {
            if (ref != null) {
                try {
                    Files.deleteIfExists(ref);
                } catch (IOException e) {
                    // a temp file left behind
                }
            }
        }
    }

    /**
     * The child's side: {@code --cell ENGINE PROGRAM WARMUP ITERATIONS TIMEOUT_MS [REFERENCE_FILE]};
     * prints the measurement line.
     */
    static void cell(String[] args) throws IOException {
        String engine = args[1];
        String programId = args[2];
        Settings settings = new Settings(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]));
        String reference = args.length > 6 ? Files.readString(Path.of(args[6]), StandardCharsets.UTF_8) : null;
        Program program = null;
        for (Program p : ProgramSuite.all()) {
            if (p.id().equals(programId)) {
                program = p;
            }
        }
        Measurement m;
        if (program == null) {
            m = Measurement.fail("no program " + programId);
        } else {
            Contender c = WholeProgram.contenders().get(engine).get();
            String why = c.unavailableReason();
            m = why != null ? Measurement.skip(why) : c.measure(program, settings, reference);
        }
        System.out.println(m.serialize());
        System.out.flush();
    }
}
