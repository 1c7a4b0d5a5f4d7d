package ru.journalarchive.storage.catalogue;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.ObjectHashes;
import ru.journalarchive.storage.archive.StoredVersion;
import ru.journalarchive.storage.s3.S3Failure;

/**
 * Destruction of documents whose retention has run out, as an archive does it: list what is
 * eligible, prepare the act (a printed list, kept for good), and only on an archivist's confirmation
 * delete the objects and record against each document which act destroyed it. A document held or
 * whose retention was extended meanwhile is refused, and before retain-until the server refuses anyway.
 */
public final class Disposal {

    private static final Logger log = LoggerFactory.getLogger(Disposal.class);

    /** Prints the act for its number, the moment it is prepared and the documents it lists. */
    public interface ActPrinter {
        byte[] print(long number, Instant preparedAt, List<ArchivedDocument> documents);
    }

    public record Refusal(String documentId, String reason) {}

    public record Outcome(long actId, int disposed, List<Refusal> refused) {}

    private final Catalogue catalogue;
    private final LockedObjects archive;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Disposal(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.catalogue = catalogue;
        this.archive = archive;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Documents kept until {@code asOf} or earlier, not held and not yet destroyed, oldest retention first. */
    public List<ArchivedDocument> eligible(Instant asOf) {
        return jdbc.queryForList("""
                SELECT document_id FROM archived_document
                WHERE retain_until <= ? AND NOT legal_hold AND disposed_by_act IS NULL
                ORDER BY retain_until, document_id""", String.class, Timestamp.from(asOf))
                .stream().map(id -> catalogue.find(id).orElseThrow()).toList();
    }

    /** Prepares an act for every document eligible now; returns its number (nothing is deleted yet). */
    public long prepare(String actor, ActPrinter printer) {
        Instant now = clock.instant();
        var documents = eligible(now);
        if (documents.isEmpty()) throw new IllegalStateException("Нет документов с истёкшим сроком хранения");
        long number = jdbc.queryForObject("SELECT nextval('disposal_act_id_seq')", Long.class);
        byte[] pdf = printer.print(number, now, documents);
        transactions.executeWithoutResult(tx -> {
            jdbc.update("""
                    INSERT INTO disposal_act (id, as_of, prepared_at, prepared_by, act_pdf, act_sha256, status)
                    VALUES (?, ?, ?, ?, ?, ?, 'PREPARED')""", number, Timestamp.from(now), Timestamp.from(now), actor, pdf,
                    ObjectHashes.sha256(pdf));
            for (int i = 0; i < documents.size(); i++)
                jdbc.update("INSERT INTO disposal_act_item (act_id, position, document_id) VALUES (?, ?, ?)", number, i + 1,
                        documents.get(i).documentId());
        });
        log.info("disposal act {} prepared by {}: {} documents", number, actor, documents.size());
        return number;
    }

    public byte[] actPdf(long act) {
        return jdbc.queryForObject("SELECT act_pdf FROM disposal_act WHERE id = ?", byte[].class, act);
    }

    /**
     * Destroys the act's documents: manifest first (so a rebuild never resurrects a half-deleted
     * package), then every object version. Running it again after an interruption finishes the rest.
     */
    public Outcome confirm(long act, String actor) {
        var pending = jdbc.queryForList("SELECT document_id FROM disposal_act_item WHERE act_id = ? AND disposed_at IS NULL "
                + "AND refusal IS NULL ORDER BY position", String.class, act);
        if (pending.isEmpty() && jdbc.queryForObject("SELECT count(*) FROM disposal_act WHERE id = ?", Integer.class, act) == 0)
            throw new IllegalArgumentException("Акт № " + act + " не найден");
        for (String id : pending) {
            var document = catalogue.find(id).orElseThrow();
            String refusal = refusal(document);
            if (refusal == null) refusal = destroy(document);
            if (refusal != null) {
                jdbc.update("UPDATE disposal_act_item SET refusal = ? WHERE act_id = ? AND document_id = ?", refusal, act, id);
                log.warn("disposal act {}: {} not destroyed: {}", act, id, refusal);
                continue;
            }
            transactions.executeWithoutResult(tx -> {
                jdbc.update("UPDATE disposal_act_item SET disposed_at = ? WHERE act_id = ? AND document_id = ?",
                        Timestamp.from(clock.instant()), act, id);
                jdbc.update("UPDATE archived_document SET disposed_by_act = ? WHERE document_id = ?", act, id);
            });
        }
        jdbc.update("UPDATE disposal_act SET status = 'CONFIRMED', confirmed_at = coalesce(confirmed_at, ?), "
                + "confirmed_by = coalesce(confirmed_by, ?) WHERE id = ?", Timestamp.from(clock.instant()), actor, act);
        var refused = jdbc.query("SELECT document_id, refusal FROM disposal_act_item WHERE act_id = ? AND refusal IS NOT NULL "
                + "ORDER BY position", (rs, n) -> new Refusal(rs.getString(1), rs.getString(2)), act);
        int disposed = jdbc.queryForObject("SELECT count(*) FROM disposal_act_item WHERE act_id = ? AND disposed_at IS NOT NULL",
                Integer.class, act);
        log.info("disposal act {} confirmed by {}: {} destroyed, {} refused", act, actor, disposed, refused.size());
        return new Outcome(act, disposed, refused);
    }

    private String refusal(ArchivedDocument document) {
        if (document.legalHold()) return "На документ наложено удержание (legal hold)";
        if (document.retainUntil().toInstant().isAfter(clock.instant()))
            return "Срок хранения продлён до " + document.retainUntil().toLocalDate();
        return null;
    }

    /** Deletes every version of the package; the server's refusal (a lock we did not know of) is the answer. */
    private String destroy(ArchivedDocument document) {
        var versions = new ArrayList<StoredVersion>();
        versions.add(new StoredVersion(document.manifestKey(), document.manifestVersion(), 0));
        document.objects().values().forEach(e -> versions.add(new StoredVersion(e.key(), e.versionId(), e.size())));
        for (var version : versions) {
            try {
                archive.delete(version);
            } catch (S3Failure e) {
                if (e.status() >= 400 && e.status() < 500) return "Хранилище отказало в удалении " + version.key() + ": " + e.code();
                throw e;
            }
        }
        return null;
    }
}
