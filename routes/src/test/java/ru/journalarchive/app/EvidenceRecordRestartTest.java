package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.journal.demo.DemoOptions;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.s3.S3Settings;

/**
 * Evidence records (README, «The archive») when the service process is SIGKILLed in the middle of one.
 * The kill points are made certain, not hoped for: the test holds PostgreSQL locks that the service's
 * evidence code must wait for, takes S3 (through a proxy) or the TSA away, and checks before each kill
 * that the service stands exactly where the kill is meant to land.
 * <ol>
 *   <li>an S3 outage while a record is built: its plan is committed, its object cannot be written; killed there;</li>
 *   <li>started again, the service writes the object (redone) and is killed before the catalogue hears of it;</li>
 *   <li>started again, it adopts that object, plans the record's hash-tree renewal while the TSA is down, and is
 *       killed once the renewal is written but not catalogued;</li>
 *   <li>started again, it adopts the renewal and goes on covering new packages.</li>
 * </ol>
 * Afterwards every package is covered by exactly one record, each evidence object has exactly one version
 * in the locked bucket (the one the catalogue names), nothing is left BUILDING, and the packages verify
 * with their evidence record, online and offline.
 */
class EvidenceRecordRestartTest {

    static final String INSPECTOR_PASSWORD = "evidence-restart-inspector";
    /** Class × quarter runs: a few sealed documents each, archived without the director. */
    static final String QUARTER = "2025-q1";

    final S3Settings s3Settings = S3Settings.fromEnvironment();

