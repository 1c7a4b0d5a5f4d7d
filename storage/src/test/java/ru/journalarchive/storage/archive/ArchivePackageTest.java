package ru.journalarchive.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.storage.testing.ArchiveFixture;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.catalogue.CatalogueQuery;
import ru.journalarchive.storage.catalogue.TamperedObjectException;
import ru.journalarchive.storage.s3.Retrying;
import ru.journalarchive.storage.s3.S3Settings;

/** Packages on the real S3 server with object lock, catalogued in a real PostgreSQL database. */
class ArchivePackageTest {

    static ArchiveFixture fixture;
    static JdbcTemplate jdbc;
    static io.minio.MinioClient s3;
    static LockedObjects archive;
    static Catalogue catalogue;
    static PackageWriter writer;
    static String RUN;
    static String BUCKET;
    static S3Settings SETTINGS;

    @BeforeAll
    static void setUp() {
        fixture = new ArchiveFixture();
        jdbc = fixture.jdbc;
        s3 = fixture.s3;
        archive = fixture.archive;
        catalogue = fixture.catalogue;
        writer = fixture.writer;
        RUN = fixture.run;
        BUCKET = fixture.bucket;
        SETTINGS = fixture.settings;
    }

    @AfterAll
    static void tearDown() throws Exception {
        fixture.close();
    }

    static ArchivePackage ledger(String id) {
        return fixture.ledger(id);
    }

    @Test
    void aPackageIsStoredOnceWithItsManifestLockedAndCatalogued() throws Exception {
        var first = writer.store(ledger("ledger-" + RUN));
        var again = writer.store(ledger("ledger-" + RUN));
        assertThat(again.manifestVersion()).isEqualTo(first.manifestVersion());
        assertThat(first.objects()).containsOnlyKeys("document.pdf", "document.pdf.sig", "data.json");
        assertThat(first.retainUntil().toLocalDate()).isEqualTo(LocalDate.of(2052, 1, 1));
        assertThat(first.manifestKey()).isEqualTo("demo/2025/year/c-2025-9a/summary-ledger/ledger-" + RUN + "/manifest.json");

        var manifest = fixture.json
                .readTree(archive.read(new StoredVersion(first.manifestKey(), first.manifestVersion(), 0)));
        assertThat(manifest.get("objects")).hasSize(3);
        var pdf = first.objects().get("document.pdf");
        assertThat(pdf.sha256()).isEqualTo(ObjectHashes.sha256(("%PDF ledger-" + RUN).getBytes(StandardCharsets.UTF_8)));
        assertThat(pdf.streebog256()).hasSize(64);
        assertThat(archive.lock(new StoredVersion(pdf.key(), pdf.versionId(), pdf.size())).retainUntil().toLocalDate())
                .isEqualTo(LocalDate.of(2052, 1, 1));
        assertThat(catalogue.search(CatalogueQuery.where(Map.of("school", "demo", "class_id", "c-2025-9a", "kind", "summary-ledger")).page(0, 10)))
                .extracting(d -> d.documentId()).contains("ledger-" + RUN);
    }

    @Test
    void everyReadIsAuditedAndATamperedObjectIsNeverServed() {
        var document = writer.store(ledger("audited-" + RUN));
        var retrieval = new AuditedRetrieval(catalogue, archive, jdbc);
        assertThat(new String(retrieval.read(document.documentId(), "document.pdf", "archivist:ivanova", "10.0.0.5"),
                StandardCharsets.UTF_8)).isEqualTo("%PDF audited-" + RUN);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM document_read WHERE document_id = ? AND reader = ? AND outcome = 'SERVED'",
                Integer.class, document.documentId(), "archivist:ivanova")).isEqualTo(1);

        // someone writes different bytes as a new version, and the catalogue is pointed at it
        var pdf = document.objects().get("document.pdf");
        var forged = new Retrying(SETTINGS).call("forge", () -> s3.putObject(PutObjectArgs.builder().bucket(BUCKET).object(pdf.key())
                .stream(new ByteArrayInputStream("%PDF forged".getBytes(StandardCharsets.UTF_8)), 11, -1).build()));
        jdbc.update("UPDATE archived_document SET objects = jsonb_set(objects, '{document.pdf,versionId}', to_jsonb(?::text)) "
                + "WHERE document_id = ?", forged.versionId(), document.documentId());
        assertThatThrownBy(() -> retrieval.read(document.documentId(), "document.pdf", "archivist:ivanova", "10.0.0.5"))
                .isInstanceOf(TamperedObjectException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM document_read WHERE document_id = ? AND outcome = 'HASH_MISMATCH'",
                Integer.class, document.documentId())).isEqualTo(1);
    }

    @Test
    void aPackageWhoseManifestIsStoredButNotCataloguedIsCataloguedWithoutWritingAgain() {
        var p = ledger("crashed-" + RUN);
        var first = writer.store(p);
        jdbc.update("DELETE FROM archived_document WHERE document_id = ?", p.documentId()); // the process died before this row
        var resumed = writer.store(p);
        assertThat(resumed.manifestVersion()).isEqualTo(first.manifestVersion());
        assertThat(resumed.objects().get("document.pdf").versionId()).isEqualTo(first.objects().get("document.pdf").versionId());
    }
}
