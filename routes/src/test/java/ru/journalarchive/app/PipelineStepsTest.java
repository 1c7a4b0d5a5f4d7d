package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.journal.ingest.Batch;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.run.ArchiveRunPlanner;
import ru.journalarchive.app.run.ArchiveRuns;
import ru.journalarchive.app.run.DocumentKind;
import ru.journalarchive.app.run.DocumentPipeline;
import ru.journalarchive.app.run.DocumentRendering;
import ru.journalarchive.app.run.DraftsCleanup;
import ru.journalarchive.app.run.PlannedDocument;
import ru.journalarchive.app.run.RunDocument;
import ru.journalarchive.app.signing.DocumentSigner;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.drafts.Drafts;
import ru.journalarchive.storage.s3.Retrying;
import ru.journalarchive.storage.retention.RetentionPolicy;

/**
 * Documents at the edges of the workers' pipeline: driven step by step to stand where only a crash
 * or a race puts them (those have no run row, so the service's own workers never claim them), and a
 * year end left waiting for the director past the drafts' age.
 */
class PipelineStepsTest extends ServiceTestBase {

    @Autowired
    ArchiveRunPlanner planner;
    @Autowired
    DocumentRendering rendering;
    @Autowired
    DocumentPipeline pipeline;
    @Autowired
    DocumentSigner signer;
    @Autowired
    SchoolSigningKeys keys;
    @Autowired
    LockedObjects archive;
    @Autowired
    RetentionPolicy retention;
    @Autowired
    Catalogue catalogue;
    @Autowired
    MinioClient s3;
    @Autowired
    ArchiveRuns runs;
    @Autowired
    Retrying retrying;
    @Autowired
    JournalArchiveProperties properties;

    /**
     * A seal's signature goes to the archive from memory only. A store cut off midway leaves the
     * document SIGNED with part of its package locked, or none: the worker that takes it up again must
     * keep a PDF that is already locked (signing again would put a second version under the lock),
     * give it a .sig over exactly those bytes, and sign again only what never got there.
     */
    @Test
    void aSealedDocumentCutOffAfterItsPdfWasLockedKeepsThatPdfAndOneWithNothingLockedIsSignedAgain() throws Exception {
        loadDemoSchoolOnce();
        var journals = planner.plan("demo", "2025", "2025-q2", "c-2025-7b", true).stream()
                .filter(d -> d.kind() == DocumentKind.JOURNAL).limit(2).toList();
        assertThat(journals).hasSize(2).allMatch(PlannedDocument::sealed);
        var seal = keys.seal("demo").orElseThrow();

        // The first journal's store locked its signed PDF and stopped; the second's stopped before any file.
        var cutAfterPdf = asRendered(journals.get(0));
        var rendered = rendering.render(journals.get(0));
        var area = journals.get(0).kind().stamp();
        var signed = signer.sign(rendered.document().pdf(), seal, area, "Заверено печатью");
        var lockedPdf = archive.put(prefix(cutAfterPdf) + "document.pdf", signed.pdf(), "application/pdf", retention.mode(),
                retention.retainUntil(cutAfterPdf.plan().kind().retentionClass(), rendered.closedOn()));
        var cutBeforeAny = asRendered(journals.get(1));

        pipeline.advance(standing(draftRendered(cutAfterPdf), RunDocument.State.SIGNED, signed.signer(), signed.signedAt()));
        pipeline.advance(standing(draftRendered(cutBeforeAny), RunDocument.State.SIGNED, signed.signer(), signed.signedAt()));

        var openssl = new OpenSsl(Files.createDirectories(KEYS.resolve("resumed-" + System.nanoTime())));
        openssl.write("root.pem", Files.readAllBytes(KEYS.resolve("root.pem")));
        for (var document : List.of(cutAfterPdf, cutBeforeAny)) {
            var archived = catalogue.find(document.documentId()).orElseThrow();
            String prefix = archived.manifestKey().substring(0, archived.manifestKey().lastIndexOf('/') + 1);
            assertThat(versions(archived.bucket(), prefix)).as(document.documentId())
                    .containsOnlyKeys(List.of("document.pdf", "document.pdf.sig", "data.json", "manifest.json").stream()
                            .map(name -> prefix + name).toList())
                    .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
            byte[] pdf = read(archived.bucket(), archived.objects().get("document.pdf"));
            openssl.write("document.pdf", pdf);
            openssl.write("document.pdf.sig", read(archived.bucket(), archived.objects().get("document.pdf.sig")));
            var verified = openssl.run("cms", "-verify", "-binary", "-inform", "DER", "-in", "document.pdf.sig", "-content",
                    "document.pdf", "-CAfile", "root.pem", "-purpose", "any", "-out", "/dev/null");
            assertThat(verified.exitCode()).as(verified.output()).isZero();
            if (document == cutAfterPdf) {
                assertThat(archived.objects().get("document.pdf").versionId()).isEqualTo(lockedPdf.versionId());
                assertThat(pdf).isEqualTo(signed.pdf());
            }
        }
    }

