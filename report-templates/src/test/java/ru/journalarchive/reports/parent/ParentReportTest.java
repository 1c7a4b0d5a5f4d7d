package ru.journalarchive.reports.parent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.testing.DemoSchool;
import ru.journalarchive.reports.testing.PdfTools;

class ParentReportTest {

    @Test
    void theFamilyGetsEveryMarkOfThePeriodWithItsDateAndThePeriodMarks() {
        var demo = DemoSchool.get();
        var snapshot = demo.snapshot("c-2025-5a");
        var student = snapshot.students().get(3);
        var report = ParentReportAssembler.assemble(snapshot, student.id(), "2025-q2", ReportRules.DEFAULT);
        var doc = new ParentReportRenderer(demo.engine).render(report, "parent/2025-q2/" + student.id());
        demo.keep("parent-report", doc);
        String text = PdfTools.text(doc.pdf()).replaceAll("\\s+", " ");

        int marks = demo.jdbc.queryForObject("""
                SELECT count(*) FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN student s ON s.id = m.student_id
                JOIN study_period p ON p.school_id = l.school_id AND p.source_id = '2025-q2'
                     AND l.lesson_date BETWEEN p.start_date AND p.end_date
                WHERE s.source_id = ? AND s.school_id = ?""", Integer.class, student.id(), demo.schoolId);
        assertThat(report.subjects().stream().mapToInt(s -> s.marks().size()).sum()).isEqualTo(marks).isPositive();
        var periodMarks = demo.jdbc.queryForList("""
                SELECT sub.name || ' ' || pm.value FROM period_mark pm JOIN student s ON s.id = pm.student_id
                JOIN subject sub ON sub.id = pm.subject_id JOIN study_period p ON p.id = pm.period_id
                WHERE s.source_id = ? AND s.school_id = ? AND p.source_id = '2025-q2'""", String.class, student.id(),
                demo.schoolId);
        assertThat(periodMarks).isNotEmpty();
        assertThat(text).contains(student.lastName() + " " + student.firstName(), "II четверть 2025/26", "ОТЧЁТ ОБ УСПЕВАЕМОСТИ");
        for (var subject : report.subjects()) {
            var first = subject.marks().isEmpty() ? null : subject.marks().get(0);
            if (first != null) assertThat(text).contains(first.value());
            if (subject.periodMark() != null) assertThat(text).containsPattern(
                    java.util.regex.Pattern.quote(subject.name()) + " .*" + java.util.regex.Pattern.quote(subject.periodMark()));
        }
        assertThat(text).contains("Пропущено уроков: " + report.lessonsMissed());
    }
}
