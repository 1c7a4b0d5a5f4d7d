package ru.journalarchive.app.run;

import java.time.LocalDate;
import ru.journalarchive.journal.monitoring.MonitoringCountsReader;
import ru.journalarchive.journal.snapshot.ClassSnapshot;
import ru.journalarchive.journal.snapshot.ClassSnapshotReader;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.journal.ClassJournalAssembler;
import ru.journalarchive.reports.journal.ClassJournalReport;
import ru.journalarchive.reports.ledger.SummaryLedgerAssembler;
import ru.journalarchive.reports.ledger.SummaryLedgerReport;
import ru.journalarchive.reports.monitoring.MonitoringReportAssembler;
import ru.journalarchive.reports.monitoring.MonitoringReportRenderer;
import ru.journalarchive.reports.parent.ParentReportAssembler;
import ru.journalarchive.reports.parent.ParentReportRenderer;

/**
 * Turns a planned document into its read model (from one consistent snapshot) and renders it; or
 * only hashes the read model, to tell whether the data changed since the document was rendered.
 */
public final class DocumentRendering {

    /** A rendered document and the date its record closed (the period's or the year's last day). */
    public record Rendered(RenderedDocument document, LocalDate closedOn) {}

    private final ClassSnapshotReader snapshots;
    private final MonitoringCountsReader monitoring;
    private final ReportEngine engine;
    private final ReportRules rules;

    public DocumentRendering(ClassSnapshotReader snapshots, MonitoringCountsReader monitoring, ReportEngine engine,
                             ReportRules rules) {
        this.snapshots = snapshots;
        this.monitoring = monitoring;
        this.engine = engine;
        this.rules = rules;
    }

    public Rendered render(PlannedDocument d) {
        String id = d.documentId();
        return switch (d.kind()) {
            case JOURNAL -> {
                var s = snapshot(d);
                yield new Rendered(new ClassJournalReport(engine).render(ClassJournalAssembler.assemble(s, d.subjectId(), d.periodId()), id),
                        closedOn(s, d.periodId()));
            }
            case SUMMARY_LEDGER -> {
                var s = snapshot(d);
                yield new Rendered(new SummaryLedgerReport(engine).render(SummaryLedgerAssembler.assemble(s, rules), id), s.year().end());
            }
            case PARENT_REPORT -> {
                var s = snapshot(d);
                yield new Rendered(new ParentReportRenderer(engine).render(
                        ParentReportAssembler.assemble(s, d.studentId(), d.periodId(), rules), id), closedOn(s, d.periodId()));
            }
            case MONITORING_REPORT -> {
                var report = MonitoringReportAssembler.assemble(counts(d), rules);
                yield new Rendered(new MonitoringReportRenderer(engine, rules).render(report, id), report.to());
            }
        };
    }

    /** The SHA-256 of the document's JSON twin as the journal stands now. */
    public String dataSha256(PlannedDocument d) {
        return engine.dataSha256(switch (d.kind()) {
            case JOURNAL -> ClassJournalAssembler.assemble(snapshot(d), d.subjectId(), d.periodId());
            case SUMMARY_LEDGER -> SummaryLedgerAssembler.assemble(snapshot(d), rules);
            case PARENT_REPORT -> ParentReportAssembler.assemble(snapshot(d), d.studentId(), d.periodId(), rules);
            case MONITORING_REPORT -> MonitoringReportAssembler.assemble(counts(d), rules);
        });
    }

    private ClassSnapshot snapshot(PlannedDocument d) {
        return snapshots.read(d.school(), d.classId())
                .orElseThrow(() -> new IllegalStateException("class " + d.classId() + " of " + d.school() + " is gone"));
    }

    private ru.journalarchive.journal.monitoring.MonitoringCounts counts(PlannedDocument d) {
        return monitoring.read(d.school(), d.periodId())
                .orElseThrow(() -> new IllegalStateException("period " + d.periodId() + " of " + d.school() + " is gone"));
    }

    private static LocalDate closedOn(ClassSnapshot s, String periodId) {
        if (periodId == null) return s.year().end();
        return s.periods().stream().filter(p -> p.id().equals(periodId)).findFirst().orElseThrow().end();
    }
}
