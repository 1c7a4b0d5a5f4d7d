package ru.journalarchive.reports.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.testing.DemoSchool;
import ru.journalarchive.reports.testing.PdfTools;

/** The monitoring report of the demo school for the second quarter finds the anomalies the generator planted. */
class MonitoringReportTest {

    static DemoSchool demo;
    static MonitoringReport report;
    static String text;
    static MonitoringReport second;
    static String districtText;

    @BeforeAll
    static void render() {
        demo = DemoSchool.get();
        report = MonitoringReportAssembler.assemble(demo.monitoring.read(DemoSchool.CODE, "2025-q2").orElseThrow(),
                ReportRules.DEFAULT);
        var renderer = new MonitoringReportRenderer(demo.engine, ReportRules.DEFAULT);
        var doc = renderer.render(report, "monitoring/2025-q2/demo");
        demo.keep("monitoring-report", doc);
        text = PdfTools.text(doc.pdf()).replaceAll("\\s+", " ");
        second = MonitoringReportAssembler.assemble(demo.monitoring.read(DemoSchool.SECOND, "2025-q2").orElseThrow(),
                ReportRules.DEFAULT);
        var district = renderer.render(new DistrictMonitoring("Управление образования (демо)", report.periodName(),
                List.of(report, second)), "monitoring/2025-q2/district");
        demo.keep("district-monitoring", district);
        districtText = PdfTools.text(district.pdf()).replaceAll("\\s+", " ");
    }

    @Test
    void planningCountsLessonsWithATopicOrHomeworkAgainstTheThreshold() {
        int[] counts = demo.jdbc.queryForObject("""
                SELECT count(*), count(*) FILTER (WHERE coalesce(topic, '') <> '' OR coalesce(homework, '') <> '')
                FROM lesson l JOIN study_period p ON p.school_id = l.school_id AND p.source_id = '2025-q2'
                     AND l.lesson_date BETWEEN p.start_date AND p.end_date
                WHERE l.school_id = ?""", (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}, demo.schoolId);
        var planning = report.indicators().get(Indicator.PLANNING.ordinal());
        assertThat(planning.indicator()).isEqualTo(Indicator.PLANNING);
        assertThat(new int[] {planning.part(), planning.whole()}).containsExactly(counts[1], counts[0]);
        assertThat(planning.passed()).isEqualTo(100.0 * counts[1] / counts[0] >= 95.0);
        assertThat(text).contains("Планирование: уроки с темой или домашним заданием ≥ 95 % " + counts[1] + " из " + counts[0]);
    }

    @Test
    void theTwoLateTeachersAreNamedAsViolations() {
        // the generator makes two teachers enter 70 % of their marks 2–6 days late
        var late = report.teachers().stream().filter(t -> t.latePercent().compareTo(new java.math.BigDecimal("10")) > 0).toList();
        assertThat(late).hasSize(2);
        for (var t : late) assertThat(text).containsPattern(java.util.regex.Pattern.quote(t.teacherName()) + " \\d+ \\d+ [\\d,]+ % нарушение");
        assertThat(report.indicators().get(Indicator.TIMELINESS.ordinal()).percent()).isLessThan(new java.math.BigDecimal("100"));
    }

    @Test
    void periodMarksOutOfLineWithTheWeightedAverageAreExactlyThoseTheDatabaseFinds() {
        // independent: PostgreSQL's round() is half away from zero, i.e. x.5 up for marks
        var expected = new HashSet<>(demo.jdbc.queryForList("""
                SELECT st.last_name || ' ' || st.first_name || '|' || sub.name FROM period_mark pm
                JOIN study_period p ON p.id = pm.period_id AND p.source_id = '2025-q2'
                JOIN student st ON st.id = pm.student_id JOIN subject sub ON sub.id = pm.subject_id
                JOIN mark m ON m.student_id = pm.student_id AND m.value ~ '^[1-5]$'
                JOIN lesson l ON l.id = m.lesson_id AND l.subject_id = pm.subject_id
                     AND l.lesson_date BETWEEN p.start_date AND p.end_date
                WHERE pm.value ~ '^[1-5]$' AND pm.school_id = ?
                GROUP BY st.id, st.last_name, st.first_name, sub.name, pm.value
                HAVING round(round(sum(m.value::numeric * m.weight) / sum(m.weight), 2)) <> pm.value::numeric""", String.class,
                demo.schoolId));
        var found = new HashSet<String>();
        report.disagreements().forEach(d -> found.add(d.studentName() + "|" + d.subjectName()));
        assertThat(expected).isNotEmpty();
        assertThat(found).isEqualTo(expected);
        var first = report.disagreements().get(0);
        assertThat(text).contains(first.studentName() + ", " + first.className() + " " + first.subjectName());
    }

    @Test
    void curriculumCompletionComparesLessonsGivenWithThePlanForTheQuarter() {
        assertThat(report.curriculum()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.planned()).isPositive();
            assertThat(c.completionPercent()).isBetween(new java.math.BigDecimal("50"), new java.math.BigDecimal("150"));
        });
        assertThat(text).contains("Выполнение учебного плана и заполнение домашних заданий", "СПРАВКА ПО ИТОГАМ КОНТРОЛЯ");
    }

    @Test
    void theDistrictRollUpPutsEachSchoolsIndicatorsSideBySide() {
        assertThat(second.schoolName()).isEqualTo(DemoSchool.SECOND_NAME);
        assertThat(districtText).contains("школа № 18»", "школа № 7»");
        for (var school : List.of(report, second)) {
            var planning = school.indicators().get(Indicator.PLANNING.ordinal());
            // a long school name wraps around its row's values in pdftotext's layout
            assertThat(districtText).contains(planning.part() + " из " + planning.whole() + " "
                    + SectionedRows.percent(planning.percent()));
            long passed = school.indicators().stream().filter(IndicatorResult::passed).count();
            assertThat(districtText).contains(passed + " из 6 " + school.disagreements().size() + " "
                    + school.substitutedLessons());
        }
        // the two schools are different data, not one school twice
        assertThat(second.indicators().get(Indicator.PLANNING.ordinal()).whole())
                .isNotEqualTo(report.indicators().get(Indicator.PLANNING.ordinal()).whole());
    }
}
