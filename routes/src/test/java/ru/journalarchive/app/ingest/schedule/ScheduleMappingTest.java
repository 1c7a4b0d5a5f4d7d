package ru.journalarchive.app.ingest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.Problem;

/** The Schedule document as a batch, with the code tables of application.yml as the service binds them. */
class ScheduleMappingTest {

    static final com.fasterxml.jackson.databind.ObjectReader JSON =
            ScheduleIngestion.reader(JsonMapper.builder().findAndAddModules().build());
    static final ScheduleCodes CODES = defaults();

    static ScheduleCodes defaults() {
        try {
            var sources = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind("journal-archive.ingest.schedule", ScheduleCodes.class).get();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static MappedSchedule map(String json, ScheduleCodes codes) throws Exception {
        return ScheduleMapping.map(JSON.readValue(json), "schedule:test", codes.forSchool("sch"));
    }

    static final String LESSON = """
            {"id": "L-1", "eduGroup": {"id": "5A"}, "subgroup": {"id": "5A-g1"}, "subject": {"id": "math"},
             "teacher": {"id": "T-1"}, "period": {"start": "2025-10-14T09:25:00+03:00", "end": "2025-10-14T10:10:00+03:00"},
             "number": 2, "topic": "Дроби", "homework": "№ 1",
             "attendance": {"code": " оп "},
             "score": [{"code": "Д", "weight": 2, "score": "5", "score2": "4", "scoreSystem": "Five-Point"},
                       {"code": "О", "score": "Зачтено", "scoreSystem": "credit"}]}""";

    @Test
    void theDefaultTablesBindWithTheirCyrillicKeys() {
        ScheduleCodes.Codes codes = CODES.forSchool("any");
        assertThat(codes.attendance("Н")).isEqualTo("н");
        assertThat(codes.attendance("б")).isEqualTo("б");
        assertThat(codes.attendance("УП")).isEqualTo("у");
        assertThat(codes.attendance("П")).isEmpty();
        assertThat(codes.attendance("X")).isNull();
        assertThat(codes.system("credit").get("не зачтено")).isEqualTo("незач");
        assertThat(codes.system("five-point").get("н/а")).isEqualTo("н/а");
        assertThat(codes.systems()).isEqualTo("five-point, credit");
    }

    @Test
    void aLessonWithItsAttendanceAndScoresBecomesTheBatchRecordsOfThePerson() throws Exception {
        MappedSchedule mapped = map("{\"resourceType\": \"Schedule\", \"person\": {\"id\": \"S-1\"}, \"lesson\": [" + LESSON + "]}", CODES);
        assertThat(mapped.problems()).isEmpty();
        Batch b = mapped.batch();
        assertThat(b.batchId()).isEqualTo("schedule:test");
        assertThat(b.lessons()).containsExactly(new Batch.Lesson("L-1", "5A", "5A-g1", "math", "T-1", null,
                LocalDate.of(2025, 10, 14), 2, "Дроби", "№ 1", null, null, null, null, null, null, null));
        OffsetDateTime end = OffsetDateTime.parse("2025-10-14T10:10:00+03:00");
        assertThat(b.marks()).containsExactly(
                new Batch.Mark("fgis:L-1:S-1:s0", "L-1", "S-1", "5", "Д", new BigDecimal("2"), end),
                new Batch.Mark("fgis:L-1:S-1:s0.2", "L-1", "S-1", "4", "Д", new BigDecimal("2"), end),
                new Batch.Mark("fgis:L-1:S-1:s1", "L-1", "S-1", "зач", "О", null, end));
        assertThat(b.attendance()).containsExactly(new Batch.Attendance("fgis:L-1:S-1:a", "L-1", "S-1", "о",
                OffsetDateTime.parse("2025-10-14T09:25:00+03:00")));
        assertThat(b.deletions()).isEmpty();
    }

    @Test
    void aLessonsDayIsTheSchoolsDayNotUtcs() throws Exception {
        String vladivostok = LESSON.replace("2025-10-14T09:25:00+03:00", "2025-10-14T08:00:00+10:00")
                .replace("2025-10-14T10:10:00+03:00", "2025-10-14T08:45:00+10:00");
        MappedSchedule mapped = map("{\"person\": {\"id\": \"S-1\"}, \"lesson\": [" + vladivostok + "]}", CODES);
        assertThat(mapped.batch().lessons().get(0).date()).isEqualTo(LocalDate.of(2025, 10, 14));
    }

    @Test
    void aScoreSentAsANumberIsReadAsItsTextAndALessonEndingBeforeItStartsIsAProblem() throws Exception {
        String lesson = LESSON.replace("\"score\": \"5\"", "\"score\": 5")
                .replace("2025-10-14T10:10:00+03:00", "2025-10-14T09:00:00+03:00");
        MappedSchedule mapped = map("{\"person\": {\"id\": \"S-1\"}, \"lesson\": [" + lesson + "]}", CODES);
        assertThat(mapped.batch().marks().get(0).value()).isEqualTo("5");
        assertThat(mapped.problems()).containsExactly(new Problem("lesson[0].period.end", "Урок заканчивается раньше, чем начинается"));
    }

    @Test
    void aPresenceCodeRemovesAnEarlierAbsenceOfTheLesson() throws Exception {
        MappedSchedule mapped = map("{\"person\": {\"id\": \"S-1\"}, \"lesson\": [" + LESSON.replace(" оп ", "П") + "]}", CODES);
        assertThat(mapped.batch().attendance()).isEmpty();
        assertThat(mapped.batch().deletions()).containsExactly(new Batch.Deletion("attendance", "fgis:L-1:S-1:a"));
    }

    @Test
    void unknownCodesAreProblemsThatNameThemAndTheirRecordsAreLeftOut() throws Exception {
        String lesson = LESSON.replace(" оп ", "ПР").replace("\"Five-Point\"", "\"ten-point\"").replace("Зачтено", "отл");
        MappedSchedule mapped = map("{\"resourceType\": \"Bundle\", \"lesson\": [" + lesson + ", null]}", CODES);
        assertThat(mapped.problems()).extracting(Problem::path).containsExactly("resourceType", "person.id",
                "lesson[0].attendance.code", "lesson[0].score[0].scoreSystem", "lesson[0].score[1].score", "lesson[1]");
        assertThat(mapped.problems().get(2).message()).isEqualTo(
                "Код посещаемости «ПР» неизвестен: его нет в таблице соответствия кодов (известны: Н, Б, УП, ОП, П)");
        assertThat(mapped.problems().get(3).message()).contains("«ten-point»").contains("five-point, credit");
        assertThat(mapped.problems().get(4).message()).contains("«отл»").contains("«credit»").contains("зачтено");
        assertThat(mapped.batch().marks()).isEmpty();
        assertThat(mapped.batch().attendance()).isEmpty();
        assertThat(mapped.batch().lessons()).hasSize(1);
    }

    @Test
    void aSchoolsOwnEntriesAreAddedOverTheDefaults() throws Exception {
        var school = new ScheduleCodes.Tables(Map.of("НП", "н", "Б", "у"), Map.of("ten-point", Map.of("10", "5")));
        var codes = new ScheduleCodes(CODES.attendanceCodes(), CODES.scoreSystems(), Map.of("sch", school));
        String lesson = LESSON.replace(" оп ", "нп").replace("\"Five-Point\"", "\"ten-point\"").replace("\"5\"", "\"10\"")
                .replace(", \"score2\": \"4\"", "");
        MappedSchedule mapped = map("{\"person\": {\"id\": \"S-1\"}, \"lesson\": [" + lesson + "]}", codes);
        assertThat(mapped.problems()).isEmpty();
        assertThat(mapped.batch().attendance().get(0).code()).isEqualTo("н");
        assertThat(mapped.batch().marks()).extracting(Batch.Mark::value).containsExactly("5", "зач");
        assertThat(codes.forSchool("sch").attendance("б")).isEqualTo("у");
        assertThat(codes.forSchool("other").attendance("б")).isEqualTo("б");
    }

    @Test
    void theBatchsProblemsPointIntoTheDocument() throws Exception {
        MappedSchedule mapped = map("{\"person\": {\"id\": \"S-1\"}, \"lesson\": [" + LESSON + ", " + LESSON.replace("L-1", "L-2") + "]}", CODES);
        List<Problem> translated = mapped.translate(List.of(
                new Problem("lessons[1].subjectId", "Предмет не найден"),
                new Problem("marks[4].value", "Отметка не входит в шкалу"),
                new Problem("marks[3].studentId", "Ученик не числится в классе"),
                new Problem("marks[5].studentId", "Ученик не числится в классе"),
                new Problem("attendance[1].code", "Код не принят"),
                new Problem("lessons[1].id", "Идентификатор повторяется (уже был в lessons[0])"),
                new Problem("", "Пакет не содержит ни одной записи")));
        assertThat(translated).containsExactly(
                new Problem("lesson[1].subject.id", "Предмет не найден"),
                new Problem("lesson[1].score[0].score2", "Отметка не входит в шкалу"),
                new Problem("person.id", "Ученик не числится в классе"),
                new Problem("lesson[1].attendance.code", "Код не принят"),
                new Problem("lesson[1].id", "Идентификатор повторяется (уже был в lesson[0])"),
                new Problem("", "Пакет не содержит ни одной записи"));
    }

    @Test
    void aLessonTwiceInTheDocumentIsReportedOnceAndAnOverlongIdIsHashed() throws Exception {
        String longId = "L-" + "9".repeat(120);
        MappedSchedule mapped = map("{\"person\": {\"id\": \"S-1\"}, \"lesson\": [" + LESSON.replace("L-1", longId) + ", "
                + LESSON.replace("L-1", longId) + "]}", CODES);
        assertThat(mapped.problems()).extracting(Problem::path).containsExactly("lesson[1].id");
        assertThat(mapped.batch().marks()).allSatisfy(m -> assertThat(m.id()).startsWith("fgis:").hasSize(45));
        assertThat(mapped.batch().marks()).extracting(Batch.Mark::id).doesNotHaveDuplicates();
    }
}
