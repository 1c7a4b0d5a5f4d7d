package ru.journalarchive.app.run;

import java.util.LinkedHashMap;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import ru.journalarchive.app.run.RunDocument.State;
import ru.journalarchive.app.signing.DocumentSigner;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.signing.keys.SigningCredentials;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.PackageWriter;
import ru.journalarchive.storage.drafts.Drafts;

/**
 * Takes one document one step further: PLANNED → rendered into the drafts bucket (→ RENDERED when
 * the school's seal signs it, else AWAITING_SIGNATURE for the director); RENDERED → sealed, and
 * APPROVED by the director → signed with the director's server-held key (unless the data changed
 * since: then rendered again); a signed document is marked SIGNED and goes on at once to the locked
 * archive and the catalogue (ARCHIVED), drafts removed. A token's signature, which cannot be made
 * again, is kept in the drafts and archived from there. A SIGNED document left by a crash keeps
 * what its interrupted store locked in the archive, and a server-held key signs again what did not
 * get there. Every step can be repeated after a crash: drafts are overwritten, the archive store is
 * exactly-once.
 */
public final class DocumentPipeline {

    private static final Logger log = LoggerFactory.getLogger(DocumentPipeline.class);
    static final String SIGNATURE_REASON_SEAL = "Заверено печатью (электронной подписью) образовательной организации";
    private static final String PDF = "document.pdf";
    private static final String SIGNATURE = "document.pdf.sig";

    private final ArchiveRuns runs;
    private final DocumentRendering rendering;
    private final Drafts drafts;
    private final SchoolSigningKeys keys;
    private final DocumentSigner signer;
    private final PackageWriter archive;
    private final MeterRegistry metrics;
    private final LateCorrections corrections;

    public DocumentPipeline(ArchiveRuns runs, DocumentRendering rendering, Drafts drafts, SchoolSigningKeys keys,
                            DocumentSigner signer, PackageWriter archive, MeterRegistry metrics, LateCorrections corrections) {
        this.runs = runs;
        this.rendering = rendering;
        this.drafts = drafts;
        this.keys = keys;
        this.signer = signer;
        this.archive = archive;
        this.metrics = metrics;
        this.corrections = corrections;
    }

    public void advance(RunDocument d) {
        MDC.put("run", Long.toString(d.runId()));
        MDC.put("document", d.documentId());
        try {
            switch (d.state()) {
                case PLANNED -> timed("render", () -> render(d));
                case RENDERED -> archive(d, timed("seal", () -> sign(d)));
                case APPROVED -> {
                    if (!corrections.sendBackIfChanged(d)) archive(d, timed("sign", () -> sign(d)));
                }
                case SIGNED -> timed("store", () -> resume(d));
                default -> { } // waiting for the director, or done
            }
        } finally {
            MDC.remove("run");
            MDC.remove("document");
        }
    }

    /** Step durations and documents per stage, for /actuator/prometheus. */
    private void timed(String step, Runnable work) {
        timer(step).record(work);
    }

    private <T> T timed(String step, java.util.function.Supplier<T> work) {
        return timer(step).record(work);
    }

    private Timer timer(String step) {
        return Timer.builder("journal_archive.step").tag("step", step).register(metrics);
    }

    /**
     * Straight on from signing, with the signed bytes in memory. The document became SIGNED only just
     * now, so no earlier store of it can have begun.
     */
    private void archive(RunDocument d, DocumentSigner.Signed signed) {
        timed("store", () -> store(d, signed.signer(), signed.signedAt(), signedPdf(signed.pdf(), signed.pdfStreebog256()),
                signed.signature(), false));
    }

    /**
     * A SIGNED document whose store did not finish. A token's signature is in the drafts. A server-held
     * key keeps nothing there: the PDF its interrupted store locked is kept as it is (signing again
     * would put a second version under the lock), with its .sig or a new one; if the PDF never got
     * there, the document is signed again.
     */
    private void resume(RunDocument d) {
        var kept = drafts.find(DraftKeys.signedPdf(d));
        if (kept.isPresent()) {
            store(d, d.signer(), d.signedAt(), signedPdf(kept.get(), null), drafts.read(DraftKeys.signature(d)), true);
            return;
        }
        var path = d.plan().archivePath();
        var pdf = archive.alreadyWritten(path, d.documentId(), PDF);
        if (pdf.isEmpty()) {
            var signed = sign(d);
            store(d, signed.signer(), signed.signedAt(), signedPdf(signed.pdf(), signed.pdfStreebog256()), signed.signature(), true);
            return;
        }
        var signature = archive.alreadyWritten(path, d.documentId(), SIGNATURE)
                .orElseGet(() -> signer.detached(pdf.get(), serverKey(d), d.signedAt()).signature());
        store(d, d.signer(), d.signedAt(), signedPdf(pdf.get(), null), signature, true);
    }

