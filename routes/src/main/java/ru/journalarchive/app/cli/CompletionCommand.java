package ru.journalarchive.app.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

@Command(name = "completion", description = {"Prints a bash (or zsh) completion script for the commands: "
        + "alias journal-archive='java -jar journal-archive.jar'; source <(journal-archive completion)"})
final class CompletionCommand extends CliCommand {

    @Override
    public Integer call() {
        var root = spec.root();
        out().print(AutoComplete.bash(root.name(), root.commandLine()));
        out().flush();
        return 0;
    }
}
