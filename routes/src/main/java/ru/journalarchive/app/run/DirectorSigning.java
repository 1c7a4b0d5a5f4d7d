package ru.journalarchive.app.run;

import ru.journalarchive.app.RejectedRequest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.journalarchive.app.run.RunDocument.State;
import ru.journalarchive.app.signing.DocumentSigner;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.storage.drafts.Drafts;

/**
 * The director's batch: every document of the school waiting for a signature is checked against the
 * journal as it stands now — data changed since rendering sends the document back to be rendered
 * again (never signed stale) — and the rest are signed in one action with the director's key.
 */
public final class DirectorSigning {

    private static final Logger log = LoggerFactory.getLogger(DirectorSigning.class);
    static final String REASON = "Утверждено директором образовательной организации";

    public enum Result { SIGNED, RE_RENDERED, NOT_WAITING }

    public record Outcome(String documentId, Result result, String message) {}

    private final ArchiveRuns runs;
    private final DocumentRendering rendering;
    private final Drafts drafts;
    private final SchoolSigningKeys keys;
    private final DocumentSigner signer;
    private final DocumentPipeline pipeline;
    private final int threads;

    public DirectorSigning(ArchiveRuns runs, DocumentRendering rendering, Drafts drafts, SchoolSigningKeys keys,
                           DocumentSigner signer, DocumentPipeline pipeline, int threads) {
        this.runs = runs;
        this.rendering = rendering;
        this.drafts = drafts;
        this.keys = keys;
        this.signer = signer;
        this.pipeline = pipeline;
        this.threads = threads;
    }

    /**
     * Signs with the director's server-held key, several documents at a time (checking the data
     * and signing are CPU work); each document's outcome is reported, none stops the others.
     */
    public List<Outcome> signWithServerKey(String school, List<String> documentIds, String actor) {
        var credentials = keys.director(school).orElseThrow(() -> new RejectedRequest("school",
                "Для школы " + school + " не настроен ключ директора на сервере: подпишите через КриптоПро ЭЦП Browser plug-in"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var tasks = documentIds.stream().<java.util.concurrent.Callable<Outcome>>map(id -> () -> signOne(school, id, credentials)).toList();
            var outcomes = new ArrayList<Outcome>();
            for (var f : pool.invokeAll(tasks)) outcomes.add(f.get());
            log.info("director of {} ({}) signed {} of {} documents", school, actor,
                    outcomes.stream().filter(o -> o.result() == Result.SIGNED).count(), documentIds.size());
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("signing interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("signing failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private Outcome signOne(String school, String id, ru.journalarchive.signing.keys.SigningCredentials credentials) {
        var waiting = waiting(school, id);
        if (waiting == null) return new Outcome(id, Result.NOT_WAITING, "Документ не ожидает подписи директора");
        if (stale(waiting)) return new Outcome(id, Result.RE_RENDERED,
                "Данные журнала изменились после формирования: документ сформирован заново, подпишите его ещё раз");
        pipeline.keepSigned(waiting, signer.sign(drafts.read(DraftKeys.pdf(waiting)), credentials, waiting.plan().kind().stamp(), REASON));
        return new Outcome(id, Result.SIGNED, "Подписано");
    }

    /** The document, if it is this school's and waits for the director. */
    RunDocument waiting(String school, String documentId) {
        return runs.find(documentId).filter(d -> d.plan().school().equals(school) && d.state() == State.AWAITING_SIGNATURE)
                .orElse(null);
    }

    /**
     * Compares the journal as it stands with what was rendered; a difference sends the document back
     * to rendering. When no batch has been applied since rendering, there is nothing to compare.
     */
    boolean stale(RunDocument d) {
        if (d.dataVersion() != null && d.dataVersion().equals(rendering.dataVersion(d.plan().school()))) return false;
        if (rendering.dataSha256(d.plan()).equals(d.dataSha256())) return false;
        log.info("document {} changed since it was rendered: rendering again", d.documentId());
        runs.replan(d.documentId());
        return true;
    }
}
