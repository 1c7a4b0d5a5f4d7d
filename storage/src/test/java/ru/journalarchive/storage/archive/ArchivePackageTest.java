package ru.journalarchive.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.storage.StorageSchema;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.catalogue.TamperedObjectException;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.retention.RetentionPolicy;
import ru.journalarchive.storage.s3.Retrying;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.s3.S3Settings;

/** Packages on the real S3 server with object lock, catalogued in a real PostgreSQL database. */
class ArchivePackageTest {

    static final S3Settings SETTINGS = S3Settings.fromEnvironment();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String BUCKET = "ja-packages-" + RUN;

    static TestDatabase db;
    static JdbcTemplate jdbc;
    static io.minio.MinioClient s3;
    static LockedObjects archive;
    static Catalogue catalogue;
    static PackageWriter writer;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.empty();
        StorageSchema.migrate(db.dataSource());
        jdbc = new JdbcTemplate(db.dataSource());
        s3 = S3Clients.create(SETTINGS);
        var retrying = new Retrying(SETTINGS);
        new ArchiveBuckets(s3, retrying, "ja-pdrafts-" + RUN, BUCKET).ensure();
        archive = new LockedObjects(s3, retrying, BUCKET);
        var json = JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        catalogue = new Catalogue(jdbc, json);
        writer = new PackageWriter(archive, catalogue, new RetentionPolicy(Map.of("journal", 5, "summary-ledger", 25),
                RetentionMode.COMPLIANCE), json, Clock.systemUTC());
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    static ArchivePackage ledger(String id) {
        return new ArchivePackage(id, List.of("demo", "2025", "year", "c-2025-9a", "summary-ledger"),
                Map.of("kind", "summary-ledger", "school", "demo", "school_year", "2025", "class_id", "c-2025-9a",
                        "title", "Сводная ведомость 9А"),
                List.of(new ArchivePackage.PackageFile("document.pdf", "application/pdf", ("%PDF " + id).getBytes(StandardCharsets.UTF_8)),
                        new ArchivePackage.PackageFile("document.pdf.sig", "application/pkcs7-signature", new byte[] {48, 1, 2}),
                        new ArchivePackage.PackageFile("data.json", "application/json", "{\"class\":\"9А\"}".getBytes(StandardCharsets.UTF_8))),
                "summary-ledger", LocalDate.of(2026, 6, 30));
    }

    @Test
    void aPackageIsStoredOnceWithItsManifestLockedAndCatalogued() throws Exception {
        var first = writer.store(ledger("ledger-" + RUN));
        var again = writer.store(ledger("ledger-" + RUN));
        assertThat(again.manifestVersion()).isEqualTo(first.manifestVersion());
        assertThat(first.objects()).containsOnlyKeys("document.pdf", "document.pdf.sig", "data.json");
        assertThat(first.retainUntil().toLocalDate()).isEqualTo(LocalDate.of(2052, 1, 1));
        assertThat(first.manifestKey()).isEqualTo("demo/2025/year/c-2025-9a/summary-ledger/ledger-" + RUN + "/manifest.json");

        var manifest = JsonMapper.builder().addModule(new JavaTimeModule()).build()
                .readTree(archive.read(new StoredVersion(first.manifestKey(), first.manifestVersion(), 0)));
        assertThat(manifest.get("objects")).hasSize(3);
        var pdf = first.objects().get("document.pdf");
        assertThat(pdf.sha256()).isEqualTo(ObjectHashes.sha256(("%PDF ledger-" + RUN).getBytes(StandardCharsets.UTF_8)));
        assertThat(pdf.streebog256()).hasSize(64);
        assertThat(archive.lock(new StoredVersion(pdf.key(), pdf.versionId(), pdf.size())).retainUntil().toLocalDate())
                .isEqualTo(LocalDate.of(2052, 1, 1));
        assertThat(catalogue.search(Map.of("school", "demo", "class_id", "c-2025-9a", "kind", "summary-ledger"), 0, 10))
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
