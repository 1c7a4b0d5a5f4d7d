package ru.journalarchive.app.run;

import java.time.LocalDate;
import java.util.Map;
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
import ru.journalarchive.journal.school.School;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.reports.monitoring.DistrictMonitoring;
import ru.journalarchive.reports.monitoring.MonitoringReport;
import ru.journalarchive.reports.monitoring.MonitoringReportAssembler;
import ru.journalarchive.reports.monitoring.MonitoringReportRenderer;
import ru.journalarchive.reports.parent.ParentReportAssembler;
import ru.journalarchive.reports.parent.ParentReportRenderer;

/**
 * Turns a planned document into its read model (from one consistent snapshot) and renders it; or
 * only hashes the read model, to tell whether the data changed since the document was rendered.
 */
public final class DocumentRendering {

    /**
     * A rendered document, the date its record closed (the period's or the year's last day), and the
     * school's data version it was rendered at (null for the monitoring report, read otherwise).
     */
    public record Rendered(RenderedDocument document, LocalDate closedOn, String dataVersion) {}

    private final ClassSnapshotReader snapshots;
    /** Class snapshots by school and class, reused while the school's data version stays the same. */
    private final Map<String, ClassSnapshotReader.Versioned> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ClassSnapshotReader.Versioned> eldest) {
                    return size() > 64;
                }
            });
    private final MonitoringCountsReader monitoring;
    private final ReportEngine engine;
    private final ReportRules rules;
    private final SchoolRegistry schools;
    private final String districtName;

    public DocumentRendering(ClassSnapshotReader snapshots, MonitoringCountsReader monitoring, ReportEngine engine,
                             ReportRules rules, SchoolRegistry schools, String districtName) {
        this.snapshots = snapshots;
        this.monitoring = monitoring;
        this.engine = engine;
        this.rules = rules;
        this.schools = schools;
        this.districtName = districtName;
    }

    public Rendered render(PlannedDocument d) {
        String id = d.documentId();
        if (d.kind() == DocumentKind.MONITORING_REPORT) {
            var report = MonitoringReportAssembler.assemble(counts(d), rules);
            return new Rendered(new MonitoringReportRenderer(engine, rules).render(report, id), report.to(), null);
        }
        if (d.kind() == DocumentKind.DISTRICT_MONITORING) {
            var district = district(d);
            return new Rendered(new MonitoringReportRenderer(engine, rules).render(district, id),
                    district.schools().stream().map(MonitoringReport::to).max(LocalDate::compareTo).orElseThrow(), null);
        }
        var versioned = snapshot(d);
        var s = versioned.snapshot();
        return new Rendered(classDocument(d, s), d.kind() == DocumentKind.SUMMARY_LEDGER ? s.year().end() : closedOn(s, d.periodId()),
                versioned.version());
    }

    private RenderedDocument classDocument(PlannedDocument d, ClassSnapshot s) {
        String id = d.documentId();
        return switch (d.kind()) {
            case JOURNAL -> new ClassJournalReport(engine).render(ClassJournalAssembler.assemble(s, d.subjectId(), d.periodId()), id);
            case SUMMARY_LEDGER -> new SummaryLedgerReport(engine).render(SummaryLedgerAssembler.assemble(s, rules), id);
            case PARENT_REPORT -> new ParentReportRenderer(engine).render(ParentReportAssembler.assemble(s, d.studentId(), d.periodId(), rules), id);
            default -> throw new IllegalArgumentException(d.kind() + " is not a class's document");
        };
    }

    /** The school's data version now: equal to a document's {@link Rendered#dataVersion()}, nothing has changed. */
    public String dataVersion(String school) {
        return snapshots.version(school);
    }

    /** The SHA-256 of the document's JSON twin as the journal stands now. */
    public String dataSha256(PlannedDocument d) {
        return engine.dataSha256(switch (d.kind()) {
            case JOURNAL -> ClassJournalAssembler.assemble(snapshot(d).snapshot(), d.subjectId(), d.periodId());
            case SUMMARY_LEDGER -> SummaryLedgerAssembler.assemble(snapshot(d).snapshot(), rules);
            case PARENT_REPORT -> ParentReportAssembler.assemble(snapshot(d).snapshot(), d.studentId(), d.periodId(), rules);
            case MONITORING_REPORT -> MonitoringReportAssembler.assemble(counts(d), rules);
            case DISTRICT_MONITORING -> district(d);
        });
    }

    /**
     * The class as the journal stands now: one cheap query for the school's data version, and the
     * whole snapshot is read again only when a batch has been applied since (the thirteen journals
     * of a class then share one read).
     */
    private ClassSnapshotReader.Versioned snapshot(PlannedDocument d) {
        String key = d.school() + "/" + d.classId();
        var cached = recent.get(key);
        if (cached != null && cached.version().equals(snapshots.version(d.school()))) return cached;
        var fresh = snapshots.readVersioned(d.school(), d.classId())
                .orElseThrow(() -> new IllegalStateException("class " + d.classId() + " of " + d.school() + " is gone"));
        recent.put(key, fresh);
        return fresh;
    }

    private ru.journalarchive.journal.monitoring.MonitoringCounts counts(PlannedDocument d) {
        return monitoring.read(d.school(), d.periodId())
                .orElseThrow(() -> new IllegalStateException("period " + d.periodId() + " of " + d.school() + " is gone"));
    }

    /** Every registered school that has the period, side by side. */
    private DistrictMonitoring district(PlannedDocument d) {
        var reports = schools.all().stream().map(School::code).sorted()
                .flatMap(code -> monitoring.read(code, d.periodId()).stream())
                .map(counts -> MonitoringReportAssembler.assemble(counts, rules)).toList();
        if (reports.isEmpty()) throw new IllegalStateException("no school has the period " + d.periodId());
        return new DistrictMonitoring(districtName, reports.get(0).periodName(), reports);
    }

    private static LocalDate closedOn(ClassSnapshot s, String periodId) {
        if (periodId == null) return s.year().end();
        return s.periods().stream().filter(p -> p.id().equals(periodId)).findFirst().orElseThrow().end();
    }
}
