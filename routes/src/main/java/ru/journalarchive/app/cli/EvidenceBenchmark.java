package ru.journalarchive.app.cli;

import io.minio.MinioClient;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import ru.journalarchive.signing.keys.GostAlgorithm;
import ru.journalarchive.signing.pki.TestPki;
import ru.journalarchive.signing.timestamp.TimeStampAuthority;
import ru.journalarchive.signing.timestamp.TimeStampClient;
import ru.journalarchive.storage.StorageSchema;
import ru.journalarchive.storage.archive.ArchiveBuckets;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.evidence.EvidencePolicy;
import ru.journalarchive.storage.evidence.EvidenceRecords;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.s3.Retrying;
import ru.journalarchive.storage.s3.S3Clients;
import ru.journalarchive.storage.s3.S3Settings;

/**
 * One evidence record over many archived packages' manifests, as the daily job builds it: the hash
 * tree, one time-stamp (an in-process test TSA), the put of the one locked object and the catalogue's
 * coverage rows; then one document's record as a package download reads it.
 */
@Command(name = "evidence", description = "Builds one evidence record over N catalogued manifests (PostgreSQL of DB_*, S3 of "
        + "S3_*): build time (goal ≤ 10 s for 100 000), the object's size, one document's record.")
final class EvidenceBenchmark extends CliCommand {

    @Option(names = "--documents", paramLabel = "N", description = "Catalogued packages the record covers.")
    int documents = 100_000;

    @Override
    public Integer call() throws Exception {
        PrintStream out = out();
        var settings = S3Settings.fromEnvironment();
        String url = BenchDatabases.create("bench_evidence");
        try (MinioClient s3 = S3Clients.create(settings); var ds = StorageBenchmark.pool(url)) {
            StorageSchema.migrate(ds);
            var jdbc = new JdbcTemplate(ds);
            String run = Long.toString(System.currentTimeMillis(), 36);
            var retrying = new Retrying(settings);
            String bucket = "ja-bench-evidence-" + run;
            new ArchiveBuckets(s3, retrying, "ja-bench-evidence-drafts-" + run, bucket).ensure();
            var pki = new TestPki(GostAlgorithm.GOST_2012_256, Instant.now());
            var tsa = TimeStampClient.local(new TimeStampAuthority(pki.tsa().credentials(pki.intermediate().certificate(),
                    pki.root().certificate()), Clock.systemUTC()));
            var records = new EvidenceRecords(new LockedObjects(s3, retrying, bucket), jdbc, tsa::exchange,
                    EvidencePolicy.defaults(RetentionMode.COMPLIANCE), Clock.systemUTC());
            catalogue(jdbc, "warm-", 1_000); // the daily job runs in a warm service
            records.buildDue();
            catalogue(jdbc, "bench-", documents);
            long start = System.nanoTime();
            var built = records.buildDue();
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf("one evidence record over %d manifests (hash tree, time-stamp, locked put, coverage rows): %.1f s "
                    + "(goal ≤ 10 s for 100 000) = %.0f documents/s%n", documents, seconds, documents / seconds);
            start = System.nanoTime();
            byte[] one = records.evidenceFor(String.format("bench-%06d", documents / 2)).orElseThrow();
            out.printf("record %s; one document's RFC 4998 record: %d bytes in %.2f s (the object read and its tree rebuilt once)%n",
                    built, one.length, (System.nanoTime() - start) / 1e9);
        } finally {
            BenchDatabases.drop(url);
        }
        return 0;
    }

    /** Catalogue rows as the archive writes them, each with its manifest's 32-byte hash (random stand-ins). */
    private static void catalogue(JdbcTemplate jdbc, String prefix, int count) {
        jdbc.update("""
                INSERT INTO archived_document (document_id, kind, bucket, manifest_key, manifest_version, objects, retention_class,
                    retention_mode, retain_until, created_at, manifest_streebog256)
                SELECT ? || lpad(i::text, 6, '0'), 'journal', 'bench', ? || i || '/manifest.json', 'v1', '{}'::jsonb,
                    'journal', 'COMPLIANCE', timestamptz '2032-01-01 00:00Z' + (i % 7) * interval '1 year', now(),
                    encode(sha256((? || i)::bytea), 'hex')
                FROM generate_series(1, ?) i""", prefix, prefix, prefix, count);
    }
}
