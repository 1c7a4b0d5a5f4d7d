package ru.journalarchive.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import ru.journalarchive.storage.catalogue.CatalogueRebuild;
import ru.journalarchive.storage.catalogue.FixityAudit;
import ru.journalarchive.storage.catalogue.LegalHolds;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.s3.S3Failure;
import ru.journalarchive.storage.testing.ArchiveFixture;

/** Legal hold, the fixity audit and rebuilding the catalogue from the bucket alone. */
class ArchiveCareTest {

    static ArchiveFixture f;

    @BeforeAll
    static void setUp() {
        f = new ArchiveFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        f.close();
    }

    @Test
    void legalHoldBlocksDeletionEvenAfterGovernanceRetentionRunsOut() throws Exception {
        var version = f.archive.put("demo/hold.pdf", "суд".getBytes(StandardCharsets.UTF_8), "application/pdf",
                RetentionMode.GOVERNANCE, ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        f.archive.legalHold(version, true);
        Thread.sleep(3000);
        assertThatThrownBy(() -> f.archive.delete(version))
                .isInstanceOfSatisfying(S3Failure.class, e -> assertThat(e.status()).isEqualTo(403));
        f.archive.legalHold(version, false);
        f.archive.delete(version);
        assertThat(f.archive.newest("demo/hold.pdf")).isEmpty();
    }

    @Test
    void aHoldOnADocumentCoversEveryObjectAndIsWrittenDownWithItsReason() {
        var document = f.writer.store(f.ledger("held-" + f.run));
        var holds = new LegalHolds(f.catalogue, f.archive, f.jdbc, new TransactionTemplate(new DataSourceTransactionManager(f.db.dataSource())));
        holds.place(document.documentId(), "Запрос суда № 2-123/2031", "archivist:petrova");
        for (var entry : document.objects().values())
            assertThat(f.archive.isHeld(new StoredVersion(entry.key(), entry.versionId(), entry.size()))).isTrue();
        assertThat(f.catalogue.find(document.documentId()).orElseThrow().legalHold()).isTrue();
        holds.lift(document.documentId(), "Дело закрыто", "archivist:petrova");
        assertThat(f.catalogue.find(document.documentId()).orElseThrow().legalHold()).isFalse();
        assertThat(f.jdbc.queryForList("SELECT reason FROM legal_hold_event WHERE document_id = ? ORDER BY id", String.class,
                document.documentId())).containsExactly("Запрос суда № 2-123/2031", "Дело закрыто");
        assertThatThrownBy(() -> holds.place(document.documentId(), " ", "x")).hasMessageContaining("reason");
    }

    @Test
    void theFixityAuditFindsAForgedVersionAndACatalogueRowThatDisagreesWithItsManifest() {
        var good = f.writer.store(f.ledger("fixity-good-" + f.run));
        var forgedDoc = f.writer.store(f.ledger("fixity-forged-" + f.run));
        var repointed = f.writer.store(f.ledger("fixity-repointed-" + f.run));
        // A different version under the same key, and the catalogue edited to point at it.
        var pdf = forgedDoc.objects().get("document.pdf");
        var forged = f.archive.put(pdf.key(), "%PDF forged".getBytes(StandardCharsets.UTF_8), "application/pdf",
                RetentionMode.GOVERNANCE, ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
        repoint(forgedDoc.documentId(), "document.pdf", forged.versionId());
        // The same bytes again as a new version: the object hash still matches, but the manifest names another version.
        var json = repointed.objects().get("data.json");
        var copy = f.archive.put(json.key(), "{\"class\":\"9А\"}".getBytes(StandardCharsets.UTF_8), "application/json",
                RetentionMode.GOVERNANCE, ZonedDateTime.now(ZoneOffset.UTC).plusDays(1));
        repoint(repointed.documentId(), "data.json", copy.versionId());

        var summary = new FixityAudit(f.catalogue, f.archive, f.jdbc, f.json, Clock.systemUTC()).run(0);

        assertThat(f.jdbc.queryForList("SELECT document_id || '/' || object_name || ' ' || problem FROM fixity_finding "
                + "WHERE run_id = ? AND document_id LIKE 'fixity-%' ORDER BY id", String.class, summary.runId()))
                .containsExactly(forgedDoc.documentId() + "/document.pdf MISMATCH",
                        forgedDoc.documentId() + "/manifest.json MANIFEST_MISMATCH",
                        repointed.documentId() + "/manifest.json MANIFEST_MISMATCH");
        assertThat(summary.failures()).isEqualTo(3);
        assertThat(summary.checked()).isGreaterThanOrEqualTo(12);
        var report = new FixityAudit(f.catalogue, f.archive, f.jdbc, f.json, Clock.systemUTC()).lastReport().orElseThrow();
        assertThat(report.run()).isEqualTo(summary);
        assertThat(report.findings()).hasSize(3).noneMatch(finding -> finding.documentId().equals(good.documentId()));
    }

    private static void repoint(String documentId, String objectName, String versionId) {
        f.jdbc.update("UPDATE archived_document SET objects = jsonb_set(objects, ARRAY[?, 'versionId'], to_jsonb(?::text)) "
                + "WHERE document_id = ?", objectName, versionId, documentId);
    }

    @Test
    void theCatalogueRebuiltFromTheManifestsEqualsTheCatalogue() {
        var a = f.writer.store(f.ledger("rebuild-a-" + f.run));
        var b = f.writer.store(f.ledger("rebuild-b-" + f.run));
        var before = f.jdbc.queryForList("SELECT document_id, kind, school, school_year, class_id, title, manifest_version, "
                + "objects::text, retention_class, retention_mode, retain_until, created_at FROM archived_document "
                + "WHERE document_id LIKE 'rebuild-%' ORDER BY document_id");
        f.jdbc.update("DELETE FROM archived_document WHERE document_id IN (?, ?)", a.documentId(), b.documentId());
        int added = new CatalogueRebuild(f.archive, f.catalogue, f.json).rebuild("demo/");
        assertThat(added).isEqualTo(2);
        var after = f.jdbc.queryForList("SELECT document_id, kind, school, school_year, class_id, title, manifest_version, "
                + "objects::text, retention_class, retention_mode, retain_until, created_at FROM archived_document "
                + "WHERE document_id LIKE 'rebuild-%' ORDER BY document_id");
        assertThat(after).isEqualTo(before);
    }
}
