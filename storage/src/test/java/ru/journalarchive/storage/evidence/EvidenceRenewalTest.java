package ru.journalarchive.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.tsp.EvidenceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.journalarchive.storage.retention.RetentionMode;

/** Renewals as new locked objects: TSA A about to expire, TSA B and C new; revocation; a retired digest. */
class EvidenceRenewalTest {

    final TestTsa a = TestTsa.expiringIn(Duration.ofDays(100));
    final TestTsa b = TestTsa.fresh();
    final TestTsa c = TestTsa.fresh();
    final EvidenceFixture f = new EvidenceFixture(a);

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    static int chains(byte[] evidence) {
        return EvidenceRecord.getInstance(evidence).getArchiveTimeStampSequence().size();
    }

    static int stampsInLastChain(byte[] evidence) {
        var chains = EvidenceRecord.getInstance(evidence).getArchiveTimeStampSequence().getArchiveTimeStampChains();
        return chains[chains.length - 1].getArchiveTimestamps().length;
    }

    @Test
    void aTimeStampWhoseTsaCertificateExpiresWithinTheMarginIsRenewedByAnotherTsaAndNothingLockedIsTouched() throws Exception {
        var records = f.records();
        var early = f.store("early");
        String expiring = records.buildDue().get(0);
        f.tsa.to = b;
        var late = f.store("late");
        String fresh = records.buildDue().get(0);
        var firstKey = "evidence/" + java.time.LocalDate.now().getYear() + "/" + expiring + ".ers";
        var before = f.archive.archive.newest(firstKey).orElseThrow();
        byte[] bytesBefore = f.archive.archive.read(before);
        assertThat(records.status().nearestRecordId()).isEqualTo(expiring);

        f.tsa.to = c;
        var renewed = records.renewDue(Instant.now());

        assertThat(renewed).containsExactly(expiring);
        assertThat(c.answered).hasValue(1);
        var versions = f.archive.versionCounts("evidence/");
        assertThat(versions).containsOnlyKeys(firstKey, firstKey.replace(".ers", ".r1.ers"),
                firstKey.replace(expiring, fresh)).allSatisfy((key, n) -> assertThat(n).isEqualTo(1));
        var after = f.archive.archive.newest(firstKey).orElseThrow();
        assertThat(after.versionId()).isEqualTo(before.versionId());
        assertThat(f.archive.archive.read(after)).isEqualTo(bytesBefore);
        assertThat(f.archive.archive.lock(f.archive.archive.newest(firstKey.replace(".ers", ".r1.ers")).orElseThrow()).retainUntil())
                .isEqualTo(f.archive.archive.lock(after).retainUntil());

        byte[] evidence = records.evidenceFor(early.documentId()).orElseThrow();
        assertThat(stampsInLastChain(evidence)).isEqualTo(2);
        var verified = EvidenceFixture.verified(evidence, f.manifest(early));
        assertThat(verified.getSigningCertificate().getSubject()).isEqualTo(
                new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(c.pki.tsa().certificate()).getSubject());
        assertThat(verified.getSigningCertificate().getSerialNumber()).isEqualTo(c.pki.tsa().certificate().getSerialNumber());
        assertThat(stampsInLastChain(records.evidenceFor(late.documentId()).orElseThrow())).isEqualTo(1);
        // the renewed deadline follows TSA C's ten years, so the nearest deadline now belongs to another record or is far
        assertThat(records.status().nearestRenewalDeadline()).isAfter(Instant.now().plus(Duration.ofDays(3000)));

        assertThat(records.renewDue(Instant.now())).isEmpty();
        assertThat(f.archive.versionCounts("evidence/")).isEqualTo(versions);
    }

    @Test
    void aRevokedTsaCertificateForcesARenewalAtOnce() throws Exception {
        f.tsa.to = b;
        var records = f.records();
        var doc = f.store("revoked");
        String id = records.buildDue().get(0);
        assertThat(records.renewDue(Instant.now())).isEmpty();

        var now = Instant.now();
        var crl = b.pki.crl(now.minusSeconds(60), now.plus(Duration.ofDays(7)), Map.of(b.pki.tsa().certificate(), now.minusSeconds(30)));
        var unrelated = c.pki.crl(now.minusSeconds(60), now.plus(Duration.ofDays(7)), Map.of(c.pki.tsa().certificate(), now.minusSeconds(30)));
        assertThat(records.renewDue(now, List.of(unrelated))).isEmpty();
        f.tsa.to = c;
        assertThat(records.renewDue(now, List.of(crl))).containsExactly(id);

        byte[] evidence = records.evidenceFor(doc.documentId()).orElseThrow();
        assertThat(stampsInLastChain(evidence)).isEqualTo(2);
        EvidenceFixture.verified(evidence, f.manifest(doc));
        assertThat(records.renewDue(now, List.of(crl))).isEmpty(); // the newest time-stamp is C's now
    }

