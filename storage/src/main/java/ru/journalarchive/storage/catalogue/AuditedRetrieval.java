package ru.journalarchive.storage.catalogue;

import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.StoredVersion;

/**
 * Reads an archived object: the exact stored version, its SHA-256 checked against the catalogue on
 * the way out (a mismatch is an error, never served), and every read written to the audit log.
 */
public final class AuditedRetrieval {

    private final Catalogue catalogue;
    private final LockedObjects archive;
    private final JdbcTemplate jdbc;

    public AuditedRetrieval(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc) {
        this.catalogue = catalogue;
        this.archive = archive;
        this.jdbc = jdbc;
    }

    /** One read of the audit log: which object, who, from where, when, and whether it was served. */
    public record Read(String objectName, String reader, String remote, java.time.Instant at, String outcome) {}

    /** The latest reads of a document, newest first, at most {@code limit}. */
    public java.util.List<Read> reads(String documentId, int limit) {
        return jdbc.query("""
                SELECT object_name, reader, remote, read_at, outcome FROM document_read WHERE document_id = ?
                ORDER BY read_at DESC, id DESC LIMIT ?""", (rs, n) -> new Read(rs.getString("object_name"), rs.getString("reader"),
                rs.getString("remote"), rs.getTimestamp("read_at").toInstant(), rs.getString("outcome")), documentId, limit);
    }

    /** How many reads of the document the audit log holds. */
    public long readCount(String documentId) {
        return jdbc.queryForObject("SELECT count(*) FROM document_read WHERE document_id = ?", Long.class, documentId);
    }

    /** The object's bytes; who asks and from where go into the audit log, served or not. */
    public byte[] read(String documentId, String objectName, String reader, String remote) {
        var document = catalogue.find(documentId).orElseThrow(() -> new DocumentNotFound(documentId));
        var entry = document.objects().get(objectName);
        if (entry == null) throw new DocumentNotFound(documentId + "/" + objectName);
        byte[] bytes = archive.read(new StoredVersion(entry.key(), entry.versionId(), entry.size()));
        boolean intact = ru.journalarchive.storage.archive.ObjectHashes.sha256(bytes).equals(entry.sha256());
        jdbc.update("INSERT INTO document_read (document_id, object_name, reader, remote, outcome) VALUES (?, ?, ?, ?, ?)",
                documentId, objectName, reader, remote, intact ? "SERVED" : "HASH_MISMATCH");
        if (!intact) throw new TamperedObjectException(documentId, objectName);
        return bytes;
    }
}
