package dev.weir.cli;

import dev.weir.cli.internal.CliException;
import dev.weir.memcheck.MemCheck;
import dev.weir.memcheck.Report;
import dev.weir.wasm.WasmException;
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
            "Exit status: 0 no errors, 1 memory errors found (or the guest trapped), 2 usage error."
        })
final class MemcheckCommand extends Verb {
    @Parameters(index = "0", paramLabel = "FILE", description = "The module (.wasm).")
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
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new CliException(file + ": no such file");
        }
        Report report;
        try {
            if (invoke != null) {
                report = MemCheck.runInvoke(path, invoke, args);
            } else {
                List<String> argv = new ArrayList<>();
                argv.add(path.getFileName().toString());
                argv.addAll(args);
                report = MemCheck.runCommand(path, argv);
            }
        } catch (WasmException | IllegalArgumentException | UncheckedIOException e) {
            throw new CliException(file + ": " + e.getMessage(), e);
        }
        if (html != null) {
            try {
                Files.writeString(html, report.toHtml());
            } catch (java.io.IOException e) {
                throw new CliException(html + ": cannot write the HTML report: " + e.getMessage(), e);
            }
        }
        out().print(json ? report.toJson() : report.toText());
        out().flush();
        return report.isClean() && report.trap() == null ? 0 : 1;
    }
}
