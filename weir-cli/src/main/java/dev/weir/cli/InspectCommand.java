package dev.weir.cli;

import dev.weir.cli.internal.Json;
import dev.weir.cli.internal.ModuleLoader;
import dev.weir.cli.internal.Progress;
import dev.weir.cli.internal.ModuleSummary;
import dev.weir.cli.internal.SummaryText;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code weir inspect FILE [--json]}: what a module imports, exports, declares and contains. */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Describe a WebAssembly module: sections (offsets, sizes), types, imports and exports with "
                + "their types, memories (limits in pages and bytes), tables, globals, tags, function "
                + "counts, start function, data and element segments, custom sections and names from the "
                + "name section. Also says whether the module validates (inspect still works on invalid "
                + "modules; malformed ones are an error)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir inspect examples/wasm/add.wasm",
            "  weir inspect --json examples/wasm/add.wasm",
            "  weir inspect --json guest.wasm | jq '.exports[].name'",
            "",
            "Exit status: 0 success (even if the module is invalid), 1 unreadable or malformed, 2 usage error."
        })
final class InspectCommand extends Verb {
    @Parameters(paramLabel = "FILE", arity = "1", description = "Module file (.wasm; .wat when supported).")
    String file;

    @Option(names = "--json", description = "Print JSON (one object; the same facts as the text form).")
    boolean json;

    @Option(names = "--compact", description = "With --json: on one line.")
    boolean compact;

    @Override
    public Integer call() {
        Progress progress = progress();
        ModuleLoader.Loaded loaded = load(file, progress);
        Map<String, Object> summary = ModuleSummary.of(file, loaded.size(), loaded.format(), loaded.module(),
                ModuleLoader.validationError(loaded.module()));
        if (json) {
            out().println(Json.write(summary, !compact));
        } else {
            out().print(SummaryText.render(summary));
        }
        out().flush();
        return 0;
    }
}
