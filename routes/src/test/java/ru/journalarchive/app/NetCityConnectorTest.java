package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.ingest.BatchIngestion;

/**
 * The «Сетевой город» connector against a fake server (the public /webapi shapes; the teacher's journal
 * as this project reads it) serving the same small generated school as the Дневник.ру test: pulled, the
 * year lands with the row counts of the generator's own push; pulled again it writes nothing; a wrong
 * password (409) and an unknown server version are clear errors with nothing written; a 500 on a journal
 * late in one class fails that class alone, nothing of it written, while the other classes are applied.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetCityConnectorTest extends ServiceTestBase {

    static final DemoOptions SCHOOL = new DemoOptions(17, 120, 2025);
    static final String SOURCE = "netcity-sch17";
    static final List<String> TABLES = List.of("academic_year", "study_period", "teacher", "subject", "school_class", "student",
            "enrollment", "lesson", "mark", "attendance", "period_mark");
    static DemoData data;
    static FakeNetCity fake;
    static Path account;
    static Path wrongAccount;

    @Autowired
    BatchIngestion ingestion;

    @BeforeEach
    void setUp() throws Exception {
        synchronized (NetCityConnectorTest.class) {
            if (fake != null) return;
            data = DemoSchoolGenerator.generate(SCHOOL);
            registry.register("nc17-push", "Школа № 17 (выгрузка генератора)");
            registry.register("nc17", "Школа № 17 (из «Сетевого города»)");
            for (Batch b : data.batches()) {
                byte[] bytes = json.writeValueAsBytes(b);
                ingestion.ingest("nc17-push", b, MessageDigest.getInstance("SHA-256").digest(bytes), "DEMO", "test");
            }
            fake = new FakeNetCity(data);
            account = Files.createTempFile("netcity-account", ".properties");
            // A properties file is ISO-8859-1 unless escaped: the Cyrillic login and password as \\u escapes.
            Files.writeString(account, "login=" + escaped(FakeNetCity.LOGIN) + "\npassword=" + escaped(FakeNetCity.PASSWORD) + "\n",
                    StandardCharsets.ISO_8859_1);
            wrongAccount = Files.createTempFile("netcity-wrong", ".properties");
            Files.writeString(wrongAccount, "login=" + escaped(FakeNetCity.LOGIN) + "\npassword=not-the-password\n", StandardCharsets.ISO_8859_1);
            defineSource(SOURCE, "nc17", account);
        }
    }

    @AfterAll
    static void stopFake() {
        if (fake != null) fake.close();
    }

    static String escaped(String s) {
        var b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.toString();
    }

    void defineSource(String code, String school, Path credentials) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("school", school);
        body.put("kind", "NET_CITY");
        body.put("baseUrl", fake.baseUrl());
        body.put("remoteSchoolId", FakeNetCity.SCHOOL);
        body.put("credentials", "file:" + credentials);
        body.put("settings", Map.of("perSecond", 2000, "timeout", "PT5S", "attempts", 2, "firstBackoff", "PT0.05S", "since", "2025-09-01"));
        var response = admin("PUT", "/api/v1/admin/connectors/" + code, json.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    }

    JsonNode syncNow(String source) throws Exception {
        var started = admin("POST", "/api/v1/admin/connectors/" + source + "/syncs", "{\"full\": true}");
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

    int changes() {
        return jdbc.queryForObject("SELECT count(*) FROM journal_change c JOIN school s ON s.id = c.school_id WHERE s.code = 'nc17'", Integer.class);
    }

    String storedValue(String markSourceId) {
        return jdbc.queryForList("SELECT m.value FROM mark m JOIN school s ON s.id = m.school_id WHERE s.code = 'nc17' AND m.source_id = ?",
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
        JsonNode report = syncNow(SOURCE);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("OK");
        assertThat(report.get("classes")).hasSize(data.batches().get(0).classes().size());
        report.get("classes").forEach(c -> assertThat(c.get("status").asText()).as(c.toString()).isEqualTo("OK"));
        assertThat(counts("nc17")).isEqualTo(counts("nc17-push"));
        assertThat(counts("nc17").get("mark")).isGreaterThan(10_000);
        // A lesson's topic (lessonTheme of its class meeting) and homework (the text of its homework assignment) arrived.
        Batch.Lesson lesson = data.batches().stream().flatMap(b -> b.lessons().stream()).filter(l -> l.topic() != null && l.homework() != null)
                .findFirst().orElseThrow();
        assertThat(jdbc.queryForMap("SELECT topic, homework FROM lesson WHERE source_id = ?",
                "netcity:" + fake.id(lesson.classId()) + ":lesson:" + fake.id(lesson.id())))
                .containsEntry("topic", lesson.topic()).containsEntry("homework", lesson.homework());
        // Signed in once, with the salted hash of the windows-1251 password; the session key went on every request.
        assertThat(fake.logins.get()).isEqualTo(1);
        System.out.printf("full pull of %s: %d s, %d requests, %s%n", SOURCE, Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                fake.requests.get(), counts("nc17"));
    }

    @Test
    @Order(2)
    void aSecondPullWritesNothing() throws Exception {
        var before = counts("nc17");
        int changes = changes();
        JsonNode report = syncNow(SOURCE);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("OK");
        report.get("classes").forEach(c -> {
            assertThat(c.get("alreadyApplied").asBoolean()).as(c.toString()).isTrue();
            assertThat(c.has("applied")).as(c.toString()).isFalse();
        });
        assertThat(counts("nc17")).isEqualTo(before);
        assertThat(changes()).isEqualTo(changes);
    }

    @Test
    @Order(3)
    void aWrongPasswordIsAClearErrorAndNothingIsWritten() throws Exception {
        String changedClass = fake.classIds().get(3);
        String mark = fake.firstMarkOf(changedClass);
        String old = fake.marks.get(mark).value();
        fake.setMarkValue(mark, other(old));
        try {
            defineSource(SOURCE, "nc17", wrongAccount);
            int changes = changes();
            JsonNode report = syncNow(SOURCE);
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("FAILED");
            assertThat(report.get("error").asText()).contains("не принял логин или пароль").contains("HTTP 409")
                    .contains("file:" + wrongAccount).doesNotContain("not-the-password");
            assertThat(changes()).isEqualTo(changes);
            assertThat(storedValue(fake.pulledMark(mark))).isEqualTo(old);
        } finally {
            defineSource(SOURCE, "nc17", account);
            fake.setMarkValue(mark, old);
        }
    }

    @Test
    @Order(4)
    void anUnknownServerVersionIsRefusedBeforeAnyDataIsRead() throws Exception {
        String mark = fake.firstMarkOf(fake.classIds().get(3));
        String old = fake.marks.get(mark).value();
        fake.setMarkValue(mark, other(old));
        fake.version = "6.0.1";
        int logins = fake.logins.get();
        try {
            int changes = changes();
            JsonNode report = syncNow(SOURCE);
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("FAILED");
            assertThat(report.get("error").asText()).contains("Неизвестная версия сервера").contains("6.0.1");
            assertThat(fake.logins.get()).isEqualTo(logins);
            assertThat(changes()).isEqualTo(changes);
            assertThat(storedValue(fake.pulledMark(mark))).isEqualTo(old);
        } finally {
            fake.version = "5.10.63221";
            fake.setMarkValue(mark, old);
        }
    }

    @Test
    @Order(5)
    void aServerErrorLateInAClassFailsThatClassAloneWithNothingOfItWritten() throws Exception {
        List<String> ids = fake.classIds();
        String broken = ids.get(4), healthy = ids.get(6);
        String brokenMark = fake.firstMarkOf(broken), healthyMark = fake.firstMarkOf(healthy);
        String brokenOld = fake.marks.get(brokenMark).value(), healthyOld = fake.marks.get(healthyMark).value();
        fake.setMarkValue(brokenMark, other(brokenOld));
        fake.setMarkValue(healthyMark, other(healthyOld));
        // The class's first journals answer; its last one (last subject group, last term) fails every try.
        fake.fault(fake.lastJournalOf(broken), 500);
        int changes = changes();
        JsonNode report;
        try {
            report = syncNow(SOURCE);
        } finally {
            fake.clearFaults();
        }
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("PARTIAL");
        JsonNode failed = classReport(report, broken);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).contains("HTTP 500").contains("GET /webapi/grade/journal").contains("Данные класса не записаны");
        assertThat(storedValue(fake.pulledMark(brokenMark))).isEqualTo(brokenOld);
        assertThat(classReport(report, healthy).get("status").asText()).isEqualTo("OK");
        assertThat(storedValue(fake.pulledMark(healthyMark))).isEqualTo(other(healthyOld));
        assertThat(changes()).isEqualTo(changes + 1);
        assertThat(report.at("/totals/classesFailed").asInt()).isEqualTo(1);

        // The server recovers: the next pull applies the class.
        JsonNode again = syncNow(SOURCE);
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("OK");
        assertThat(storedValue(fake.pulledMark(brokenMark))).isEqualTo(other(brokenOld));
    }

    @Test
    @Order(6)
    void aSourceOfThisKindIsNotAuthorizedByCode() throws Exception {
        var response = admin("POST", "/api/v1/admin/connectors/" + SOURCE + "/authorization", "{\"code\": \"x\"}");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(body(response).at("/errors/0/message").asText()).contains("учётной записью сотрудника");
    }
}
