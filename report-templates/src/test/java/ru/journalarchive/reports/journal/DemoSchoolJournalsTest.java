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
        var classes = demo.jdbc.queryForList("SELECT source_id FROM school_class ORDER BY grade, letter", String.class);
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
                SELECT count(*) FROM (SELECT class_id, subject_id FROM curriculum_item
                                      UNION SELECT class_id, subject_id FROM lesson) x""", Integer.class);
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
        // seed 7: the first mathematics lesson of 5А, 01.09.2025
        assertThat(text).containsPattern("01\\.09\\.2025\\s+Сложение и вычитание\\s+№ 8–11");
        assertThat(text).contains("КЛАССНЫЙ ЖУРНАЛ", "Математика", "5А класс, 2025/26 учебный год", "Маркова О. И.");
        assertThat(text).containsPattern("Лист 1\\s+из " + mathFiveA.pages());
        assertThat(text.replaceAll("\\s+", " "))
                .contains("пронумеровано и заверено электронной подписью " + mathFiveA.pages() + " (тринадцать) листов");
    }

    @Test
    void aMarkStandsInItsStudentsRowUnderItsLessonsDate() {
        // seed 7: Баранова Татьяна Львовна, first in the list, got a 3 on 01.09.2025 — and the data agrees.
        String value = demo.jdbc.queryForObject("""
                SELECT m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN student s ON s.id = m.student_id
                JOIN subject sub ON sub.id = l.subject_id JOIN school_class c ON c.id = l.class_id
                WHERE c.source_id = 'c-2025-5a' AND sub.source_id = 'math' AND l.lesson_date = '2025-09-01'
                  AND s.last_name = 'Баранова' AND s.first_name = 'Татьяна'""", String.class);
        assertThat(value).isEqualTo("3");

        var words = PdfTools.words(mathFiveA.pdf());
        var student = words.stream().filter(w -> w.text().equals("Баранова")).min(Comparator.comparingInt(PdfTools.Word::page)
                .thenComparingDouble(PdfTools.Word::yMin)).orElseThrow();
        var september = words.stream().filter(w -> w.page() == student.page() && w.text().equals("сентябрь")).findFirst().orElseThrow();
        var firstDay = words.stream().filter(w -> w.page() == student.page() && w.text().equals("01")
                        && w.yMin() > september.yMin() && w.yMin() < student.yMin())
                .min(Comparator.comparingDouble(PdfTools.Word::xMin)).orElseThrow();
        double row = (student.yMin() + student.yMax()) / 2;
        var cell = words.stream().filter(w -> w.page() == student.page()
                        && (w.yMin() + w.yMax()) / 2 > row - 3 && (w.yMin() + w.yMax()) / 2 < row + 3
                        && w.xMax() > firstDay.xMin() - 4 && w.xMin() < firstDay.xMax() + 4)
                .map(PdfTools.Word::text).toList();
        assertThat(cell).containsExactly("3");
    }

    @Test
    void theJsonTwinHoldsTheSameDataAndItsHashIsInTheFooter() throws Exception {
        var twin = new com.fasterxml.jackson.databind.ObjectMapper().readTree(mathFiveA.json());
        assertThat(twin.get("subjectName").asText()).isEqualTo("Математика");
        assertThat(twin.get("lessons").size()).isEqualTo(
                demo.jdbc.queryForObject("""
                        SELECT count(*) FROM lesson l JOIN school_class c ON c.id = l.class_id JOIN subject s ON s.id = l.subject_id
                        WHERE c.source_id = 'c-2025-5a' AND s.source_id = 'math'""", Integer.class));
        assertThat(mathFiveA.dataSha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(mathFiveA.json())));
        assertThat(PdfTools.text(mathFiveA.pdf()).replaceAll("\\s+", "")).contains(mathFiveA.dataSha256());
    }
}
