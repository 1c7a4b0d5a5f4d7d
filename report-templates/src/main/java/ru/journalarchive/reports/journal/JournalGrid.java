package ru.journalarchive.reports.journal;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.time.LocalDate;
import ru.journalarchive.reports.vocabulary.PeriodNames;
import java.util.List;
import java.util.Map;
import ru.journalarchive.reports.engine.ReportEngine;

/**
 * The rows of the journal's crosstab: one per student × column, columns being the lessons in date
 * order with each period's mark column after its last lesson and the year-end columns last. Every
 * pair is present, so a lesson nobody was marked in and a student with no marks still get their
 * column and row. Bucket keys are strings that sort in journal order ("0007|…"); the templates
 * only use java.lang types, so the expression compiler never needs our classes.
 */
final class JournalGrid {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd");
    private static final List<String> YEAR_END = List.of("YEAR", "EXAM", "FINAL");

    private JournalGrid() {}

    static List<Map<String, ?>> rows(ClassJournal j) {
        Map<String, String> cells = cellTexts(j);
        var columns = columns(j);
        var rows = new ArrayList<Map<String, ?>>(columns.size() * Math.max(1, j.students().size()));
        for (var student : j.students()) {
            String studentKey = String.format("%04d|%s", student.no(), label(student, j.scope()));
            for (var c : columns) {
                var row = new HashMap<String, Object>(4);
                row.put("student", studentKey);
                row.put("month", c.month);
                row.put("column", c.key);
                row.put("text", cells.getOrDefault(student.id() + "|" + c.id, ""));
                rows.add(row);
            }
        }
        return rows;
    }

    private record Column(String id, String month, String key) {}

    private static List<Column> columns(ClassJournal j) {
        Set<String> marked = new HashSet<>();
        j.periodMarks().forEach(pm -> marked.add(pm.periodId() == null ? pm.kind() : pm.periodId()));
        var pending = new ArrayList<>(j.periods().stream().filter(p -> marked.contains(p.id())).toList());
        var columns = new ArrayList<Column>();
        String month = null;
        for (var lesson : j.lessons()) {
            String lessonMonth = month(lesson.date());
            while (!pending.isEmpty() && pending.get(0).to().isBefore(lesson.date())) {
                var p = pending.remove(0);
                columns.add(column(columns.size(), p.id(), month == null ? lessonMonth : month, p.column(), 'P'));
            }
            month = lessonMonth;
            columns.add(column(columns.size(), lesson.id(), month, DAY.format(lesson.date()), 'L'));
        }
        for (var p : pending) columns.add(column(columns.size(), p.id(), month == null ? "00|" : month, p.column(), 'P'));
        for (String kind : YEAR_END) {
            if (marked.contains(kind)) columns.add(column(columns.size(), kind, "99|итоги", PeriodNames.yearEndColumn(kind), 'P'));
        }
        return columns;
    }

    /** "01|сентябрь" … "10|июнь": school-year order. */
    private static String month(LocalDate date) {
        int m = date.getMonthValue();
        return String.format("%02d|%s", m >= 9 ? m - 8 : m + 4,
                date.getMonth().getDisplayName(TextStyle.FULL_STANDALONE, ReportEngine.RUSSIAN));
    }

    private static Column column(int order, String id, String month, String label, char type) {
        return new Column(id, month, String.format("%04d|%c|%s", order, type, label));
    }

    private static String label(ClassJournal.Student s, ClassJournal.Scope scope) {
        var name = new StringBuilder(s.fullName());
        if (s.enrolledFrom().isAfter(scope.from())) name.append(" (приб. ").append(s.enrolledFrom().format(DAY_MONTH)).append(')');
        if (s.enrolledTo() != null && s.enrolledTo().isBefore(scope.to()))
            name.append(" (выб. ").append(s.enrolledTo().format(DAY_MONTH)).append(')');
        return name.toString();
    }

    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("dd.MM");

    /** Styled text per "student|lesson" and "student|period": marks (weight as superscript), code; period marks bold. */
    private static Map<String, String> cellTexts(ClassJournal j) {
        var texts = new HashMap<String, StringBuilder>();
        for (var m : j.marks()) {
            var t = texts.computeIfAbsent(m.studentId() + "|" + m.lessonId(), k -> new StringBuilder());
            if (!t.isEmpty()) t.append('/');
            t.append(m.value());
            if (m.weight() != null && m.weight().compareTo(BigDecimal.ONE) != 0)
                t.append("<sup>").append(m.weight().stripTrailingZeros().toPlainString()).append("</sup>");
        }
        for (var a : j.attendance()) {
            var t = texts.computeIfAbsent(a.studentId() + "|" + a.lessonId(), k -> new StringBuilder());
            t.insert(0, t.isEmpty() ? a.code() : a.code() + " ");
        }
        var result = new HashMap<String, String>(texts.size() * 2);
        texts.forEach((k, v) -> result.put(k, v.toString()));
        for (var pm : j.periodMarks()) {
            result.put(pm.studentId() + "|" + (pm.periodId() == null ? pm.kind() : pm.periodId()), "<b>" + pm.value() + "</b>");
        }
        return result;
    }
}
