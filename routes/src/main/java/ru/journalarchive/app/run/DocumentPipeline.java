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
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.PackageWriter;
import ru.journalarchive.storage.drafts.Drafts;

/**
 * Takes one document one step further: PLANNED → rendered into the drafts bucket (→ RENDERED when
 * the school's seal signs it, else AWAITING_SIGNATURE for the director); RENDERED → sealed (SIGNED);
 * SIGNED → stored in the locked archive and catalogued (ARCHIVED), drafts removed. Every step can be
 * repeated after a crash: drafts are overwritten, the archive store is exactly-once.
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

    public DocumentPipeline(ArchiveRuns runs, DocumentRendering rendering, Drafts drafts, SchoolSigningKeys keys,
                            DocumentSigner signer, PackageWriter archive, MeterRegistry metrics) {
        this.runs = runs;
        this.rendering = rendering;
        this.drafts = drafts;
        this.keys = keys;
        this.signer = signer;
        this.archive = archive;
        this.metrics = metrics;
    }

    public void advance(RunDocument d) {
        MDC.put("run", Long.toString(d.runId()));
        MDC.put("document", d.documentId());
        try {
            switch (d.state()) {
                case PLANNED -> timed("render", () -> render(d));
                case RENDERED -> timed("seal", () -> seal(d));
                case SIGNED -> timed("store", () -> store(d));
                default -> { } // waiting for the director, or done
            }
        } finally {
            MDC.remove("run");
            MDC.remove("document");
        }
    }

    /** Step durations and documents per stage, for /actuator/prometheus. */
    private void timed(String step, Runnable work) {
        Timer.builder("journal_archive.step").tag("step", step).register(metrics).record(work);
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

    private void seal(RunDocument d) {
        var credentials = keys.seal(d.plan().school())
                .orElseThrow(() -> new IllegalStateException("school " + d.plan().school() + " has no seal configured"));
        var signed = signer.sign(drafts.read(DraftKeys.pdf(d)), credentials, d.plan().kind().stamp(), SIGNATURE_REASON_SEAL);
        keepSigned(d, signed);
    }

    /** Puts the signed PDF and its .sig beside the draft and marks the document signed; the worker archives it. */
    void keepSigned(RunDocument d, DocumentSigner.Signed signed) {
        drafts.put(DraftKeys.signedPdf(d), signed.pdf(), "application/pdf");
        drafts.put(DraftKeys.signature(d), signed.signature(), "application/pkcs7-signature");
        runs.signed(d.documentId(), signed.signer(), signed.signedAt());
        count("signed", d);
    }

    private void store(RunDocument d) {
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
        metadata.put("signer", d.signer());
        metadata.put("signed_at", d.signedAt().toString());
        metadata.put("data_sha256", d.dataSha256());
        var files = List.of(
                new ArchivePackage.PackageFile("document.pdf", "application/pdf", drafts.read(DraftKeys.signedPdf(d))),
                new ArchivePackage.PackageFile("document.pdf.sig", "application/pkcs7-signature", drafts.read(DraftKeys.signature(d))),
                new ArchivePackage.PackageFile("data.json", "application/json", drafts.read(DraftKeys.twin(d))));
        archive.store(new ArchivePackage(d.documentId(), p.archivePath(), metadata, files, p.kind().retentionClass(), d.closedOn()));
        runs.archived(d.documentId());
        count("archived", d);
        drafts.deleteAll(DraftKeys.all(d));
        log.info("run {}: archived {}", d.runId(), d.documentId());
    }
}
