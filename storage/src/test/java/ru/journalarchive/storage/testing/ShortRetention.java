package ru.journalarchive.storage.testing;

import io.minio.MinioClient;
import io.minio.SetObjectRetentionArgs;
import io.minio.messages.Retention;
import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.storage.archive.StoredVersion;
import ru.journalarchive.storage.catalogue.ArchivedDocument;

/**
 * Years of retention cannot pass in a test: a document stored under GOVERNANCE has its lock shortened
 * with the bypass right (which COMPLIANCE never allows), on the server and in the catalogue alike.
 */
public final class ShortRetention {

    private ShortRetention() {}

    /** Every object of the document's package is kept until {@code until}, and the catalogue says so. */
    public static void shorten(MinioClient s3, String bucket, JdbcTemplate jdbc, ArchivedDocument document, ZonedDateTime until)
            throws Exception {
        var versions = new ArrayList<StoredVersion>();
        versions.add(new StoredVersion(document.manifestKey(), document.manifestVersion(), 0));
        document.objects().values().forEach(e -> versions.add(new StoredVersion(e.key(), e.versionId(), e.size())));
        for (var v : versions)
            s3.setObjectRetention(SetObjectRetentionArgs.builder().bucket(bucket).object(v.key()).versionId(v.versionId())
                    .config(new Retention(io.minio.messages.RetentionMode.GOVERNANCE, until)).bypassGovernanceMode(true).build());
        jdbc.update("UPDATE archived_document SET retain_until = ? WHERE document_id = ?", Timestamp.from(until.toInstant()),
                document.documentId());
    }

    /** Waits until {@code until} has passed on this machine's clock, with a second to spare for the server's. */
    public static void waitPast(ZonedDateTime until) throws InterruptedException {
        Thread.sleep(Math.max(0, until.toInstant().toEpochMilli() - System.currentTimeMillis()) + 1000);
    }
}
