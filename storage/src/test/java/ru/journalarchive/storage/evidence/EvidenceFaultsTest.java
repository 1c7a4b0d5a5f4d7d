package ru.journalarchive.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.retention.RetentionMode;
import ru.journalarchive.storage.s3.S3Failure;
import ru.journalarchive.storage.testing.ArchiveFixture;

/** The process dies or S3 goes down mid-build: the next call finishes the record, once. */
class EvidenceFaultsTest {

    final TestTsa tsa = TestTsa.fresh();
    final EvidenceFixture f = new EvidenceFixture(tsa);

    @AfterEach
    void tearDown() throws Exception {
        ArchiveFixture.s3Gateway(true);
        f.close();
    }

    List<ArchivedDocument> documents(String prefix) {
        return List.of(f.store(prefix + "0"), f.store(prefix + "1"), f.store(prefix + "2"));
    }

    void finishedOnce(EvidenceRecords records, List<ArchivedDocument> docs) throws Exception {
        assertThat(f.archive.versionCounts("evidence/")).hasSize(1).allSatisfy((key, n) -> assertThat(n).isEqualTo(1));
        assertThat(f.archive.jdbc.queryForObject("SELECT count(*) FROM evidence_record WHERE state = 'DONE'", Integer.class)).isEqualTo(1);
        for (var d : docs) {
            assertThat(f.coverage(d.documentId())).isEqualTo(1);
            EvidenceFixture.verified(records.evidenceFor(d.documentId()).orElseThrow(), f.manifest(d));
        }
        assertThat(records.status().unfinishedObjects()).isZero();
    }

    @Test
    void aTsaFailureAfterThePlanLeavesARecordThatTheNextCallFinishes() throws Exception {
        var docs = documents("tsa");
        var records = f.records();
        tsa.failNext.set(1);

        assertThatThrownBy(records::buildDue).hasMessageContaining("TSA unreachable");
        assertThat(records.status().unfinishedObjects()).isEqualTo(1);
        assertThat(records.status().uncoveredDocuments()).isZero(); // the plan was committed before the failure
        assertThat(f.archive.versionCounts("evidence/")).isEmpty();

        assertThat(records.buildDue()).hasSize(1);
        finishedOnce(records, docs);
    }

    @Test
    void aDeathBetweenThePutAndTheCatalogueIsAdoptedWithoutASecondVersionOrTimeStamp() throws Exception {
        var docs = documents("put");
        var dying = f.records();
        dying.afterPut = () -> {
            throw new IllegalStateException("killed after the put (test)");
        };
        assertThatThrownBy(dying::buildDue).hasMessageContaining("killed");
        assertThat(f.archive.versionCounts("evidence/")).hasSize(1);
        assertThat(tsa.answered).hasValue(1);

        var next = f.records();
        assertThat(next.buildDue()).hasSize(1);
        assertThat(tsa.answered).hasValue(1); // adopted: the stored object's time-stamp, not a new one
        finishedOnce(next, docs);
    }

    @Test
    void aDeathAfterThePlanIsFinishedByTheNextCall() throws Exception {
        var docs = documents("plan");
        var records = f.records();
        assertThat(records.plan()).isPresent();
        assertThat(f.archive.versionCounts("evidence/")).isEmpty();

        assertThat(records.buildDue()).hasSize(1);
        finishedOnce(records, docs);
    }

    @Test
    void anS3OutageDuringTheBuildIsFinishedOnceTheGatewayIsBack() throws Exception {
        var docs = documents("outage");
        var impatient = f.records(EvidencePolicy.defaults(RetentionMode.COMPLIANCE),
                new LockedObjects(f.archive.s3, f.archive.retrying(3, Duration.ofMillis(100)), f.archive.bucket));
        ArchiveFixture.s3Gateway(false);
        assertThatThrownBy(impatient::buildDue).isInstanceOf(S3Failure.class);
        ArchiveFixture.s3Gateway(true);
        assertThat(impatient.status().unfinishedObjects()).isEqualTo(1);

        var records = f.records();
        assertThat(records.buildDue()).hasSize(1);
        finishedOnce(records, docs);
    }

    @Test
    void anS3OutageBetweenTheTimeStampAndThePutIsFinishedWithOneVersion() throws Exception {
        var docs = documents("midput");
        var impatient = f.records(EvidencePolicy.defaults(RetentionMode.COMPLIANCE),
                new LockedObjects(f.archive.s3, f.archive.retrying(3, Duration.ofMillis(100)), f.archive.bucket));
        f.tsa.to = request -> {
            try {
                ArchiveFixture.s3Gateway(false); // the gateway dies while the TSA answers
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return tsa.stamp(request);
        };
        assertThatThrownBy(impatient::buildDue).isInstanceOf(S3Failure.class);
        ArchiveFixture.s3Gateway(true);
        f.tsa.to = tsa;

        var records = f.records();
        assertThat(records.buildDue()).hasSize(1);
        finishedOnce(records, docs);
    }
}
