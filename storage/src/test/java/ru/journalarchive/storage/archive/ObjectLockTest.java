package ru.journalarchive.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MakeBucketArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.retention.RetentionPolicy;
import ru.journalarchive.storage.s3.Retrying;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.s3.S3Failure;
import ru.journalarchive.storage.s3.S3Settings;

/** Against the real S3 server of scripts/services.sh (Ceph radosgw), which enforces object lock. */
class ObjectLockTest {

    static final S3Settings SETTINGS = S3Settings.fromEnvironment();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final RetentionPolicy POLICY = new RetentionPolicy(Map.of("journal", 5, "summary-ledger", 25), RetentionMode.COMPLIANCE);

    static io.minio.MinioClient s3;
    static Retrying retrying;
    static LockedObjects archive;

    @BeforeAll
    static void buckets() {
        s3 = S3Clients.create(SETTINGS);
        retrying = new Retrying(SETTINGS);
        new ArchiveBuckets(s3, retrying, "ja-drafts-" + RUN, "ja-archive-" + RUN).ensure();
        archive = new LockedObjects(s3, retrying, "ja-archive-" + RUN);
    }

    @Test
    void aJournalAndALedgerOf2025_26AreLockedUntil2032And2052() {
        LocalDate closed = LocalDate.of(2026, 6, 30);
        var journal = archive.put("demo/2025/year/c-2025-5a/journal/math.pdf", pdf("журнал"), "application/pdf",
                POLICY.mode(), POLICY.retainUntil("journal", closed));
        var ledger = archive.put("demo/2025/year/c-2025-5a/summary-ledger.pdf", pdf("ведомость"), "application/pdf",
                POLICY.mode(), POLICY.retainUntil("summary-ledger", closed));

        var journalLock = archive.lock(journal);
        assertThat(journalLock.mode()).isEqualTo(RetentionMode.COMPLIANCE);
        assertThat(journalLock.retainUntil().withZoneSameInstant(ZoneOffset.UTC).toLocalDate()).isEqualTo(LocalDate.of(2032, 1, 1));
        var ledgerLock = archive.lock(ledger);
        assertThat(ledgerLock.mode()).isEqualTo(RetentionMode.COMPLIANCE);
        assertThat(ledgerLock.retainUntil().withZoneSameInstant(ZoneOffset.UTC).toLocalDate()).isEqualTo(LocalDate.of(2052, 1, 1));
    }

    @Test
    void retentionIsExtendedButNeverShortenedNeitherByUsNorByTheServer() {
        var until = ZonedDateTime.of(2032, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        var version = archive.put("demo/extend.pdf", pdf("суд"), "application/pdf", RetentionMode.COMPLIANCE, until);
        archive.extend(version, until.plusYears(3));
        assertThat(archive.lock(version).retainUntil().toInstant()).isEqualTo(until.plusYears(3).toInstant());

        assertThatThrownBy(() -> archive.extend(version, until))
                .isInstanceOf(RetentionShorteningRefused.class).hasMessageContaining("можно только продлить");
        assertThatThrownBy(() -> archive.setRetention(version, RetentionMode.COMPLIANCE, until))
                .isInstanceOfSatisfying(S3Failure.class, f -> assertThat(f.status()).isEqualTo(403));
        assertThat(archive.lock(version).retainUntil().toInstant()).isEqualTo(until.plusYears(3).toInstant());
    }

    @Test
    void theServerRefusesToDeleteALockedVersionAndKeepsOldVersions() {
        var until = ZonedDateTime.now(ZoneOffset.UTC).plusYears(5);
        var first = archive.put("demo/versions.pdf", pdf("первая"), "application/pdf", RetentionMode.COMPLIANCE, until);
        var second = archive.put("demo/versions.pdf", pdf("вторая"), "application/pdf", RetentionMode.COMPLIANCE, until);
        assertThat(second.versionId()).isNotEqualTo(first.versionId());
        assertThat(new String(archive.read(first), StandardCharsets.UTF_8)).contains("первая");

        assertThatThrownBy(() -> archive.delete(first))
                .isInstanceOfSatisfying(S3Failure.class, f -> assertThat(f.status()).isEqualTo(403));
        assertThat(new String(archive.read(first), StandardCharsets.UTF_8)).contains("первая");
    }

    @Test
    void anArchiveBucketWithoutObjectLockStopsTheService() {
        String plain = "ja-plain-" + RUN;
        retrying.call("make plain bucket", () -> {
            s3.makeBucket(MakeBucketArgs.builder().bucket(plain).build());
            return null;
        });
        assertThatThrownBy(() -> new ArchiveBuckets(s3, retrying, "ja-drafts-" + RUN, plain).requireObjectLock())
                .isInstanceOf(ArchiveWithoutObjectLockException.class).hasMessageContaining("has no object lock");
    }

    @Test
    void anUnreachableServerFailsAfterTheConfiguredAttempts() {
        var nowhere = new S3Settings("http://127.0.0.1:9", "us-east-1", "x", "y", Duration.ofMillis(300), Duration.ofSeconds(1), 3,
                Duration.ofMillis(20));
        var objects = new LockedObjects(S3Clients.create(nowhere), new Retrying(nowhere), "ja-archive-" + RUN);
        assertThatThrownBy(() -> objects.put("x", new byte[1], "application/pdf", RetentionMode.COMPLIANCE,
                ZonedDateTime.now(ZoneOffset.UTC).plusYears(1)))
                .isInstanceOf(S3Failure.class).hasMessageContaining("failed after 3 attempts");
    }

    static byte[] pdf(String text) {
        return ("%PDF-1.7 " + text).getBytes(StandardCharsets.UTF_8);
    }
}
