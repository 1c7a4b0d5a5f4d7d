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
        var ledger = ru.journalarchive.reports.ledger.SummaryLedgerAssembler.assemble(demo.snapshot("c-2025-9a"),
                ru.journalarchive.reports.arithmetic.ReportRules.DEFAULT);
        Files.write(Path.of("target/out/ledger.pdf"),
                new ru.journalarchive.reports.ledger.SummaryLedgerReport(demo.engine).render(ledger, "test-ledger").pdf());
        var rules = ru.journalarchive.reports.arithmetic.ReportRules.DEFAULT;
        var parent = ru.journalarchive.reports.parent.ParentReportAssembler.assemble(snapshot, snapshot.students().get(3).id(), "2025-q2", rules);
        Files.write(Path.of("target/out/parent.pdf"), new ru.journalarchive.reports.parent.ParentReportRenderer(demo.engine).render(parent, "p").pdf());
        var m = ru.journalarchive.reports.monitoring.MonitoringReportAssembler.assemble(demo.monitoring.read("demo", "2025-q2").orElseThrow(), rules);
        var r = new ru.journalarchive.reports.monitoring.MonitoringReportRenderer(demo.engine, rules);
        Files.write(Path.of("target/out/monitoring.pdf"), r.render(m, "m").pdf());
        Files.write(Path.of("target/out/district.pdf"), r.render(new ru.journalarchive.reports.monitoring.DistrictMonitoring("Управление образования", "II четверть", java.util.List.of(m, m)), "d").pdf());
    }
}
