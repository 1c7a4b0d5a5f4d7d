package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.connectors.ConnectorSources;
import ru.journalarchive.app.connectors.ConnectorSync;
import ru.journalarchive.app.connectors.fake.FakeDnevnikRu;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.BatchIngestion;

/**
 * The Дневник.ру connector against a fake Дневник.ру serving a generated school year (a smaller school
 * than the demo's: 11 classes, 120 students, the whole year): pulled, it lands with the row counts the
 * generator's own push gives; pulled again it writes nothing; a mark changed or removed there is updated
 * or deleted here with its history; an expired token is refreshed; a class whose requests fail (500, a
 * timeout, broken JSON) or that has a work type without a mapping is reported with a clear error and
 * nothing of it written, while the other classes are applied; a source that keeps failing is marked and
 * does not stop the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnevnikRuConnectorTest extends ServiceTestBase {

    static final DemoOptions SCHOOL = new DemoOptions(17, 120, 2025);
    static final String SOURCE = "dnevnik-sch17";
    static final List<String> TABLES = List.of("academic_year", "study_period", "teacher", "subject", "school_class", "student",
            "enrollment", "lesson", "mark", "attendance", "period_mark");
    static DemoData data;
    static FakeDnevnikRu fake;
    static Path secret;

    @Autowired
    BatchIngestion ingestion;
    @Autowired
    ConnectorSync sync;
    @Autowired
    ConnectorSources sources;
    @Autowired
    org.quartz.Scheduler scheduler;

    @BeforeEach
    void setUp() throws Exception {
        synchronized (DnevnikRuConnectorTest.class) {
            if (fake != null) return;
            data = DemoSchoolGenerator.generate(SCHOOL);
            registry.register("sch17-push", "Школа № 17 (выгрузка генератора)");
            registry.register("sch17", "Школа № 17 (из Дневник.ру)");
            registry.register("sch17-other", "Школа № 17, второй источник");
            for (Batch b : data.batches()) {
                byte[] bytes = json.writeValueAsBytes(b);
                ingestion.ingest("sch17-push", b, MessageDigest.getInstance("SHA-256").digest(bytes), "DEMO", "test");
            }
            fake = new FakeDnevnikRu(data).numbered();
            secret = FakeDnevnikRu.clientSecretFile();
            defineSource(SOURCE, "sch17", FakeDnevnikRu.SCHOOL, Map.of(), Map.of());
            var authorized = admin("POST", "/api/v1/admin/connectors/" + SOURCE + "/authorization",
                    "{\"code\": \"" + FakeDnevnikRu.AUTH_CODE + "\"}");
            assertThat(authorized.statusCode()).as(authorized.body()).isEqualTo(204);
        }
    }

    @AfterAll
    static void stopFake() {
        if (fake != null) fake.close();
    }

    void defineSource(String code, String school, String remoteSchool, Map<String, String> classes, Map<String, String> workTypes)
            throws Exception {
        defineSource(code, school, remoteSchool, classes, workTypes, Map.of());
    }

    void defineSource(String code, String school, String remoteSchool, Map<String, String> classes, Map<String, String> workTypes,
                      Map<String, String> marks) throws Exception {
        var settings = FakeDnevnikRu.quickSettings();
        var body = new LinkedHashMap<String, Object>();
        body.put("school", school);
        body.put("kind", "DNEVNIK_RU");
        body.put("baseUrl", fake.baseUrl());
        body.put("remoteSchoolId", remoteSchool);
        body.put("classes", classes);
        body.put("credentials", "file:" + secret);
        body.put("mappings", Map.of("workTypes", workTypes, "marks", marks));
        body.put("settings", settings);
        var response = admin("PUT", "/api/v1/admin/connectors/" + code, json.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    JsonNode syncNow(String source, boolean full) throws Exception {
        return sync(source, "{\"full\": " + full + "}");
    }

    /** Two months of the year (the marks the tests change are early in it): quicker than the whole year. */
    JsonNode syncAutumn(String source) throws Exception {
        return sync(source, "{\"from\": \"2025-09-01\", \"to\": \"2025-10-31\"}");
    }

    JsonNode sync(String source, String ask) throws Exception {
        var started = admin("POST", "/api/v1/admin/connectors/" + source + "/syncs", ask);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = body(started).get("id").asLong();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        JsonNode report;
        do {
            Thread.sleep(200);
            report = body(admin("GET", "/api/v1/admin/connectors/" + source + "/syncs/" + id, null));
        } while (report.get("status").asText().equals("RUNNING") && System.nanoTime() < deadline);
        return report;
    }

    Map<String, Integer> counts(String school) {
        var counts = new LinkedHashMap<String, Integer>();
        for (String table : TABLES) {
            counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table + " t JOIN school s ON s.id = t.school_id WHERE s.code = ?",
                    Integer.class, school));
        }
        return counts;
    }

    int changes(String school) {
        return jdbc.queryForObject("SELECT count(*) FROM journal_change c JOIN school s ON s.id = c.school_id WHERE s.code = ?",
                Integer.class, school);
    }

    int batches(String school) {
        return jdbc.queryForObject("SELECT count(*) FROM ingest_batch b JOIN school s ON s.id = b.school_id WHERE s.code = ?",
                Integer.class, school);
    }

    /** The id the connector gives a mark of the generator's data: dnevnik:<group>:mark:<mark>. */
    String pulledMark(String classId, String markId) {
        return "dnevnik:" + fake.id(classId) + ":mark:" + fake.id(markId);
    }

    String storedValue(String markSourceId) {
        return jdbc.queryForList("SELECT m.value FROM mark m JOIN school s ON s.id = m.school_id WHERE s.code = 'sch17' AND m.source_id = ?",
                String.class, markSourceId).stream().findFirst().orElse(null);
    }

    JsonNode classReport(JsonNode report, String classId) {
        for (JsonNode c : report.get("classes")) if (c.get("remoteId").asText().equals(String.valueOf(fake.id(classId)))) return c;
        throw new AssertionError("no report of " + classId + " in " + report);
    }

    static String other(String value) {
        return value.equals("5") ? "4" : "5";
    }

    @Test
    @Order(1)
    void aWholeYearPulledLandsWithTheRowCountsOfThePush() throws Exception {
        long started = System.nanoTime();
        JsonNode report = syncNow(SOURCE, true);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("OK");
        assertThat(report.get("classes")).hasSize(data.batches().get(0).classes().size());
        report.get("classes").forEach(c -> assertThat(c.get("status").asText()).as(c.toString()).isEqualTo("OK"));
        assertThat(report.at("/totals/applied").asInt()).isPositive();
        assertThat(counts("sch17")).isEqualTo(counts("sch17-push"));
        assertThat(counts("sch17").get("mark")).isGreaterThan(10_000);
        // A homework text that only works?lesson= gives arrived too.
        Batch.Lesson lesson = fake.lessonWithHomeworkOnlyInWorks();
        assertThat(jdbc.queryForObject("SELECT homework FROM lesson WHERE source_id = ?", String.class,
                "dnevnik:" + fake.id(lesson.classId()) + ":lesson:" + fake.id(lesson.id()))).isEqualTo(lesson.homework());
        System.out.printf("full pull of %s: %d s, %d requests, %s%n", SOURCE, Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                fake.requests.get(), counts("sch17"));
        // The source's view: authorized, last success, not failing; the token is stored encrypted only.
        JsonNode view = body(admin("GET", "/api/v1/admin/connectors/" + SOURCE, null));
        assertThat(view.get("authorized").asBoolean()).isTrue();
        assertThat(view.get("failing").asBoolean()).isFalse();
        assertThat(view.at("/lastSync/status").asText()).isEqualTo("OK");
        byte[] stored = jdbc.queryForObject("SELECT refresh_token FROM connector_source WHERE code = ?", byte[].class, SOURCE);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(fake.lastRefreshToken());
        assertThat(sources.tokens(SOURCE).refreshToken()).isEqualTo(fake.lastRefreshToken());
    }

    @Test
    @Order(2)
    void aSecondPullWritesNothing() throws Exception {
        var before = counts("sch17");
        int changes = changes("sch17");
        int batches = batches("sch17");
        JsonNode report = syncNow(SOURCE, true);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("OK");
        report.get("classes").forEach(c -> {
            assertThat(c.get("alreadyApplied").asBoolean()).as(c.toString()).isTrue();
            assertThat(c.has("applied")).as(c.toString()).isFalse();
        });
        assertThat(counts("sch17")).isEqualTo(before);
        assertThat(changes("sch17")).isEqualTo(changes);
        assertThat(batches("sch17")).isEqualTo(batches);
    }

    @Test
    @Order(3)
    void aMarkChangedThereIsUpdatedHereWithItsHistoryAndOneRemovedIsDeleted() throws Exception {
        String changedClass = fake.classIds().get(3);
        String removedClass = fake.classIds().get(4);
        String changed = fake.firstMarkOf(changedClass);
        String removed = fake.firstMarkOf(removedClass);
        String oldValue = fake.marks.get(changed).value();
        JsonNode before = syncAutumn(SOURCE);
        assertThat(before.get("status").asText()).isEqualTo("OK");
        String originalBatch = classReport(before, changedClass).get("batchId").asText();
        fake.setMarkValue(changed, other(oldValue));
        fake.removeMark(removed);

        JsonNode report = syncAutumn(SOURCE);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("OK");
        assertThat(classReport(report, changedClass).at("/applied/marks").asInt()).isEqualTo(1);
        assertThat(classReport(report, removedClass).at("/deleted/marks").asInt()).isEqualTo(1);
        assertThat(storedValue(pulledMark(changedClass, changed))).isEqualTo(other(oldValue));
        assertThat(storedValue(pulledMark(removedClass, removed))).isNull();
        var history = jdbc.queryForList("SELECT operation, old_row ->> 'value' AS old, new_row ->> 'value' AS new, actor FROM journal_change "
                + "WHERE table_name = 'mark' AND source_id IN (?, ?) ORDER BY id", pulledMark(changedClass, changed), pulledMark(removedClass, removed));
        assertThat(history).hasSize(2);
        assertThat(history.get(0)).containsEntry("operation", "UPDATE").containsEntry("old", oldValue).containsEntry("new", other(oldValue))
                .containsEntry("actor", "connector:" + SOURCE);
        assertThat(history.get(1)).containsEntry("operation", "DELETE");
        // And back: the earlier content again is applied again, not taken for the batch applied before.
        fake.setMarkValue(changed, oldValue);
        JsonNode back = syncAutumn(SOURCE);
        assertThat(back.get("status").asText()).isEqualTo("OK");
        assertThat(classReport(back, changedClass).get("batchId").asText()).isEqualTo(originalBatch + ":1");
        assertThat(storedValue(pulledMark(changedClass, changed))).isEqualTo(oldValue);
    }

    @Test
    @Order(4)
    void anExpiredAccessTokenIsRefreshed() throws Exception {
        int grants = fake.refreshGrants.get();
        fake.expireAccessTokensAfter(40);
        try {
            JsonNode report = syncAutumn(SOURCE);
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("OK");
        } finally {
            fake.expireAccessTokensAfter(Integer.MAX_VALUE);
        }
        assertThat(fake.refreshGrants.get()).isGreaterThan(grants);
        assertThat(sources.tokens(SOURCE).refreshToken()).isEqualTo(fake.lastRefreshToken());
    }

    @Test
    @Order(5)
    void aClassThatFailsIsReportedWithItsErrorAndNothingOfItWrittenWhileTheOthersAreApplied() throws Exception {
        List<String> ids = fake.classIds();
        // Grade 1 has no marks: classes from the second on.
        String serverError = ids.get(1), timeout = ids.get(2), malformed = ids.get(7), unknownType = ids.get(5), healthy = ids.get(6);
        var first = new LinkedHashMap<String, String>();
        var oldValues = new LinkedHashMap<String, String>();
        for (String c : List.of(serverError, timeout, malformed, unknownType, healthy)) {
            String m = fake.firstMarkOf(c);
            first.put(c, m);
            oldValues.put(c, fake.marks.get(m).value());
            fake.setMarkValue(m, other(fake.marks.get(m).value()));
        }
        fake.retypeMark(first.get(unknownType), "Эссе");
        fake.fault("edu-groups/" + fake.id(serverError) + "/marks/", 500, 0, false);
        fake.fault("edu-groups/" + fake.id(timeout) + "/lessons/", 0, 2_600, false);
        fake.fault("edu-groups/" + fake.id(malformed) + "/final-marks", 0, 0, true);
        int changesBefore = changes("sch17");
        JsonNode report;
        try {
            report = syncAutumn(SOURCE);
        } finally {
            fake.clearFaults();
        }
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("PARTIAL");
        assertThat(classReport(report, serverError).get("error").asText()).contains("HTTP 500").contains("/marks/");
        assertThat(classReport(report, timeout).get("error").asText()).contains("время ожидания ответа (2 с) истекло");
        assertThat(classReport(report, malformed).get("error").asText()).contains("некорректный JSON").contains("final-marks");
        assertThat(classReport(report, unknownType).get("error").asText()).contains("Неизвестный вид работы «Эссе»")
                .contains("mappings.workTypes");
        for (String c : List.of(serverError, timeout, malformed, unknownType)) {
            assertThat(classReport(report, c).get("status").asText()).isEqualTo("FAILED");
            assertThat(storedValue(pulledMark(c, first.get(c)))).as(c + ": nothing written").isEqualTo(oldValues.get(c));
        }
        assertThat(classReport(report, healthy).get("status").asText()).isEqualTo("OK");
        assertThat(storedValue(pulledMark(healthy, first.get(healthy)))).isEqualTo(other(oldValues.get(healthy)));
        assertThat(changes("sch17")).isEqualTo(changesBefore + 1);
        assertThat(report.at("/totals/classesFailed").asInt()).isEqualTo(4);

        // The administrator maps the school's own work type; the next pull applies the waiting classes.
        defineSource(SOURCE, "sch17", FakeDnevnikRu.SCHOOL, Map.of(), Map.of("Эссе", "О"));
        JsonNode again = syncAutumn(SOURCE);
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("OK");
        for (String c : List.of(serverError, timeout, malformed)) assertThat(storedValue(pulledMark(c, first.get(c)))).isEqualTo(other(oldValues.get(c)));
        assertThat(jdbc.queryForObject("SELECT work_type FROM mark WHERE source_id = ?", String.class,
                pulledMark(unknownType, first.get(unknownType)))).isEqualTo("О");
    }

    @Test
    @Order(6)
    void aClassWhoseBatchFailsValidationIsRejectedWithEveryReason() throws Exception {
        // A mapping onto a value outside the school's scale: the credit marks («зч», ОРКСЭ in grade 4) are refused.
        defineSource(SOURCE, "sch17", FakeDnevnikRu.SCHOOL, Map.of(), Map.of("Эссе", "О"), Map.of("зч", "зачтено"));
        String fourth = fake.classIds().stream().filter(c -> c.startsWith("c-2025-4")).findFirst().orElseThrow();
        int changes = changes("sch17");
        JsonNode report;
        try {
            report = syncAutumn(SOURCE);
        } finally {
            defineSource(SOURCE, "sch17", FakeDnevnikRu.SCHOOL, Map.of(), Map.of("Эссе", "О"));
        }
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("PARTIAL");
        JsonNode rejected = classReport(report, fourth);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("error").asText()).contains("Ничего не записано");
        assertThat(rejected.get("rejected").size()).isPositive();
        rejected.get("rejected").forEach(p -> {
            assertThat(p.get("path").asText()).matches("periodMarks\\[\\d+]\\.value");
            assertThat(p.get("message").asText()).contains("Отметка «зачтено» не входит в шкалу школы");
        });
        assertThat(report.at("/totals/rejected").asInt()).isEqualTo(rejected.get("rejected").size());
        report.get("classes").forEach(c -> {
            if (!c.get("remoteId").asText().equals(String.valueOf(fake.id(fourth)))) assertThat(c.get("status").asText()).isEqualTo("OK");
        });
        assertThat(changes("sch17")).isEqualTo(changes);
    }

    @Test
    @Order(7)
    void aSourceThatKeepsFailingIsMarkedAndDoesNotStopTheOthers() throws Exception {
        String broken = "dnevnik-broken";
        defineSource(broken, "sch17-other", "4040404", Map.of(), Map.of("Эссе", "О"));
        assertThat(admin("POST", "/api/v1/admin/connectors/" + broken + "/authorization",
                "{\"code\": \"" + FakeDnevnikRu.AUTH_CODE + "\"}").statusCode()).isEqualTo(204);
        for (int i = 0; i < sync.failingAfter(); i++) sync.syncAll("SCHEDULE");

        JsonNode brokenView = body(admin("GET", "/api/v1/admin/connectors/" + broken, null));
        assertThat(brokenView.get("failing").asBoolean()).as(brokenView.toString()).isTrue();
        assertThat(brokenView.at("/lastSync/status").asText()).isEqualTo("FAILED");
        assertThat(brokenView.at("/lastSync/error").asText()).contains("HTTP 404").contains("edu-groups");
        JsonNode healthyView = body(admin("GET", "/api/v1/admin/connectors/" + SOURCE, null));
        assertThat(healthyView.get("failing").asBoolean()).isFalse();
        assertThat(healthyView.at("/lastSync/status").asText()).isEqualTo("OK");
        assertThat(healthyView.at("/lastSync/trigger").asText()).isEqualTo("SCHEDULE");
        // The nightly trigger is in Quartz's clustered store (the same scheduler as the period ends).
        var trigger = scheduler.getTrigger(org.quartz.TriggerKey.triggerKey("connector-sync-nightly", "connectors"));
        assertThat(((org.quartz.CronTrigger) trigger).getCronExpression()).isEqualTo("0 30 1 * * ?");
        assertThat(trigger.getNextFireTime()).isInTheFuture();
        assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
        String metrics = admin("GET", "/actuator/prometheus", null).body();
        assertThat(metrics).contains("journal_archive_connector_failing{source=\"" + broken + "\"} 1.0")
                .contains("journal_archive_connector_failing{source=\"" + SOURCE + "\"} 0.0");

        // A refused refresh is a clear error of the source, not a stack trace.
        fake.revokeAll();
        jdbc.update("UPDATE connector_source SET access_expires_at = now() - interval '1 minute' WHERE code = ?", SOURCE);
        JsonNode refused = syncNow(SOURCE, false);
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.get("error").asText()).contains("Дневник.ру отказал").contains("Авторизуйте источник заново");
    }

    @Test
    @Order(8)
    void badSourceDefinitionsAreRefusedByName() throws Exception {
        var response = admin("PUT", "/api/v1/admin/connectors/bad-one", json.writeValueAsString(Map.of("school", "no-such-school",
                "kind", "DNEVNIK_RU", "baseUrl", "http://127.0.0.1:1", "remoteSchoolId", "1", "credentials", "file:/x")));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(body(response).at("/errors/0/path").asText()).isEqualTo("school");
        response = admin("PUT", "/api/v1/admin/connectors/bad-one", json.writeValueAsString(Map.of("school", "sch17",
                "kind", "DNEVNIK_RU", "baseUrl", "http://127.0.0.1:1", "remoteSchoolId", "1", "credentials", "secret-in-the-clear")));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(body(response).at("/errors/0/path").asText()).isEqualTo("credentials");
        assertThat(admin("GET", "/api/v1/admin/connectors/nothing-here", null).statusCode()).isEqualTo(404);
    }
}
