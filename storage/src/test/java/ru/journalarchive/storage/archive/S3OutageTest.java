package ru.journalarchive.storage.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.s3.S3Failure;
import ru.journalarchive.storage.testing.AnswerLosingProxy;
import ru.journalarchive.storage.testing.ArchiveFixture;

/** The S3 gateway really goes down (radosgw killed) and comes back: a store retries, or fails cleanly and resumes. */
class S3OutageTest {

    static ArchiveFixture f;

    @BeforeAll
    static void setUp() {
        f = new ArchiveFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        f.close();
    }

    @AfterEach
    void gatewayBackUp() throws Exception {
        ArchiveFixture.s3Gateway(true);
    }

    @Test
    void aStoreDuringABriefOutageRetriesAndWritesEveryObjectOnce() throws Exception {
        var writer = f.writer(RetentionMode.COMPLIANCE, f.retrying(10, Duration.ofMillis(250)));
        var ledger = f.ledger("outage-" + f.run);
        ArchiveFixture.s3Gateway(false);
        var stored = CompletableFuture.supplyAsync(() -> writer.store(ledger));
        Thread.sleep(2000);
        assertThat(stored).isNotDone();
        ArchiveFixture.s3Gateway(true);
        var document = stored.get(60, TimeUnit.SECONDS);
        assertThat(document.objects()).containsOnlyKeys("document.pdf", "document.pdf.sig", "data.json");
        assertThat(f.versionCounts(ledger.prefix())).containsOnlyKeys(ledger.prefix() + "document.pdf",
                ledger.prefix() + "document.pdf.sig", ledger.prefix() + "data.json", ledger.prefix() + Manifest.FILE)
                .allSatisfy((key, versions) -> assertThat(versions).as(key).isEqualTo(1));
    }

    @Test
    void aPutWhoseAnswerIsLostIsRetriedWithoutASecondVersionUnderTheLock() throws Exception {
        try (var proxy = new AnswerLosingProxy(java.net.URI.create(f.settings.endpoint()))) {
            var settings = new ru.journalarchive.storage.s3.S3Settings(proxy.endpoint(), f.settings.region(), f.settings.accessKey(),
                    f.settings.secretKey(), f.settings.connectTimeout(), f.settings.readTimeout(), 5, Duration.ofMillis(100));
            var objects = new LockedObjects(ru.journalarchive.storage.s3.S3Clients.create(settings),
                    new ru.journalarchive.storage.s3.Retrying(settings), f.bucket);
            String key = "lost-answer-" + f.run + "/document.pdf";
            byte[] pdf = ("%PDF-1.7 сводная ведомость " + f.run).getBytes(java.nio.charset.StandardCharsets.UTF_8);

            proxy.loseNextAnswer();
            var stored = objects.put(key, pdf, "application/pdf", RetentionMode.COMPLIANCE, java.time.ZonedDateTime.now().plusDays(1));

            assertThat(proxy.lost()).isEqualTo(1);
            assertThat(f.versionCounts(key)).containsExactly(java.util.Map.entry(key, 1));
            assertThat(stored.versionId()).isEqualTo(f.archive.newest(key).orElseThrow().versionId());
            assertThat(f.archive.read(stored)).isEqualTo(pdf);
        }
    }

    @Test
    void aStoreThatOutlastsItsAttemptsFailsClearlyWritesNoManifestAndResumesLater() throws Exception {
        var impatient = f.writer(RetentionMode.COMPLIANCE, f.retrying(3, Duration.ofMillis(100)));
        var ledger = f.ledger("resumed-" + f.run);
        ArchiveFixture.s3Gateway(false);
        assertThatThrownBy(() -> impatient.store(ledger)).isInstanceOf(S3Failure.class)
                .hasMessageContaining("failed after 3 attempts");
        ArchiveFixture.s3Gateway(true);
        assertThat(f.catalogue.find(ledger.documentId())).isEmpty();
        assertThat(f.archive.newest(ledger.prefix() + Manifest.FILE)).isEmpty();

        // As if the process died after the first file: the package has no manifest, so it is incomplete.
        var pdf = ledger.files().get(0);
        var first = f.archive.put(ledger.prefix() + pdf.name(), pdf.bytes(), pdf.contentType(), RetentionMode.COMPLIANCE,
                java.time.ZonedDateTime.parse("2052-01-01T00:00Z"));
        var document = f.writer.store(ledger);
        assertThat(document.objects().get("document.pdf").versionId()).isEqualTo(first.versionId());
        assertThat(f.versionCounts(ledger.prefix())).hasSize(4)
                .allSatisfy((key, versions) -> assertThat(versions).as(key).isEqualTo(1));
    }

    /**
     * A resumed store looks at every version, not only the current one: radosgw can hold a version
     * of an interrupted PUT that is not current (here, a later version hides it), and the version
     * with the package's own bytes is kept instead of locking a further one.
     */
    @Test
    void aResumedStoreKeepsTheVersionWithItsBytesEvenWhenAnotherIsCurrent() throws Exception {
        var ledger = f.ledger("hidden-" + f.run);
        var pdf = ledger.files().get(0);
        var until = java.time.ZonedDateTime.parse("2052-01-01T00:00Z");
        var mine = f.archive.put(ledger.prefix() + pdf.name(), pdf.bytes(), pdf.contentType(), RetentionMode.COMPLIANCE, until);
        f.archive.put(ledger.prefix() + pdf.name(), "%PDF other".getBytes(java.nio.charset.StandardCharsets.UTF_8), pdf.contentType(),
                RetentionMode.COMPLIANCE, until);

        var document = f.writer.store(ledger);

        assertThat(document.objects().get("document.pdf").versionId()).isEqualTo(mine.versionId());
        assertThat(f.versionCounts(ledger.prefix()).get(ledger.prefix() + pdf.name())).isEqualTo(2);
        assertThat(f.writer.alreadyWritten(ledger.path(), ledger.documentId(), pdf.name())).hasValue(pdf.bytes());
    }
}
