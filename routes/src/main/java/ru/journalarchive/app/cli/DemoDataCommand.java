package ru.journalarchive.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;

@Command(name = "demo-data", description = "Writes a synthetic school's year as batch files in the push-API format; "
        + "the same seed gives the same files.")
final class DemoDataCommand extends CliCommand {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the batch files.")
    Path dir;

    @Mixin
    DemoSchoolOptions school;

    @Option(names = "--year", paramLabel = "YYYY", description = "The school year that starts in September of this year.")
    int year = DemoOptions.DEFAULT.year();

    @Override
    public Integer call() throws Exception {
        DemoData data = DemoSchoolGenerator.generate(school.options(year));
        var files = data.writeTo(dir);
        out().println("wrote " + files.size() + " batches to " + dir + ": " + data.distinctRecords());
        return 0;
    }
}
