package dev.weir.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code weir completion}: the bash (and zsh) completion script, generated from the command model. */
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        description = {
            "Print a bash completion script for weir (zsh works too, after 'autoload -U bashcompinit && bashcompinit').",
            "Load it in the current shell with: source <(weir completion)"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  weir completion > ~/.local/share/bash-completion/completions/weir",
            "  source <(weir completion)"
        })
final class CompletionCommand extends Verb {
    @Override
    public Integer call() {
        out().print(AutoComplete.bash("weir", spec.root().commandLine()));
        out().flush();
        return 0;
    }
}
