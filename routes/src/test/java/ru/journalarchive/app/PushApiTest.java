package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.testing.TableState;

/** The push API over HTTP: the demo year, re-sends, every rejection, tokens and corrections. */
class PushApiTest extends ServiceTestBase {

    @BeforeEach
    void demoYear() throws Exception {
        loadDemoSchoolOnce();
    }

    @Test
    void theDemoYearPushedOverHttpIsStoredWithTheGeneratorsCounts() {
        demo.distinctRecords().forEach((section, count) -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM " + TableState.TABLE_OF_SECTION.get(section) + " WHERE school_id = (SELECT id FROM school WHERE code = 'demo')",
                Long.class)).as(section).isEqualTo(count.longValue()));
        assertThat(demo.distinctRecords().get("marks")).isGreaterThan(400_000);
        assertThat(demo.distinctRecords().get("students")).isEqualTo(1000);
    }

    @Test
    void resendingTheWholeYearChangesNoRow() throws Exception {
        TableState before = TableState.of(jdbc);
        for (Batch b : demo.batches()) {
            var response = push("demo", demoToken, json.writeValueAsBytes(b));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("alreadyApplied").asBoolean()).isTrue();
        }
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void everyProblemOfABatchIsReportedAndNothingIsWritten() throws Exception {
        Batch month = demo.batches().get(2);
        Batch.Mark m = month.marks().get(0);
        Batch.Lesson lesson = month.lessons().stream().filter(l -> l.id().equals(m.lessonId())).findFirst().orElseThrow();
        String strangerId = demo.batches().get(0).enrollments().stream()
                .filter(e -> !e.classId().equals(lesson.classId())).findFirst().orElseThrow().studentId();
        var marks = List.of(
                new Batch.Mark("new-1", m.lessonId(), m.studentId(), "6", "О", null, m.enteredAt()),
                new Batch.Mark("new-2", "no-such-lesson", m.studentId(), "5", "О", null, m.enteredAt()),
                new Batch.Mark("new-3", m.lessonId(), "no-such-student", "5", "О", null, m.enteredAt()),
                new Batch.Mark("new-1", m.lessonId(), m.studentId(), "4", "О", null, m.enteredAt()),
                new Batch.Mark("new-4", m.lessonId(), strangerId, "4", "О", null, m.enteredAt()),
                new Batch.Mark("new-5", m.lessonId(), m.studentId(), "5", "О", new BigDecimal("-1"), m.enteredAt()));
        var attendance = List.of(new Batch.Attendance("new-a1", m.lessonId(), m.studentId(), "прогул", m.enteredAt()));
        var lessons = List.of(new Batch.Lesson("new-l1", lesson.classId(), null, lesson.subjectId(), lesson.teacherId(),
                null, java.time.LocalDate.of(2026, 8, 20), 1, "Тема", null, null, true, null, null, null, null, null));
        Batch bad = new Batch("bad-batch", null, null, null, null, null, null, null, null, null, null, null, lessons,
                marks, attendance, null, null, null, null);
        TableState before = TableState.of(jdbc);
        var response = push("demo", demoToken, json.writeValueAsBytes(bad));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        List<String> paths = new ArrayList<>();
        body(response).get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).containsExactlyInAnyOrder("marks[0].value", "marks[1].lessonId", "marks[2].studentId",
                "marks[3].id", "marks[4].studentId", "marks[5].weight", "attendance[0].code", "lessons[0].date");
        List<String> messages = new ArrayList<>();
        body(response).get("errors").forEach(e -> messages.add(e.get("path").asText() + " " + e.get("message").asText()));
        assertThat(messages).anySatisfy(t -> assertThat(t).startsWith("marks[0].value Отметка «6» не входит в шкалу школы"))
                .anySatisfy(t -> assertThat(t).startsWith("marks[4].studentId Ученик «" + strangerId + "» не числится в классе"))
                .anySatisfy(t -> assertThat(t).startsWith("lessons[0].date Дата 20.08.2026 вне учебного года 2025/26"));
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void malformedJsonIs400AndWritesNothing() throws Exception {
        TableState before = TableState.of(jdbc);
        var broken = push("demo", demoToken, "{\"batchId\": \"x\", \"marks\": [".getBytes());
        assertThat(broken.statusCode()).isEqualTo(400);
        var wrongType = push("demo", demoToken, "{\"batchId\": \"x\", \"lessons\": [{\"id\": \"l\", \"date\": \"14.10.2025\"}]}".getBytes());
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(body(wrongType).get("errors").get(0).get("path").asText()).isEqualTo("lessons[0].date");
        var unknownField = push("demo", demoToken, "{\"batchId\": \"x\", \"mark\": []}".getBytes());
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(body(unknownField).get("errors").get(0).get("message").asText()).isEqualTo("Неизвестное поле «mark»");
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void tokensAreCheckedAndScopedToTheirSchool() throws Exception {
        byte[] batch = json.writeValueAsBytes(demo.batches().get(1));
        TableState before = TableState.of(jdbc);
        assertThat(push("demo", null, batch).statusCode()).isEqualTo(401);
        assertThat(push("demo", "ja_not-a-token", batch).statusCode()).isEqualTo(401);
        var crossSchool = push("demo", otherToken, batch);
        assertThat(crossSchool.statusCode()).isEqualTo(403);
        assertThat(body(crossSchool).get("errors")).isNotEmpty();
        assertThat(push("no-such-school", demoToken, batch).statusCode()).isEqualTo(403);
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void anAdministratorIssuesAndRevokesTokens() throws Exception {
        var issued = admin("POST", "/api/v1/admin/schools/other/tokens", "{\"label\": \"second system\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String token = body(issued).get("token").asText();
        long id = body(issued).get("id").asLong();
        Batch empty = Batch.empty("other-1");
        var withToken = push("other", token, json.writeValueAsBytes(empty));
        assertThat(withToken.statusCode()).isEqualTo(422);
        assertThat(body(withToken).get("errors").get(0).get("message").asText()).isEqualTo("Пакет не содержит ни одной записи");
        assertThat(admin("DELETE", "/api/v1/admin/tokens/" + id, null).statusCode()).isEqualTo(204);
        assertThat(push("other", token, json.writeValueAsBytes(empty)).statusCode()).isEqualTo(401);
        var schoolTokenOnAdminApi = http.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/admin/schools"))
                .header("Authorization", "Bearer " + demoToken).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(schoolTokenOnAdminApi.statusCode()).isEqualTo(403);
    }

    @Test
    void aBatchIdReusedForOtherContentIs409() throws Exception {
        Batch original = demo.batches().get(1);
        Batch altered = new Batch(original.batchId(), null, null, null, null, null, null, null, null, null, null, null,
                List.of(original.lessons().get(0)), null, null, null, null, null, null);
        TableState before = TableState.of(jdbc);
        assertThat(push("demo", demoToken, json.writeValueAsBytes(altered)).statusCode()).isEqualTo(409);
        assertThat(TableState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aCorrectedMarkIsAppliedAndItsHistoryKept() throws Exception {
        Batch.Mark original = demo.batches().stream().filter(b -> b.batchId().equals("demo-2025-11")).findFirst()
                .orElseThrow().marks().get(5);
        String corrected = original.value().equals("3") ? "4" : "3";
        var fix = new Batch.Mark(original.id(), original.lessonId(), original.studentId(), corrected,
                original.workType(), original.weight(), OffsetDateTime.parse("2026-01-20T09:00:00+03:00"));
        Batch batch = new Batch("correction-http-1", null, null, null, null, null, null, null, null, null, null, null,
                null, List.of(fix), null, null, null, null, null);
        var response = push("demo", demoToken, json.writeValueAsBytes(batch));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).at("/sections/marks/updated").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT value FROM mark WHERE source_id = ?", String.class, original.id()))
                .isEqualTo(corrected);
        var history = jdbc.queryForMap("""
                SELECT old_row ->> 'value' AS was, new_row ->> 'value' AS now, batch_id, actor FROM journal_change
                WHERE table_name = 'mark' AND source_id = ?""", original.id());
        assertThat(history).containsEntry("was", original.value()).containsEntry("now", corrected)
                .containsEntry("batch_id", "correction-http-1").containsEntry("actor", "demo/journal-system");
    }

    @Test
    void theApiIsDescribedByOpenApiWithExamples() throws Exception {
        var response = http.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/openapi.json")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode post = body(response).at("/paths/~1api~1v1~1schools~1{school}~1batches/post");
        assertThat(post.at("/requestBody/content/application~1json/examples")).isNotEmpty();
        assertThat(post.at("/responses/422/content/application~1problem+json/examples/пакет/value")).isNotEmpty();
        assertThat(body(response).at("/components/schemas/Batch/properties/marks")).isNotEmpty();
    }
}
