package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.ListObjectsArgs;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.testing.ArchiveFixture;
import ru.journalarchive.storage.s3.S3Settings;

/**
 * The service as a real process: killed with SIGKILL in the middle of a quarter's run and started
 * again, it finishes the run, and the archive holds every document exactly once — one catalogue row
 * and one version of each object per document. Then the S3 gateway goes down during a run and comes
 * back: again nothing is lost or doubled.
 */
class ServiceRestartTest {

    static final String ADMIN_PASSWORD = "restart-test-admin-password";
    final String run = "r" + Long.toString(System.currentTimeMillis(), 36);
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    int port;

    @Test
    void aKilledServiceFinishesItsRunAfterARestartAndAnS3OutageLosesNothing() throws Exception {
        try (var db = TestDatabase.create()) {
            port = freePort();
            Process service = start(db, "first");
            String token = schoolWithItsYear();
            long quarter = startRun("2025-q1");
            awaitRun(quarter, p -> p.at("/byState/ARCHIVED").asInt() >= p.get("planned").asInt() / 3, Duration.ofMinutes(4));
            service.destroyForcibly(); // SIGKILL: no shutdown hook, no finishing touches
            assertThat(service.waitFor()).isNotZero();

            service = start(db, "second");
            try {
                var done = awaitRun(quarter, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(4));
                int planned = done.get("planned").asInt();
                assertThat(done.at("/byState/ARCHIVED").asInt()).as(done.toString()).isEqualTo(planned);
                assertExactlyOnce(db, planned, "2025-q1");

                // The S3 gateway goes down while the next quarter is being archived, and comes back.
                long second = startRun("2025-q2");
                awaitRun(second, p -> p.at("/byState/ARCHIVED").asInt() >= 5, Duration.ofMinutes(4));
                ArchiveFixture.s3Gateway(false);
                Thread.sleep(8000);
                ArchiveFixture.s3Gateway(true);
                var after = awaitRun(second, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(5));
                assertThat(after.at("/byState/ARCHIVED").asInt()).as(after.toString()).isEqualTo(after.get("planned").asInt());
                assertExactlyOnce(db, after.get("planned").asInt(), "2025-q2");
                assertThat(token).isNotBlank();
            } finally {
                ArchiveFixture.s3Gateway(true);
                service.destroy();
                service.waitFor();
            }
        }
    }

    /**
     * The director signs a class's year end on a token: the PDF stage is in, the service is killed
     * before the detached signatures come back, and the service started again lists the steps left
     * and completes them; every document is archived once, and a session completes only once.
     */
    @Test
    void tokenSigningSessionsOutliveAKilledService() throws Exception {
        try (var db = TestDatabase.create()) {
            port = freePort();
            Process service = start(db, "token-first");
            try {
                schoolWithItsYear();
                assertThat(admin("POST", "/api/v1/admin/users", json.writeValueAsString(java.util.Map.of("username", "director",
                        "password", DIRECTOR_PASSWORD, "role", "DIRECTOR", "school", "demo", "fullName", "Лебедева Ирина Викторовна")))
                        .statusCode()).isEqualTo(201);
                var started = admin("POST", "/api/v1/archive-runs", "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"classId\":\"c-2025-1a\"}");
                long yearEnd = json.readTree(started.body()).get("id").asLong();
                int planned = awaitRun(yearEnd, p -> p.get("planned").asInt() > 0
                        && p.at("/byState/AWAITING_SIGNATURE").asInt() == p.get("planned").asInt(), Duration.ofMinutes(4)).get("planned").asInt();
                var token = new TestToken();
                var ids = new ArrayList<String>();
                json.readTree(director("GET", "", null).body()).forEach(d -> ids.add(d.get("documentId").asText()));
                assertThat(ids).hasSize(planned);
                var prepared = json.readTree(director("POST", "/external/prepare", json.writeValueAsString(java.util.Map.of(
                        "documentIds", ids, "certificate", token.certificateBase64()))).body());
                var pdf = json.writeValueAsString(java.util.Map.of("signatures", token.signs(prepared, "PDF", this::content)));
                var detached = json.readTree(director("POST", "/external/complete", pdf).body());

                service.destroyForcibly(); // SIGKILL between the two stages
                assertThat(service.waitFor()).isNotZero();
                service = start(db, "token-second");

                var open = json.readTree(director("GET", "/external/sessions", null).body());
                assertThat(open).hasSize(planned).allSatisfy(s -> assertThat(s.get("stage").asText()).isEqualTo("DETACHED"));
                assertThat(open.findValuesAsText("sessionId")).containsExactlyInAnyOrderElementsOf(detached.findValuesAsText("sessionId"));
                assertThat(json.readTree(director("POST", "/external/complete", pdf).body()))
                        .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("REJECTED"));
                var sig = json.writeValueAsString(java.util.Map.of("signatures", token.signs(detached, "DETACHED", this::content)));
                assertThat(json.readTree(director("POST", "/external/complete", sig).body())).hasSize(planned)
                        .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("SIGNED"));
                assertThat(json.readTree(director("POST", "/external/complete", sig).body()))
                        .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("REJECTED"));

