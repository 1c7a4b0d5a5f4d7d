package ru.journalarchive.reports.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.testing.DemoSchool;
import ru.journalarchive.reports.testing.PdfTools;

/** The ledger of 9А against sums the test takes itself, in SQL, from the journal tables. */
class SummaryLedgerTest {

    static DemoSchool demo;
    static SummaryLedger ledger;
    static String text;

    @BeforeAll
    static void render() {
        demo = DemoSchool.get();
        ledger = SummaryLedgerAssembler.assemble(demo.snapshot("c-2025-9a"), ReportRules.DEFAULT);
        var doc = new SummaryLedgerReport(demo.engine).render(ledger, "ledger/2025/c-2025-9a");
        demo.keep("summary-ledger", doc);
        text = PdfTools.text(doc.pdf());
    }

    @Test
    void attendanceTotalsEqualTheDatabasesOwnCount() {
        // A day is missed when every lesson of the class that day (while enrolled) has an absence code.
        var expected = new HashMap<String, int[]>();
        demo.jdbc.query("""
                WITH days AS (
                    SELECT e.student_id, l.lesson_date, count(*) AS lessons,
                           count(a.id) FILTER (WHERE a.code IN ('н', 'б', 'у')) AS missed,
                           count(a.id) FILTER (WHERE a.code = 'б') AS ill
                    FROM enrollment e
                    JOIN lesson l ON l.class_id = e.class_id AND l.took_place AND l.group_id IS NULL
                         AND l.lesson_date >= e.date_from AND (e.date_to IS NULL OR l.lesson_date <= e.date_to)
                    LEFT JOIN attendance a ON a.lesson_id = l.id AND a.student_id = e.student_id
                    WHERE e.class_id = ?
                    GROUP BY e.student_id, l.lesson_date)
                SELECT s.source_id, count(*) FILTER (WHERE missed = lessons), count(*) FILTER (WHERE ill = lessons),
                       sum(missed), sum(ill)
                FROM days JOIN student s ON s.id = days.student_id GROUP BY s.source_id""",
                rs -> { expected.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)}); },
                demo.classId("c-2025-9a"));
        assertThat(ledger.students()).hasSize(expected.size()).hasSizeGreaterThan(20);
        int missedDays = 0;
        for (var s : ledger.students()) {
            int[] e = expected.get(s.id());
            assertThat(new int[] {s.daysMissed(), s.daysMissedForIllness(), s.lessonsMissed(), s.lessonsMissedForIllness()})
                    .as(s.fullName()).containsExactly(e);
            missedDays += s.daysMissed();
            // the printed row carries the same four numbers after the name
            assertThat(text).containsPattern(java.util.regex.Pattern.quote(s.fullName()) + "\\s+" + e[0] + "\\s+" + e[1]
                    + "\\s+" + e[2] + "\\s+" + e[3] + "\\s");
        }
        assertThat(missedDays).as("the demo has illness streaks").isPositive();
    }

    @Test
    void averagesAndSharesPerSubjectEqualTheDatabasesOwnCount() {
        Map<String, BigDecimal[]> expected = new HashMap<>();
        demo.jdbc.query("""
                SELECT sub.source_id,
                       round(avg(pm.value::int) FILTER (WHERE pm.value ~ '^[1-5]$'), 2),
                       round(100.0 * count(*) FILTER (WHERE pm.value IN ('3', '4', '5', 'зач'))
                             / count(*) FILTER (WHERE pm.value <> 'осв'), 1),
                       round(100.0 * count(*) FILTER (WHERE pm.value IN ('4', '5'))
                             / nullif(count(*) FILTER (WHERE pm.value NOT IN ('осв', 'зач', 'незач')), 0), 1)
                FROM period_mark pm JOIN subject sub ON sub.id = pm.subject_id
                WHERE pm.kind = 'YEAR' AND pm.student_id IN (SELECT student_id FROM enrollment
                      WHERE class_id = ?)
                GROUP BY sub.source_id HAVING count(*) FILTER (WHERE pm.value <> 'осв') > 0""",
                rs -> { expected.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)}); },
                demo.classId("c-2025-9a"));
        var year = ledger.totals().stream().filter(t -> t.column().equals("YEAR")).toList();
        assertThat(year).hasSize(expected.size()).hasSizeGreaterThan(8);
        for (var t : year) {
            BigDecimal[] e = expected.get(t.subjectId());
            assertThat(t.average()).as(t.subjectId()).isEqualTo(e[0]);
            assertThat(t.successPercent()).as(t.subjectId()).isEqualByComparingTo(e[1]);
            if (e[2] == null) assertThat(t.qualityPercent()).isNull();
            else assertThat(t.qualityPercent()).as(t.subjectId()).isEqualByComparingTo(e[2]);
        }
        assertThat(text).contains("Успеваемость, %", "Качество, %", "Средний балл");
    }

    @Test
    void decisionsAndSignaturesAreThoseOfTheTeachersCouncil() {
        var decisions = new HashMap<String, String>();
        demo.jdbc.query("""
                SELECT s.source_id, d.decision FROM year_decision d JOIN student s ON s.id = d.student_id
                WHERE d.student_id IN (SELECT student_id FROM enrollment WHERE class_id =
                      ?)""",
                rs -> { decisions.put(rs.getString(1), rs.getString(2)); }, demo.classId("c-2025-9a"));
        for (var s : ledger.students()) assertThat(s.decision()).as(s.fullName()).isEqualTo(decisions.get(s.id()));
        // 9th grade: those who passed are released («выпущен»), those with a 2 for the year stay
        assertThat(ledger.students()).allSatisfy(s -> assertThat(s.decisionText()).isIn("выпущен", "выпущена",
                "оставлен на повторное обучение", "оставлена на повторное обучение"));
        assertThat(text).contains("выпущен", "СВОДНАЯ ВЕДОМОСТЬ УСПЕВАЕМОСТИ И ПОСЕЩАЕМОСТИ", "9А класс, 2025/26 учебный год",
                "Классный руководитель", "Директор", ledger.directorName());
        assertThat(ledger.columns()).extracting(SummaryLedger.Column::heading)
                .containsExactly("I ч.", "II ч.", "III ч.", "IV ч.", "год", "экз.", "итог");
    }
}
