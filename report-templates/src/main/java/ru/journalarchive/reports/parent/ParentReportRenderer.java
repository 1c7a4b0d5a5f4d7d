package ru.journalarchive.reports.parent;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import ru.journalarchive.reports.engine.DocumentIdentity;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.engine.ReportTemplate;
import ru.journalarchive.reports.vocabulary.PeriodNames;

/** Renders a parent progress report (portrait A4): a row per subject, then the absences. */
public final class ParentReportRenderer {

    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("dd.MM");

    private final ReportEngine engine;

    public ParentReportRenderer(ReportEngine engine) {
        this.engine = engine;
    }

    public RenderedDocument render(ParentReport r, String documentId) {
        var identity = new DocumentIdentity(documentId, "Отчёт об успеваемости: " + r.studentName() + ", " + r.className()
                + " класс, " + r.periodName(), r.schoolName());
        var p = new HashMap<String, Object>();
        p.put("STUDENT_NAME", r.studentName());
        p.put("CLASS_NAME", r.className());
        p.put("PERIOD", r.periodName() + " (" + PeriodNames.span(r.from(), r.to()) + ")");
        p.put("CLASS_TEACHER", r.classTeacher() == null ? "" : r.classTeacher());
        p.put("ABSENCES", absences(r));
        return engine.render(ReportTemplate.PARENT_REPORT, identity, r, p, new JRMapCollectionDataSource(rows(r)));
    }

    private static List<Map<String, ?>> rows(ParentReport r) {
        var rows = new ArrayList<Map<String, ?>>();
        for (var s : r.subjects()) {
            var row = new HashMap<String, Object>();
            row.put("subject", s.name());
            row.put("marks", s.marks().stream().map(m -> m.value()
                    + (m.weight() != null && m.weight().compareTo(BigDecimal.ONE) != 0
                            ? "<sup>" + m.weight().stripTrailingZeros().toPlainString() + "</sup>" : "")
                    + " <font size=\"6\">(" + DAY_MONTH.format(m.date()) + ")</font>").collect(Collectors.joining(", ")));
            row.put("average", s.weightedAverage() == null ? "" : s.weightedAverage().toPlainString().replace('.', ','));
            row.put("periodMark", s.periodMark() == null ? "" : s.periodMark());
            rows.add(row);
        }
        return rows;
    }

    private static String absences(ParentReport r) {
        if (r.absences().isEmpty()) return "Пропусков уроков нет.";
        var text = new StringBuilder("Пропущено уроков: " + r.lessonsMissed() + ", из них по болезни: "
                + r.lessonsMissedForIllness() + ".\n");
        text.append(r.absences().stream().map(a -> DAY_MONTH.format(a.date()) + " — " + a.subjectName() + " (" + a.code() + ")")
                .collect(Collectors.joining("; "))).append('.');
        return text.toString();
    }
}
