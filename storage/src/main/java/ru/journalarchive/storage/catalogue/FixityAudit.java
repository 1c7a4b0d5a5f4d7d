package ru.journalarchive.storage.catalogue;

import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.ObjectHashes;
import ru.journalarchive.storage.archive.StoredVersion;

/**
 * Re-reads archived objects (all, or a random sample per run) and compares their SHA-256 with the
 * catalogue. Findings go into fixity_finding and the log; the run's totals into fixity_run.
 */
public final class FixityAudit {

    private static final Logger log = LoggerFactory.getLogger(FixityAudit.class);

    public record Summary(long runId, int checked, int failures) {}

    private final Catalogue catalogue;
    private final LockedObjects archive;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public FixityAudit(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc, Clock clock) {
        this.catalogue = catalogue;
        this.archive = archive;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param sample how many documents to check, at random; 0 checks all */
    public Summary run(int sample) {
        long run = jdbc.queryForObject("INSERT INTO fixity_run (started_at) VALUES (?) RETURNING id", Long.class,
                Timestamp.from(clock.instant()));
        var ids = jdbc.queryForList(sample > 0
                ? "SELECT document_id FROM archived_document ORDER BY random() LIMIT " + sample
                : "SELECT document_id FROM archived_document ORDER BY document_id", String.class);
        int checked = 0;
        int failures = 0;
        for (String id : ids) {
            var document = catalogue.find(id).orElseThrow();
            for (var entry : document.objects().values()) {
                checked++;
                String actual;
                String problem = null;
                try {
                    actual = ObjectHashes.sha256(archive.read(new StoredVersion(entry.key(), entry.versionId(), entry.size())));
                    if (!actual.equals(entry.sha256())) problem = "MISMATCH";
                } catch (RuntimeException e) {
                    actual = e.getMessage();
                    problem = "UNREADABLE";
                }
                if (problem != null) {
                    failures++;
                    log.error("fixity: {} of document {} is {} (expected {}, got {})", entry.name(), id, problem,
                            entry.sha256(), actual);
                    jdbc.update("INSERT INTO fixity_finding (run_id, document_id, object_name, problem, expected, actual) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", run, id, entry.name(), problem, entry.sha256(), actual);
                }
            }
        }
        jdbc.update("UPDATE fixity_run SET finished_at = ?, checked = ?, failures = ? WHERE id = ?",
                Timestamp.from(clock.instant()), checked, failures, run);
        log.info("fixity run {}: {} objects checked, {} failures", run, checked, failures);
        return new Summary(run, checked, failures);
    }
}
