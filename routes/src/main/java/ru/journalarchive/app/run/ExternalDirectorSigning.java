package ru.journalarchive.app.run;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.journalarchive.app.signing.DocumentSigner;
import ru.journalarchive.signing.external.ExternalSignatureRejected;
import ru.journalarchive.signing.external.ExternalSigning;
import ru.journalarchive.signing.pades.StampPlacement;
import ru.journalarchive.signing.timestamp.TimeStampUnavailable;
import ru.journalarchive.storage.drafts.Drafts;

/**
 * The director signs the batch with a key that never leaves the token (the CryptoPro browser
 * plug-in): for each document the service hands out the hash of the PDF's signed byte ranges; the
 * CMS that comes back is embedded (PAdES), and then the hash of the final PDF is handed out for the
 * detached {@code .sig}. Only when both are in is the document signed and sent on to the archive.
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

    private record Pending(String school, RunDocument document, Stage stage, X509Certificate certificate, Instant signingTime,
                           byte[] signedPdf) {}

    private final DirectorSigning signing;
    private final Drafts drafts;
    private final DocumentPipeline pipeline;
    private final ExternalSigning external;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public ExternalDirectorSigning(DirectorSigning signing, Drafts drafts, DocumentPipeline pipeline, ExternalSigning external,
                                   Clock clock) {
        this.signing = signing;
        this.drafts = drafts;
        this.pipeline = pipeline;
        this.external = external;
        this.clock = clock;
    }

    public List<Progress> prepare(String school, List<String> documentIds, X509Certificate certificate) {
        var out = new ArrayList<Progress>();
        for (String id : documentIds) {
            var waiting = signing.waiting(school, id);
            if (waiting == null) out.add(new Progress(id, Result.NOT_WAITING, "Документ не ожидает подписи директора", null));
            else if (signing.stale(waiting)) out.add(new Progress(id, Result.RE_RENDERED,
                    "Данные журнала изменились после формирования: документ сформирован заново, подпишите его ещё раз", null));
            else {
                Instant now = clock.instant();
                var area = waiting.plan().kind().stamp();
                var prepared = external.preparePdf(drafts.read(DraftKeys.pdf(waiting)), certificate, now,
                        new StampPlacement(area.x(), area.y(), area.width(), area.height()), DirectorSigning.REASON);
                pending.put(prepared.sessionId(), new Pending(school, waiting, Stage.PDF, certificate, now, null));
                out.add(new Progress(id, Result.NEXT_STEP, "Подпишите хеш документа", step(id, prepared, Stage.PDF)));
            }
        }
        return out;
    }

    /** The bytes whose hash a session handed out, for signing tools that hash the content themselves. */
    public byte[] content(String school, String sessionId) {
        var p = pending.get(sessionId);
        if (p == null || !p.school().equals(school)) throw new ExternalSignatureRejected("Сеанс подписания не найден или истёк");
        return external.contentToSign(sessionId);
    }

    public List<Progress> complete(String school, List<Completion> completions) {
        var out = new ArrayList<Progress>();
        for (var c : completions) {
            var p = pending.get(c.sessionId());
            if (p == null || !p.school().equals(school)) {
                out.add(new Progress(null, Result.REJECTED, "Сеанс подписания " + c.sessionId() + " не найден или истёк", null));
                continue;
            }
            String id = p.document().documentId();
            try {
                byte[] result = external.complete(c.sessionId(), Base64.getDecoder().decode(c.cms()));
                pending.remove(c.sessionId());
                if (p.stage() == Stage.PDF) {
                    var prepared = external.prepareDetached(result, p.certificate());
                    pending.put(prepared.sessionId(), new Pending(school, p.document(), Stage.DETACHED, p.certificate(),
                            p.signingTime(), result));
                    out.add(new Progress(id, Result.NEXT_STEP, "Подпишите хеш итогового файла (открепленная подпись)",
                            step(id, prepared, Stage.DETACHED)));
                } else {
                    pipeline.keepSigned(p.document(), new DocumentSigner.Signed(p.signedPdf(), result,
                            DocumentSigner.signer(p.certificate()), p.signingTime(), null));
                    out.add(new Progress(id, Result.SIGNED, "Подписано", null));
                }
            } catch (TimeStampUnavailable e) {
                log.warn("document {}: the TSA did not answer, the token's signature waits for it: {}", id, e.getMessage());
                out.add(new Progress(id, Result.TRY_AGAIN, "Служба штампов времени не отвечает. Подпись сохранена: "
                        + "отправьте её ещё раз через несколько минут, подписывать заново не нужно", null));
            } catch (ExternalSignatureRejected | IllegalArgumentException e) {
                pending.remove(c.sessionId());
                out.add(new Progress(id, Result.REJECTED, e.getMessage(), null));
            }
        }
        return out;
    }

    private static Step step(String documentId, ru.journalarchive.signing.external.PreparedSignature prepared, Stage stage) {
        return new Step(documentId, prepared.sessionId(), stage, Base64.getEncoder().encodeToString(prepared.hash()),
                prepared.digestAlgorithm(), prepared.expiresAt());
    }
}
