package ru.journalarchive.reports.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.testing.DemoSchool;

class ClassJournalSmokeTest {

    @Test
    void renders() throws Exception {
        var demo = DemoSchool.get();
        var snapshot = demo.snapshot("c-2025-5a");
        var journal = ClassJournalAssembler.assemble(snapshot, "math", null);
        var doc = new ClassJournalReport(demo.engine).render(journal, "test-journal");
        Files.createDirectories(Path.of("target/out"));
        Files.write(Path.of("target/out/journal.pdf"), doc.pdf());
        assertThat(doc.pages()).isGreaterThan(3);
    }
}
