package ru.journalarchive.reports.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.journal.ClassJournalAssembler;
import ru.journalarchive.reports.journal.ClassJournalReport;
import ru.journalarchive.reports.ledger.SummaryLedgerAssembler;
import ru.journalarchive.reports.ledger.SummaryLedgerReport;
import ru.journalarchive.reports.monitoring.DistrictMonitoring;
import ru.journalarchive.reports.monitoring.MonitoringReportAssembler;
import ru.journalarchive.reports.monitoring.MonitoringReportRenderer;
import ru.journalarchive.reports.parent.ParentReportAssembler;
import ru.journalarchive.reports.parent.ParentReportRenderer;
import ru.journalarchive.reports.testing.DemoSchool;
import ru.journalarchive.reports.testing.PdfTools;

/** veraPDF says every kind of document is PDF/A-2b; without the CIDSet fix it would not be. */
class PdfAComplianceTest {

    final DemoSchool demo = DemoSchool.get();
    final ReportRules rules = ReportRules.DEFAULT;

    @Test
    void classJournalIsPdfA2b() {
        var s = demo.snapshot("c-2025-7a");
        assertCompliant(new ClassJournalReport(demo.engine).render(ClassJournalAssembler.assemble(s, "rus", "2025-q1"), "j"));
    }

    @Test
    void summaryLedgerIsPdfA2b() {
        assertCompliant(new SummaryLedgerReport(demo.engine).render(
                SummaryLedgerAssembler.assemble(demo.snapshot("c-2025-11a"), rules), "l"));
    }

    @Test
    void parentReportIsPdfA2b() {
        var s = demo.snapshot("c-2025-3a");
        assertCompliant(new ParentReportRenderer(demo.engine).render(
                ParentReportAssembler.assemble(s, s.students().get(0).id(), "2025-q3", rules), "p"));
    }

    @Test
    void monitoringReportsArePdfA2b() {
        var report = MonitoringReportAssembler.assemble(demo.monitoring.read(DemoSchool.CODE, "2025-q1").orElseThrow(), rules);
        var renderer = new MonitoringReportRenderer(demo.engine, rules);
        assertCompliant(renderer.render(report, "m"));
        assertCompliant(renderer.render(new DistrictMonitoring("Управление образования", report.periodName(),
                java.util.List.of(report)), "d"));
    }

    @Test
    void theRawJasperReportsExportIsNotPdfA2bWhichIsWhyTheFinisherExists() {
        var s = demo.snapshot("c-2025-7a");
        var journal = ClassJournalAssembler.assemble(s, "rus", "2025-q1");
        var identity = ClassJournalReport.identity(journal, "raw");
        var print = demo.engine.fill(ReportTemplate.CLASS_JOURNAL, identity, "0", ClassJournalReport.parameters(journal),
                new net.sf.jasperreports.engine.data.JRMapCollectionDataSource(ClassJournalReport.lessonLog(journal)));
        assertThat(PdfTools.pdfA2bFailures(demo.engine.export(print, identity))).anyMatch(f -> f.startsWith("6.2.11.4.2"));
    }

    private static void assertCompliant(RenderedDocument doc) {
        assertThat(PdfTools.pdfA2bFailures(doc.pdf())).as(doc.identity().documentId()).isEmpty();
    }
}
