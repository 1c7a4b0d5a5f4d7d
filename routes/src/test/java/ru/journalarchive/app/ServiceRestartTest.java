package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.ListObjectsArgs;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.testing.ArchiveFixture;
import ru.journalarchive.storage.s3.S3Settings;

/**
 * The service as a real process ({@link ServiceProcess}): killed with SIGKILL in the middle of a quarter's run and started
 * again, it finishes the run, and the archive holds every document exactly once — one catalogue row
 * and one version of each object per document. Then the S3 gateway goes down during a run and comes
 * back: again nothing is lost or doubled.
 */
class ServiceRestartTest {

    /** A small demo school (150 pupils). */
    static final DemoOptions SCHOOL = new DemoOptions(4, 150, 2025);

    @Test
    void aKilledServiceFinishesItsRunAfterARestartAndAnS3OutageLosesNothing() throws Exception {
        try (var db = TestDatabase.create(); var service = new ServiceProcess(db, "ja-restart-")) {
            service.start("first", Map.of());
            String token = service.schoolWithItsYear(SCHOOL);
            long quarter = service.startRun("2025-q1", null);
            service.awaitRun(quarter, p -> p.at("/byState/ARCHIVED").asInt() >= p.get("planned").asInt() / 3, Duration.ofMinutes(4));
            service.kill(); // SIGKILL: no shutdown hook, no finishing touches

            service.start("second", Map.of());
            try {
                var done = service.awaitRun(quarter, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(4));
                int planned = done.get("planned").asInt();
                assertThat(done.at("/byState/ARCHIVED").asInt()).as(done.toString()).isEqualTo(planned);
                assertExactlyOnce(db, service, planned, "2025-q1");

                // The S3 gateway goes down while the next quarter is being archived, and comes back.
                long second = service.startRun("2025-q2", null);
                service.awaitRun(second, p -> p.at("/byState/ARCHIVED").asInt() >= 5, Duration.ofMinutes(4));
                ArchiveFixture.s3Gateway(false);
                Thread.sleep(8000);
                ArchiveFixture.s3Gateway(true);
                var after = service.awaitRun(second, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(5));
                assertThat(after.at("/byState/ARCHIVED").asInt()).as(after.toString()).isEqualTo(after.get("planned").asInt());
                assertExactlyOnce(db, service, after.get("planned").asInt(), "2025-q2");
                assertThat(token).isNotBlank();
            } finally {
                ArchiveFixture.s3Gateway(true);
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
        try (var db = TestDatabase.create(); var service = new ServiceProcess(db, "ja-restart-")) {
            service.start("token-first", Map.of());
            service.schoolWithItsYear(SCHOOL);
            addDirector(service);
            long yearEnd = service.startRun(null, "c-2025-1a");
            int planned = awaitSignatures(service, yearEnd);
            var token = new TestToken();
            var ids = new ArrayList<String>();
            service.json.readTree(director(service, "GET", "", null).body()).forEach(d -> ids.add(d.get("documentId").asText()));
            assertThat(ids).hasSize(planned);
            var prepared = service.json.readTree(director(service, "POST", "/external/prepare", service.json.writeValueAsString(Map.of(
                    "documentIds", ids, "certificate", token.certificateBase64()))).body());
            var pdf = service.json.writeValueAsString(Map.of("signatures", token.signs(prepared, "PDF", s -> content(service, s))));
            var detached = service.json.readTree(director(service, "POST", "/external/complete", pdf).body());

            service.kill(); // SIGKILL between the two stages
            service.start("token-second", Map.of());

            var open = service.json.readTree(director(service, "GET", "/external/sessions", null).body());
            assertThat(open).hasSize(planned).allSatisfy(s -> assertThat(s.get("stage").asText()).isEqualTo("DETACHED"));
            assertThat(open.findValuesAsText("sessionId")).containsExactlyInAnyOrderElementsOf(detached.findValuesAsText("sessionId"));
            assertThat(service.json.readTree(director(service, "POST", "/external/complete", pdf).body()))
                    .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("REJECTED"));
            var sig = service.json.writeValueAsString(Map.of("signatures", token.signs(detached, "DETACHED", s -> content(service, s))));
            assertThat(service.json.readTree(director(service, "POST", "/external/complete", sig).body())).hasSize(planned)
                    .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("SIGNED"));
            assertThat(service.json.readTree(director(service, "POST", "/external/complete", sig).body()))
                    .allSatisfy(s -> assertThat(s.get("result").asText()).isEqualTo("REJECTED"));

            var done = service.awaitRun(yearEnd, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(4));
            assertThat(done.at("/byState/ARCHIVED").asInt()).as(done.toString()).isEqualTo(planned);
            assertThat(new JdbcTemplate(db.dataSource()).queryForObject("SELECT count(*) FROM archived_document WHERE document_id = ANY (?)",
                    Integer.class, (Object) ids.toArray(String[]::new))).isEqualTo(planned);
            assertOneVersionEach(service, "demo/2025/year/c-2025-1a/", planned);
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
        try (var db = TestDatabase.create(); var service = new ServiceProcess(db, "ja-restart-")) {
            service.start("page-first", Map.of());
            try (var browser = new Browser(service.port)) {
                service.schoolWithItsYear(SCHOOL);
                addDirector(service);
                long yearEnd = service.startRun(null, "c-2025-2a");
                int planned = awaitSignatures(service, yearEnd);
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

                service.kill();
                service.start("page-second", Map.of());

                browser.driver.navigate().refresh();
                assertThat(browser.path()).as("still signed in after the restart").isEqualTo("/schools/demo/signing");
                browser.await(Duration.ofSeconds(15), d -> browser.find("#resume-token").isEnabled());
                int left = browser.all(".select-document").size();
                assertThat(left).isBetween(1, planned - 1);
                assertThat(browser.text("#resume-text")).contains("документов — " + left);
                browser.accessible().screenshot("director-resume");
                browser.find("#resume-token").click();
                plugin.serve(browser, Duration.ofMinutes(4), () -> browser.text("#batch-text").startsWith("Готово"));

                var done = service.awaitRun(yearEnd, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(4));
                assertThat(done.at("/byState/ARCHIVED").asInt()).as(done.toString()).isEqualTo(planned);
                assertThat(new JdbcTemplate(db.dataSource()).queryForObject(
                        "SELECT count(*) FROM archived_document WHERE document_id LIKE '%--2025--year--c-2025-2a%'", Integer.class))
                        .isEqualTo(planned);
                assertOneVersionEach(service, "demo/2025/year/c-2025-2a/", planned);
            }
        }
    }

    /** Under the prefix: one manifest per document and one version of every object (a client of its own: connections kept from before an S3 outage point at a gateway that is gone). */
    static void assertOneVersionEach(ServiceProcess service, String prefix, int documents) throws Exception {
        try (var s3 = S3Clients.create(S3Settings.fromEnvironment())) {
            var versions = new TreeMap<String, Integer>();
            for (var item : s3.listObjects(ListObjectsArgs.builder().bucket(service.archiveBucket()).prefix(prefix).recursive(true)
                    .includeVersions(true).build()))
                versions.merge(item.get().objectName(), 1, Integer::sum);
            assertThat(versions.keySet().stream().filter(k -> k.endsWith("/manifest.json"))).hasSize(documents);
            assertThat(versions).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
        }
    }

    static final String DIRECTOR_PASSWORD = "restart-test-director-password";

    /** The demo school's director, a user of the service. */
    static void addDirector(ServiceProcess service) throws Exception {
        assertThat(service.admin("POST", "/api/v1/admin/users", service.json.writeValueAsString(Map.of("username", "director",
                "password", DIRECTOR_PASSWORD, "role", "DIRECTOR", "school", "demo", "fullName", "Лебедева Ирина Викторовна")))
                .statusCode()).isEqualTo(201);
    }

    /** Waits until every document of the year-end run awaits the director's signature; returns how many are planned. */
    static int awaitSignatures(ServiceProcess service, long yearEnd) throws Exception {
        return service.awaitRun(yearEnd, p -> p.get("planned").asInt() > 0
                && p.at("/byState/AWAITING_SIGNATURE").asInt() == p.get("planned").asInt(), Duration.ofMinutes(4)).get("planned").asInt();
    }

    /** As the school's director, under {@code /api/v1/schools/demo/signing-queue}. */
    static HttpResponse<String> director(ServiceProcess service, String method, String path, String body) throws Exception {
        return service.send("director", DIRECTOR_PASSWORD, method, "/api/v1/schools/demo/signing-queue" + path, body);
    }

    static byte[] content(ServiceProcess service, String session) throws Exception {
        return service.http.send(HttpRequest.newBuilder(service.uri("/api/v1/schools/demo/signing-queue/external/" + session + "/content"))
                .header("Authorization", ServiceProcess.basic("director", DIRECTOR_PASSWORD)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    /** One catalogue row per planned document, one manifest per document, one version per object key. */
    static void assertExactlyOnce(TestDatabase db, ServiceProcess service, int planned, String period) throws Exception {
        var jdbc = new JdbcTemplate(db.dataSource());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE period = ?", Integer.class, period)).isEqualTo(planned);
        assertOneVersionEach(service, "demo/2025/" + period + "/", planned);
    }
}
