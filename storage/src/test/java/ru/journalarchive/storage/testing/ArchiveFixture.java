package ru.journalarchive.storage.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.journal.testing.TestDatabase;
import ru.journalarchive.storage.StorageSchema;
import ru.journalarchive.storage.archive.ArchiveBuckets;
import ru.journalarchive.storage.archive.ArchivePackage;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.PackageWriter;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.retention.RetentionPolicy;
import ru.journalarchive.storage.s3.Retrying;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.s3.S3Settings;

/**
 * A fresh object-locked archive bucket on the S3 test server (scripts/services.sh) and a fresh
 * catalogue database, for one test class.
 */
public final class ArchiveFixture implements AutoCloseable {

    public final S3Settings settings = S3Settings.fromEnvironment();
    public final String run = UUID.randomUUID().toString().substring(0, 8);
    public final String bucket = "ja-archive-" + run;
    public final String draftsBucket = "ja-drafts-" + run;
    public final TestDatabase db = TestDatabase.empty();
    public final JdbcTemplate jdbc;
    public final io.minio.MinioClient s3 = S3Clients.create(settings);
    public final Retrying retrying = new Retrying(settings);
    public final LockedObjects archive = new LockedObjects(s3, retrying, bucket);
    public final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    public final Catalogue catalogue;
    public final PackageWriter writer;

    public ArchiveFixture() {
        StorageSchema.migrate(db.dataSource());
        jdbc = new JdbcTemplate(db.dataSource());
        new ArchiveBuckets(s3, retrying, draftsBucket, bucket).ensure();
        catalogue = new Catalogue(jdbc, json);
        writer = writer(RetentionMode.COMPLIANCE, retrying);
    }

    /** A writer to the same bucket and catalogue with another retention mode or retry budget. */
    public PackageWriter writer(RetentionMode mode, Retrying retrying) {
        return new PackageWriter(new LockedObjects(s3, retrying, bucket), catalogue,
                new RetentionPolicy(Map.of("journal", 5, "summary-ledger", 25), mode), json, Clock.systemUTC());
    }

    /** Retries as configured, but with this many attempts starting from this backoff. */
    public Retrying retrying(int attempts, Duration firstBackoff) {
        return new Retrying(new S3Settings(settings.endpoint(), settings.region(), settings.accessKey(), settings.secretKey(),
                settings.connectTimeout(), settings.readTimeout(), attempts, firstBackoff));
    }

    /** How many versions the bucket holds under each key of a prefix (deleted markers included). */
    public Map<String, Integer> versionCounts(String prefix) throws Exception {
        var counts = new java.util.TreeMap<String, Integer>();
        for (var item : s3.listObjects(io.minio.ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true)
                .includeVersions(true).build()))
            counts.merge(item.get().objectName(), 1, Integer::sum);
        return counts;
    }

    /**
     * Takes the S3 gateway down or up (scripts/services.sh s3-stop / s3-start): a real outage of the
     * server started by that script, its data kept by the cluster behind it.
     */
    public static void s3Gateway(boolean up) throws Exception {
        var script = java.nio.file.Path.of("..", "scripts", "services.sh").toAbsolutePath().normalize();
        var process = new ProcessBuilder("bash", script.toString(), up ? "s3-start" : "s3-stop").inheritIO().start();
        if (process.waitFor() != 0) throw new IllegalStateException(script + (up ? " s3-start" : " s3-stop") + " failed");
    }

    /** A summary ledger package of 9А, 2025/26, with the given id. */
    public ArchivePackage ledger(String id) {
        return new ArchivePackage(id, List.of("demo", "2025", "year", "c-2025-9a", "summary-ledger"),
                Map.of("kind", "summary-ledger", "school", "demo", "school_year", "2025", "class_id", "c-2025-9a",
                        "title", "Сводная ведомость 9А"),
                List.of(new ArchivePackage.PackageFile("document.pdf", "application/pdf", ("%PDF " + id).getBytes(StandardCharsets.UTF_8)),
                        new ArchivePackage.PackageFile("document.pdf.sig", "application/pkcs7-signature", new byte[] {48, 1, 2}),
                        new ArchivePackage.PackageFile("data.json", "application/json", "{\"class\":\"9А\"}".getBytes(StandardCharsets.UTF_8))),
                "summary-ledger", LocalDate.of(2026, 6, 30));
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
