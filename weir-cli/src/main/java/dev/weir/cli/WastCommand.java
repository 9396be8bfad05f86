package dev.weir.cli;

import dev.weir.cli.internal.CliException;
import dev.weir.spec.SpecEngine;
import dev.weir.spec.Summary;
import dev.weir.spec.WastRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code weir wast FILE...}: runs WebAssembly spec scripts with weir-spec's runner. */
@Command(name = "wast",
        mixinStandardHelpOptions = true,
        description = {
            "Run WebAssembly spec test scripts (.wast).",
            "Checks every command of each script (module, register, invoke, assert_return, assert_trap, "
                + "assert_invalid, assert_malformed, ...) on each engine, prints per file the passed, failed "
                + "and skipped counts and the first failures with line numbers, then a totals table. "
                + "Scripts run in parallel. A directory stands for the .wast files under it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir wast i32.wast",
            "  weir wast ../shared/wasm-testsuite/*.wast",
            "  weir wast --engine parse,validate proposals/",
            "  weir wast --interpreter simd_*.wast",
            "",
            "Engines: parse (text and binary decoding), validate (parse plus validation), interpreter "
                + "(instantiate and execute every assertion), compiler (the same with compilation to JVM "
                + "bytecode where available).",
            "Exit status: 0 no failures, 1 some assertion failed or a script could not be read, 2 usage error."
        })
final class WastCommand extends Verb {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scripts (.wast), or directories of them.")
    List<String> files;

    @Option(names = "--engine", paramLabel = "ENGINE", split = ",",
            description = "Engines to check with, comma-separated: parse, validate, interpreter, compiler "
                + "(default: all).")
    List<String> engineIds = new ArrayList<>();

    @Option(names = "--interpreter",
            description = "Execute with the interpreter only: leave out the compiler engine.")
    boolean interpreter;

    @Override
    public Integer call() {
        Set<SpecEngine> engines = EnumSet.noneOf(SpecEngine.class);
        for (String id : engineIds) {
            try {
                engines.add(SpecEngine.of(id.trim()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--engine: " + e.getMessage());
            }
        }
        if (engines.isEmpty()) {
            engines = EnumSet.copyOf(WastRunner.allEngines());
        }
        if (interpreter) {
            // Keep the static checks and the interpreter; drop other execution engines (the compiler).
            engines.removeIf(e -> e != SpecEngine.PARSE && e != SpecEngine.VALIDATE && e != SpecEngine.INTERPRETER);
            if (engines.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--interpreter leaves no engine to run");
            }
        }
        List<Path> scripts = new ArrayList<>();
        for (String f : files) {
            scripts.addAll(expand(f));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Summary s;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            s = WastRunner.run(scripts, engines, ps);
        }
        // WastRunner prints only once every script has run, so buffering loses no progress output.
        out().print(buf.toString(StandardCharsets.UTF_8));
        out().flush();
        return s.failed() == 0 ? 0 : 1;
    }

    private static List<Path> expand(String f) {
        Path p = Path.of(f);
        if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                List<Path> found = walk.filter(x -> x.toString().endsWith(".wast") && Files.isRegularFile(x))
                        .sorted().collect(Collectors.toList());
                if (found.isEmpty()) {
                    throw new CliException(f + ": no .wast files in this directory");
                }
                return found;
            } catch (IOException e) {
                throw new CliException(f + ": cannot read: " + e.getMessage(), e);
            }
        }
        if (!Files.exists(p)) {
            throw new CliException(f + ": no such file");
        }
        return List.of(p);
    }
}
