package ru.journalarchive.storage.catalogue;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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

    /** An act as the archivist's list shows it: who prepared it, whether it is confirmed, and what became of its documents. */
    public record ActSummary(long id, Instant preparedAt, String preparedBy, String status, Instant confirmedAt, String confirmedBy,
                             int documents, int disposed, int refused) {

        public boolean confirmed() {
            return "CONFIRMED".equals(status);
        }
    }

    /** A document of an act: destroyed when disposedAt is set, kept with the reason when refusal is. */
    public record ActItem(ArchivedDocument document, Instant disposedAt, String refusal) {}

    /** Documents an archivist selected that may not go into an act, each with the reason; nothing was prepared. */
    public static final class NotEligible extends IllegalArgumentException {

        private final List<Refusal> refusals;

        public NotEligible(List<Refusal> refusals) {
            super("Не подлежат уничтожению: " + String.join("; ", refusals.stream().map(r -> r.documentId() + " — " + r.reason())
                    .toList()));
            this.refusals = List.copyOf(refusals);
        }

        public List<Refusal> refusals() {
            return refusals;
        }
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

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
        return eligible(asOf, null, Integer.MAX_VALUE);
    }

    /** The first {@code limit} eligible documents of one school (of all when {@code school} is null), oldest retention first. */
    public List<ArchivedDocument> eligible(Instant asOf, String school, int limit) {
        return jdbc.queryForList("SELECT document_id FROM archived_document WHERE " + ELIGIBLE
                        + " ORDER BY retain_until, document_id LIMIT ?", String.class, Timestamp.from(asOf), school, school, limit)
                .stream().map(id -> catalogue.find(id).orElseThrow()).toList();
    }

    /** How many documents {@link #eligible(Instant, String, int)} would list without a limit. */
    public int countEligible(Instant asOf, String school) {
        return jdbc.queryForObject("SELECT count(*) FROM archived_document WHERE " + ELIGIBLE, Integer.class, Timestamp.from(asOf),
                school, school);
    }

    private static final String ELIGIBLE = "retain_until <= ? AND NOT legal_hold AND disposed_by_act IS NULL "
            + "AND (?::text IS NULL OR school = ?)";

    /** How many documents have run out but are kept by a legal hold: the page says why they are not offered. */
    public int heldPastRetention(Instant asOf) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM archived_document
                WHERE retain_until <= ? AND legal_hold AND disposed_by_act IS NULL""", Integer.class, Timestamp.from(asOf));
    }

    /** Prepares an act for every document eligible now; returns its number (nothing is deleted yet). */
    public long prepare(String actor, ActPrinter printer) {
        Instant now = clock.instant();
        var documents = eligible(now);
        if (documents.isEmpty()) throw new IllegalStateException("Нет документов с истёкшим сроком хранения");
        return record(actor, now, documents, printer);
    }

    /**
     * Prepares an act for the selected documents (nothing is deleted yet). Every one must be eligible now;
     * otherwise nothing is prepared and {@link NotEligible} names each refused document with its reason.
     */
    public long prepare(String actor, List<String> documentIds, ActPrinter printer) {
        var ids = new LinkedHashSet<String>();
        documentIds.stream().filter(id -> id != null && !id.isBlank()).map(String::trim).forEach(ids::add);
        if (ids.isEmpty()) throw new IllegalArgumentException("Не выбрано ни одного документа");
        Instant now = clock.instant();
        var documents = new ArrayList<ArchivedDocument>();
        var refused = new ArrayList<Refusal>();
        for (String id : ids) {
            var document = catalogue.find(id);
            String reason = ineligibility(document, now);
            if (reason != null) refused.add(new Refusal(id, reason));
            else documents.add(document.get());
        }
        if (!refused.isEmpty()) throw new NotEligible(refused);
        // The act lists its documents as the eligible list does: oldest retention first.
        documents.sort(Comparator.comparing((ArchivedDocument d) -> d.retainUntil().toInstant()).thenComparing(ArchivedDocument::documentId));
        return record(actor, now, documents, printer);
    }

    /** Why a document may not go into an act now, or null if it may. */
    private static String ineligibility(Optional<ArchivedDocument> found, Instant now) {
        if (found.isEmpty()) return "Документа нет в архиве";
        var document = found.get();
        if (document.disposedByAct() != null) return "Уже уничтожен по акту № " + document.disposedByAct();
        if (document.legalHold()) return "На документ наложено удержание (legal hold)";
        if (document.retainUntil().toInstant().isAfter(now))
            return "Срок хранения не истёк: хранится до " + document.retainUntil().format(DATE);
        return null;
    }

    private long record(String actor, Instant now, List<ArchivedDocument> documents, ActPrinter printer) {
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

    private static final String ACTS = """
            SELECT a.id, a.prepared_at, a.prepared_by, a.status, a.confirmed_at, a.confirmed_by, count(i.document_id) AS documents,
                   count(i.disposed_at) AS disposed, count(i.refusal) AS refused
            FROM disposal_act a LEFT JOIN disposal_act_item i ON i.act_id = a.id""";

    /** The newest acts first, at most {@code limit}. */
    public List<ActSummary> acts(int limit) {
        return jdbc.query(ACTS + " GROUP BY a.id ORDER BY a.id DESC LIMIT ?", this::summary, limit);
    }

    public Optional<ActSummary> act(long act) {
        return jdbc.query(ACTS + " WHERE a.id = ? GROUP BY a.id", this::summary, act).stream().findFirst();
    }

    /** The act's documents in the act's order, each with what became of it (catalogue rows stay after destruction). */
    public List<ActItem> items(long act) {
        return jdbc.query("SELECT document_id, disposed_at, refusal FROM disposal_act_item WHERE act_id = ? ORDER BY position",
                (rs, n) -> new ActItem(catalogue.find(rs.getString(1)).orElseThrow(), instant(rs.getTimestamp(2)), rs.getString(3)), act);
    }

    private ActSummary summary(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ActSummary(rs.getLong("id"), rs.getTimestamp("prepared_at").toInstant(), rs.getString("prepared_by"),
                rs.getString("status"), instant(rs.getTimestamp("confirmed_at")), rs.getString("confirmed_by"), rs.getInt("documents"),
                rs.getInt("disposed"), rs.getInt("refused"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
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
            String refusal = refusal(document, act);
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

    private String refusal(ArchivedDocument document, long act) {
        // Two open acts may list one document: the second confirmation must not claim what the first destroyed.
        if (document.disposedByAct() != null && document.disposedByAct() != act)
            return "Уже уничтожен по акту № " + document.disposedByAct();
        if (document.legalHold()) return "На документ наложено удержание (legal hold)";
        if (document.retainUntil().toInstant().isAfter(clock.instant()))
            return "Срок хранения продлён до " + document.retainUntil().format(DATE);
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
