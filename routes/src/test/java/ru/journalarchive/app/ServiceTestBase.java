package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import ru.journalarchive.journal.demo.DemoData;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.journal.school.SchoolRegistry;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.signing.pki.TestPki;

/**
 * The whole service on a random port against a fresh database on the real PostgreSQL server;
 * the demo school's full year is pushed through the HTTP API once for all subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability // /actuator/prometheus as in production
abstract class ServiceTestBase {

    static final TestDatabase DB = TestDatabase.create();
    static final Path DROP;
    static final String ADMIN_PASSWORD = "test-admin-password";
    static DemoData demo;
    static String demoToken;
    static String otherToken;

    static final Path KEYS = TestKeys.DIR;
    static final TestPki PKI = TestKeys.PKI;
    static final String KEY_PASSWORD = TestKeys.PASSWORD;
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static {
        try {
            DROP = Files.createTempDirectory("drop");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                DB.close();
            } catch (Exception ignored) {
                // the server may already be shutting down
            }
        }));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
        registry.add("spring.datasource.username", DB::user);
        registry.add("spring.datasource.password", DB::password);
        registry.add("journal-archive.ingest.drop-directory", DROP::toString);
        registry.add("journal-archive.ingest.drop-poll-millis", () -> "200");
        registry.add("journal-archive.signing.test-tsa.enabled", () -> "true");
        registry.add("camel.main.shutdown-timeout", () -> "5");
        // The signing page gives up on a missing plug-in sooner than a director's slow PC needs.
        registry.add("journal-archive.web.plugin-timeout", () -> "3s");
        // One configuration for every test class: one Spring context, so one archive worker on the shared database.
        TestKeys.properties().forEach((name, value) -> registry.add(name, () -> value));
        // Buckets of this test JVM: document ids are deterministic, and a package archived by an earlier
        // run on the same S3 server would (rightly) be taken as already archived.
        registry.add("journal-archive.storage.archive-bucket", () -> "ja-test-archive-" + RUN);
        registry.add("journal-archive.storage.drafts-bucket", () -> "ja-test-drafts-" + RUN);
        // The connectors' tokens are encrypted with a key from the environment (JA_CONNECTORS_KEY): a test key here.
        registry.add("journal-archive.connectors.token-key", () -> "dGVzdC1rZXktZm9yLWNvbm5lY3RvcnMtMzItYnl0ZXM=");
        registry.add("journal-archive.admin.password-hash",
                () -> "{bcrypt}" + new BCryptPasswordEncoder().encode(ADMIN_PASSWORD));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SchoolRegistry registry;
    @Autowired
    ObjectMapper json;
    @Autowired
    ru.journalarchive.app.security.AppUsers users;

    final HttpClient http = HttpClient.newHttpClient();

    /** Registers the schools and pushes the demo year once per JVM. */
    void loadDemoSchoolOnce() throws Exception {
        synchronized (ServiceTestBase.class) {
            if (demo != null) return;
            registry.register("demo", "Демо-школа");
            registry.register("other", "Другая школа");
            demoToken = registry.issueToken("demo", "journal-system").token();
            otherToken = registry.issueToken("other", "journal-system").token();
            DemoData data = DemoSchoolGenerator.generate(DemoOptions.DEFAULT);
            for (Batch b : data.batches()) {
                var response = push("demo", demoToken, json.writeValueAsBytes(b));
                if (response.statusCode() != 200) throw new AssertionError(b.batchId() + ": " + response.body());
            }
            demo = data;
        }
    }

    HttpResponse<String> push(String school, String token, byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(uri("/api/v1/schools/" + school + "/batches"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return as("admin", ADMIN_PASSWORD, method, path, body);
    }

    static final String DIRECTOR_PASSWORD = "director-test-password";

    /** As the demo school's director (the login is made on first use). */
    HttpResponse<String> director(String method, String path, String body) throws Exception {
        directorOfDemo();
        return as("director-of-demo", DIRECTOR_PASSWORD, method, path, body);
    }

    /** The demo school's director, named as on the test PKI's director certificate. */
    String directorOfDemo() {
        users.add("director-of-demo", DIRECTOR_PASSWORD, ru.journalarchive.app.security.Role.DIRECTOR, "demo", "Лебедева Ирина Викторовна");
        return "director-of-demo";
    }

    HttpResponse<String> as(String user, String password, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record YearEnd(long id, int planned, java.util.List<String> ids) {}

    /** The year end of one class, rendered and waiting for the director: its run and documents. */
    YearEnd yearEndAwaitingTheDirector(String classId) throws Exception {
        loadDemoSchoolOnce();
        long run = body(admin("POST", "/api/v1/archive-runs", "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"classId\":\"" + classId + "\"}"))
                .get("id").asLong();
        int planned = awaitRun(run, p -> p.at("/byState/AWAITING_SIGNATURE").asInt() == p.get("planned").asInt()).get("planned").asInt();
        var ids = new java.util.ArrayList<String>();
        body(director("GET", "/api/v1/schools/demo/signing-queue", null)).forEach(d -> {
            if (d.get("classId").asText().equals(classId)) ids.add(d.get("documentId").asText());
        });
        assertThat(ids).hasSize(planned);
        return new YearEnd(run, planned, ids);
    }

    /**
     * The year end of one class with its summary ledger signed by the director's server key and archived;
     * the ledger's document id. The class's other documents stay waiting for the director.
     */
    String archivedLedger(String classId) throws Exception {
        String ledger = "summary-ledger--demo--2025--year--" + classId;
        yearEndAwaitingTheDirector(classId);
        var response = director("POST", "/api/v1/schools/demo/signing-queue/sign", json.writeValueAsString(
                java.util.Map.of("documentIds", java.util.List.of(ledger))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(body(response).get(0).get("result").asText()).isEqualTo("APPROVED");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (jdbc.queryForObject("SELECT count(*) FROM run_document WHERE document_id = ? AND state = 'ARCHIVED'", Integer.class,
                ledger) == 0) {
            assertThat(System.nanoTime()).as("the ledger was not archived").isLessThan(deadline);
            Thread.sleep(300);
        }
        return ledger;
    }

    /** The token signs each step of an answer to the demo school's director (see {@link TestToken#signs}). */
    java.util.List<java.util.Map<String, String>> tokenSigns(TestToken token, JsonNode steps, String stage) throws Exception {
        return token.signs(steps, stage, session -> http.send(HttpRequest.newBuilder(uri("/api/v1/schools/demo/signing-queue/external/"
                + session + "/content")).header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                ("director-of-demo:" + DIRECTOR_PASSWORD).getBytes())).build(), HttpResponse.BodyHandlers.ofByteArray()).body());
    }

    /** Polls a run's progress until it satisfies {@code done}; fails with the progress and the dead letters after 3 minutes. */
    JsonNode awaitRun(long run, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode progress;
        do {
            Thread.sleep(300);
            progress = body(admin("GET", "/api/v1/archive-runs/" + run, null));
        } while (!done.test(progress) && System.nanoTime() < deadline);
        assertThat(done.test(progress)).as("run %d did not get there: %s; dead letters %s", run, progress,
                jdbc.queryForList("SELECT document_id, reason FROM dead_letter")).isTrue();
        return progress;
    }

    /** The text of a PDF as poppler's pdftotext reads it. */
    static String pdftotext(byte[] pdf) throws Exception {
        Path file = Files.createTempFile("document-", ".pdf");
        Files.write(file, pdf);
        var process = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").start();
        String text = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        Files.delete(file);
        return text;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }
}
