package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import ru.journalarchive.app.run.ArchiveRunPlanner;
import ru.journalarchive.app.run.DocumentKind;
import ru.journalarchive.app.run.DocumentPipeline;
import ru.journalarchive.app.run.DocumentRendering;
import ru.journalarchive.app.run.PlannedDocument;
import ru.journalarchive.app.run.RunDocument;
import ru.journalarchive.app.signing.DocumentSigner;
import ru.journalarchive.app.signing.SchoolSigningKeys;
import ru.journalarchive.signing.testing.OpenSsl;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.retention.RetentionPolicy;

/**
 * A document signed with the school's seal keeps its signature only in memory on the way to the
 * archive. When that store is cut off, the document is SIGNED with part of its package locked, or
 * none: the worker that takes it up again must keep a PDF that is already locked (signing again
 * would put a second version under the lock), give it a .sig over exactly those bytes, and sign
 * again only what never got there. The documents here are driven step by step through the
 * pipeline; they have no run row, so the service's workers never claim them.
 */
class InterruptedStoreTest extends ServiceTestBase {

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

    @Test
    void aSealedDocumentCutOffAfterItsPdfWasLockedKeepsThatPdfAndOneWithNothingLockedIsSignedAgain() throws Exception {
        loadDemoSchoolOnce();
        var journals = planner.plan("demo", "2025", "2025-q2", "c-2025-7b", true).stream()
                .filter(d -> d.kind() == DocumentKind.JOURNAL).limit(2).toList();
        assertThat(journals).hasSize(2).allMatch(PlannedDocument::sealed);
        var seal = keys.seal("demo").orElseThrow();

        // The first journal's store locked its signed PDF and stopped; the second's stopped before any file.
        var cutAfterPdf = signedButNotStored(journals.get(0));
        var rendered = rendering.render(journals.get(0));
        var area = journals.get(0).kind().stamp();
        var signed = signer.sign(rendered.document().pdf(), seal, area, "Заверено печатью");
        String cutPrefix = new ArchivePackage(cutAfterPdf.documentId(), cutAfterPdf.plan().archivePath(), Map.of(), List.of(),
                cutAfterPdf.plan().kind().retentionClass(), rendered.closedOn()).prefix();
        var lockedPdf = archive.put(cutPrefix + "document.pdf", signed.pdf(), "application/pdf", retention.mode(),
                retention.retainUntil(cutAfterPdf.plan().kind().retentionClass(), rendered.closedOn()));
        var cutBeforeAny = signedButNotStored(journals.get(1));

        pipeline.advance(withSigner(cutAfterPdf, signed));
        pipeline.advance(withSigner(cutBeforeAny, signed));

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

    /** The row a crash leaves between signing and a finished store, read from a rendering of the document. */
    private RunDocument signedButNotStored(PlannedDocument plan) {
        var rendered = rendering.render(plan);
        var document = rendered.document();
        return new RunDocument(plan, 0, RunDocument.State.PLANNED, document.identity().title(), document.dataSha256(),
                rendered.dataVersion(), document.pages(), rendered.closedOn(), null, null, 0, null);
    }

    /** Renders the draft through the pipeline (PLANNED → drafts), then stands as SIGNED by {@code signed}'s signer. */
    private RunDocument withSigner(RunDocument d, DocumentSigner.Signed signed) {
        pipeline.advance(d);
        return new RunDocument(d.plan(), d.runId(), RunDocument.State.SIGNED, d.title(), d.dataSha256(), d.dataVersion(), d.pages(),
                d.closedOn(), signed.signer(), signed.signedAt(), 0, null);
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
