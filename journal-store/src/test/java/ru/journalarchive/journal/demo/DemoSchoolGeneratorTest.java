package ru.journalarchive.journal.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.journalarchive.journal.ingest.Batch;

/** The demo school reads like a real one: DOMAIN.md's vocabulary, calendar and arithmetic. */
class DemoSchoolGeneratorTest {

    static final DemoData SMALL = DemoSchoolGenerator.generate(new DemoOptions(11, 150, 2025));

    @Test
    void theSameSeedGivesTheSameSchoolAndAnotherSeedAnotherOne() throws Exception {
        var json = DemoData.json();
        DemoData again = DemoSchoolGenerator.generate(new DemoOptions(11, 150, 2025));
        DemoData other = DemoSchoolGenerator.generate(new DemoOptions(12, 150, 2025));
        assertThat(json.writeValueAsString(again.batches())).isEqualTo(json.writeValueAsString(SMALL.batches()));
        assertThat(json.writeValueAsString(other.batches().get(0).students()))
                .isNotEqualTo(json.writeValueAsString(SMALL.batches().get(0).students()));
    }

    @Test
    void surnamesAndPatronymicsAgreeWithGender() {
        assertThat(RussianNames.feminine("Иванов")).isEqualTo("Иванова");
        assertThat(RussianNames.feminine("Воробьёв")).isEqualTo("Воробьёва");
        assertThat(RussianNames.feminine("Никитин")).isEqualTo("Никитина");
        assertThat(RussianNames.feminine("Вишневский")).isEqualTo("Вишневская");
        assertThat(RussianNames.feminine("Белецкий")).isEqualTo("Белецкая");
        assertThat(RussianNames.feminine("Толстой")).isEqualTo("Толстая");
        assertThat(RussianNames.feminine("Шевченко")).isEqualTo("Шевченко");
        assertThat(RussianNames.feminine("Черных")).isEqualTo("Черных");
        for (Batch.Student s : SMALL.batches().get(0).students()) {
            if (s.gender().equals("F")) {
                assertThat(s.middleName()).as(s.toString()).matches(".*(вна|чна)");
                assertThat(s.lastName()).as(s.toString()).doesNotMatch(".*(ов|ев|ёв|ин|ский|цкий)");
            } else {
                assertThat(s.middleName()).as(s.toString()).matches(".*(вич|ич)");
                assertThat(s.lastName()).as(s.toString()).doesNotMatch(".*(ова|ева|ина|ская|цкая)");
            }
        }
    }

    @Test
    void lessonsFallOnSchoolDaysOnly() {
        var calendar = new SchoolCalendar(2025);
        assertThat(calendar.isSchoolDay(LocalDate.of(2025, 9, 1))).isTrue();
        assertThat(calendar.isSchoolDay(LocalDate.of(2025, 11, 4))).as("День народного единства").isFalse();
        assertThat(calendar.isSchoolDay(LocalDate.of(2025, 10, 29))).as("осенние каникулы").isFalse();
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 1, 5))).as("зимние каникулы").isFalse();
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 3, 9))).as("8 марта в воскресенье → 9 марта").isFalse();
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 3, 25))).as("весенние каникулы").isFalse();
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 5, 27))).as("после окончания учебного года").isFalse();
        for (Batch b : SMALL.batches()) {
            for (Batch.Lesson l : b.lessons()) {
                assertThat(l.date().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                assertThat(calendar.isSchoolDay(l.date())).as(l.id()).isTrue();
            }
        }
    }

    @Test
    void firstGradersGetNoMarksAndOthersGetMarksOfTheScale() {
        Map<String, Integer> gradeOfClass = new HashMap<>();
        SMALL.batches().get(0).classes().forEach(c -> gradeOfClass.put(c.id(), c.grade()));
        Map<String, String> classOfLesson = new HashMap<>();
        SMALL.batches().forEach(b -> b.lessons().forEach(l -> classOfLesson.put(l.id(), l.classId())));
        List<Batch.Mark> marks = SMALL.batches().stream().flatMap(b -> b.marks().stream()).toList();
        assertThat(marks).isNotEmpty().allSatisfy(m -> {
            assertThat(gradeOfClass.get(classOfLesson.get(m.lessonId()))).isGreaterThan(1);
            assertThat(m.value()).isIn("2", "3", "4", "5");
        });
        assertThat(marks).anySatisfy(m -> assertThat(m.weight()).isEqualByComparingTo("2"));
    }

    /** Most period marks are the weighted average rounded half up; about 1 % deviate on purpose. */
    @Test
    void periodMarksFollowTheWeightedAverage() {
        Map<String, String> dayOfLesson = new HashMap<>();
        SMALL.batches().forEach(b -> b.lessons().forEach(l -> dayOfLesson.put(l.id(), l.date().toString())));
        Map<String, Batch.Period> periods = new HashMap<>();
        SMALL.batches().get(0).periods().forEach(p -> periods.put(p.id(), p));
        List<Batch.Mark> marks = SMALL.batches().stream().flatMap(b -> b.marks().stream()).toList();
        Map<String, Map<String, List<Batch.Mark>>> marksByStudent = new HashMap<>();
        Map<String, String> subjectOfLesson = new HashMap<>();
        SMALL.batches().forEach(b -> b.lessons().forEach(l -> subjectOfLesson.put(l.id(), l.subjectId())));
        marks.forEach(m -> marksByStudent.computeIfAbsent(m.studentId(), k -> new HashMap<>())
                .computeIfAbsent(subjectOfLesson.get(m.lessonId()), k -> new java.util.ArrayList<>()).add(m));
        int agree = 0;
        int numeric = 0;
        for (Batch b : SMALL.batches()) {
            for (Batch.PeriodMark pm : b.periodMarks()) {
                if (pm.periodId() == null || !pm.value().matches("[2-5]")) continue;
                Batch.Period p = periods.get(pm.periodId());
                BigDecimal sum = BigDecimal.ZERO;
                BigDecimal weights = BigDecimal.ZERO;
                for (Batch.Mark m : marksByStudent.get(pm.studentId()).getOrDefault(pm.subjectId(), List.of())) {
                    LocalDate day = LocalDate.parse(dayOfLesson.get(m.lessonId()));
                    if (day.isBefore(p.startDate()) || day.isAfter(p.endDate())) continue;
                    sum = sum.add(new BigDecimal(m.value()).multiply(m.weight()));
                    weights = weights.add(m.weight());
                }
                int expected = sum.divide(weights, 2, RoundingMode.HALF_UP).setScale(0, RoundingMode.HALF_UP).intValue();
                numeric++;
                if (expected == Integer.parseInt(pm.value())) agree++;
            }
        }
        assertThat(numeric).isGreaterThan(1000);
        assertThat((double) agree / numeric).isBetween(0.97, 0.999);
    }
}
