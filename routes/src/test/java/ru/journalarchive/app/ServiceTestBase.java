package ru.journalarchive.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.CertificateSubject;
import ru.journalarchive.signing.pki.Pem;
import ru.journalarchive.signing.pki.Pkcs12Files;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.testing.Signers;

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

    /** The demo school's keys from a test PKI: its seal and the director's key in PKCS#12, the root and CRLs for verify. */
    static final Path KEYS;
    static final TestPki PKI = new TestPki(GostAlgorithm.GOST_2012_256, java.time.Instant.now());
    static final String KEY_PASSWORD = "test-key-password";
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static {
        try {
            DROP = Files.createTempDirectory("drop");
            KEYS = Files.createTempDirectory("school-keys");
            var now = java.time.Instant.now();
            var seal = PKI.issueSigner(CertificateSubject.service("МБОУ «СОШ № 18»", "МБОУ «СОШ № 18»"), now.minusSeconds(3600),
                    now.plusSeconds(86_400 * 365));
            var director = PKI.issueSigner(Signers.director(), now.minusSeconds(3600), now.plusSeconds(86_400 * 365));
            Pkcs12Files.write(KEYS.resolve("seal.p12"), "seal", PKI.credentials(seal), KEY_PASSWORD.toCharArray());
            Pkcs12Files.write(KEYS.resolve("director.p12"), "director", PKI.credentials(director), KEY_PASSWORD.toCharArray());
            Files.writeString(KEYS.resolve("root.pem"), Pem.certificates(java.util.List.of(PKI.root().certificate())));
            int n = 0;
            for (var crl : PKI.emptyCrls(now)) Files.write(KEYS.resolve("ca-" + n++ + ".crl"), crl.getEncoded());
        } catch (java.io.IOException | java.security.cert.CRLException e) {
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
        // One configuration for every test class: one Spring context, so one archive worker on the shared database.
        registry.add("journal-archive.signing.schools.demo.seal.keystore", () -> KEYS.resolve("seal.p12").toString());
        registry.add("journal-archive.signing.schools.demo.seal.password", () -> KEY_PASSWORD);
        registry.add("journal-archive.signing.schools.demo.director.keystore", () -> KEYS.resolve("director.p12").toString());
        registry.add("journal-archive.signing.schools.demo.director.password", () -> KEY_PASSWORD);
        registry.add("journal-archive.runs.poll", () -> "200ms");
        registry.add("journal-archive.verification.trusted-roots", () -> KEYS.resolve("root.pem").toString());
        registry.add("journal-archive.verification.crls", () -> KEYS.resolve("ca-0.crl") + "," + KEYS.resolve("ca-1.crl"));
        registry.add("journal-archive.verification.fetch-crls", () -> "false");
        // Buckets of this test JVM: document ids are deterministic, and a package archived by an earlier
        // run on the same S3 server would (rightly) be taken as already archived.
        registry.add("journal-archive.storage.archive-bucket", () -> "ja-test-archive-" + RUN);
        registry.add("journal-archive.storage.drafts-bucket", () -> "ja-test-drafts-" + RUN);
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
        users.add("director-of-demo", DIRECTOR_PASSWORD, ru.journalarchive.app.security.Role.DIRECTOR, "demo", "Лебедева Ирина Викторовна");
        return as("director-of-demo", DIRECTOR_PASSWORD, method, path, body);
    }

    HttpResponse<String> as(String user, String password, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }
}
