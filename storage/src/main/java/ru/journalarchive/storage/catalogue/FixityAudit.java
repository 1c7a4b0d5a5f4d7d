package ru.journalarchive.storage.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.Manifest;
import ru.journalarchive.storage.archive.ObjectHashes;
import ru.journalarchive.storage.archive.StoredVersion;

/**
 * Re-reads archived objects (all, or a random sample per run) and compares their SHA-256 with the
 * catalogue, and each document's manifest in the bucket with its catalogue row. Findings go into
 * fixity_finding and the log; the run's totals into fixity_run.
 */
public final class FixityAudit {

    private static final Logger log = LoggerFactory.getLogger(FixityAudit.class);

    public record Summary(long runId, int checked, int failures) {}

    public record Finding(String documentId, String objectName, String problem, String expected, String actual) {}

    /** The last finished run and what it found, for the summary endpoint and command. */
    public record Report(Summary run, java.time.Instant startedAt, java.time.Instant finishedAt, List<Finding> findings) {}

    private final Catalogue catalogue;
    private final LockedObjects archive;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public FixityAudit(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.catalogue = catalogue;
        this.archive = archive;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** @param sample how many documents to check, at random; 0 checks all */
    public Summary run(int sample) {
        long run = jdbc.queryForObject("INSERT INTO fixity_run (started_at) VALUES (?) RETURNING id", Long.class,
                Timestamp.from(clock.instant()));
        var ids = jdbc.queryForList(sample > 0
                ? "SELECT document_id FROM archived_document WHERE disposed_by_act IS NULL ORDER BY random() LIMIT " + sample
                : "SELECT document_id FROM archived_document WHERE disposed_by_act IS NULL ORDER BY document_id", String.class);
        int checked = 0;
        int failures = 0;
        for (String id : ids) {
            var document = catalogue.find(id).orElseThrow();
            var findings = new ArrayList<Finding>();
            for (var entry : document.objects().values()) {
                checked++;
                try {
                    String actual = ObjectHashes.sha256(archive.read(new StoredVersion(entry.key(), entry.versionId(), entry.size())));
                    if (!actual.equals(entry.sha256())) findings.add(new Finding(id, entry.name(), "MISMATCH", entry.sha256(), actual));
                } catch (RuntimeException e) {
                    findings.add(new Finding(id, entry.name(), "UNREADABLE", entry.sha256(), e.getMessage()));
                }
            }
            checked++;
            findings.addAll(compareManifest(document));
            for (var finding : findings) {
                failures++;
                log.error("fixity: {} of document {} is {} (expected {}, got {})", finding.objectName(), id, finding.problem(),
                        finding.expected(), finding.actual());
                jdbc.update("INSERT INTO fixity_finding (run_id, document_id, object_name, problem, expected, actual) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", run, id, finding.objectName(), finding.problem(), finding.expected(),
                        finding.actual());
            }
        }
        jdbc.update("UPDATE fixity_run SET finished_at = ?, checked = ?, failures = ? WHERE id = ?",
                Timestamp.from(clock.instant()), checked, failures, run);
        log.info("fixity run {}: {} objects checked, {} failures", run, checked, failures);
        return new Summary(run, checked, failures);
    }

    /** The manifest in the bucket must list the same versions and hashes as the catalogue row. */
    private List<Finding> compareManifest(ArchivedDocument document) {
        String id = document.documentId();
        Manifest manifest;
        try {
            manifest = json.readValue(archive.read(new StoredVersion(document.manifestKey(), document.manifestVersion(), 0)),
                    Manifest.class);
        } catch (IOException | RuntimeException e) {
            return List.of(new Finding(id, Manifest.FILE, "UNREADABLE", document.manifestVersion(), e.getMessage()));
        }
        var inManifest = new TreeMap<String, String>();
        manifest.objects().forEach(e -> inManifest.put(e.name(), e.versionId() + " " + e.sha256()));
        var inCatalogue = new TreeMap<String, String>();
        document.objects().values().forEach(e -> inCatalogue.put(e.name(), e.versionId() + " " + e.sha256()));
        return inManifest.equals(inCatalogue) ? List.of()
                : List.of(new Finding(id, Manifest.FILE, "MANIFEST_MISMATCH", inCatalogue.toString(), inManifest.toString()));
    }

    /** The last finished run with its findings, if any run has finished. */
    public java.util.Optional<Report> lastReport() {
        return jdbc.query("SELECT * FROM fixity_run WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1", (rs, n) ->
                new Report(new Summary(rs.getLong("id"), rs.getInt("checked"), rs.getInt("failures")),
                        rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("finished_at").toInstant(),
                        jdbc.query("SELECT * FROM fixity_finding WHERE run_id = ? ORDER BY id", (f, m) -> new Finding(
                                f.getString("document_id"), f.getString("object_name"), f.getString("problem"),
                                f.getString("expected"), f.getString("actual")), rs.getLong("id")))).stream().findFirst();
    }
}
