package ru.journalarchive.app.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
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
 * since: then rendered again); a signed document is kept in the drafts (SIGNED) and goes on at once
 * to the locked archive and the catalogue (ARCHIVED), drafts removed. A SIGNED document left by a
 * crash or signed on a token is archived from the drafts. Every step can be repeated after a crash:
 * drafts are overwritten, the archive store is exactly-once.
 */
public final class DocumentPipeline {

    private static final Logger log = LoggerFactory.getLogger(DocumentPipeline.class);
    static final String SIGNATURE_REASON_SEAL = "Заверено печатью (электронной подписью) образовательной организации";

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
                case RENDERED -> archive(d, timed("seal", () -> sign(d, keys.seal(d.plan().school()), "seal", SIGNATURE_REASON_SEAL)));
                case APPROVED -> {
                    if (!corrections.sendBackIfChanged(d))
                        archive(d, timed("sign", () -> sign(d, keys.director(d.plan().school()), "director's key", DirectorSigning.REASON)));
                }
                case SIGNED -> timed("store", () -> store(d, d.signer(), d.signedAt(),
                        signedPdf(drafts.read(DraftKeys.signedPdf(d)), null), drafts.read(DraftKeys.signature(d))));
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

    /** Straight on from signing, with the signed bytes still in memory (they are in the drafts too, should this fail). */
    private void archive(RunDocument d, DocumentSigner.Signed signed) {
        timed("store", () -> store(d, signed.signer(), signed.signedAt(), signedPdf(signed.pdf(), signed.pdfStreebog256()),
                signed.signature()));
    }

    private static ArchivePackage.PackageFile signedPdf(byte[] pdf, String streebog256) {
        return new ArchivePackage.PackageFile("document.pdf", "application/pdf", pdf, streebog256);
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

    /** Signs the draft with the school's seal or the director's server-held key and keeps the result in the drafts. */
    private DocumentSigner.Signed sign(RunDocument d, Optional<SigningCredentials> key, String which, String reason) {
        var credentials = key.orElseThrow(() -> new IllegalStateException("school " + d.plan().school() + " has no " + which + " configured"));
        return keepSigned(d, signer.sign(drafts.read(DraftKeys.pdf(d)), credentials, d.plan().kind().stamp(), reason));
    }

    /** Puts the signed PDF and its .sig beside the draft and marks the document signed; the worker archives it. */
    DocumentSigner.Signed keepSigned(RunDocument d, DocumentSigner.Signed signed) {
        drafts.put(DraftKeys.signedPdf(d), signed.pdf(), "application/pdf");
        drafts.put(DraftKeys.signature(d), signed.signature(), "application/pkcs7-signature");
        runs.signed(d.documentId(), signed.signer(), signed.signedAt());
        count("signed", d);
        return signed;
    }

    private void store(RunDocument d, String signer, java.time.Instant signedAt, ArchivePackage.PackageFile pdf, byte[] signature) {
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
                new ArchivePackage.PackageFile("document.pdf.sig", "application/pkcs7-signature", signature),
                new ArchivePackage.PackageFile("data.json", "application/json", drafts.read(DraftKeys.twin(d))));
        archive.store(new ArchivePackage(d.documentId(), p.archivePath(), metadata, files, p.kind().retentionClass(), d.closedOn()));
        runs.archived(d.documentId());
        count("archived", d);
        drafts.deleteAll(DraftKeys.all(d));
        log.info("run {}: archived {}", d.runId(), d.documentId());
    }
}
