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
