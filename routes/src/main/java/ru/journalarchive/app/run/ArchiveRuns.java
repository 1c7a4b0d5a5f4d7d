package ru.journalarchive.app.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.app.run.RunDocument.State;

/**
 * Runs and their documents in PostgreSQL: planning, claiming due work (SKIP LOCKED with a lease, so
 * that a second node can share it later), the state transitions, retries with backoff, the dead
 * letters, and each run's progress.
 */
public class ArchiveRuns {

    /**
     * A run's counts by stage and, while it runs, an estimate of when it ends; note: why it started as it
     * did (e.g. the scheduler stopped waiting for a connector's sync), or null.
     */
    public record Progress(long id, String school, String schoolYear, String periodId, String classId, String startedBy,
                           Instant startedAt, Instant finishedAt, int planned, Map<String, Integer> byState, Instant eta,
                           String note) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration lease;
    private final String node;

    /** @param node this node's name, stable across its restarts and unique among the nodes sharing the database */
    public ArchiveRuns(JdbcTemplate jdbc, TransactionTemplate transactions, int maxAttempts, Duration firstBackoff, Duration lease,
                       String node) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.lease = lease;
        this.node = node;
    }

    /** Records a run and its documents; documents already known (an earlier run) are shared, not repeated. */
    public long start(String school, String schoolYear, String periodId, String classId, String actor, List<PlannedDocument> plan) {
        return start(school, schoolYear, periodId, classId, actor, plan, null);
    }

    /** @param note shown with the run's progress: why it started as it did, or null */
    public long start(String school, String schoolYear, String periodId, String classId, String actor, List<PlannedDocument> plan,
                      String note) {
        return transactions.execute(tx -> {
            long run = jdbc.queryForObject("""
                    INSERT INTO archive_run (school, school_year, period_id, class_id, started_by, planned, note)
                    VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, school, schoolYear, periodId, classId, actor, plan.size(),
                    note);
            jdbc.batchUpdate("""
                    INSERT INTO run_document (document_id, run_id, school, school_year, period_id, class_id, kind, subject_id,
                        student_id, sealed, state)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED') ON CONFLICT (document_id) DO NOTHING""", plan, 500, (ps, d) -> {
                ps.setString(1, d.documentId());
                ps.setLong(2, run);
                ps.setString(3, d.school());
                ps.setString(4, d.schoolYear());
                ps.setString(5, d.periodId());
                ps.setString(6, d.classId());
                ps.setString(7, d.kind().name());
                ps.setString(8, d.subjectId());
                ps.setString(9, d.studentId());
                ps.setBoolean(10, d.sealed());
            });
            jdbc.batchUpdate("INSERT INTO run_member (run_id, document_id) VALUES (?, ?)", plan, 500, (ps, d) -> {
                ps.setLong(1, run);
                ps.setString(2, d.documentId());
            });
            if (plan.isEmpty()) jdbc.update("UPDATE archive_run SET finished_at = now() WHERE id = ?", run);
            return run;
        });
    }

    /** Claims up to {@code limit} documents whose next step is due, leasing them so no other worker takes them meanwhile. */
    public List<RunDocument> claimDue(int limit) {
        return jdbc.query("""
                UPDATE run_document SET leased_until = now() + ? * interval '1 millisecond', leased_by = ?
                WHERE document_id IN (SELECT document_id FROM run_document
                                      WHERE state IN ('PLANNED', 'RENDERED', 'APPROVED', 'SIGNED') AND next_attempt_at <= now()
                                        AND (leased_until IS NULL OR leased_until < now())
                                      ORDER BY next_attempt_at, document_id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING *""", this::row, lease.toMillis(), node, limit);
    }

    /**
     * At start, nothing of this node is being worked on: the leases it held before it stopped are
     * released at once. Another node's leases stay; they run out if that node stopped for good.
     */
    public int releaseLeases() {
        return jdbc.update("UPDATE run_document SET leased_until = NULL, leased_by = NULL "
                + "WHERE leased_until IS NOT NULL AND (leased_by = ? OR leased_by IS NULL)", node);
    }

    /** The documents still on their way to the archive: neither archived nor failed for good. */
    public java.util.Set<String> unfinishedDocumentIds() {
        return new java.util.HashSet<>(jdbc.queryForList(
                "SELECT document_id FROM run_document WHERE state NOT IN ('ARCHIVED', 'FAILED')", String.class));
    }

    public Optional<RunDocument> find(String documentId) {
        return jdbc.query("SELECT * FROM run_document WHERE document_id = ?", this::row, documentId).stream().findFirst();
    }

    public void rendered(String id, String title, String dataSha256, String dataVersion, int pages, LocalDate closedOn, State next) {
        move(id, "state = ?, title = ?, data_sha256 = ?, data_version = ?, pages = ?, closed_on = ?", next.name(), title, dataSha256,
                dataVersion, pages, closedOn);
    }

    /** The director approved the document for the server-held key; false if it no longer waited for that. */
    public boolean approve(String id, String actor) {
        return jdbc.update("UPDATE run_document SET state = 'APPROVED', approved_by = ?, attempts = 0, last_error = NULL, "
                + "next_attempt_at = now(), leased_until = NULL, updated_at = now() WHERE document_id = ? AND state = 'AWAITING_SIGNATURE'",
                actor, id) == 1;
    }

    /**
     * Signed and kept in the drafts. Unlike the other moves this keeps the lease: the worker that
     * signed stores the document next, and another worker claiming it meanwhile would store it twice
     * (two versions under the lock). A failed store releases the lease; a token's signature, made
     * outside any worker, has none. Signed again while resuming a store that failed, it keeps its count
     * of failed attempts: otherwise a store that always fails would be retried for ever, never a dead letter.
     */
    public void signed(String id, String signer, Instant at) {
        jdbc.update("UPDATE run_document SET state = 'SIGNED', signer = ?, signed_at = ?, "
                + "attempts = CASE WHEN state = 'SIGNED' THEN attempts ELSE 0 END, "
                + "last_error = CASE WHEN state = 'SIGNED' THEN last_error ELSE NULL END, "
                + "next_attempt_at = now(), updated_at = now() WHERE document_id = ?", signer, Timestamp.from(at), id);
    }

    public void archived(String id) {
        move(id, "state = 'ARCHIVED'");
    }

    /** The data changed after rendering: render again (and sign what is rendered then). */
    public void replan(String id) {
        move(id, "state = 'PLANNED', data_sha256 = NULL, data_version = NULL");
    }

    private void move(String id, String set, Object... args) {
        var all = new Object[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = id;
        jdbc.update("UPDATE run_document SET " + set + ", attempts = 0, last_error = NULL, next_attempt_at = now(), "
                + "leased_until = NULL, updated_at = now() WHERE document_id = ?", all);
    }

    /**
     * A step failed: try again after a backoff doubling each time; after the last attempt the
     * document is FAILED and goes to the dead letters with its reason, and the run goes on without it.
     */
    public boolean failed(String id, String reason) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            int attempts = jdbc.queryForObject("UPDATE run_document SET attempts = attempts + 1, last_error = ?, leased_until = NULL, "
                    + "updated_at = now() WHERE document_id = ? RETURNING attempts", Integer.class, reason, id);
            if (attempts >= maxAttempts) {
                jdbc.update("UPDATE run_document SET state = 'FAILED' WHERE document_id = ?", id);
                jdbc.update("INSERT INTO dead_letter (document_id, run_id, attempts, reason) SELECT document_id, run_id, ?, ? "
                        + "FROM run_document WHERE document_id = ?", attempts, reason, id);
                return true;
            }
            long backoff = firstBackoff.toMillis() << Math.min(attempts - 1, 16);
            jdbc.update("UPDATE run_document SET next_attempt_at = now() + ? * interval '1 millisecond' WHERE document_id = ?",
                    backoff, id);
            return false;
        }));
    }

    /**
     * A document given up on goes round again once its cause (a bucket refusing writes, a missing key,
     * the TSA down) is put right: from rendering, or, when it was signed already, from storing what was
     * signed, as signing again could put a second version under the lock. A document the director had
     * approved is rendered again and waits for the director once more. Its runs count as unfinished
     * until it is done; its dead letters stay as the record of what happened. False if it had not failed.
     */
    public boolean retry(String documentId) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            int moved = jdbc.update("""
                    UPDATE run_document SET state = CASE WHEN signer IS NULL THEN 'PLANNED' ELSE 'SIGNED' END, attempts = 0,
                        last_error = NULL, next_attempt_at = now(), leased_until = NULL, leased_by = NULL, updated_at = now()
                    WHERE document_id = ? AND state = 'FAILED'""", documentId);
            if (moved == 0) return false;
            jdbc.update("UPDATE archive_run SET finished_at = NULL WHERE id IN (SELECT run_id FROM run_member WHERE document_id = ?)",
                    documentId);
            return true;
        }));
    }

    /** Whether the run asked for the document (its own or one an earlier run planned). */
    public boolean includes(long run, String documentId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM run_member WHERE run_id = ? AND document_id = ?)",
                Boolean.class, run, documentId));
    }

    /** The latest runs first, with their progress. */
    public List<Progress> recent(int limit) {
        return jdbc.queryForList("SELECT id FROM archive_run ORDER BY id DESC LIMIT ?", Long.class, limit).stream()
                .map(id -> progress(id).orElseThrow()).toList();
    }

    /** A document of a run whose last step failed: retried after nextAttemptAt, or given up on (FAILED). */
    public record Failure(RunDocument document, Instant nextAttemptAt) {}

    /** The run's documents whose last attempt failed, with the reason, given-up ones first. */
    public List<Failure> failures(long run) {
        return jdbc.query("""
                SELECT d.* FROM run_member m JOIN run_document d ON d.document_id = m.document_id
                WHERE m.run_id = ? AND d.last_error IS NOT NULL ORDER BY d.state <> 'FAILED', d.document_id""",
                (rs, n) -> new Failure(row(rs, n), rs.getTimestamp("next_attempt_at").toInstant()), run);
    }

    /**
     * A document given up on, as the dead letters keep it, with the document as it stands now.
     * retryable: it is still failed and this is its latest dead letter (one retried and failed again has several).
     */
    public record DeadLetter(long id, RunDocument document, int attempts, String reason, Instant failedAt, boolean retryable) {}

    /** The dead letters of the run's documents, the latest first. */
    public List<DeadLetter> deadLetters(long run) {
        return jdbc.query("""
                SELECT l.id AS letter_id, l.attempts AS letter_attempts, l.reason AS letter_reason, l.failed_at AS letter_failed_at,
                       d.state = 'FAILED' AND l.id = max(l.id) OVER (PARTITION BY l.document_id) AS letter_retryable, d.*
                FROM dead_letter l JOIN run_member m ON m.document_id = l.document_id AND m.run_id = ?
                JOIN run_document d ON d.document_id = l.document_id ORDER BY l.id DESC""",
                (rs, n) -> new DeadLetter(rs.getLong("letter_id"), row(rs, n), rs.getInt("letter_attempts"), rs.getString("letter_reason"),
                        rs.getTimestamp("letter_failed_at").toInstant(), rs.getBoolean("letter_retryable")), run);
    }

    /** Marks runs finished once every document they asked for is archived or failed. */
    public int finishCompleted() {
        return jdbc.update("""
                UPDATE archive_run r SET finished_at = now() WHERE finished_at IS NULL AND NOT EXISTS (
                    SELECT 1 FROM run_member m JOIN run_document d ON d.document_id = m.document_id
                    WHERE m.run_id = r.id AND d.state NOT IN ('ARCHIVED', 'FAILED'))""");
    }

    /** The director's queue: the school's documents rendered and waiting for a signature. */
    public List<RunDocument> awaitingSignature(String school) {
        return jdbc.query("SELECT * FROM run_document WHERE school = ? AND state = 'AWAITING_SIGNATURE' ORDER BY document_id",
                this::row, school);
    }

    public Optional<Progress> progress(long run) {
        return jdbc.query("SELECT * FROM archive_run WHERE id = ?", (rs, n) -> {
            var byState = new LinkedHashMap<String, Integer>();
            for (State s : State.values()) byState.put(s.name(), 0);
            jdbc.query("""
                    SELECT d.state, count(*) FROM run_member m JOIN run_document d ON d.document_id = m.document_id
                    WHERE m.run_id = ? GROUP BY d.state""", (ResultSet r) -> {
                byState.put(r.getString(1), r.getInt(2));
            }, run);
            Instant started = rs.getTimestamp("started_at").toInstant();
            Timestamp finished = rs.getTimestamp("finished_at");
            return new Progress(run, rs.getString("school"), rs.getString("school_year"), rs.getString("period_id"),
                    rs.getString("class_id"), rs.getString("started_by"), started, finished == null ? null : finished.toInstant(),
                    rs.getInt("planned"), byState, finished == null ? eta(started, rs.getInt("planned"), byState) : null,
                    rs.getString("note"));
        }, run).stream().findFirst();
    }

    /** From the pace so far: documents past rendering per second since the start, applied to what is left. */
    private static Instant eta(Instant started, int planned, Map<String, Integer> byState) {
        int done = byState.get("ARCHIVED") + byState.get("FAILED") + byState.get("AWAITING_SIGNATURE");
        if (done == 0) return null;
        long elapsed = Duration.between(started, Instant.now()).toMillis();
        return Instant.now().plusMillis(elapsed * (planned - done) / done);
    }

    private RunDocument row(ResultSet rs, int n) throws SQLException {
        var plan = new PlannedDocument(rs.getString("document_id"), rs.getString("school"), rs.getString("school_year"),
                rs.getString("period_id"), rs.getString("class_id"), DocumentKind.valueOf(rs.getString("kind")),
                rs.getString("subject_id"), rs.getString("student_id"), rs.getBoolean("sealed"));
        Timestamp signedAt = rs.getTimestamp("signed_at");
        return new RunDocument(plan, rs.getLong("run_id"), State.valueOf(rs.getString("state")), rs.getString("title"),
                rs.getString("data_sha256"), rs.getString("data_version"), (Integer) rs.getObject("pages"), rs.getObject("closed_on", LocalDate.class),
                rs.getString("signer"), signedAt == null ? null : signedAt.toInstant(), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getTimestamp("updated_at").toInstant());
    }
}