    /**
     * A mark corrected after the director approved the year end, before a worker signs the journal:
     * the worker finds the journal changed since rendering and sends it back to be rendered, signing
     * nothing; a journal of the same class whose data did not change is signed and archived.
     */
    @Test
    void aJournalCorrectedAfterTheDirectorsApprovalIsNotSignedByTheWorkerAndAnUnchangedOneIs() throws Exception {
        loadDemoSchoolOnce();
        var year = planner.plan("demo", "2025", null, "c-2025-6a", false);
        var mark = jdbc.queryForMap("""
                SELECT m.source_id AS mark, sub.source_id AS subject, m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id
                JOIN school_class c ON c.id = l.class_id JOIN subject sub ON sub.id = l.subject_id JOIN school s ON s.id = c.school_id
                WHERE s.code = 'demo' AND c.source_id = 'c-2025-6a' ORDER BY m.source_id LIMIT 1""");
        var changed = year.stream().filter(d -> d.kind() == DocumentKind.JOURNAL && mark.get("subject").equals(d.subjectId()))
                .findFirst().orElseThrow();
        var unchanged = year.stream().filter(d -> d.kind() == DocumentKind.JOURNAL && !mark.get("subject").equals(d.subjectId()))
                .findFirst().orElseThrow();
        var approvedChanged = standing(draftRendered(asRendered(changed)), RunDocument.State.APPROVED, null, null);
        var approvedUnchanged = standing(draftRendered(asRendered(unchanged)), RunDocument.State.APPROVED, null, null);

        var original = demo.batches().stream().filter(b -> b.marks() != null).flatMap(b -> b.marks().stream())
                .filter(m -> m.id().equals(mark.get("mark"))).findFirst().orElseThrow();
        var fix = new Batch.Mark(original.id(), original.lessonId(), original.studentId(), mark.get("value").equals("5") ? "3" : "5",
                original.workType(), original.weight(), OffsetDateTime.now());
        var correction = new Batch("correction-after-approval-6a", null, null, null, null, null, null, null, null, null, null, null,
                null, List.of(fix), null, null, null, null, null);
        assertThat(push("demo", demoToken, json.writeValueAsBytes(correction)).statusCode()).isEqualTo(200);

        pipeline.advance(approvedChanged);
        pipeline.advance(approvedUnchanged);

        assertThat(catalogue.find(changed.documentId())).isEmpty();
        assertThat(archive.newest(prefix(approvedChanged) + "document.pdf")).isEmpty();
        var signed = catalogue.find(unchanged.documentId()).orElseThrow();
        assertThat(signed.metadata()).containsEntry("signer", "Лебедева Ирина Викторовна, Директор");
    }

    /**
     * A year end the director has not signed a month after it was rendered keeps its drafts through
     * the drafts cleanup (it could be neither previewed nor signed without them); a draft that no
     * document needs goes.
     */
    @Test
    void theDraftsCleanupKeepsTheDraftsOfADocumentStillWaitingForTheDirector() throws Exception {
        loadDemoSchoolOnce();
        var journal = planner.plan("demo", "2025", null, "c-2025-8a", false).stream()
                .filter(d -> d.kind() == DocumentKind.JOURNAL).findFirst().orElseThrow();
        runs.start("demo", "2025", null, "c-2025-8a", "test", List.of(journal));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (runs.find(journal.documentId()).orElseThrow().state() != RunDocument.State.AWAITING_SIGNATURE) {
            assertThat(System.nanoTime()).as("rendered for the director in time").isLessThan(deadline);
            Thread.sleep(200);
        }
        String bucket = properties.storage().draftsBucket();
        var drafts = new Drafts(s3, retrying, bucket, java.time.Clock.systemUTC());
        drafts.put("orphan--of-no-run/draft.pdf", new byte[] {'%', 'P', 'D', 'F'}, "application/pdf");
        var monthLater = new Drafts(s3, retrying, bucket, java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(31)));

        assertThat(new DraftsCleanup(monthLater, runs, java.time.Duration.ofDays(30)).run()).isPositive();

        assertThat(drafts.find("orphan--of-no-run/draft.pdf")).isEmpty();
        assertThat(drafts.find(journal.documentId() + "/draft.pdf")).isPresent();
        assertThat(drafts.find(journal.documentId() + "/data.json")).isPresent();

        // Signed at last: the document leaves the director's queue, which other tests count.
        assertThat(runs.approve(journal.documentId(), "test")).isTrue();
        while (runs.find(journal.documentId()).orElseThrow().state() != RunDocument.State.ARCHIVED) {
            assertThat(System.nanoTime()).as("archived in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The document as a rendering of it now stands, not yet in the drafts: its title, data hash and version. */
    private RunDocument asRendered(PlannedDocument plan) {
        var rendered = rendering.render(plan);
        var document = rendered.document();
        return new RunDocument(plan, 0, RunDocument.State.PLANNED, document.identity().title(), document.dataSha256(),
                rendered.dataVersion(), document.pages(), rendered.closedOn(), null, null, 0, null, java.time.Instant.now());
    }

    /** Renders the document into the drafts through the pipeline, as a worker does with a PLANNED one. */
    private RunDocument draftRendered(RunDocument d) {
        pipeline.advance(d);
        return d;
    }

    /** The same document where a worker finds it: approved, or signed by {@code signer} at {@code signedAt}. */
    private static RunDocument standing(RunDocument d, RunDocument.State state, String signer, java.time.Instant signedAt) {
        return new RunDocument(d.plan(), d.runId(), state, d.title(), d.dataSha256(), d.dataVersion(), d.pages(), d.closedOn(), signer,
                signedAt, 0, null, d.updatedAt());
    }

    private static String prefix(RunDocument d) {
        return new ArchivePackage(d.documentId(), d.plan().archivePath(), Map.of(), List.of(), d.plan().kind().retentionClass(),
                d.closedOn()).prefix();
    }

    private Map<String, Integer> versions(String bucket, String prefix) throws Exception {
        var counts = new TreeMap<String, Integer>();
        for (var item : s3.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).includeVersions(true).build()))
            counts.merge(item.get().objectName(), 1, Integer::sum);
        return counts;
    }

    private byte[] read(String bucket, ru.journalarchive.storage.archive.Manifest.Entry object) throws Exception {
        try (var in = s3.getObject(io.minio.GetObjectArgs.builder().bucket(bucket).object(object.key()).versionId(object.versionId()).build())) {
            return in.readAllBytes();
        }
    }
}
