package ru.journalarchive.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "bench", description = "Figures for the performance goals; the benchmarks with data use throw-away databases "
        + "on the PostgreSQL server of DB_*. Without a subcommand: bench ingest.",
        subcommands = {ApiBenchmark.class, WebBenchmark.class, IngestBenchmark.class, RenderBenchmark.class, SigningBenchmark.class,
                StorageBenchmark.class, YearEndBenchmark.class, EvidenceBenchmark.class, ConnectorBenchmark.class})
final class BenchCommand extends CliCommand {

    @Mixin
    DemoSchoolOptions school;

    @Override
    public Integer call() throws Exception {
        return IngestBenchmark.run(school.options(), out());
    }
}