    @Test
    void recordsBuiltAfterTheirDigestIsRetiredHashTheManifestsWithTheNewDigest() throws Exception {
        f.tsa.to = b;
        var retiring = f.records(EvidencePolicy.defaults(RetentionMode.COMPLIANCE)
                .retiring(EvidenceDigest.STREEBOG_256, EvidenceDigest.STREEBOG_512), f.archive.archive);
        var alone = f.store("n0"); // a record over one package: its root is the leaf itself
        assertThat(retiring.buildDue()).hasSize(1);
        var together = List.of(f.store("n1"), f.store("n2"));
        assertThat(retiring.buildDue()).hasSize(1);

        for (var d : List.of(alone, together.get(0), together.get(1))) {
            byte[] evidence = retiring.evidenceFor(d.documentId()).orElseThrow();
            var stamp = EvidenceRecord.getInstance(evidence).getArchiveTimeStampSequence().getArchiveTimeStampChains()[0]
                    .getArchiveTimestamps()[0];
            assertThat(stamp.getDigestAlgorithmIdentifier().getAlgorithm()).isEqualTo(EvidenceDigest.STREEBOG_512.oid());
            EvidenceFixture.verified(evidence, f.manifest(d));
        }
    }

    @Test
    void aRetiredDigestGivesAHashTreeRenewalInANewChain() throws Exception {
        f.tsa.to = b;
        var docs = List.of(f.store("h0"), f.store("h1"), f.store("h2"));
        String id = f.records().buildDue().get(0);

        var retiring = f.records(EvidencePolicy.defaults(RetentionMode.COMPLIANCE)
                .retiring(EvidenceDigest.STREEBOG_256, EvidenceDigest.STREEBOG_512), f.archive.archive);
        assertThat(retiring.renewDue(Instant.now())).containsExactly(id);

        for (var d : docs) {
            byte[] evidence = retiring.evidenceFor(d.documentId()).orElseThrow();
            assertThat(chains(evidence)).isEqualTo(2);
            var record = EvidenceRecord.getInstance(evidence);
            var last = record.getArchiveTimeStampSequence().getArchiveTimeStampChains()[1].getArchiveTimestamps()[0];
            assertThat(last.getDigestAlgorithmIdentifier().getAlgorithm()).isEqualTo(EvidenceDigest.STREEBOG_512.oid());
            EvidenceFixture.verified(evidence, f.manifest(d));
        }
        assertThat(f.archive.jdbc.queryForObject("SELECT digest_algorithm FROM evidence_record WHERE id = ?", String.class, id))
                .isEqualTo("STREEBOG_512");
        assertThat(retiring.renewDue(Instant.now())).isEmpty();
    }

    @Test
    void aRenewalInterruptedByTheTsaIsFinishedByTheNextCallWithOneNewObject() throws Exception {
        var records = f.records();
        var doc = f.store("interrupted");
        String id = records.buildDue().get(0);
        f.tsa.to = b;
        b.failNext.set(1);

        assertThatThrownBy(() -> records.renewDue(Instant.now())).hasMessageContaining("TSA unreachable");
        assertThat(records.status().unfinishedObjects()).isEqualTo(1);
        assertThat(stampsInLastChain(records.evidenceFor(doc.documentId()).orElseThrow())).isEqualTo(1); // still the stored one

        assertThat(records.renewDue(Instant.now())).containsExactly(id);
        assertThat(f.archive.versionCounts("evidence/")).hasSize(2).allSatisfy((key, n) -> assertThat(n).isEqualTo(1));
        byte[] evidence = records.evidenceFor(doc.documentId()).orElseThrow();
        assertThat(stampsInLastChain(evidence)).isEqualTo(2);
        EvidenceFixture.verified(evidence, f.manifest(doc));
        assertThat(f.archive.jdbc.queryForObject("SELECT count(*) FROM evidence_object WHERE record_id = ?", Integer.class, id)).isEqualTo(2);
    }

    @Test
    void aHashTreeRenewalLeavesOutADisposedDocumentAndALaterTimeStampRenewalStillWorks() throws Exception {
        f.tsa.to = b;
        var kept = f.store("kept");
        var gone = f.store("gone");
        String id = f.records().buildDue().get(0);
        f.archive.jdbc.update("INSERT INTO disposal_act (id, as_of, prepared_at, prepared_by, act_pdf, act_sha256, status) "
                + "VALUES (1, now(), now(), 'test', '\\x00', '00', 'CONFIRMED')");
        f.archive.jdbc.update("UPDATE archived_document SET disposed_by_act = 1 WHERE document_id = ?", gone.documentId());

        var retiring = f.records(EvidencePolicy.defaults(RetentionMode.COMPLIANCE)
                .retiring(EvidenceDigest.STREEBOG_256, EvidenceDigest.STREEBOG_512), f.archive.archive);
        assertThat(retiring.renewDue(Instant.now())).containsExactly(id);
        assertThat(chains(retiring.evidenceFor(kept.documentId()).orElseThrow())).isEqualTo(2);
        assertThat(retiring.evidenceFor(gone.documentId())).isEmpty();

        var crl = b.pki.crl(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7)),
                Map.of(b.pki.tsa().certificate(), Instant.now().minusSeconds(30)));
        f.tsa.to = c;
        assertThat(retiring.renewDue(Instant.now(), List.of(crl))).containsExactly(id);
        byte[] evidence = retiring.evidenceFor(kept.documentId()).orElseThrow();
        assertThat(stampsInLastChain(evidence)).isEqualTo(2);
        EvidenceFixture.verified(evidence, f.manifest(kept));

        // once everything it covers is disposed of, a record is not renewed any more, however late it is
        f.archive.jdbc.update("UPDATE archived_document SET disposed_by_act = 1 WHERE document_id = ?", kept.documentId());
        assertThat(retiring.renewDue(Instant.now().plus(Duration.ofDays(36_500)))).isEmpty();
        assertThat(retiring.status().nearestRecordId()).isNull();
    }
}
