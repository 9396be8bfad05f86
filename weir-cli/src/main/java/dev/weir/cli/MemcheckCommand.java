package dev.weir.cli;

import dev.weir.cli.internal.CliException;
import dev.weir.cli.internal.ModuleLoader;
import dev.weir.cli.internal.Progress;
import dev.weir.memcheck.MemCheck;
import dev.weir.memcheck.Report;
import dev.weir.wasm.WasmEncoder;
import dev.weir.wasm.WasmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir memcheck FILE [--invoke NAME] [ARGS…]}: run a guest under the memory checker. */
@Command(name = "memcheck",
        mixinStandardHelpOptions = true,
        description = {
            "Run a module under Weir's guest memory checker and report leaks, double and invalid frees,",
            "use after free, heap buffer overflows and reads of uninitialized heap bytes, with the",
            "guest function names from the name section. The module is instrumented, not recompiled.",
            "With --invoke, calls _initialize (when exported) and then NAME; otherwise runs a WASI",
            "command (_start) with the process's stdio."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir memcheck examples/wasm/c-exchange.wasm --invoke double_free_demo",
            "  weir memcheck examples/wasm/c-exchange.wasm --invoke leaky_upper 1024",
            "  weir memcheck --json app.wasm arg1",
            "  weir memcheck --html report.html app.wasm arg1",
            "",
            "Exit status: 0 no errors, 1 memory errors found, the guest trapped or the module is malformed or invalid,"
                + " 2 usage error (also an unknown export or wrong arguments for --invoke)."
        })
final class MemcheckCommand extends Verb {
    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm or .wat).")
    String file;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments for NAME or the WASI command.")
    List<String> args = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME", description = "Call this export instead of running a WASI command.")
    String invoke;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write a self-contained HTML report (error list and a picture of the heap) to FILE.")
    Path html;

    @Override
    public Integer call() {
        // Decode and validate here first, so a bad module fails with the same one line as in every
        // other verb (file, byte offset, function, reason); MemCheck then reads the binary itself.
        Progress progress = progress();
        ModuleLoader.Loaded loaded = load(file, progress);
        validate(loaded, progress);
        if (invoke != null) {
            // Same usage errors (exit 2) as weir run for an unknown export or wrong arguments.
            InvokeArguments.parsePlain(invoke, InvokeArguments.exportedFunctionType(loaded.module(), file, invoke, spec),
                    args, spec);
        }
        Path path = Path.of(file);
        Path temp = null;
        Report report;
        try {
            if (loaded.format().equals("text")) {
                // MemCheck reads binaries: hand it the encoded text module.
                temp = Files.createTempFile("weir-memcheck", ".wasm");
                Files.write(temp, WasmEncoder.encode(loaded.module()));
            }
            Path wasm = temp != null ? temp : path;
            if (invoke != null) {
                report = MemCheck.runInvoke(wasm, invoke, args);
            } else {
                List<String> argv = new ArrayList<>();
                argv.add(path.getFileName().toString());
                argv.addAll(args);
                report = MemCheck.runCommand(wasm, argv);
            }
        } catch (WasmException | IllegalArgumentException | UncheckedIOException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CliException(file + ": cannot write a temporary file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(temp);
        }
        if (html != null) {
            try {
                Files.writeString(html, report.toHtml());
            } catch (IOException e) {
                throw new CliException(html + ": cannot write the HTML report: " + e.getMessage(), e);
            }
        }
        out().print(json ? report.toJson() : report.toText());
        out().flush();
        return report.isClean() && report.trap() == null ? 0 : 1;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover temp file is harmless
            }
        }
    }
}
