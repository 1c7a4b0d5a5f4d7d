package ru.journalarchive.reports.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.testing.PdfTools;

/** What one cell of the grid shows: two marks, a weight other than 1, an attendance code, a period mark. */
class JournalCellsTest {

    static final LocalDate MONDAY = LocalDate.of(2025, 9, 1);

    final ClassJournal journal = new ClassJournal("Школа № 1", "Директорова Д. Д.", "2025/26", "c", "6В", null, "rus",
            "Русский язык", List.of("Иванова М. П."), new ClassJournal.Scope("q1", "I четверть 2025/26", MONDAY, MONDAY.plusDays(60)),
            List.of(new ClassJournal.Period("q1", "I четверть", "I ч.", MONDAY, MONDAY.plusDays(60))),
            List.of(new ClassJournal.Student(1, "a", "Алексеева Анна Борисовна", MONDAY, null),
                    new ClassJournal.Student(2, "b", "Борисов Виктор Андреевич", MONDAY, MONDAY.plusDays(10))),
            List.of(new ClassJournal.Lesson(1, "l1", MONDAY, 1, "Диктант", "упр. 5", "Диктант", "Иванова М. П.", "Петров П. П.", true, null),
                    new ClassJournal.Lesson(2, "l2", MONDAY.plusDays(1), 1, null, null, null, "Иванова М. П.", null, false, "карантин")),
            List.of(new ClassJournal.Mark("l1", "a", "5", "Д", new BigDecimal("2.00")),
                    new ClassJournal.Mark("l1", "a", "4", "О", BigDecimal.ONE)),
            List.of(new ClassJournal.Attendance("l1", "a", "о"), new ClassJournal.Attendance("l1", "b", "н")),
            List.of(new ClassJournal.PeriodMark("a", "QUARTER", "q1", "I ч.", "5")));

    @Test
    void aCellHoldsTheCodeAndBothMarksWithTheWeightAsSuperscript() {
        var rows = ClassJournalReport.gridRows(journal);
        assertThat(rows).filteredOn(r -> r.get("student").toString().endsWith("Алексеева Анна Борисовна")
                        && r.get("column").toString().startsWith("0000|L|"))
                .singleElement().satisfies(r -> assertThat(r.get("text")).isEqualTo("о 5<sup>2</sup>/4"));
        assertThat(rows).filteredOn(r -> r.get("column").toString().equals("0002|P|I ч.")
                        && r.get("student").toString().startsWith("0001|"))
                .singleElement().satisfies(r -> assertThat(r.get("text")).isEqualTo("<b>5</b>"));
        // every student × every column, so empty cells are drawn too
        assertThat(rows).hasSize(2 * 3);
    }

    @Test
    void theRenderedJournalShowsCodesMarksLeaversSubstitutesAndLessonsNotGiven() {
        var doc = new ClassJournalReport(new ReportEngine()).render(journal, "cells");
        String text = PdfTools.text(doc.pdf()).replaceAll("\\s+", " ");
        assertThat(text).contains("Борисов Виктор Андреевич (выб. 11.09)", "I ч.", "Урок не проведён: карантин",
                "Петров П. П. (замена;", "учитель");
        var words = PdfTools.words(doc.pdf());
        var anna = words.stream().filter(w -> w.text().equals("Алексеева")).findFirst().orElseThrow();
        var viktor = words.stream().filter(w -> w.text().equals("Борисов")).findFirst().orElseThrow();
        assertThat(rowOf(words, anna)).contains("о", "/4").anyMatch(w -> w.startsWith("5"));
        assertThat(rowOf(words, viktor)).contains("н");
    }

    private static List<String> rowOf(List<PdfTools.Word> words, PdfTools.Word name) {
        double y = (name.yMin() + name.yMax()) / 2;
        return words.stream().filter(w -> w.page() == name.page() && w.xMin() > name.xMax() + 60
                        && Math.abs((w.yMin() + w.yMax()) / 2 - y) < 3)
                .map(PdfTools.Word::text).toList();
    }
}