    @Test
    void evidenceRecordsCutOffByAKilledServiceAreFinishedOnceAndCoverEveryPackageOnce() throws Exception {
        try (var db = TestDatabase.create(); var proxy = new S3OutageProxy(s3Settings.endpoint());
             var service = new ServiceProcess(db, "ja-evidence-kill-"); var s3 = S3Clients.create(s3Settings)) {
            var jdbc = new JdbcTemplate(db.dataSource());
            var settings = new HashMap<>(Map.of("journal-archive.evidence.interval", "1s", // a round every second, not every day
                    "journal-archive.storage.endpoint", proxy.endpoint(), "camel.main.shutdown-timeout", "5"));
            var retiring = new HashMap<>(settings);
            retiring.put("journal-archive.evidence.retired-digests", "STREEBOG_256"); // every record so far gets a hash-tree renewal

            // 1. While the class's quarter is archived nothing may be planned (the plan inserts into evidence_record,
            //    a SHARE lock on it waits); then S3 goes away and the plan is let through: committed, but unwritable.
            service.start("evidence-1", settings);
            Set<String> first;
            try (var noPlans = new Held(db, "LOCK TABLE evidence_record IN SHARE MODE")) {
                service.schoolWithItsYear(new DemoOptions(4, 33, 2025));
                var inspector = Map.of("username", "inspector", "password", INSPECTOR_PASSWORD, "role", "INSPECTOR",
                        "fullName", "Проверяющий Тестовый");
                assertThat(service.admin("POST", "/api/v1/admin/users", service.json.writeValueAsString(inspector)).statusCode()).isEqualTo(201);
                archive(service, "c-2025-1a");
                first = documents(jdbc);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM evidence_coverage", Integer.class)).as("covered too early").isZero();
                proxy.down();
            }
            var chain = await(service, "a record planned during the S3 outage", () -> objects(jdbc).stream().findFirst());
            String record = chain.recordId();
            assertThat(chain.state()).isEqualTo("BUILDING");
            assertThat(chain.kind()).isEqualTo("CHAIN");
            assertThat(coverage(jdbc, record)).isEqualTo(first);
            service.kill();
            awaitSessionsGone(jdbc);
            proxy.up();
            assertThat(versions(s3, service, chain.key())).as("written before the kill").isEmpty();
            assertThat(object(jdbc, record, 0).state()).isEqualTo("BUILDING");

            // 2. Started again, it must write the object itself; the test holds the record's coverage rows, so
            //    it waits after the put, in the catalogue's update, and is killed there.
            try (var catalogue = new Held(db, "SELECT * FROM evidence_coverage WHERE record_id = ? FOR UPDATE", record)) {
                assertThat(catalogue.rows).isEqualTo(first.size());
                service.start("evidence-2", settings);
                catalogue.awaitWaiter(service, jdbc, "UPDATE evidence_coverage");
                service.kill();
            }
            awaitSessionsGone(jdbc);
            var written = versions(s3, service, chain.key());
            assertThat(written).as("the object put before the kill").hasSize(1);
            assertThat(object(jdbc, record, 0)).as("the catalogue never heard of the put")
                    .satisfies(o -> assertThat(o.state()).isEqualTo("BUILDING"), o -> assertThat(o.versionId()).isNull());

            // 3. Started again with the TSA down: it adopts the object it finds (no time-stamp needed) and plans the
            //    record's hash-tree renewal, which cannot get past its time-stamp until the test holds the coverage
            //    rows and lets the TSA answer; then the renewal is killed like the record in 2: written, not catalogued.
            Stored renewal;
            TestKeys.TSA_DOWN.set(true);
            try {
                service.start("evidence-3", retiring);
                renewal = await(service, "the renewal planned while the TSA is down", () -> objects(jdbc).stream()
                        .filter(o -> o.seq() == 1).findFirst());
                assertThat(object(jdbc, record, 0)).as("adopted, not written again")
                        .satisfies(o -> assertThat(o.state()).isEqualTo("STORED"), o -> assertThat(o.versionId()).isEqualTo(written.get(0)));
                assertThat(renewal.kind()).isEqualTo("HASHTREE_RENEWAL");
                assertThat(renewal.state()).isEqualTo("BUILDING");
                try (var catalogue = new Held(db, "SELECT * FROM evidence_coverage WHERE record_id = ? FOR UPDATE", record)) {
                    TestKeys.TSA_DOWN.set(false);
                    catalogue.awaitWaiter(service, jdbc, "UPDATE evidence_coverage");
                    service.kill();
                }
            } finally {
                TestKeys.TSA_DOWN.set(false);
            }
            awaitSessionsGone(jdbc);
            var renewed = versions(s3, service, renewal.key());
            assertThat(renewed).as("the renewal put before the kill").hasSize(1);
            assertThat(object(jdbc, record, 1).state()).as("the catalogue never heard of the renewal").isEqualTo("BUILDING");

            // 4. Started again (Streebog-256 no longer retired: the planned renewal keeps the digest it was planned
            //    with): it adopts the renewal, and the next class's packages get a record (or several) of their own.
            service.start("evidence-4", settings);
            await(service, "the renewal finished", () -> Optional.of(object(jdbc, record, 1)).filter(o -> o.state().equals("STORED")));
            archive(service, "c-2025-2a");
            var second = new TreeSet<>(documents(jdbc));
            second.removeAll(first);
            await(service, "every package covered, nothing unfinished", () -> Optional.of(jdbc.queryForObject("""
                    SELECT (SELECT count(*) FROM archived_document d WHERE NOT EXISTS
                               (SELECT 1 FROM evidence_coverage c WHERE c.document_id = d.document_id))
                         + (SELECT count(*) FROM evidence_object WHERE state = 'BUILDING')""", Integer.class)).filter(n -> n == 0));

            // Nothing lost, nothing doubled: the first record covers exactly the first class's packages, the later
            // ones exactly the second's, each package once; every record finished.
            assertThat(coverage(jdbc, record)).isEqualTo(first);
            assertThat(jdbc.queryForList("SELECT document_id FROM evidence_coverage WHERE record_id <> ?", String.class, record))
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(second);
            assertThat(jdbc.queryForList("SELECT state FROM evidence_record", String.class)).isNotEmpty().containsOnly("DONE");
            assertThat(jdbc.queryForObject("SELECT digest_algorithm FROM evidence_record WHERE id = ?", String.class, record))
                    .as("renewed once, with the new digest").isEqualTo("STREEBOG_512");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM evidence_coverage WHERE proved_until IS NULL", Integer.class)).isZero();
            var objects = objects(jdbc);
            assertThat(objects.stream().filter(o -> o.recordId().equals(record)).map(o -> o.seq() + " " + o.versionId()))
                    .containsExactly("0 " + written.get(0), "1 " + renewed.get(0));

            // In the locked bucket: one version of every key, packages and evidence objects alike, and the
            // evidence objects are exactly the catalogue's, version for version.
            var bucket = bucketVersions(s3, service, "");
            assertThat(bucket).isNotEmpty().allSatisfy((key, ids) -> assertThat(ids).as(key).hasSize(1));
            var evidence = new TreeMap<String, String>();
            bucket.forEach((key, ids) -> {
                if (key.startsWith("evidence/")) evidence.put(key, ids.get(0));
            });
            var catalogued = new TreeMap<String, String>();
            objects.forEach(o -> catalogued.put(o.key(), o.versionId()));
            assertThat(evidence).isEqualTo(catalogued);

            // The records prove the packages: the API's verification of each document of the first record (and one
            // of the second class) reaches LTA with the evidence record, and one package verifies offline.
            var verified = new ArrayList<>(first);
            verified.add(second.first());
            for (String id : verified) {
                var report = service.json.readTree(service.send("inspector", INSPECTOR_PASSWORD, "GET",
                        "/api/v1/documents/" + id + "/verification", null).body());
                assertThat(report.get("verdict").asText()).as(id + ": " + report).isEqualTo("VALID");
                assertThat(report.get("signatures")).as(id).isNotEmpty()
                        .allSatisfy(s -> assertThat(s.get("level").asText()).as(id).isEqualTo("LTA_ER"));
            }
            verifyOffline(service, first.iterator().next());
        }
    }

