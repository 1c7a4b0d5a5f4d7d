package ru.journalarchive.reports.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.journalarchive.reports.engine.RenderedDocument;
import ru.journalarchive.reports.engine.ReportEngine;
import ru.journalarchive.reports.testing.PdfTools;

/** A journal far bigger than a page in both directions loses no name and no mark. */
class LargeClassJournalTest {

    static final String[] SURNAMES = {"Абрамова", "Белов", "Васильева", "Григорьев", "Данилова", "Егоров", "Жукова",
            "Зайцев", "Ильина", "Калинин", "Лебедева", "Макаров", "Никитина", "Орлов", "Павлова", "Романов", "Соколова",
            "Тарасов", "Ульянова", "Фёдоров", "Харитонова", "Цветков", "Чернова", "Шевченко", "Щербакова", "Юдин",
            "Яковлева", "Александров-Невский", "Богданова", "Воробьёв", "Герасимова", "Дмитриев", "Ефимова", "Захаров",
            "Исаева", "Киселёв", "Ларионова", "Медведев", "Назарова", "Осипов"};

    final ReportEngine engine = new ReportEngine();

    @Test
    void fortyStudentsAndTwoHundredLessonsKeepEveryNameAndEveryMark() {
        ClassJournal journal = journal(40, 200);
        RenderedDocument doc = new ClassJournalReport(engine).render(journal, "large");
        String text = PdfTools.text(doc.pdf());
        for (var s : journal.students()) assertThat(text).contains(s.fullName());
        // every mark is «зач», a word that appears nowhere else on the form
        long printed = PdfTools.words(doc.pdf()).stream().filter(w -> w.text().equals("зач")).count();
        assertThat(journal.marks()).hasSizeGreaterThan(2500);
        assertThat(printed).isEqualTo(journal.marks().size());
        assertThat(text).contains("Тема урока 200");
    }

    @Test
    void thePageCountGrowsWithStudentsAndLessons() {
        var report = new ClassJournalReport(engine);
        int small = report.render(journal(10, 20), "s").pages();
        int moreLessons = report.render(journal(10, 200), "l").pages();
        int moreStudents = report.render(journal(40, 200), "ls").pages();
        assertThat(small).isLessThan(moreLessons);
        assertThat(moreLessons).isLessThan(moreStudents);
    }

    static ClassJournal journal(int studentCount, int lessonCount) {
        var from = LocalDate.of(2025, 9, 1);
        var students = new ArrayList<ClassJournal.Student>();
        for (int i = 0; i < studentCount; i++)
            students.add(new ClassJournal.Student(i + 1, "s" + i, SURNAMES[i] + " Константин Александрович", from, null));
        var lessons = new ArrayList<ClassJournal.Lesson>();
        var marks = new ArrayList<ClassJournal.Mark>();
        LocalDate day = from;
        for (int j = 0; j < lessonCount; j++) {
            day = day.plusDays(j % 5 == 4 ? 3 : 1);
            lessons.add(new ClassJournal.Lesson(j + 1, "l" + j, day, 2, "Тема урока " + (j + 1), "§ " + (j + 1), null,
                    "Иванова М. П.", null, true, null));
            for (int i = 0; i < studentCount; i++) {
                if ((i + j) % 3 == 0) marks.add(new ClassJournal.Mark("l" + j, "s" + i, "зач", "З", BigDecimal.ONE));
            }
        }
        return new ClassJournal("Школа № 1", "Директорова Д. Д.", "2025/26", "c", "7Б", "Петрова П. П.", "x", "Физика",
                List.of("Иванова М. П."), new ClassJournal.Scope(null, "учебный год 2025/26", from, day), List.of(),
                students, lessons, marks, List.of(), List.of());
    }
}