                var done = awaitRun(yearEnd, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(4));
                assertThat(done.at("/byState/ARCHIVED").asInt()).as(done.toString()).isEqualTo(planned);
                assertThat(new JdbcTemplate(db.dataSource()).queryForObject("SELECT count(*) FROM archived_document WHERE document_id = ANY (?)",
                        Integer.class, (Object) ids.toArray(String[]::new))).isEqualTo(planned);
                assertOneVersionEach("demo/2025/year/c-2025-1a/", planned);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /**
     * The director's page signs a class on a token (the CryptoPro plug-in played by a fake, see
     * {@link FakeCryptoProPlugin}); the service is killed halfway through the batch. After the restart
     * the same browser session is still signed in (sessions live in PostgreSQL), the page offers to
     * continue, and every document ends in the archive exactly once.
     */
    @Test
    void aTokenBatchInterruptedByAKilledServiceIsResumedFromThePage() throws Exception {
        try (var db = TestDatabase.create()) {
            port = freePort();
            Process service = start(db, "page-first");
            try (var browser = new Browser(port)) {
                schoolWithItsYear();
                assertThat(admin("POST", "/api/v1/admin/users", json.writeValueAsString(java.util.Map.of("username", "director",
                        "password", DIRECTOR_PASSWORD, "role", "DIRECTOR", "school", "demo", "fullName", "Лебедева Ирина Викторовна")))
                        .statusCode()).isEqualTo(201);
                long yearEnd = json.readTree(admin("POST", "/api/v1/archive-runs",
                        "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"classId\":\"c-2025-2a\"}").body()).get("id").asLong();
                int planned = awaitRun(yearEnd, p -> p.get("planned").asInt() > 0
                        && p.at("/byState/AWAITING_SIGNATURE").asInt() == p.get("planned").asInt(), Duration.ofMinutes(4)).get("planned").asInt();
                var signer = TestKeys.PKI.issueSigner(ru.journalarchive.signing.testing.Signers.director(),
                        java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().plusSeconds(86_400));
                var plugin = new FakeCryptoProPlugin(List.of(new FakeCryptoProPlugin.Token(signer.certificate(), signer.keys().getPrivate(),
                        List.of(TestKeys.PKI.intermediate().certificate()))));
                plugin.install(browser);
                browser.signIn("director", DIRECTOR_PASSWORD).open("/schools/demo/signing");
                browser.find("#select-all").click();
                browser.await(Duration.ofSeconds(15), d -> browser.find("#sign-token").isEnabled());
                browser.find("#sign-token").click();
                plugin.serve(browser, Duration.ofMinutes(3), () -> plugin.signed() >= planned); // half the signatures: a PDF and its .sig each

                service.destroyForcibly();
                assertThat(service.waitFor()).isNotZero();
                service = start(db, "page-second");

                browser.driver.navigate().refresh();
                assertThat(browser.path()).as("still signed in after the restart").isEqualTo("/schools/demo/signing");
                browser.await(Duration.ofSeconds(15), d -> browser.find("#resume-token").isEnabled());
                int left = browser.all(".select-document").size();
                assertThat(left).isBetween(1, planned - 1);
                assertThat(browser.text("#resume-text")).contains("документов — " + left);
                browser.accessible().screenshot("director-resume");
                browser.find("#resume-token").click();
                plugin.serve(browser, Duration.ofMinutes(4), () -> browser.text("#batch-text").startsWith("Готово"));

                var done = awaitRun(yearEnd, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(4));
                assertThat(done.at("/byState/ARCHIVED").asInt()).as(done.toString()).isEqualTo(planned);
                assertThat(new JdbcTemplate(db.dataSource()).queryForObject(
                        "SELECT count(*) FROM archived_document WHERE document_id LIKE '%--2025--year--c-2025-2a%'", Integer.class))
                        .isEqualTo(planned);
                assertOneVersionEach("demo/2025/year/c-2025-2a/", planned);
            } finally {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /** Under the prefix: one manifest per document and one version of every object (a client of its own: connections kept from before an S3 outage point at a gateway that is gone). */
    void assertOneVersionEach(String prefix, int documents) throws Exception {
        try (var s3 = S3Clients.create(S3Settings.fromEnvironment())) {
            var versions = new TreeMap<String, Integer>();
            for (var item : s3.listObjects(ListObjectsArgs.builder().bucket("ja-restart-" + run).prefix(prefix).recursive(true)
                    .includeVersions(true).build()))
                versions.merge(item.get().objectName(), 1, Integer::sum);
            assertThat(versions.keySet().stream().filter(k -> k.endsWith("/manifest.json"))).hasSize(documents);
            assertThat(versions).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
        }
    }

    static final String DIRECTOR_PASSWORD = "restart-test-director-password";

    /** As the school's director, under {@code /api/v1/schools/demo/signing-queue}. */
    HttpResponse<String> director(String method, String path, String body) throws Exception {
        return send("director", DIRECTOR_PASSWORD, method, "/api/v1/schools/demo/signing-queue" + path, body);
    }

    byte[] content(String session) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/schools/demo/signing-queue/external/" + session + "/content"))
                .header("Authorization", basic("director", DIRECTOR_PASSWORD)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** One catalogue row per planned document, one manifest per document, one version per object key. */
    void assertExactlyOnce(TestDatabase db, int planned, String period) throws Exception {
        var jdbc = new JdbcTemplate(db.dataSource());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE period = ?", Integer.class, period)).isEqualTo(planned);
        assertOneVersionEach("demo/2025/" + period + "/", planned);
    }

    Process start(TestDatabase db, String name) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), JournalArchiveApplication.class.getName(), "serve",
                "--server.port=" + port, "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--journal-archive.storage.archive-bucket=ja-restart-" + run,
                "--journal-archive.storage.drafts-bucket=ja-restart-drafts-" + run, "--journal-archive.runs.first-backoff=1s",
                "--journal-archive.admin.password-hash={bcrypt}" + new BCryptPasswordEncoder().encode(ADMIN_PASSWORD)));
        TestKeys.properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        Path log = Files.createDirectories(Path.of("target")).resolve("restart-test-" + name + ".log");
        var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service stopped; see " + log).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) return process;
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the service did not start within 120 s; see " + log);
    }

