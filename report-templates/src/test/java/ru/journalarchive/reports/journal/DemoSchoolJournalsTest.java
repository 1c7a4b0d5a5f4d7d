package ru.journalarchive.reports.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.arithmetic.ReportRules;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.ledger.SummaryLedgerAssembler;
import ru.journalarchive.reports.ledger.SummaryLedgerReport;
import ru.journalarchive.reports.testing.DemoSchool;
import ru.journalarchive.reports.testing.PdfTools;

/** Every year journal (class × subject) and every ledger of the demo school, read back with poppler. */
class DemoSchoolJournalsTest {

    static DemoSchool demo;
    static RenderedDocument mathFiveA;

    @BeforeAll
    static void render() {
        demo = DemoSchool.get();
        var snapshot = demo.snapshot("c-2025-5a");
        mathFiveA = new ClassJournalReport(demo.engine).render(ClassJournalAssembler.assemble(snapshot, "math", null),
                "journal/2025/year/c-2025-5a/math");
        demo.keep("class-journal", mathFiveA);
    }

    @Test
    void everyJournalAndEveryLedgerOfTheDemoSchoolRendersWithOnlyEmbeddedFonts() {
        var journals = new ClassJournalReport(demo.engine);
        var ledgers = new SummaryLedgerReport(demo.engine);
        var classes = demo.jdbc.queryForList("SELECT source_id FROM school_class WHERE school_id = ? ORDER BY grade, letter",
                String.class, demo.schoolId);
        var problems = new ArrayList<String>();
        int journalCount = 0;
        for (String classId : classes) {
            var snapshot = demo.snapshot(classId);
            for (String subject : ClassJournalAssembler.subjects(snapshot)) {
                var doc = journals.render(ClassJournalAssembler.assemble(snapshot, subject, null), classId + "/" + subject);
                journalCount++;
                check(doc, problems);
            }
            check(ledgers.render(SummaryLedgerAssembler.assemble(snapshot, ReportRules.DEFAULT), classId + "/ledger"), problems);
        }
        int expectedJournals = demo.jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT class_id, subject_id FROM curriculum_item WHERE school_id = ?
                                      UNION SELECT class_id, subject_id FROM lesson WHERE school_id = ?) x""",
                Integer.class, demo.schoolId, demo.schoolId);
        assertThat(classes).hasSizeGreaterThanOrEqualTo(11);
        assertThat(journalCount).isEqualTo(expectedJournals);
        assertThat(problems).isEmpty();
    }

    private static void check(RenderedDocument doc, java.util.List<String> problems) {
        if (doc.pages() < 2) problems.add(doc.identity().documentId() + ": " + doc.pages() + " pages");
        for (String[] font : PdfTools.fonts(doc.pdf())) {
            // columns: name type… encoding emb sub uni object id — emb is the 5th from the end
            if (!font[font.length - 5].equals("yes")) problems.add(doc.identity().documentId() + ": not embedded " + font[0]);
        }
    }

    @Test
    void theJournalNamesTheStudentsInCyrillicAndLogsTheLessons() {
        String text = PdfTools.text(mathFiveA.pdf());
        var students = demo.snapshot("c-2025-5a").students();
        assertThat(students).hasSizeGreaterThan(20);
        for (var s : students) assertThat(text).contains(s.lastName() + " " + s.firstName());
        // the demo school (seed 1): the first mathematics lesson of 5А, 01.09.2025, given by Петрова К. И.
        assertThat(text).containsPattern("01\\.09\\.2025\\s+Сложение и вычитание\\s+№ 8–11");
        assertThat(text).contains("КЛАССНЫЙ ЖУРНАЛ", "Математика", "5А класс, 2025/26 учебный год", "Петрова К. И.");
        assertThat(text).containsPattern("Лист 1\\s+из " + mathFiveA.pages());
        assertThat(text.replaceAll("\\s+", " "))
                .contains("пронумеровано и заверено электронной подписью " + mathFiveA.pages() + " (четырнадцать) листов");
    }

    @Test
    void aMarkStandsInItsStudentsRowUnderItsLessonsDate() {
        // seed 1: Андреева Ульяна Олеговна, first in the list, got a 5 on 03.09.2025 and
        // nothing on 02.09 — and the data agrees.
        String value = demo.jdbc.queryForObject("""
                SELECT m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN student s ON s.id = m.student_id
                JOIN subject sub ON sub.id = l.subject_id JOIN school_class c ON c.id = l.class_id
                WHERE c.id = ? AND sub.source_id = 'math' AND l.lesson_date = '2025-09-03'
                  AND s.last_name = 'Андреева' AND s.first_name = 'Ульяна'""", String.class, demo.classId("c-2025-5a"));
        assertThat(value).isEqualTo("5");

        var words = PdfTools.words(mathFiveA.pdf());
        var student = words.stream().filter(w -> w.text().equals("Андреева")).min(Comparator.comparingInt(PdfTools.Word::page)
                .thenComparingDouble(PdfTools.Word::yMin)).orElseThrow();
        var september = words.stream().filter(w -> w.page() == student.page() && w.text().equals("сентябрь")).findFirst().orElseThrow();
        assertThat(cellUnder(words, student, september, "03")).containsExactly("5");
        assertThat(cellUnder(words, student, september, "02")).isEmpty();
    }

    /** The words in the student's row and under the day's column heading (the first such heading after the month). */
    private static java.util.List<String> cellUnder(java.util.List<PdfTools.Word> words, PdfTools.Word student,
                                                    PdfTools.Word month, String day) {
        var heading = words.stream().filter(w -> w.page() == student.page() && w.text().equals(day)
                        && w.yMin() > month.yMin() && w.yMin() < student.yMin())
                .min(Comparator.comparingDouble(PdfTools.Word::xMin)).orElseThrow();
        double row = (student.yMin() + student.yMax()) / 2;
        return words.stream().filter(w -> w.page() == student.page()
                        && (w.yMin() + w.yMax()) / 2 > row - 3 && (w.yMin() + w.yMax()) / 2 < row + 3
                        && w.xMax() > heading.xMin() - 4 && w.xMin() < heading.xMax() + 4)
                .map(PdfTools.Word::text).toList();
    }

    @Test
    void theJsonTwinHoldsTheSameDataAndItsHashIsInTheFooter() throws Exception {
        var twin = new com.fasterxml.jackson.databind.ObjectMapper().readTree(mathFiveA.json());
        assertThat(twin.get("subjectName").asText()).isEqualTo("Математика");
        assertThat(twin.get("lessons").size()).isEqualTo(
                demo.jdbc.queryForObject("""
                        SELECT count(*) FROM lesson l JOIN school_class c ON c.id = l.class_id JOIN subject s ON s.id = l.subject_id
                        WHERE c.id = ? AND s.source_id = 'math'""", Integer.class, demo.classId("c-2025-5a")));
        assertThat(mathFiveA.dataSha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(mathFiveA.json())));
        assertThat(PdfTools.text(mathFiveA.pdf()).replaceAll("\\s+", "")).contains(mathFiveA.dataSha256());
    }

    @Test
    void aQuarterJournalHoldsOnlyTheQuartersLessonsAndItsPeriodMark() {
        var snapshot = demo.snapshot("c-2025-5a");
        var q1 = snapshot.periods().stream().filter(p -> p.id().equals("2025-q1")).findFirst().orElseThrow();
        var journal = ClassJournalAssembler.assemble(snapshot, "math", "2025-q1");
        assertThat(journal.lessons()).isNotEmpty().allSatisfy(l -> assertThat(l.date()).isBetween(q1.start(), q1.end()));
        assertThat(journal.lessons()).hasSize((int) snapshot.lessons().stream().filter(l -> l.subjectId().equals("math")
                && !l.date().isBefore(q1.start()) && !l.date().isAfter(q1.end())).count());
        assertThat(journal.periodMarks()).isNotEmpty().allSatisfy(pm -> assertThat(pm.periodId()).isEqualTo("2025-q1"));
        String text = PdfTools.text(new ClassJournalReport(demo.engine).render(journal, "q1").pdf());
        assertThat(text).contains("I четверть 2025/26", "I ч.").doesNotContain("II ч.", "итоги");
    }
}
