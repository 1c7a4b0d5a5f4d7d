package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.demo.DemoSchoolGenerator;
import ru.journalarchive.journal.testing.TestDatabase;

/**
 * The service as a real process: a child JVM on this test's classpath ({@code serve}) against a test
 * database and buckets of its own, on one port kept across restarts, so that a test can SIGKILL it and
 * start it again. Settings of one start are given as command-line properties; the process's output
 * goes to {@code target/restart-test-<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "restart-test-admin-password";

    final String run = "r" + Long.toString(System.currentTimeMillis(), 36);
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    final int port;
    private final TestDatabase db;
    private final String bucketPrefix;
    private final String adminHash = "{bcrypt}" + new BCryptPasswordEncoder().encode(ADMIN_PASSWORD);
    private Process process;
    private Path log;

    /** @param bucketPrefix the buckets are {@code <prefix><run>} (archive) and {@code <prefix>drafts-<run>} */
    ServiceProcess(TestDatabase db, String bucketPrefix) throws IOException {
        this.db = db;
        this.bucketPrefix = bucketPrefix;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    String archiveBucket() {
        return bucketPrefix + run;
    }

    String draftsBucket() {
        return bucketPrefix + "drafts-" + run;
    }

    /** The log of the process started last. */
    Path log() {
        return log;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the service (the one before must be gone) with {@code settings} on top of the test keys'
     * and waits until it is ready (the readiness probe: it does not depend on S3 or the TSA answering).
     */
    Process start(String name, Map<String, String> settings) throws Exception {
        if (alive()) throw new IllegalStateException("the service started before still runs; see " + log);
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), JournalArchiveApplication.class.getName(), "serve",
                "--server.port=" + port, "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(), "--journal-archive.storage.archive-bucket=" + archiveBucket(),
                "--journal-archive.storage.drafts-bucket=" + draftsBucket(), // first-backoff 1s: from the test keys' settings
                "--journal-archive.admin.password-hash=" + adminHash));
        TestKeys.properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        log = Files.createDirectories(Path.of("target")).resolve("restart-test-" + name + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service stopped; see " + log).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) return process;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the service did not start within 120 s; see " + log);
    }

    /** SIGKILL: no shutdown hook, no finishing touches. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor()).as("exit code of the killed service").isNotZero();
    }

    /** Stops the service if it still runs (gently first). */
    @Override
    public void close() throws InterruptedException {
        if (!alive()) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    /** The school "demo" registered and its year pushed through the API; returns its token. */
    String schoolWithItsYear(DemoOptions options) throws Exception {
        assertThat(admin("POST", "/api/v1/admin/schools", "{\"code\":\"demo\",\"name\":\"Демо-школа\"}").statusCode()).isEqualTo(201);
        String token = json.readTree(admin("POST", "/api/v1/admin/schools/demo/tokens", "{\"label\":\"journal\"}").body())
                .get("token").asText();
        for (var batch : DemoSchoolGenerator.generate(options).batches()) {
            var response = http.send(HttpRequest.newBuilder(uri("/api/v1/schools/demo/batches")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(batch)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return token;
    }

    /** A run of the demo school's 2025 year: a period ({@code null}: the year end), one class or ({@code null}) all. */
    long startRun(String period, String classId) throws Exception {
        var run = new LinkedHashMap<String, String>();
        run.put("school", "demo");
        run.put("schoolYear", "2025");
        if (period != null) run.put("periodId", period);
        if (classId != null) run.put("classId", classId);
        var response = admin("POST", "/api/v1/archive-runs", json.writeValueAsString(run));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("id").asLong();
    }

    /** Polls a run's progress until it satisfies {@code done}; fails with the progress after {@code timeout}. */
    JsonNode awaitRun(long id, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode progress;
        do {
            Thread.sleep(300);
            progress = json.readTree(admin("GET", "/api/v1/archive-runs/" + id, null).body());
        } while (!done.test(progress) && System.nanoTime() < deadline);
        assertThat(done.test(progress)).as("run %d: %s (see %s)", id, progress, log).isTrue();
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
}
