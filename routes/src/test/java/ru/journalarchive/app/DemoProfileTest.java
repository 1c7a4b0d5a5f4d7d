package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import ru.journalarchive.journal.testing.TestDatabase;

/**
 * A newcomer's demo: the {@code demo} profile with no key, TSA, trust or login configuration at all. The
 * service makes its test PKI, the director approves a class's year end, and the archived ledger
 * verifies as VALID with a time-stamp — through the inspector's API and offline with the root the
 * demo hands out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Read before the beans exist (DemoEnvironment), so inlined here, not dynamic.
        "journal-archive.demo.pki-directory=" + DemoProfileTest.PKI_DIR,
        "journal-archive.demo.students=110",
        "journal-archive.demo.seed=7",
        "journal-archive.runs.poll=200ms",
        "camel.main.shutdown-timeout=5"})
@ActiveProfiles("demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // its workers must not outlive it on the other tests' S3
class DemoProfileTest {

    static final String PKI_DIR = "target/demo-profile-test-pki";
    /** The demo's published logins (README.md): the profile sets them when the environment does not. */
    static final String USERS_PASSWORD = "demo-users-password";
    static final String ADMIN_PASSWORD = "demo-admin-password";
    static final TestDatabase DB = TestDatabase.create();
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static {
        // A first start: no PKI from an earlier run of this test.
        FileSystemUtils.deleteRecursively(Path.of(PKI_DIR).toFile());
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::url);
        registry.add("spring.datasource.username", DB::user);
        registry.add("spring.datasource.password", DB::password);
        registry.add("journal-archive.storage.archive-bucket", () -> "ja-demo-archive-" + RUN);
        registry.add("journal-archive.storage.drafts-bucket", () -> "ja-demo-drafts-" + RUN);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDirectorSignsAYearEndThatTheInspectorFindsValidAndTimeStampedWithoutAnyKeyConfiguration() throws Exception {
        String classId = jdbc.queryForObject("""
                SELECT c.source_id FROM school_class c JOIN school s ON s.id = c.school_id
                WHERE s.code = 'demo' ORDER BY c.source_id LIMIT 1""", String.class);
        long run = body(send("admin", ADMIN_PASSWORD, "POST", "/api/v1/archive-runs",
                "{\"school\":\"demo\",\"schoolYear\":\"2025\",\"classId\":\"" + classId + "\"}")).get("id").asLong();
        int planned = awaitRun(run, p -> p.at("/byState/AWAITING_SIGNATURE").asInt() == p.get("planned").asInt()).get("planned").asInt();

        var ids = new ArrayList<String>();
        body(send("director", USERS_PASSWORD, "GET", "/api/v1/schools/demo/signing-queue", null))
                .forEach(d -> ids.add(d.get("documentId").asText()));
        assertThat(ids).hasSize(planned);
        var outcomes = body(send("director", USERS_PASSWORD, "POST", "/api/v1/schools/demo/signing-queue/sign",
                json.writeValueAsString(Map.of("documentIds", ids))));
        outcomes.forEach(o -> assertThat(o.get("result").asText()).as(o.toString()).isEqualTo("APPROVED"));
        var done = awaitRun(run, p -> !p.get("finishedAt").isNull());
        assertThat(done.at("/byState/ARCHIVED").asInt()).as(done.toString()).isEqualTo(planned);

        String ledger = "summary-ledger--demo--2025--year--" + classId;
        var report = body(send("inspector", USERS_PASSWORD, "GET", "/api/v1/documents/" + ledger + "/verification", null));
        assertThat(report.get("verdict").asText()).as(report.toString()).isEqualTo("VALID");
        assertSignedByTheDemoDirectorWithATimeStamp(report);
        var detached = body(send("inspector", USERS_PASSWORD, "GET", "/api/v1/documents/" + ledger + "/verification?detached=true", null));
        assertThat(detached.get("verdict").asText()).as(detached.toString()).isEqualTo("VALID");
        assertSignedByTheDemoDirectorWithATimeStamp(detached);

        // Offline, as the README says: the root from the service, the files from the archive, the jar's verify.
        var root = http.send(HttpRequest.newBuilder(uri("/api/v1/demo/root.pem")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).startsWith("-----BEGIN CERTIFICATE-----").isEqualTo(Files.readString(Path.of(PKI_DIR, "root.pem")));
        Path dir = Files.createTempDirectory("demo-verify");
        Path rootPem = Files.writeString(dir.resolve("root.pem"), root.body());
        Path pdf = Files.write(dir.resolve("ledger.pdf"), download("inspector", ledger, "document.pdf"));
        Path sig = Files.write(dir.resolve("ledger.pdf.sig"), download("inspector", ledger, "document.pdf.sig"));
        var crls = List.of("--crl", PKI_DIR + "/root.crl.pem", "--crl", PKI_DIR + "/intermediate.crl.pem");
        JsonNode offline = verifyJson(rootPem, crls, pdf.toString());
        assertThat(offline.get("verdict").asText()).as(offline.toString()).isEqualTo("VALID");
        assertSignedByTheDemoDirectorWithATimeStamp(offline);
        JsonNode offlineDetached = verifyJson(rootPem, crls, pdf.toString(), "--detached", sig.toString());
        assertThat(offlineDetached.get("verdict").asText()).as(offlineDetached.toString()).isEqualTo("VALID");

        // The demo's keys came from its own PKI: the root the service trusts is the one it wrote.
        assertThat(Path.of(PKI_DIR, "director.p12")).exists();
        assertThat(Path.of(PKI_DIR, "seal.p12")).exists();
    }

    private static void assertSignedByTheDemoDirectorWithATimeStamp(JsonNode report) {
        var signature = report.at("/signatures/0");
        assertThat(signature.get("timestamp").isNull()).as("the demo's own TSA stamps its signatures: %s", report).isFalse();
        assertThat(signature.at("/signer/surname").asText()).isEqualTo("Директорова");
        assertThat(signature.at("/signer/title").asText()).isEqualTo("Директор");
        assertThat(signature.at("/signer/organization").asText()).isNotBlank();
        assertThat(signature.at("/signer/snils").asText()).isNotBlank();
        assertThat(signature.get("chain").asText()).isEqualTo("TRUSTED");
    }

    /** The jar's {@code verify --format json} in a process of its own; stdout must be the JSON alone. */
    private JsonNode verifyJson(Path root, List<String> crls, String... args) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JournalArchiveApplication.class.getName(), "verify"));
        command.addAll(List.of(args));
        command.addAll(List.of("--trust", root.toString(), "--format", "json"));
        command.addAll(crls);
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return json.readTree(out);
    }

    private byte[] download(String user, String document, String file) throws Exception {
        var response = http.send(HttpRequest.newBuilder(uri("/api/v1/documents/" + document + "/files/" + file))
                .header("Authorization", basic(user, USERS_PASSWORD)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private JsonNode awaitRun(long run, java.util.function.Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode progress;
        do {
            Thread.sleep(300);
            progress = body(send("admin", ADMIN_PASSWORD, "GET", "/api/v1/archive-runs/" + run, null));
        } while (!done.test(progress) && System.nanoTime() < deadline);
        assertThat(done.test(progress)).as("run %d did not get there: %s; dead letters %s", run, progress,
                jdbc.queryForList("SELECT document_id, reason FROM dead_letter")).isTrue();
        return progress;
    }

    private HttpResponse<String> send(String user, String password, String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return json.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
