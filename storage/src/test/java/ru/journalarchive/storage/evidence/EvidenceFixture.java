package ru.journalarchive.storage.evidence;

import java.time.Clock;
import java.util.Date;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.ers.ERSByteData;
import org.bouncycastle.tsp.ers.ERSEvidenceRecord;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.StoredVersion;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.testing.ArchiveFixture;

/** An archive fixture with evidence records time-stamped by a switchable test TSA. */
final class EvidenceFixture implements AutoCloseable {

    final ArchiveFixture archive = new ArchiveFixture();
    final TestTsa.Switch tsa;

    EvidenceFixture(TestTsa first) {
        tsa = new TestTsa.Switch(first);
    }

    EvidenceRecords records() {
        return records(EvidencePolicy.defaults(RetentionMode.COMPLIANCE), archive.archive);
    }

    EvidenceRecords records(EvidencePolicy policy, LockedObjects objects) {
        return new EvidenceRecords(objects, archive.jdbc, tsa, policy, Clock.systemUTC());
    }

    ArchivedDocument store(String id) {
        return archive.writer.store(archive.ledger(id + "-" + archive.run));
    }

    byte[] manifest(ArchivedDocument d) {
        return archive.archive.read(new StoredVersion(d.manifestKey(), d.manifestVersion(), 0));
    }

    int coverage(String documentId) {
        return archive.jdbc.queryForObject("SELECT count(*) FROM evidence_coverage WHERE document_id = ?", Integer.class, documentId);
    }

    /** BouncyCastle's own check: the record proves these bytes, and its newest time-stamp's signature holds. */
    static ERSEvidenceRecord verified(byte[] evidence, byte[] data) throws Exception {
        var record = new ERSEvidenceRecord(evidence, EvidenceDigest.calculators());
        record.validatePresent(new ERSByteData(data), new Date());
        record.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(EvidenceDigest.provider())
                .build(record.getSigningCertificate()));
        return record;
    }

    @Override
    public void close() throws Exception {
        archive.close();
    }
}
