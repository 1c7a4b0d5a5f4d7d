package ru.journalarchive.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Prints the time of one build over 100 000 manifests' hashes (rows inserted in bulk, hash column
 * filled), the S3 put of the one object and the TSA call included; goal ≤ 10 s on 2 cores. The time is
 * printed, not asserted: the machine's load is not the code's fault.
 */
class EvidenceBenchmarkTest {

    static final int DOCUMENTS = 100_000;

    final TestTsa tsa = TestTsa.fresh();
    final EvidenceFixture f = new EvidenceFixture(tsa);

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    void insert(String prefix, int count) {
        f.archive.jdbc.update("""
                INSERT INTO archived_document (document_id, kind, bucket, manifest_key, manifest_version, objects, retention_class,
                    retention_mode, retain_until, created_at, manifest_streebog256)
                SELECT ? || lpad(i::text, 6, '0'), 'journal', 'bench', ? || i || '/manifest.json', 'v1', '{}'::jsonb,
                    'journal', 'COMPLIANCE', timestamptz '2032-01-01 00:00Z' + (i % 7) * interval '1 year', now(),
                    encode(sha256((? || i)::bytea), 'hex')   -- 32 bytes, as a Streebog-256 would be
                FROM generate_series(1, ?) i""", prefix, prefix, prefix, count);
    }

    @Test
    void oneRecordOverAHundredThousandManifests() throws Exception {
        var records = f.records();
        insert("warm-", 1_000); // a daily job runs in a warm service: let the JIT see the code once
        records.buildDue();
        insert("bench-", DOCUMENTS);

        long start = System.nanoTime();
        var built = records.buildDue();
        long buildMs = (System.nanoTime() - start) / 1_000_000;

        start = System.nanoTime();
        byte[] evidence = records.evidenceFor("bench-050000").orElseThrow();
        long evidenceMs = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("evidence benchmark: buildDue over %d manifests %d ms (goal <= 10000 ms); evidenceFor one document %d ms; "
                + "object %d bytes; document's record %d bytes%n", DOCUMENTS, buildMs, evidenceMs,
                f.archive.archive.newest(EvidenceCatalogue.key(built.get(0), java.time.Instant.now(), 0)).orElseThrow().size(), evidence.length);

        assertThat(built).hasSize(1);
        assertThat(f.archive.jdbc.queryForObject("SELECT count(*) FROM evidence_coverage WHERE record_id = ?", Integer.class, built.get(0)))
                .isEqualTo(DOCUMENTS);
        var record = new ERSEvidenceRecord(evidence, EvidenceDigest.calculators());
        byte[] leaf = f.archive.jdbc.queryForObject("SELECT decode(manifest_streebog256, 'hex') FROM archived_document WHERE document_id = ?",
                byte[].class, "bench-050000");
        record.validatePresent(false, leaf, new Date()); // the precomputed leaf leads to the time-stamped root
        assertThat(f.archive.archive.lock(f.archive.archive.newest(EvidenceCatalogue.key(built.get(0), java.time.Instant.now(), 0))
                .orElseThrow()).retainUntil().getYear()).isEqualTo(2038); // the longest of the documents' retentions
    }
}
