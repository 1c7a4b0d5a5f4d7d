package ru.journalarchive.storage.evidence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.storage.archive.StoredVersion;
import ru.journalarchive.storage.retention.RetentionMode;

/** The evidence tables of V4: records, their locked objects, and which documents each covers. */
final class EvidenceCatalogue {

    /** One transaction plans at a time, so two callers never put the same document in two records. */
    private static final long PLAN_LOCK = 0x4A41_4552_5331L; // "JAERS1"

    /** A record still proves a kept document; once all it covers are disposed of, it needs no renewal. */
    private static final String KEPT = "SELECT 1 FROM evidence_coverage c JOIN archived_document d USING (document_id) "
            + "WHERE c.record_id = r.id AND d.disposed_by_act IS NULL";

    enum Kind { CHAIN, TIMESTAMP_RENEWAL, HASHTREE_RENEWAL }

    /** An object planned but not yet stored: what finishing it needs. */
    record Planned(String recordId, int seq, Kind kind, String key, EvidenceDigest digest, RetentionMode mode, ZonedDateTime retainUntil) {}

    /** A record whose objects are all stored, with what renewal decides on. */
    record Done(String recordId, Instant builtAt, EvidenceDigest digest, byte[] tsaCertificate, Instant renewalDeadline, int lastSeq) {}

    record Missing(String documentId, StoredVersion manifest) {}

    private final JdbcTemplate jdbc;

    EvidenceCatalogue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static String key(String recordId, Instant builtAt, int seq) {
        int year = builtAt.atZone(ZoneOffset.UTC).getYear();
        return "evidence/" + year + "/" + recordId + (seq == 0 ? "" : ".r" + seq) + ".ers";
    }

    List<Missing> withoutManifestHash(int limit) {
        return jdbc.query("""
                SELECT document_id, manifest_key, manifest_version FROM archived_document d
                WHERE manifest_streebog256 IS NULL AND disposed_by_act IS NULL
                  AND NOT EXISTS (SELECT 1 FROM evidence_coverage c WHERE c.document_id = d.document_id)
                ORDER BY document_id LIMIT ?""",
                (rs, n) -> new Missing(rs.getString(1), new StoredVersion(rs.getString(2), rs.getString(3), 0)), limit);
    }

    void manifestHash(String documentId, String streebog256) {
        jdbc.update("UPDATE archived_document SET manifest_streebog256 = ? WHERE document_id = ? AND manifest_streebog256 IS NULL",
                streebog256, documentId);
    }