    /** Archives one class's quarter and waits until every planned document is in the archive. */
    static void archive(ServiceProcess service, String classId) throws Exception {
        long run = service.startRun(QUARTER, classId);
        var done = service.awaitRun(run, p -> !p.get("finishedAt").isNull(), Duration.ofMinutes(3));
        assertThat(done.get("planned").asInt()).isPositive();
        assertThat(done.at("/byState/ARCHIVED").asInt()).as(done.toString()).isEqualTo(done.get("planned").asInt());
    }

    /** The document's package.zip as an inspector downloads it, checked by the CLI in a JVM of its own: nothing but the test root. */
    static void verifyOffline(ServiceProcess service, String documentId) throws Exception {
        var zip = service.http.send(HttpRequest.newBuilder(service.uri("/api/v1/documents/" + documentId + "/package.zip"))
                .header("Authorization", ServiceProcess.basic("inspector", INSPECTOR_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        var names = new ArrayList<String>();
        try (var in = new ZipInputStream(new java.io.ByteArrayInputStream(zip.body()))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) names.add(e.getName());
        }
        assertThat(names).contains("manifest.json", "evidence-record.ers");
        Path file = Files.write(Files.createDirectories(Path.of("target")).resolve(documentId + ".zip"), zip.body());
        var process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JournalArchiveApplication.class.getName(), "verify", file.toString(),
                "--trust", TestKeys.DIR.resolve("root.pem").toString(), "--format", "json")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        var report = service.json.readTree(output);
        assertThat(report.get("verdict").asText()).isEqualTo("VALID");
        assertThat(report.get("signatures")).isNotEmpty().allSatisfy(s -> assertThat(s.get("level").asText()).isEqualTo("LTA_ER"));
    }

    /** One row of evidence_object. */
    record Stored(String recordId, int seq, String kind, String state, String key, String versionId) {}

    static List<Stored> objects(JdbcTemplate jdbc) {
        return jdbc.query("SELECT record_id, seq, kind, state, object_key, version_id FROM evidence_object ORDER BY planned_at, record_id, seq",
                (rs, n) -> new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
    }

    static Stored object(JdbcTemplate jdbc, String record, int seq) {
        return objects(jdbc).stream().filter(o -> o.recordId().equals(record) && o.seq() == seq).findFirst()
                .orElseThrow(() -> new AssertionError("no evidence object " + record + " #" + seq));
    }

    static Set<String> documents(JdbcTemplate jdbc) {
        return new TreeSet<>(jdbc.queryForList("SELECT document_id FROM archived_document", String.class));
    }

    static Set<String> coverage(JdbcTemplate jdbc, String record) {
        var ids = jdbc.queryForList("SELECT document_id FROM evidence_coverage WHERE record_id = ?", String.class, record);
        var set = new TreeSet<>(ids);
        assertThat(set).as("covered twice by " + record).hasSameSizeAs(ids);
        return set;
    }

    /** Key → version ids (delete markers included) under the prefix, straight from the S3 server, not through the proxy. */
    static Map<String, List<String>> bucketVersions(MinioClient s3, ServiceProcess service, String prefix) throws Exception {
        var versions = new TreeMap<String, List<String>>();
        for (var result : s3.listObjects(ListObjectsArgs.builder().bucket(service.archiveBucket()).prefix(prefix).recursive(true)
                .includeVersions(true).build())) {
            var item = result.get();
            versions.computeIfAbsent(item.objectName(), k -> new ArrayList<>()).add(item.versionId());
        }
        return versions;
    }

    /** The version ids of exactly this key. */
    static List<String> versions(MinioClient s3, ServiceProcess service, String key) throws Exception {
        return bucketVersions(s3, service, key).getOrDefault(key, List.of());
    }

    /**
     * A killed service's sessions linger in PostgreSQL until it notices the closed connections (one blocked
     * in a lock, until the lock is released): wait until none is left, so its row locks cannot make the next
     * service skip an unfinished object.
     */
    static void awaitSessionsGone(JdbcTemplate jdbc) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> left;
        while (!(left = jdbc.queryForList("""
                SELECT pid || ' ' || state || ': ' || query FROM pg_stat_activity
                WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()""",
                String.class)).isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("sessions of the killed service left: " + left);
            Thread.sleep(50);
        }
    }

    interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    /** Polls every 50 ms until the probe finds something; fails after a minute, naming what did not happen. */
    static <T> T await(ServiceProcess service, String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Optional<T> found;
        while ((found = probe.get()).isEmpty()) {
            if (System.nanoTime() > deadline)
                throw new AssertionError("not within a minute: " + what + " (service " + (service.alive() ? "running" : "dead") + ", see "
                        + service.log() + ")");
            Thread.sleep(50);
        }
        return found.get();
    }

    /** Locks the test holds in a transaction of its own (on one connection), released on close by a rollback. */
    static final class Held implements AutoCloseable {

        final Connection connection;
        final int pid;
        /** Rows the statement returned (and so locked, for a SELECT … FOR UPDATE). */
        final int rows;

        Held(TestDatabase db, String sql, Object... arguments) throws SQLException {
            connection = db.dataSource().getConnection();
            connection.setAutoCommit(false);
            int n = 0;
            try (var statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < arguments.length; i++) statement.setObject(i + 1, arguments[i]);
                if (statement.execute()) try (var rs = statement.getResultSet()) {
                    while (rs.next()) n++;
                }
            }
            rows = n;
            try (var statement = connection.createStatement(); var rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
        }

        /** Waits until a session of the service waits for these locks in a statement starting so: where the kill is to land. */
        void awaitWaiter(ServiceProcess service, JdbcTemplate jdbc, String statement) throws Exception {
            var waiting = await(service, "the service waiting in «" + statement + "…» for the test's lock", () -> jdbc.queryForList(
                    "SELECT query FROM pg_stat_activity WHERE ? = ANY (pg_blocking_pids(pid))", String.class, pid).stream().findFirst());
            assertThat(waiting).startsWith(statement);
        }

        @Override
        public void close() throws SQLException {
            connection.rollback();
            connection.close();
        }
    }
}
