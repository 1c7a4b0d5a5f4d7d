package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.testing.TableState;

/**
 * ФГИС «Моя школа» Schedule documents on the push API: one student's September pushed as a Schedule
 * document to one school and as the equivalent batch to another gives the same journal; a bad
 * document is refused whole with each problem's path into the document.
 */
class SchedulePushTest extends ServiceTestBase {

    static final String SCHEDULE_TYPE = "application/vnd.fgis-schedule+json";
    static final String FGIS = "sched-fgis";
    static final String BATCH = "sched-batch";
    static final ZoneOffset MSK = ZoneOffset.ofHours(3);
    /** The reverse of the default attendance table (application.yml). */
    static final Map<String, String> SOURCE_CODE = Map.of("н", "Н", "б", "Б", "у", "УП", "о", "ОП");

    static DemoData data;
    static String fgisToken;
    static String batchToken;
    static Batch september;
    static String student;
    static String classId;

    /** Two schools of their own with the same roster, so that the demo school's counts stay as they are. */
    @BeforeEach
    void twoSchoolsWithTheSameRoster() throws Exception {
        synchronized (SchedulePushTest.class) {
            if (data != null) return;
            registry.register(FGIS, "Школа, что присылает Schedule");
            registry.register(BATCH, "Школа, что присылает пакеты");
            fgisToken = registry.issueToken(FGIS, "regional-system").token();
            batchToken = registry.issueToken(BATCH, "journal-system").token();
            DemoData generated = DemoSchoolGenerator.generate(new DemoOptions(11, 40, 2025));
            for (String school : List.of(FGIS, BATCH)) {
                var response = push(school, school.equals(FGIS) ? fgisToken : batchToken,
                        json.writeValueAsBytes(generated.batches().get(0)));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            september = generated.batches().get(1);
            student = studentWithTheMostToShow(generated);
            classId = generated.batches().get(0).enrollments().stream().filter(e -> e.studentId().equals(student))
                    .findFirst().orElseThrow().classId();
            data = generated;
        }
    }

    /** A student who stays in the class all September, with absences and a dictation's two marks («5/4»). */
    private static String studentWithTheMostToShow(DemoData generated) {
        Set<String> moved = september.enrollments().stream().map(Batch.Enrollment::studentId).collect(Collectors.toSet());
        Map<String, Long> absences = september.attendance().stream()
                .collect(Collectors.groupingBy(Batch.Attendance::studentId, Collectors.counting()));
        Set<String> dictations = september.marks().stream().filter(m -> m.workType().equals("Д"))
                .map(Batch.Mark::studentId).collect(Collectors.toSet());
        return generated.batches().get(0).students().stream().map(Batch.Student::id)
                .filter(s -> !moved.contains(s) && dictations.contains(s))
                .max(Comparator.comparing(s -> absences.getOrDefault(s, 0L))).orElseThrow();
    }

    static OffsetDateTime start(Batch.Lesson l) {
        return OffsetDateTime.of(l.date(), LocalTime.of(8, 0).plusMinutes(55L * (l.number() - 1)), MSK);
    }

    static OffsetDateTime end(Batch.Lesson l) {
        return start(l).plusMinutes(45);
    }

    /** The lessons of the student's class on the first {@code days} school days of September. */
    static List<Batch.Lesson> lessons(int days) {
        var dates = september.lessons().stream().filter(l -> l.classId().equals(classId)).map(Batch.Lesson::date)
                .distinct().sorted().limit(days).toList();
        return september.lessons().stream().filter(l -> l.classId().equals(classId) && dates.contains(l.date())).toList();
    }

    /** The Schedule document of the student for these lessons, as a regional system would serve it. */
    static Map<String, Object> scheduleOf(List<Batch.Lesson> lessons) {
        var lessonList = new ArrayList<Map<String, Object>>();
        int n = 0;
        for (Batch.Lesson l : lessons) {
            var lesson = new LinkedHashMap<String, Object>();
            lesson.put("id", l.id());
            lesson.put("eduGroup", Map.of("id", l.classId()));
            lesson.put("subject", Map.of("id", l.subjectId(), "name", "не используется"));
            lesson.put("teacher", Map.of("id", l.teacherId()));
            lesson.put("period", Map.of("start", start(l).toString(), "end", end(l).toString()));
            lesson.put("number", l.number());
            if (l.topic() != null) lesson.put("topic", l.topic());
            if (l.homework() != null) lesson.put("homework", l.homework());
            september.attendance().stream().filter(a -> a.lessonId().equals(l.id()) && a.studentId().equals(student))
                    .findFirst().ifPresentOrElse(a -> lesson.put("attendance", Map.of("code", SOURCE_CODE.get(a.code()))),
                            // present: said in every other lesson, left out in the rest
                            () -> { if (lessonList.size() % 2 == 0) lesson.put("attendance", Map.of("code", "П")); });
            var scores = new ArrayList<Map<String, Object>>();
            List<Batch.Mark> marks = september.marks().stream()
                    .filter(m -> m.lessonId().equals(l.id()) && m.studentId().equals(student)).toList();
            for (int i = 0; i < marks.size(); i++) {
                Batch.Mark m = marks.get(i);
                var score = new LinkedHashMap<String, Object>();
                score.put("code", m.workType());
                score.put("weight", m.weight());
                score.put("score", m.value());
                // a dictation's two marks are one cell «5/4»
                if (m.workType().equals("Д") && i + 1 < marks.size() && marks.get(i + 1).workType().equals("Д"))
                    score.put("score2", marks.get(++i).value());
                score.put("scoreSystem", "five-point");
                scores.add(score);
            }
            if (!scores.isEmpty()) lesson.put("score", scores);
            lessonList.add(lesson);
            n++;
        }
        assertThat(n).isPositive();
        var document = new LinkedHashMap<String, Object>();
        document.put("resourceType", "Schedule");
        document.put("person", Map.of("id", student));
        document.put("lesson", lessonList);
        return document;
    }

    /**
     * The same as a batch of the push format, with the demo's own record ids: what the Schedule contract
     * does not carry (substitutes, control types, entry times) as the mapping documents it.
     */
    static Batch equivalentBatch(List<Batch.Lesson> lessons) {
        Map<String, Batch.Lesson> byId = lessons.stream().collect(Collectors.toMap(Batch.Lesson::id, Function.identity()));
        var batchLessons = lessons.stream().map(l -> new Batch.Lesson(l.id(), l.classId(), null, l.subjectId(), l.teacherId(),
                null, l.date(), l.number(), l.topic(), l.homework(), null, null, null, null, null, null, null)).toList();
        var marks = september.marks().stream().filter(m -> byId.containsKey(m.lessonId()) && m.studentId().equals(student))
                .map(m -> new Batch.Mark(m.id(), m.lessonId(), m.studentId(), m.value(), m.workType(), m.weight(),
                        end(byId.get(m.lessonId())))).toList();
        var attendance = september.attendance().stream()
                .filter(a -> byId.containsKey(a.lessonId()) && a.studentId().equals(student))
                .map(a -> new Batch.Attendance(a.id(), a.lessonId(), a.studentId(), a.code(), start(byId.get(a.lessonId()))))
                .toList();
        return new Batch("equivalent-" + student, null, null, null, null, null, null, null, null, null, null, null,
                batchLessons, marks, attendance, null, null, null, null);
    }

    HttpResponse<String> pushSchedule(String school, String token, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/schools/" + school + "/batches"))
                .header("Content-Type", SCHEDULE_TYPE).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The school's lessons, marks and attendance as rows of source ids and values, without the records' own ids. */
    Map<String, List<String>> journalOf(String school) {
        var rows = new LinkedHashMap<String, List<String>>();
        rows.put("lessons", jdbc.queryForList("""
                SELECT concat_ws('|', l.source_id, c.source_id, g.source_id, s.source_id, t.source_id, st.source_id,
                       l.lesson_date, l.lesson_number, l.topic, l.homework, l.control_type, l.took_place, l.comment,
                       l.topic_entered_at, l.homework_entered_at, l.took_place_entered_at, l.comment_entered_at)
                FROM lesson l JOIN school_class c ON c.id = l.class_id LEFT JOIN class_group g ON g.id = l.group_id
                JOIN subject s ON s.id = l.subject_id JOIN teacher t ON t.id = l.teacher_id
                LEFT JOIN teacher st ON st.id = l.substitute_teacher_id
                WHERE l.school_id = (SELECT id FROM school WHERE code = ?) ORDER BY 1""", String.class, school));
        rows.put("marks", jdbc.queryForList("""
                SELECT concat_ws('|', l.source_id, st.source_id, m.value, m.work_type, m.weight, m.entered_at)
                FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN student st ON st.id = m.student_id
                WHERE m.school_id = (SELECT id FROM school WHERE code = ?) ORDER BY 1""", String.class, school));
        rows.put("attendance", jdbc.queryForList("""
                SELECT concat_ws('|', l.source_id, st.source_id, a.code, a.entered_at)
                FROM attendance a JOIN lesson l ON l.id = a.lesson_id JOIN student st ON st.id = a.student_id
                WHERE a.school_id = (SELECT id FROM school WHERE code = ?) ORDER BY 1""", String.class, school));
        return rows;
    }

    @Test
    void aScheduleDocumentGivesTheSameLessonsMarksAndAttendanceAsItsEquivalentBatch() throws Exception {
        List<Batch.Lesson> lessons = lessons(31);
        Map<String, Object> document = scheduleOf(lessons);
        Batch equivalent = equivalentBatch(lessons);
        assertThat(equivalent.attendance()).as("absences to show").isNotEmpty();
        assertThat(equivalent.marks().stream().filter(m -> m.workType().equals("Д"))).as("a «5/4» cell").hasSizeGreaterThan(1);

        var pushed = pushSchedule(FGIS, fgisToken, json.writeValueAsBytes(document));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        JsonNode result = body(pushed);
        assertThat(result.get("batchId").asText()).startsWith("schedule:");
        assertThat(result.at("/sections/lessons/received").asInt()).isEqualTo(lessons.size());
        assertThat(result.at("/sections/marks/received").asInt()).isEqualTo(equivalent.marks().size());
        assertThat(result.at("/sections/attendance/received").asInt()).isEqualTo(equivalent.attendance().size());
        var batch = push(BATCH, batchToken, json.writeValueAsBytes(equivalent));
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);

        Map<String, List<String>> fromSchedule = journalOf(FGIS);
        assertThat(fromSchedule.get("lessons")).hasSize(lessons.size());
        assertThat(fromSchedule.get("marks")).hasSize(equivalent.marks().size());
        assertThat(fromSchedule.get("attendance")).hasSize(equivalent.attendance().size());
        assertThat(fromSchedule).isEqualTo(journalOf(BATCH));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM mark WHERE school_id = (SELECT id FROM school WHERE code = ?) "
                + "AND source_id LIKE ?", Integer.class, FGIS, "fgis:%:" + student + ":s%")).isEqualTo(equivalent.marks().size());
    }

    @Test
    void theSameDocumentTwiceOrAnOverlappingOneChangesNothing() throws Exception {
        List<Batch.Lesson> lessons = lessons(4);
        byte[] document = json.writeValueAsBytes(scheduleOf(lessons));
        var first = pushSchedule(FGIS, fgisToken, document);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);

        TableState before = TableState.of(jdbc);
        var again = pushSchedule(FGIS, fgisToken, document);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).get("alreadyApplied").asBoolean()).isTrue();
        assertThat(body(again).get("batchId").asText()).isEqualTo(body(first).get("batchId").asText());
        assertThat(TableState.of(jdbc)).isEqualTo(before);

        // the next day's document repeats these lessons in other bytes: new batch, no record changed
        byte[] overlapping = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(scheduleOf(lessons.subList(0, lessons.size() / 2)));
        var next = pushSchedule(FGIS, fgisToken, overlapping);
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(body(next).get("alreadyApplied").asBoolean()).isFalse();
        body(next).get("sections").forEach(c -> assertThat(c.get("inserted").asInt() + c.get("updated").asInt()).isZero());
        TableState after = TableState.of(jdbc);
        for (String table : List.of("lesson", "mark", "attendance", "journal_change"))
            assertThat(after.checksums().get(table)).as(table).isEqualTo(before.checksums().get(table));
    }

    @Test
    void aBadDocumentGetsEveryProblemWithItsPathAndNothingIsWritten() throws Exception {
        List<Batch.Lesson> lessons = lessons(1);
        Batch.Lesson sample = lessons.get(0);
        String otherClass = data.batches().get(0).classes().stream().map(Batch.SchoolClass::id)
                .filter(c -> !c.equals(classId)).findFirst().orElseThrow();
        var bad = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 6; i++) {
            var lesson = new LinkedHashMap<String, Object>();
            lesson.put("id", "bad-lesson-" + i);
            lesson.put("eduGroup", Map.of("id", classId));
            lesson.put("subject", Map.of("id", sample.subjectId()));
            lesson.put("teacher", Map.of("id", sample.teacherId()));
            lesson.put("period", Map.of("start", start(sample).toString(), "end", end(sample).toString()));
            lesson.put("number", sample.number());
            lesson.put("score", List.of(Map.of("code", "О", "score", "5", "scoreSystem", "five-point")));
            bad.add(lesson);
        }
        bad.get(0).put("attendance", Map.of("code", "ПР"));
        bad.get(0).put("score", List.of(Map.of("code", "К", "score", "10", "scoreSystem", "ten-point"),
                Map.of("code", "О", "score", "7", "scoreSystem", "five-point"),
                Map.of("code", "О", "score", "4", "scoreSystem", "five-point")));
        bad.get(1).put("subject", Map.of("id", "no-such-subject"));
        bad.get(1).put("score", List.of(Map.of("code", "Ж", "score", "5", "scoreSystem", "five-point")));
        bad.get(2).remove("period");
        bad.get(2).put("attendance", Map.of("code", "Н"));
        bad.get(3).put("period", Map.of("start", "2026-08-20T08:00:00+03:00", "end", "2026-08-20T08:45:00+03:00"));
        bad.get(4).put("score", List.of(Map.of("code", "О", "score", "5", "weight", -1, "scoreSystem", "five-point")));
        bad.get(5).put("eduGroup", Map.of("id", otherClass));
        Map<String, Object> document = Map.of("resourceType", "Schedule", "person", Map.of("id", student), "lesson", bad);

        TableState before = TableState.of(jdbc);
        var response = pushSchedule(FGIS, fgisToken, json.writeValueAsBytes(document));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = body(response);
        assertThat(problem.get("title").asText()).isEqualTo("Пакет отклонён");
        var messages = new LinkedHashMap<String, String>();
        problem.get("errors").forEach(e -> messages.merge(e.get("path").asText(), e.get("message").asText(), (a, b) -> a + " / " + b));
        assertThat(messages.keySet()).as(problem.toString()).containsExactlyInAnyOrder(
                "lesson[0].attendance.code", "lesson[0].score[0].scoreSystem", "lesson[0].score[1].score",
                "lesson[1].subject.id", "lesson[1].score[0].code", "lesson[2].period.start", "lesson[3].period.start",
                "lesson[4].score[0].weight", "person.id");
        assertThat(messages.get("lesson[0].attendance.code")).contains("«ПР»");
        assertThat(messages.get("lesson[0].score[0].scoreSystem")).contains("«ten-point»");
        assertThat(messages.get("lesson[0].score[1].score")).contains("«7»").contains("«five-point»");
        assertThat(messages.get("lesson[1].subject.id")).contains("«no-such-subject»");
        assertThat(messages.get("lesson[1].score[0].code")).contains("«Ж»");
        assertThat(messages.get("lesson[2].period.start")).isEqualTo("Поле обязательно для заполнения");
        assertThat(messages.get("lesson[3].period.start")).contains("20.08.2026").contains("вне учебного года");
        assertThat(messages.get("person.id")).contains("«" + student + "»").contains("не числится в классе");
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void anUnknownAttendanceCodeIsRefusedWithItsPathAndTheCodeNamed() throws Exception {
        Map<String, Object> document = scheduleOf(lessons(1));
        @SuppressWarnings("unchecked")
        var lesson = (Map<String, Object>) ((List<Object>) document.get("lesson")).get(0);
        lesson.put("attendance", Map.of("code", "ХЗ"));
        TableState before = TableState.of(jdbc);
        var response = pushSchedule(FGIS, fgisToken, json.writeValueAsBytes(document));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode errors = body(response).get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("path").asText()).isEqualTo("lesson[0].attendance.code");
        assertThat(errors.get(0).get("message").asText())
                .isEqualTo("Код посещаемости «ХЗ» неизвестен: его нет в таблице соответствия кодов (известны: Н, Б, УП, ОП, П)");
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aValueOfTheWrongTypeIs400WithItsPathInTheDocument() throws Exception {
        String document = "{\"person\": {\"id\": \"" + student + "\"}, \"lesson\": [{\"id\": \"x\", \"score\": "
                + "[{\"score\": \"5\", \"weight\": \"тяжёлая\"}]}]}";
        TableState before = TableState.of(jdbc);
        var response = pushSchedule(FGIS, fgisToken, document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body(response).at("/errors/0/path").asText()).isEqualTo("lesson[0].score[0].weight");
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void theApiDescriptionHasTheScheduleFormatWithAnExampleThatIsAccepted() throws Exception {
        JsonNode api = json.readTree(http.send(HttpRequest.newBuilder(uri("/api/v1/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode content = api.at("/paths/~1api~1v1~1schools~1{school}~1batches/post/requestBody/content");
        assertThat(content.has("application/json")).isTrue();
        JsonNode schedule = content.get(SCHEDULE_TYPE);
        assertThat(schedule.at("/schema/$ref").asText()).endsWith("/ScheduleDocument");
        assertThat(api.at("/components/schemas/ScheduleDocument/properties").has("lesson")).isTrue();
        // the document's records do not take the place of the push format's records of the same simple name
        assertThat(api.at("/components/schemas/ScheduleLesson/properties").has("eduGroup")).isTrue();
        assertThat(api.at("/components/schemas/Lesson/properties").has("classId")).isTrue();
        assertThat(api.at("/components/schemas/Attendance/properties").has("studentId")).isTrue();
        assertThat(api.at("/components/schemas/Period/properties").has("kind")).isTrue();
        JsonNode example = schedule.at("/examples/документ Schedule/value");
        assertThat(example.get("lesson")).isNotEmpty();
        assertThat(api.at("/paths/~1api~1v1~1schools~1{school}~1batches/post/responses/422/content/application~1problem+json/examples")
                .has("документ Schedule")).isTrue();

        // the example's lessons are of the class, subject and students of the push format's "все разделы" example
        registry.register("sched-docs", "Школа из примера Schedule");
        String token = registry.issueToken("sched-docs", "vendor").token();
        JsonNode everySection = content.at("/application~1json/examples/все разделы/value");
        assertThat(push("sched-docs", token, json.writeValueAsBytes(everySection)).statusCode()).isEqualTo(200);
        var pushed = pushSchedule("sched-docs", token, json.writeValueAsBytes(example));
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(200);
        assertThat(body(pushed).at("/sections/marks/inserted").asInt()).isEqualTo(2);
        assertThat(body(pushed).at("/sections/attendance/inserted").asInt()).isEqualTo(1);
    }

    @Test
    void anotherContentTypeIs415AndNamesBothFormats() throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/schools/" + FGIS + "/batches"))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + fgisToken)
                .POST(HttpRequest.BodyPublishers.ofString("id,value")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(body(response).get("detail").asText()).contains("application/json").contains(SCHEDULE_TYPE);
    }
}
