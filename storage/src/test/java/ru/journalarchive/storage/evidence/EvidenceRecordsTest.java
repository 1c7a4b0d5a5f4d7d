package ru.journalarchive.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.journalarchive.storage.archive.StoredVersion;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.retention.RetentionMode;

/** Evidence records built over packages on the real S3 server, catalogued in PostgreSQL, time-stamped by the real test TSA. */
class EvidenceRecordsTest {

    final TestTsa tsa = TestTsa.fresh();
    final EvidenceFixture f = new EvidenceFixture(tsa);

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void oneLockedRecordCoversEveryNewDocumentOnceAndProvesItsManifest() throws Exception {
        var records = f.records();
        var documents = new ArrayList<ArchivedDocument>();
        for (int i = 0; i < 5; i++) documents.add(f.store("doc" + i));
        assertThat(records.status()).isEqualTo(new EvidenceStatus(5, 0, null, null));

        var built = records.buildDue();

        assertThat(built).hasSize(1);
        assertThat(tsa.answered).hasValue(1);
        var versions = f.archive.versionCounts("evidence/");
        assertThat(versions).hasSize(1).allSatisfy((key, n) -> assertThat(n).isEqualTo(1));
        String key = versions.keySet().iterator().next();
        assertThat(key).isEqualTo("evidence/" + LocalDate.now().getYear() + "/" + built.get(0) + ".ers");
        var object = f.archive.archive.newest(key).orElseThrow();
        var lock = f.archive.archive.lock(object);
        assertThat(lock.mode()).isEqualTo(RetentionMode.COMPLIANCE);
        assertThat(lock.retainUntil().toLocalDate()).isEqualTo(LocalDate.of(2052, 1, 1)); // the ledgers' 25 years
        for (var d : documents) assertThat(f.coverage(d.documentId())).as(d.documentId()).isEqualTo(1);
        assertThat(records.status().uncoveredDocuments()).isZero();
        assertThat(records.status().nearestRecordId()).isEqualTo(built.get(0));

        var doc = documents.get(2);
        byte[] manifest = f.manifest(doc);
        byte[] evidence = records.evidenceFor(doc.documentId()).orElseThrow();
        EvidenceFixture.verified(evidence, manifest);
        byte[] changed = manifest.clone();
        changed[changed.length / 2] ^= 1;
        var record = new org.bouncycastle.tsp.ers.ERSEvidenceRecord(evidence, EvidenceDigest.calculators());
        assertThatThrownBy(() -> record.validatePresent(new ERSByteData(changed), new Date())).isInstanceOf(ERSException.class);
        // another document's manifest is not proved by this document's record
        assertThat(record.isContaining(new ERSByteData(f.manifest(documents.get(3))), new Date())).isFalse();

        assertThat(records.buildDue()).isEmpty();
        assertThat(f.archive.versionCounts("evidence/")).isEqualTo(versions);
        assertThat(tsa.answered).hasValue(1);

        var later = List.of(f.store("later0"), f.store("later1"));
        var second = records.buildDue();
        assertThat(second).hasSize(1).doesNotContain(built.get(0));
        assertThat(f.archive.jdbc.queryForList("SELECT document_id FROM evidence_coverage WHERE record_id = ?", String.class, second.get(0)))
                .containsExactlyInAnyOrderElementsOf(later.stream().map(ArchivedDocument::documentId).toList());
        EvidenceFixture.verified(records.evidenceFor(later.get(1).documentId()).orElseThrow(), f.manifest(later.get(1)));
        assertThat(records.evidenceFor("no-such-document")).isEmpty();
    }

    @Test
    void olderRowsWithoutAManifestHashAreHashedFromTheBucketOnce() throws Exception {
        var doc = f.store("old");
        f.archive.jdbc.update("UPDATE archived_document SET manifest_streebog256 = NULL WHERE document_id = ?", doc.documentId());

        var records = f.records();
        assertThat(records.buildDue()).hasSize(1);

        assertThat(f.archive.jdbc.queryForObject("SELECT manifest_streebog256 FROM archived_document WHERE document_id = ?", String.class,
                doc.documentId())).isEqualTo(ru.journalarchive.storage.archive.ObjectHashes.streebog256(f.manifest(doc)));
        EvidenceFixture.verified(records.evidenceFor(doc.documentId()).orElseThrow(), f.manifest(doc));
    }

    @Test
    void twoConcurrentCallersBuildOneRecordAndCoverEachDocumentOnce() throws Exception {
        for (int i = 0; i < 20; i++) f.store("c" + i);
        var a = f.records();
        var b = f.records();
        var first = java.util.concurrent.CompletableFuture.supplyAsync(a::buildDue);
        var second = java.util.concurrent.CompletableFuture.supplyAsync(b::buildDue);
        var all = new ArrayList<>(first.get());
        all.addAll(second.get());

        assertThat(all).hasSize(1);
        assertThat(f.archive.jdbc.queryForObject("SELECT count(*) FROM evidence_record", Integer.class)).isEqualTo(1);
        assertThat(f.archive.jdbc.queryForObject("SELECT count(DISTINCT document_id) FROM evidence_coverage", Integer.class)).isEqualTo(20);
        assertThat(f.archive.versionCounts("evidence/")).hasSize(1).allSatisfy((key, n) -> assertThat(n).isEqualTo(1));
    }
}
