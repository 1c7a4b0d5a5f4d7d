package ru.journalarchive.app.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.MinioClient;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import ru.journalarchive.storage.StorageSchema;
import ru.journalarchive.storage.archive.ArchiveBuckets;
import ru.journalarchive.app.archive.ArchiveEvidence;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.PackageWriter;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.Catalogue;
import ru.journalarchive.storage.catalogue.CatalogueRebuild;
import ru.journalarchive.storage.catalogue.Disposal;
import ru.journalarchive.storage.catalogue.FixityAudit;
import ru.journalarchive.storage.catalogue.LegalHolds;
import ru.journalarchive.storage.drafts.Drafts;
import ru.journalarchive.storage.retention.RetentionPolicy;
import ru.journalarchive.storage.s3.Retrying;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.s3.S3Settings;

/**
 * The archive: S3 client, buckets checked for object lock at start, retention policy, catalogue,
 * and the archive's care (audited reads, fixity, legal hold, disposal, drafts).
 */
@Configuration
public class StorageConfig {

    @Bean
    public S3Settings s3Settings(JournalArchiveProperties properties) {
        var s = properties.storage();
        return new S3Settings(s.endpoint(), s.region(), s.accessKey(), s.secretKey(), Duration.ofSeconds(5), s.timeout(),
                s.attempts(), Duration.ofMillis(200));
    }

    @Bean(destroyMethod = "close")
    public MinioClient minioClient(S3Settings settings) {
        return S3Clients.create(settings);
    }

    @Bean
    public Retrying s3Retrying(S3Settings settings) {
        return new Retrying(settings);
    }

    /** Creates missing buckets and stops the start when the archive bucket has no object lock. */
    @Bean
    public ArchiveBuckets archiveBuckets(MinioClient s3, Retrying retrying, JournalArchiveProperties properties) {
        var buckets = new ArchiveBuckets(s3, retrying, properties.storage().draftsBucket(), properties.storage().archiveBucket());
        buckets.ensure();
        return buckets;
    }

    @Bean
    public LockedObjects lockedObjects(MinioClient s3, Retrying retrying, JournalArchiveProperties properties,
                                       ArchiveBuckets checked) {
        return new LockedObjects(s3, retrying, properties.storage().archiveBucket());
    }

    @Bean
    public RetentionPolicy retentionPolicy(JournalArchiveProperties properties) {
        return new RetentionPolicy(properties.storage().retentionYears(), properties.storage().retentionMode());
    }

    @Bean
    public Catalogue catalogue(DataSource dataSource, JdbcTemplate jdbc, ObjectMapper json) {
        StorageSchema.migrate(dataSource);
        return new Catalogue(jdbc, json);
    }

    @Bean
    public PackageWriter packageWriter(LockedObjects archive, Catalogue catalogue, RetentionPolicy policy, ObjectMapper json) {
        return new PackageWriter(archive, catalogue, policy, json, Clock.systemUTC());
    }

    @Bean
    public Drafts drafts(MinioClient s3, Retrying retrying, JournalArchiveProperties properties, ArchiveBuckets checked) {
        return new Drafts(s3, retrying, properties.storage().draftsBucket(), Clock.systemUTC());
    }

    @Bean
    public AuditedRetrieval auditedRetrieval(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc) {
        return new AuditedRetrieval(catalogue, archive, jdbc);
    }

    @Bean
    public FixityAudit fixityAudit(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc, ObjectMapper json) {
        return new FixityAudit(catalogue, archive, jdbc, json, Clock.systemUTC());
    }

    @Bean
    public LegalHolds legalHolds(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new LegalHolds(catalogue, archive, jdbc, transactions);
    }

    @Bean
    public Disposal disposal(Catalogue catalogue, LockedObjects archive, JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new Disposal(catalogue, archive, jdbc, transactions, Clock.systemUTC());
    }

    /**
     * Evidence records over the archived packages, time-stamped by the service's TSA; none without a TSA
     * (the packages then stay uncovered, as the status and the metric show).
     */
    @Bean
    public ArchiveEvidence archiveEvidence(LockedObjects archive, JdbcTemplate jdbc, Catalogue migrated,
            java.util.Optional<ru.journalarchive.signing.timestamp.TimeStampClient> tsa, JournalArchiveProperties properties) {
        var settings = properties.evidence();
        var digest = ru.journalarchive.storage.evidence.EvidenceDigest.STREEBOG_256;
        var policy = new ru.journalarchive.storage.evidence.EvidencePolicy(
                settings.retiredDigests().contains(digest) ? settings.renewalDigest() : digest, settings.retiredDigests(),
                settings.renewalDigest(), settings.renewalMargin(), properties.storage().retentionMode());
        ru.journalarchive.storage.evidence.ArchiveTimeStamping stamping = tsa.<ru.journalarchive.storage.evidence.ArchiveTimeStamping>map(
                client -> client::exchange).orElse(request -> {
                    throw new IllegalStateException("evidence records need a TSA: set journal-archive.signing.tsa-url");
                });
        var crls = new java.util.ArrayList<java.security.cert.X509CRL>();
        for (var file : properties.verification().crls()) {
            try {
                crls.addAll(ru.journalarchive.signing.pki.CertificateFiles.crls(java.nio.file.Files.readAllBytes(file)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the CRL " + file, e);
            }
        }
        return new ArchiveEvidence(new ru.journalarchive.storage.evidence.EvidenceRecords(archive, jdbc, stamping, policy,
                Clock.systemUTC()), tsa.isPresent(), crls);
    }

    @Bean
    public CatalogueRebuild catalogueRebuild(LockedObjects archive, Catalogue catalogue, ObjectMapper json) {
        return new CatalogueRebuild(archive, catalogue, json);
    }
}
