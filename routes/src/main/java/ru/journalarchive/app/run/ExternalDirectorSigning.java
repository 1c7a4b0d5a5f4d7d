package ru.journalarchive.app.run;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.app.signing.DocumentSigner;
import ru.journalarchive.app.signing.LongTermLevels;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pades.PadesBaselineLT;
import ru.journalarchive.signing.external.ExternalSignatureRejected;
import ru.journalarchive.signing.external.ExternalSigning;
import ru.journalarchive.signing.external.PreparedSignature;
import ru.journalarchive.signing.external.SigningSessions;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.timestamp.TimeStampUnavailable;
import ru.journalarchive.storage.drafts.Drafts;

/**
 * The director signs the batch with a key that never leaves the token (the CryptoPro browser
 * plug-in): for each document the service hands out the hash of the PDF's signed byte ranges; the
 * CMS that comes back is embedded (PAdES), and then the hash of the final PDF is handed out for the
 * detached {@code .sig}. Only when both are in is the document signed and sent on to the archive.
 * Every step's state is a session of {@link ExternalSigning} in PostgreSQL (the school its owner, the
 * document its reference): a restarted node or another one carries on, and a page opened again lists
 * the steps left ({@link #open}). Each completion is one transaction: the session taken, the next one
 * opened or the signed document kept, or nothing at all.
 */
public final class ExternalDirectorSigning {

    private static final Logger log = LoggerFactory.getLogger(ExternalDirectorSigning.class);

    public enum Stage { PDF, DETACHED }

    /** What the browser signs next: the hash (base64) of one session, or the content for tools that hash themselves. */
    public record Step(String documentId, String sessionId, Stage stage, String hash, String digestAlgorithm, Instant expiresAt) {}

    /** TRY_AGAIN: the TSA did not answer; the signature is kept and the same CMS can be sent again. */
    public enum Result { NEXT_STEP, SIGNED, RE_RENDERED, NOT_WAITING, REJECTED, TRY_AGAIN }

    public record Progress(String documentId, Result result, String message, Step next) {}

    public record Completion(String sessionId, String cms) {}

    private final DirectorSigning signing;
    private final Drafts drafts;
    private final DocumentPipeline pipeline;
    private final ExternalSigning external;
    private final LongTermLevels longTerm;
    private final TransactionTemplate transactions;
    private final Clock clock;

    /** @param external keeps its sessions in {@link JdbcSigningSessions}, on the database of {@code transactions} */
    public ExternalDirectorSigning(DirectorSigning signing, Drafts drafts, DocumentPipeline pipeline, ExternalSigning external,
                                   LongTermLevels longTerm, TransactionTemplate transactions, Clock clock) {
        this.longTerm = longTerm;
        this.signing = signing;
        this.drafts = drafts;
        this.pipeline = pipeline;
        this.external = external;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<Progress> prepare(String school, List<String> documentIds, X509Certificate certificate) {
        var out = new ArrayList<Progress>();
        for (String id : documentIds) {
            var waiting = signing.waiting(school, id);
            if (waiting == null) out.add(notWaiting(id));
            else if (signing.stale(waiting)) out.add(new Progress(id, Result.RE_RENDERED,
                    "Данные журнала изменились после формирования: документ сформирован заново, подпишите его ещё раз", null));
            else {
                var area = waiting.plan().kind().stamp();
                var prepared = external.preparePdf(drafts.read(DraftKeys.pdf(waiting)), certificate, clock.instant(),
                        new StampPlacement(area.x(), area.y(), area.width(), area.height()), DirectorSigning.REASON, school, id);
                out.add(new Progress(id, Result.NEXT_STEP, "Подпишите хеш документа", step(id, prepared, Stage.PDF)));
            }
        }
        return out;
    }

    /** The school's open sessions, the steps a page opened again continues with (a DETACHED one: the PDF is signed already). */
    public List<Step> open(String school) {
        return external.openSessions(school).stream()
                .map(o -> step(o.reference(), o.prepared(), o.pdf() ? Stage.PDF : Stage.DETACHED)).toList();
    }

    /** The bytes whose hash a session handed out, for signing tools that hash the content themselves. */
    public byte[] content(String school, String sessionId) {
        return session(school, sessionId).orElseThrow(() -> new ExternalSignatureRejected("Сеанс подписания не найден или истёк"))
                .content();
    }

    public List<Progress> complete(String school, List<Completion> completions) {
        var out = new ArrayList<Progress>();
        for (var c : completions) out.add(transactions.execute(tx -> {
            try {
                return completeOne(school, c);
            } catch (PadesBaselineLT.StaleRevocationData e) {
                tx.setRollbackOnly(); // the session stays open: the same CMS completes once the CA has issued a new CRL
                log.warn("session {}: no fresh CRL yet, the token's signature waits for one: {}", c.sessionId(), e.getMessage());
                return new Progress(null, Result.TRY_AGAIN, "Список отозванных сертификатов удостоверяющего центра ещё не "
                        + "обновлён. Подпись сохранена: отправьте её ещё раз через несколько минут, подписывать заново не нужно", null);
            }
        }));
        return out;
    }

    private Progress completeOne(String school, Completion c) {
        var session = session(school, c.sessionId()).orElse(null);
        if (session == null) return new Progress(null, Result.REJECTED, "Сеанс подписания " + c.sessionId() + " не найден или истёк", null);
        String id = session.reference();
        RunDocument document = signing.waiting(school, id);
        if (document == null) {
            external.cancel(c.sessionId()); // signed or sent back to rendering meanwhile: this signature is of no use
            return notWaiting(id);
        }
        try {
            byte[] result = external.complete(c.sessionId(), Base64.getMimeDecoder().decode(c.cms()));
            var chain = List.of(session.certificate());
            if (session.pdf()) {
                // The validation data and the document time-stamp go in before the detached signature, which covers the final file.
                result = longTerm.pdf(result, chain, GostAlgorithm.of(session.certificate().getPublicKey()));
                var prepared = external.prepareDetached(result, session.certificate(), session.signingTime(), school, id);
                return new Progress(id, Result.NEXT_STEP, "Подпишите хеш итогового файла (открепленная подпись)",
                        step(id, prepared, Stage.DETACHED));
            }
            result = longTerm.detached(result, chain);
            pipeline.keepSigned(document, new DocumentSigner.Signed(session.document(), result,
                    DocumentSigner.signer(session.certificate()), session.signingTime(), null));
            return new Progress(id, Result.SIGNED, "Подписано", null);
        } catch (TimeStampUnavailable e) {
            log.warn("document {}: the TSA did not answer, the token's signature waits for it: {}", id, e.getMessage());
            return new Progress(id, Result.TRY_AGAIN, "Служба штампов времени не отвечает. Подпись сохранена: "
                    + "отправьте её ещё раз через несколько минут, подписывать заново не нужно", null);
        } catch (ExternalSignatureRejected | IllegalArgumentException e) {
            external.cancel(c.sessionId());
            return new Progress(id, Result.REJECTED, e.getMessage(), null);
        }
    }

    private Optional<SigningSessions.Session> session(String school, String sessionId) {
        return external.session(sessionId).filter(s -> school.equals(s.owner()));
    }

    private static Progress notWaiting(String id) {
        return new Progress(id, Result.NOT_WAITING, "Документ не ожидает подписи директора", null);
    }

    private static Step step(String documentId, PreparedSignature prepared, Stage stage) {
        return new Step(documentId, prepared.sessionId(), stage, Base64.getEncoder().encodeToString(prepared.hash()),
                prepared.digestAlgorithm(), prepared.expiresAt());
    }
}
