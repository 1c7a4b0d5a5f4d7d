package ru.journalarchive.app.cli;

import picocli.CommandLine.Option;
import ru.journalarchive.journal.demo.DemoOptions;

/** The synthetic school of demo-data and of the benchmarks: the same seed gives the same school. */
final class DemoSchoolOptions {

    @Option(names = "--students", paramLabel = "N", description = "Students in the school (11..5000).")
    int students = DemoOptions.DEFAULT.students();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the generator.")
    long seed = DemoOptions.DEFAULT.seed();

    DemoOptions options(int year) {
        return new DemoOptions(seed, students, year);
    }

    DemoOptions options() {
        return options(DemoOptions.DEFAULT.year());
    }
}
