package ru.journalarchive.reports.journal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import ru.journalarchive.reports.engine.DocumentIdentity;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.engine.ReportTemplate;
import ru.journalarchive.reports.engine.RussianWords;
import ru.journalarchive.reports.vocabulary.PeriodNames;

/**
 * Renders a class journal: title page, the grid of lessons × students, the lesson log and the
 * closing sheet certifying the number of sheets.
 */
public final class ClassJournalReport {

    private static final IntFunction<String> SHEETS = RussianWords::sheets;

    private final ReportEngine engine;

    public ClassJournalReport(ReportEngine engine) {
        this.engine = engine;
    }

    public RenderedDocument render(ClassJournal journal, String documentId) {
        return engine.render(ReportTemplate.CLASS_JOURNAL, identity(journal, documentId), journal, parameters(journal),
                new JRMapCollectionDataSource(lessonLog(journal)));
    }

    public static DocumentIdentity identity(ClassJournal j, String documentId) {
        return new DocumentIdentity(documentId, "Классный журнал " + j.className() + " класса, " + j.subjectName() + ", "
                + j.scope().name(), j.schoolName());
    }

    /** The template's parameters; public for the benchmark's bare-JasperReports baseline. */
    public static Map<String, Object> parameters(ClassJournal j) {
        var p = new HashMap<String, Object>();
        p.put("CLASS_NAME", j.className());
        p.put("SUBJECT_NAME", j.subjectName());
        p.put("SCHOOL_YEAR", j.schoolYear());
        p.put("PERIOD_NAME", j.scope().name());
        p.put("PERIOD_SPAN", PeriodNames.span(j.scope().from(), j.scope().to()));
        p.put("TEACHERS", String.join(", ", j.teachers()));
        p.put("CLASS_TEACHER", j.classTeacher() == null ? "—" : j.classTeacher());
        p.put("DIRECTOR_NAME", j.directorName() == null ? "" : j.directorName());
        p.put("STUDENT_COUNT", j.students().size());
        p.put("LESSON_COUNT", j.lessons().size());
        p.put("GRID", new JRMapCollectionDataSource(gridRows(j)));
        p.put("SHEETS_IN_WORDS", SHEETS);
        return p;
    }

    /** The crosstab rows, passed to the template as the GRID data source. */
    public static List<Map<String, ?>> gridRows(ClassJournal j) {
        return JournalGrid.rows(j);
    }

    public static List<Map<String, ?>> lessonLog(ClassJournal j) {
        var rows = new ArrayList<Map<String, ?>>(j.lessons().size());
        for (var l : j.lessons()) {
            var row = new HashMap<String, Object>();
            row.put("no", String.valueOf(l.no()));
            row.put("date", PeriodNames.DATE.format(l.date()));
            row.put("topic", l.tookPlace() ? nullToEmpty(l.topic())
                    : "Урок не проведён" + (l.comment() == null ? "" : ": " + l.comment()));
            row.put("homework", nullToEmpty(l.homework()));
            row.put("control", nullToEmpty(l.controlType()));
            row.put("teacher", l.substitute() == null ? l.teacher() : l.substitute() + " (замена; учитель " + l.teacher() + ")");
            rows.add(row);
        }
        return rows;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
