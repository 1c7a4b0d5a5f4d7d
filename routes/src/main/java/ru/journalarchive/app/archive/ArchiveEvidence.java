package ru.journalarchive.app.archive;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import ru.journalarchive.storage.evidence.EvidenceRecords;
import ru.journalarchive.storage.evidence.EvidenceStatus;

/**
 * The archive's evidence records as the service uses them: the daily record and the renewals due
 * (only with a TSA to stamp them), a document's record for its package and its verification, and
 * the status for the health check, the metric and the CLI.
 */
public final class ArchiveEvidence {

    /** What one round of care did: the records built and the records renewed. */
    public record Round(List<String> built, List<String> renewed) {}

    private final EvidenceRecords records;
    private final boolean stamping;
    private final List<X509CRL> crls;

    /**
     * @param stamping whether a TSA is configured (without one nothing is built and documents stay uncovered)
     * @param crls     the CRLs the service trusts: a TSA certificate they revoke has its records renewed at once
     */
    public ArchiveEvidence(EvidenceRecords records, boolean stamping, List<X509CRL> crls) {
        this.records = records;
        this.stamping = stamping;
        this.crls = List.copyOf(crls);
    }

    public boolean stamping() {
        return stamping;
    }

    /** Builds the record due (the packages archived since the last) and the renewals due at {@code now}. */
    public Round care(Instant now) {
        if (!stamping) return new Round(List.of(), List.of());
        return new Round(records.buildDue(), records.renewDue(now, crls));
    }

    /** The document's RFC 4998 evidence record over its manifest.json, renewals included; empty while not covered. */
    public Optional<byte[]> evidenceFor(String documentId) {
        return records.evidenceFor(documentId);
    }

    public EvidenceStatus status() {
        return records.status();
    }
}
