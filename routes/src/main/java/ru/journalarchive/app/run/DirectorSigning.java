package ru.journalarchive.app.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.run.RunDocument.State;
import ru.journalarchive.app.signing.SchoolSigningKeys;

/**
 * The director's batch with the server-held key: every document of the school waiting for a signature
 * is checked against the journal as it stands now — data changed since rendering sends the document
 * back to be rendered again (never signed stale) — and the rest are approved in one action. The
 * workers then sign and archive them (checking once more), so a batch of any size answers at once
 * and one approved before the service stopped is signed after it starts.
 */
public final class DirectorSigning {

    private static final Logger log = LoggerFactory.getLogger(DirectorSigning.class);
    static final String REASON = "Утверждено директором образовательной организации";

    public enum Result { APPROVED, RE_RENDERED, NOT_WAITING }

    public record Outcome(String documentId, Result result, String message) {}

    private final ArchiveRuns runs;
    private final LateCorrections corrections;
    private final SchoolSigningKeys keys;
    private final int threads;

    public DirectorSigning(ArchiveRuns runs, LateCorrections corrections, SchoolSigningKeys keys, int threads) {
        this.runs = runs;
        this.corrections = corrections;
        this.keys = keys;
        this.threads = threads;
    }

    /**
     * Approves the documents for the director's server-held key, checking several at a time (after a
     * late batch, checking means assembling each document's data again); each document's outcome is
     * reported, none stops the others.
     */
    public List<Outcome> approveForServerKey(String school, List<String> documentIds, String actor) {
        if (keys.director(school).isEmpty()) throw new RejectedRequest("school",
                "Для школы " + school + " не настроен ключ директора на сервере: подпишите через КриптоПро ЭЦП Browser plug-in");
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var tasks = documentIds.stream().<Callable<Outcome>>map(id -> () -> approveOne(school, id, actor)).toList();
            var outcomes = new ArrayList<Outcome>();
            for (var f : pool.invokeAll(tasks)) outcomes.add(f.get());
            log.info("director of {} ({}) approved {} of {} documents for signing", school, actor,
                    outcomes.stream().filter(o -> o.result() == Result.APPROVED).count(), documentIds.size());
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("approval interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("approval failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private Outcome approveOne(String school, String id, String actor) {
        var waiting = waiting(school, id);
        if (waiting == null) return notWaiting(id);
        if (stale(waiting)) return new Outcome(id, Result.RE_RENDERED,
                "Данные журнала изменились после формирования: документ сформирован заново, подпишите его ещё раз");
        if (!runs.approve(id, actor)) return notWaiting(id); // approved or signed by another request meanwhile
        return new Outcome(id, Result.APPROVED, "Принято: документ будет подписан ключом директора и передан в архив");
    }

    private static Outcome notWaiting(String id) {
        return new Outcome(id, Result.NOT_WAITING, "Документ не ожидает подписи директора");
    }

    /** The document, if it is this school's and waits for the director. */
    RunDocument waiting(String school, String documentId) {
        return runs.find(documentId).filter(d -> d.plan().school().equals(school) && d.state() == State.AWAITING_SIGNATURE)
                .orElse(null);
    }

    /** Data changed since rendering: the document has been sent back to rendering. */
    boolean stale(RunDocument d) {
        return corrections.sendBackIfChanged(d);
    }
}