    /** A small demo school (150 pupils) registered and its year pushed through the API. */
    String schoolWithItsYear() throws Exception {
        assertThat(admin("POST", "/api/v1/admin/schools", "{\"code\":\"demo\",\"name\":\"Демо-школа\"}").statusCode()).isEqualTo(201);
        String token = json.readTree(admin("POST", "/api/v1/admin/schools/demo/tokens", "{\"label\":\"journal\"}").body())
                .get("token").asText();
        for (var batch : DemoSchoolGenerator.generate(new DemoOptions(4, 150, 2025)).batches()) {
            var response = http.send(HttpRequest.newBuilder(uri("/api/v1/schools/demo/batches")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(batch)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return token;
    }

    long startRun(String period) throws Exception {
        var response = admin("POST", "/api/v1/archive-runs", "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"periodId\":\"" + period + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("id").asLong();
    }

    JsonNode awaitRun(long id, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode progress;
        do {
            Thread.sleep(300);
            progress = json.readTree(admin("GET", "/api/v1/archive-runs/" + id, null).body());
        } while (!done.test(progress) && System.nanoTime() < deadline);
        assertThat(done.test(progress)).as("run %d: %s", id, progress).isTrue();
        return progress;
    }

    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return send("admin", ADMIN_PASSWORD, method, path, body);
    }

    HttpResponse<String> send(String user, String password, String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