    /**
     * Within the caller's transaction: a record over every uncovered document with a manifest hash,
     * its coverage rows and its first object, all BUILDING; empty (and nothing written) when none is due.
     */
    Optional<String> plan(EvidenceDigest digest, RetentionMode mode, Instant now) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, PLAN_LOCK);
        String id = "er-" + now.atZone(ZoneOffset.UTC).toLocalDate() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String key = key(id, now, 0);
        jdbc.update("""
                INSERT INTO evidence_record (id, state, built_at, object_key, digest_algorithm, retention_mode, retain_until)
                VALUES (?, 'BUILDING', ?, ?, ?, ?, ?)""", id, Timestamp.from(now), key, digest.name(), mode.name(), Timestamp.from(now));
        int covered = jdbc.update("""
                INSERT INTO evidence_coverage (record_id, document_id, leaf)
                SELECT ?, document_id, decode(manifest_streebog256, 'hex') FROM archived_document d
                WHERE manifest_streebog256 IS NOT NULL AND disposed_by_act IS NULL
                  AND NOT EXISTS (SELECT 1 FROM evidence_coverage c WHERE c.document_id = d.document_id)""", id);
        if (covered == 0) {
            jdbc.update("DELETE FROM evidence_record WHERE id = ?", id);
            return Optional.empty();
        }
        jdbc.update("""
                UPDATE evidence_record SET retain_until = (SELECT max(d.retain_until) FROM evidence_coverage c
                    JOIN archived_document d USING (document_id) WHERE c.record_id = ?) WHERE id = ?""", id, id);
        insertObject(id, 0, Kind.CHAIN, key, digest, now);
        return Optional.of(id);
    }

    /**
     * Within the caller's transaction: locks a renewal of a finished record and plans its next object;
     * false when another caller holds the record or it is no longer DONE.
     */
    boolean planRenewal(Done record, Kind kind, EvidenceDigest digest, Instant now) {
        var locked = jdbc.queryForList("SELECT id FROM evidence_record WHERE id = ? AND state = 'DONE' FOR UPDATE SKIP LOCKED",
                String.class, record.recordId());
        if (locked.isEmpty()) return false;
        int seq = jdbc.queryForObject("SELECT max(seq) + 1 FROM evidence_object WHERE record_id = ?", Integer.class, record.recordId());
        insertObject(record.recordId(), seq, kind, key(record.recordId(), record.builtAt(), seq), digest, now);
        jdbc.update("UPDATE evidence_record SET state = 'BUILDING' WHERE id = ?", record.recordId());
        return true;
    }

    private void insertObject(String id, int seq, Kind kind, String key, EvidenceDigest digest, Instant now) {
        jdbc.update("""
                INSERT INTO evidence_object (record_id, seq, kind, state, object_key, digest_algorithm, planned_at)
                VALUES (?, ?, ?, 'BUILDING', ?, ?, ?)""", id, seq, kind.name(), key, digest.name(), Timestamp.from(now));
    }

    /** Within the caller's transaction: the oldest unfinished object nobody else is finishing, row-locked. */
    Optional<Planned> claimUnfinished() {
        return jdbc.query("""
                SELECT o.record_id, o.seq, o.kind, o.object_key, o.digest_algorithm, r.retention_mode, r.retain_until
                FROM evidence_object o JOIN evidence_record r ON r.id = o.record_id
                WHERE o.state = 'BUILDING' ORDER BY o.planned_at, o.record_id, o.seq LIMIT 1 FOR UPDATE OF o SKIP LOCKED""",
                (rs, n) -> new Planned(rs.getString(1), rs.getInt(2), Kind.valueOf(rs.getString(3)), rs.getString(4),
                        EvidenceDigest.valueOf(rs.getString(5)), RetentionMode.valueOf(rs.getString(6)),
                        rs.getTimestamp(7).toInstant().atZone(ZoneOffset.UTC))).stream().findFirst();
    }

    /** The documents a record covers with their planned leaves (manifest hashes). */
    List<EvidenceObject.Leaf> leaves(String recordId) {
        return jdbc.query("SELECT document_id, leaf FROM evidence_coverage WHERE record_id = ?",
                (rs, n) -> new EvidenceObject.Leaf(rs.getString(1), rs.getBytes(2)), recordId);
    }

    /** The manifests of a record's documents still kept: a disposed document's manifest is gone, and so is the need to prove it. */
    List<Missing> manifests(String recordId) {
        return jdbc.query("""
                SELECT d.document_id, d.manifest_key, d.manifest_version FROM evidence_coverage c
                JOIN archived_document d USING (document_id)
                WHERE c.record_id = ? AND d.disposed_by_act IS NULL ORDER BY d.document_id""",
                (rs, n) -> new Missing(rs.getString(1), new StoredVersion(rs.getString(2), rs.getString(3), 0)), recordId);
    }

    /** The object is stored: the record is DONE again with the newest time-stamp's facts and the new deadline. */
    void stored(Planned p, String versionId, TimeStampFacts facts, Instant renewalDeadline) {
        jdbc.update("UPDATE evidence_object SET state = 'STORED', version_id = ?, time_stamp_at = ? WHERE record_id = ? AND seq = ?",
                versionId, Timestamp.from(facts.genTime()), p.recordId(), p.seq());
        jdbc.update("""
                UPDATE evidence_record SET state = 'DONE', version_id = CASE WHEN ? = 0 THEN ? ELSE version_id END,
                    digest_algorithm = ?, time_stamp_at = ?, tsa_not_after = ?, tsa_certificate = ?, renewal_deadline = ?
                WHERE id = ?""", p.seq(), versionId, p.digest().name(), Timestamp.from(facts.genTime()),
                Timestamp.from(facts.tsaNotAfter()), facts.tsaCertificateDer(), Timestamp.from(renewalDeadline), p.recordId());
        jdbc.update("UPDATE evidence_coverage SET proved_until = ? WHERE record_id = ?", Timestamp.from(facts.earliestNotAfter()), p.recordId());
    }

    List<Done> done() {
        return jdbc.query("""
                SELECT r.id, r.built_at, r.digest_algorithm, r.tsa_certificate, r.renewal_deadline,
                       (SELECT max(seq) FROM evidence_object o WHERE o.record_id = r.id)
                FROM evidence_record r WHERE r.state = 'DONE' AND EXISTS (""" + KEPT + """
                ) ORDER BY r.renewal_deadline""",
                (rs, n) -> new Done(rs.getString(1), rs.getTimestamp(2).toInstant(), EvidenceDigest.valueOf(rs.getString(3)),
                        rs.getBytes(4), rs.getTimestamp(5).toInstant(), rs.getInt(6)));
    }

    /** The stored objects of the record covering the document, in order; empty if no record covers it yet. */
    List<StoredVersion> objectsFor(String documentId) {
        return jdbc.query("""
                SELECT o.object_key, o.version_id FROM evidence_coverage c JOIN evidence_object o ON o.record_id = c.record_id
                WHERE c.document_id = ? AND o.state = 'STORED' ORDER BY o.seq""",
                (rs, n) -> new StoredVersion(rs.getString(1), rs.getString(2), 0), documentId);
    }

    /** The stored objects of one record, in order. */
    List<StoredVersion> objects(String recordId) {
        return jdbc.query("SELECT object_key, version_id FROM evidence_object WHERE record_id = ? AND state = 'STORED' ORDER BY seq",
                (rs, n) -> new StoredVersion(rs.getString(1), rs.getString(2), 0), recordId);
    }

    EvidenceStatus status() {
        long uncovered = jdbc.queryForObject("""
                SELECT count(*) FROM archived_document d WHERE disposed_by_act IS NULL
                AND NOT EXISTS (SELECT 1 FROM evidence_coverage c WHERE c.document_id = d.document_id)""", Long.class);
        long unfinished = jdbc.queryForObject("SELECT count(*) FROM evidence_object WHERE state = 'BUILDING'", Long.class);
        var nearest = jdbc.query("SELECT r.id, r.renewal_deadline FROM evidence_record r WHERE r.renewal_deadline IS NOT NULL "
                + "AND EXISTS (" + KEPT + ") ORDER BY r.renewal_deadline, r.id LIMIT 1", (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()});
        return nearest.isEmpty() ? new EvidenceStatus(uncovered, unfinished, null, null)
                : new EvidenceStatus(uncovered, unfinished, (Instant) nearest.get(0)[1], (String) nearest.get(0)[0]);
    }
}
