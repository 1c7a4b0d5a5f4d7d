package ru.journalarchive.storage.catalogue;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.StoredVersion;

/**
 * Legal hold on every object of a document (a court case, an inspection): placed and lifted with a
 * reason, both written down. While held, nothing of the document can be deleted, even after its
 * retention has run out.
 */
public final class LegalHolds {

    private final Catalogue catalogue;
    private final LockedObjects archive;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public LegalHolds(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.catalogue = catalogue;
        this.archive = archive;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** One placing or lifting of the hold: by whom, when and why. */
    public record Event(boolean hold, String reason, String actor, java.time.Instant at) {}

    /** The document's hold placed and lifted, newest first. */
    public java.util.List<Event> history(String documentId) {
        return jdbc.query("SELECT hold, reason, actor, at FROM legal_hold_event WHERE document_id = ? ORDER BY at DESC, id DESC",
                (rs, n) -> new Event(rs.getBoolean("hold"), rs.getString("reason"), rs.getString("actor"),
                        rs.getTimestamp("at").toInstant()), documentId);
    }

    public void place(String documentId, String reason, String actor) {
        set(documentId, true, reason, actor);
    }

    public void lift(String documentId, String reason, String actor) {
        set(documentId, false, reason, actor);
    }

    private void set(String documentId, boolean hold, String reason, String actor) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a legal hold needs a reason");
        var document = catalogue.find(documentId).orElseThrow(() -> new DocumentNotFound(documentId));
        for (var entry : document.objects().values())
            archive.legalHold(new StoredVersion(entry.key(), entry.versionId(), entry.size()), hold);
        archive.legalHold(new StoredVersion(document.manifestKey(), document.manifestVersion(), 0), hold);
        transactions.executeWithoutResult(tx -> {
            jdbc.update("UPDATE archived_document SET legal_hold = ? WHERE document_id = ?", hold, documentId);
            jdbc.update("INSERT INTO legal_hold_event (document_id, hold, reason, actor) VALUES (?, ?, ?, ?)",
                    documentId, hold, reason, actor);
        });
    }
}
