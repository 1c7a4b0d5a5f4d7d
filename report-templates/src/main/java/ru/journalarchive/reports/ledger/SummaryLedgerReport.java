package ru.journalarchive.reports.ledger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import ru.journalarchive.reports.engine.DocumentIdentity;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.engine.ReportTemplate;

/**
 * Renders the summary ledger: a crosstab of students × subject columns with the totals rows
 * (success %, quality %, average) under it, then the attendance totals and decisions per student.
 */
public final class SummaryLedgerReport {

    private final ReportEngine engine;

    public SummaryLedgerReport(ReportEngine engine) {
        this.engine = engine;
    }

    public RenderedDocument render(SummaryLedger ledger, String documentId) {
        return engine.render(ReportTemplate.SUMMARY_LEDGER, identity(ledger, documentId), ledger, parameters(ledger),
                new JRMapCollectionDataSource(studentRows(ledger)));
    }

    public static DocumentIdentity identity(SummaryLedger l, String documentId) {
        return new DocumentIdentity(documentId, "Сводная ведомость успеваемости и посещаемости " + l.className()
                + " класса за " + l.schoolYear() + " учебный год", l.schoolName());
    }

    public static Map<String, Object> parameters(SummaryLedger l) {
        var p = new HashMap<String, Object>();
        p.put("CLASS_NAME", l.className());
        p.put("SCHOOL_YEAR", l.schoolYear());
        p.put("CLASS_TEACHER", l.classTeacher() == null ? "" : l.classTeacher());
        p.put("DIRECTOR_NAME", l.directorName() == null ? "" : l.directorName());
        p.put("GRID", new JRMapCollectionDataSource(grid(l)));
        return p;
    }

    public static List<Map<String, ?>> studentRows(SummaryLedger l) {
        var rows = new ArrayList<Map<String, ?>>();
        for (var s : l.students()) {
            var row = new HashMap<String, Object>();
            row.put("no", String.valueOf(s.no()));
            row.put("name", s.fullName());
            row.put("daysMissed", String.valueOf(s.daysMissed()));
            row.put("daysIll", String.valueOf(s.daysMissedForIllness()));
            row.put("lessonsMissed", String.valueOf(s.lessonsMissed()));
            row.put("lessonsIll", String.valueOf(s.lessonsMissedForIllness()));
            row.put("decision", s.decisionText());
            rows.add(row);
        }
        return rows;
    }

    /** Every student × subject column, then the three totals rows; keys sort in ledger order. */
    public static List<Map<String, ?>> grid(SummaryLedger l) {
        var rows = new ArrayList<Map<String, ?>>();
        var totals = new HashMap<String, SummaryLedger.SubjectTotals>();
        l.totals().forEach(t -> totals.put(t.subjectId() + "|" + t.column(), t));
        for (int si = 0; si < l.subjects().size(); si++) {
            var subject = l.subjects().get(si);
            String subjectKey = String.format("%02d|%s", si, subject.shortName());
            for (int ci = 0; ci < l.columns().size(); ci++) {
                var column = l.columns().get(ci);
                var t = totals.get(subject.id() + "|" + column.key());
                if (t == null) continue; // no student has this mark in this subject: no empty column
                String columnKey = String.format("%02d|%s", ci, column.heading());
                for (var s : l.students()) {
                    rows.add(cell(String.format("%04d|%s", s.no(), s.fullName()), subjectKey, columnKey,
                            s.marks().getOrDefault(subject.id(), Map.of()).getOrDefault(column.key(), "")));
                }
                rows.add(cell("9001|Успеваемость, %", subjectKey, columnKey, format(t, SummaryLedger.SubjectTotals::successPercent)));
                rows.add(cell("9002|Качество, %", subjectKey, columnKey, format(t, SummaryLedger.SubjectTotals::qualityPercent)));
                rows.add(cell("9003|Средний балл", subjectKey, columnKey, format(t, SummaryLedger.SubjectTotals::average)));
            }
        }
        return rows;
    }

    private static Map<String, ?> cell(String student, String subject, String column, String text) {
        var row = new HashMap<String, Object>(4);
        row.put("student", student);
        row.put("subject", subject);
        row.put("column", column);
        row.put("text", text);
        return row;
    }

    private static String format(SummaryLedger.SubjectTotals t, Function<SummaryLedger.SubjectTotals, BigDecimal> value) {
        BigDecimal v = value.apply(t);
        return v == null ? "—" : v.toPlainString().replace('.', ',');
    }
}