    private static ArchivePackage.PackageFile signedPdf(byte[] pdf, String streebog256) {
        return new ArchivePackage.PackageFile(PDF, "application/pdf", pdf, streebog256);
    }

    private void count(String stage, RunDocument d) {
        metrics.counter("journal_archive.documents", "stage", stage, "kind", d.plan().kind().code()).increment();
    }

    /** A step failed; the run records it and retries later or gives up on this document. */
    public void failed(RunDocument d, Exception e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        count("failed_attempt", d);
        if (runs.failed(d.documentId(), reason)) log.error("run {}: document {} failed for good: {}", d.runId(), d.documentId(), reason, e);
        else log.warn("run {}: document {} failed ({}), will retry", d.runId(), d.documentId(), reason);
    }

    private void render(RunDocument d) {
        var rendered = rendering.render(d.plan());
        var document = rendered.document();
        drafts.put(DraftKeys.pdf(d), document.pdf(), "application/pdf");
        drafts.put(DraftKeys.twin(d), document.json(), "application/json");
        State next = d.plan().sealed() ? State.RENDERED : State.AWAITING_SIGNATURE;
        runs.rendered(d.documentId(), document.identity().title(), document.dataSha256(), rendered.dataVersion(), document.pages(),
                rendered.closedOn(), next);
        count("rendered", d);
        log.info("run {}: rendered {} ({} pages) → {}", d.runId(), d.documentId(), document.pages(), next);
    }

    /**
     * Signs the draft with the school's seal or the director's server-held key and marks the document
     * signed. The result stays in memory only: should its store fail, the key can sign again.
     */
    private DocumentSigner.Signed sign(RunDocument d) {
        boolean seal = d.plan().sealed();
        var signed = signer.sign(drafts.read(DraftKeys.pdf(d)), serverKey(d), d.plan().kind().stamp(),
                seal ? SIGNATURE_REASON_SEAL : DirectorSigning.REASON);
        markSigned(d, signed);
        return signed;
    }

    private SigningCredentials serverKey(RunDocument d) {
        String school = d.plan().school();
        boolean seal = d.plan().sealed();
        return (seal ? keys.seal(school) : keys.director(school)).orElseThrow(() -> new IllegalStateException(
                "school " + school + " has no " + (seal ? "seal" : "director's key") + " configured"));
    }

    /** A token's signature: put beside the draft, as it cannot be made again, and marked signed; a worker archives it. */
    void keepSigned(RunDocument d, DocumentSigner.Signed signed) {
        drafts.put(DraftKeys.signedPdf(d), signed.pdf(), "application/pdf");
        drafts.put(DraftKeys.signature(d), signed.signature(), "application/pkcs7-signature");
        markSigned(d, signed);
    }

    private void markSigned(RunDocument d, DocumentSigner.Signed signed) {
        runs.signed(d.documentId(), signed.signer(), signed.signedAt());
        count("signed", d);
    }

    private void store(RunDocument d, String signer, java.time.Instant signedAt, ArchivePackage.PackageFile pdf, byte[] signature,
                       boolean mayHaveBegun) {
        var p = d.plan();
        var metadata = new LinkedHashMap<String, String>();
        metadata.put("kind", p.kind().code());
        metadata.put("school", p.school());
        metadata.put("school_year", p.schoolYear());
        if (p.periodId() != null) metadata.put("period", p.periodId());
        if (p.classId() != null) metadata.put("class_id", p.classId());
        if (p.subjectId() != null) metadata.put("subject", p.subjectId());
        if (p.studentId() != null) metadata.put("student", p.studentId());
        metadata.put("title", d.title());
        metadata.put("signature_status", "SIGNED");
        metadata.put("signer", signer);
        metadata.put("signed_at", signedAt.toString());
        metadata.put("data_sha256", d.dataSha256());
        var files = List.of(
                pdf,
                new ArchivePackage.PackageFile(SIGNATURE, "application/pkcs7-signature", signature),
                new ArchivePackage.PackageFile("data.json", "application/json", drafts.read(DraftKeys.twin(d))));
        var archivePackage = new ArchivePackage(d.documentId(), p.archivePath(), metadata, files, p.kind().retentionClass(), d.closedOn());
        if (mayHaveBegun) archive.store(archivePackage);
        else archive.storeFirst(archivePackage);
        runs.archived(d.documentId());
        count("archived", d);
        drafts.deleteAll(DraftKeys.all(d));
        log.info("run {}: archived {}", d.runId(), d.documentId());
    }
}
